"""The fast path of `congvu simulate`: a sample of items run through the real actions, then copied in
bulk until the history holds N items, every copy's trail re-chained exactly as `congvu.work.trail`
chains it.

Why copies of a real sample and not rows invented here: the sample is what congvu itself writes (every
state, consultations and their deemed agreements, refusals, overrides, extensions, transfers, returns,
steps, notices, responsibilities), so the copies are too, and no second description of what an
action writes has to be kept in step with the actions. What changes in a copy c (1 … K-1):

- every primary key (id + c × the sample's highest id) and every reference to a copied row, in the
  columns and in the events' data (a copy's transfer names the copy's new item);
- the register numbers: number + c × the register's last number that year, so each unit's register
  stays unique; the copies keep their originals' dates, which keeps every deadline on the official
  calendar (a date shifted by some days could fall on a holiday);
- the hash chain: each event's content names its item, so every link is computed again with the
  trail's own `event_content` and `link` (where only the item id differs, the canonical text is
  reused around it: checked against `link` on the first event).

One copy is one transaction, with one `executemany` per table (psycopg pipelines it on PostgreSQL)."""

import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction

from congvu.lib.hashchain import GENESIS, canonical, link
from congvu.work.models import Event, EventKind, IncomingDocument, NumberSeries, WorkItem
from congvu.work.trail import event_content

ITEM, EVENT = "work.WorkItem", "work.Event"
# Register numbers (model → numbered column, series of `NumberSeries`).
NUMBERED = {"work.IncomingDocument": ("incoming_number", "den"), "consult.Notice": ("number", "di")}
# Ids named in events' data (key → the model they name): a copy's event names the copy's rows.
DATA_LINKS = {"transferred_from": ITEM, "new_item": ITEM, "request": "consult.ConsultationRequest",
              "consultation": "consult.Consultation"}
# …except in the extension events, whose "request" is the extension request.
EXTENSION_KINDS = {EventKind.EXTEND, EventKind.EXTENSION_REQUEST, EventKind.EXTENSION_REFUSED}
# A marker for the item id inside an event's canonical text (no event content contains it).
ITEM_MARK = 7_391_846_290_553


@dataclass(frozen=True)
class Table:
    model: type[models.Model]
    label: str
    columns: tuple[str, ...]  # attnames, the primary key first
    links: dict[int, str]  # column position → label of the copied model it points to
    rows: list[tuple]  # the sample's rows as Python values
    prepared: list[list]  # the same, adapted for the database once


def copied_models() -> list[type[models.Model]]:
    """The work item, its incoming document and every model that points, directly or through another
    copied row, at an item (the closure of foreign keys towards WorkItem), in insertion order."""
    chosen = {WorkItem, IncomingDocument}
    candidates = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]
    grew = True
    while grew:
        grew = False
        for model in candidates:
            if model not in chosen and any(f.related_model in chosen - {IncomingDocument} for f in _keys(model)):
                chosen.add(model)
                grew = True
    ordered: list[type[models.Model]] = []
    while len(ordered) < len(chosen):
        for model in sorted(chosen - set(ordered), key=lambda m: m._meta.label):
            if all(f.related_model in ordered or f.related_model not in chosen or f.related_model is model
                   for f in _keys(model)):
                ordered.append(model)
    return ordered


def _keys(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.is_relation and f.related_model is not None]


def load(model: type[models.Model], chosen: set) -> Table:
    fields = [model._meta.pk, *[f for f in model._meta.concrete_fields if not f.primary_key]]
    links = {i: f.related_model._meta.label for i, f in enumerate(fields)
             if f.is_relation and f.related_model in chosen}
    columns = tuple(f.attname for f in fields)
    rows = list(model._default_manager.order_by("pk").values_list(*columns))
    prepared = [[f.get_db_prep_save(v, connection) for f, v in zip(fields, row, strict=True)] for row in rows]
    return Table(model, model._meta.label, columns, links, rows, prepared)


@dataclass
class Replicated:
    sample: int
    copies: int
    items: int
    events: int
    rows: dict[str, int] = field(default_factory=dict)


class Copier:
    """Makes copy c of every table of the sample."""

    def __init__(self, tables: list[Table], copies: int):
        self.tables, self.copies = tables, copies
        self.spans = {t.label: max((row[0] for row in t.rows), default=0) for t in tables}
        self.last = {(unit, year, series): last for unit, year, series, last in
                     NumberSeries.objects.values_list("unit_id", "year", "series", "last")}
        by_label = {t.label: t for t in tables}
        self.events = by_label.get(EVENT)
        self.item_register = self._item_registers(by_label)
        if self.events and self.events.rows:
            self.at = {name: i for i, name in enumerate(self.events.columns)}
            self.halves = [self._halves(row) for row in self.events.rows]
            self._check(self.events.rows[0], self.halves[0])

    def _item_registers(self, by_label: dict[str, Table]) -> dict[int, tuple[int, int]]:
        """item id → (unit, year) of its incoming document's register (for the numbers in its events)."""
        documents = {row[0]: (row[1], row[2]) for row in
                     IncomingDocument.objects.values_list("id", "unit_id", "year")}
        return {pk: documents[doc] for pk, doc in WorkItem.objects.values_list("id", "incoming_id") if doc}

    def moved(self, pk: int | None, label: str, c: int) -> int | None:
        return None if pk is None else pk + c * self.spans.get(label, 0)

    def number(self, n: int | None, unit: int, year: int, series: str, c: int) -> int | None:
        return None if n is None else n + c * self.last.get((unit, year, series), n)

    def rows(self, table: Table, c: int, heads: dict[int, tuple[int, str]]) -> list[list]:
        if table.label == EVENT:
            return self.event_rows(c, heads)
        numbered = NUMBERED.get(table.label)
        if numbered:
            n_at, unit_at, year_at = (table.columns.index(x) for x in (numbered[0], "unit_id", "year"))
        out = []
        for row, values in zip(table.rows, table.prepared, strict=True):
            copy = list(values)
            copy[0] = self.moved(row[0], table.label, c)
            for i, label in table.links.items():
                copy[i] = self.moved(row[i], label, c)
            if numbered:
                copy[n_at] = self.number(row[n_at], row[unit_at], row[year_at], numbered[1], c)
            out.append(copy)
        if table.label == ITEM:
            self._with_heads(table, out, heads)
        return out

    def _with_heads(self, table: Table, rows: list[list], heads: dict[int, tuple[int, str]]) -> None:
        count_at, hash_at, sealed_at = (table.columns.index(x) for x in ("event_count", "last_hash", "sealed_count"))
        for row in rows:
            row[count_at], row[hash_at] = heads.get(row[0], (0, ""))
            row[sealed_at] = 0  # the next `congvu audit seal` seals the copies

    def event_rows(self, c: int, heads: dict[int, tuple[int, str]]) -> list[list]:
        """Copy c of the events, each copied item's chain linked again from the genesis."""
        at, out = self.at, []
        for row, values, halves in zip(self.events.rows, self.events.prepared, self.halves, strict=True):
            item = self.moved(row[at["item_id"]], ITEM, c)
            prev = heads[item][1] if item in heads else GENESIS
            if halves is None:  # its data names copied rows: the whole content again
                data = self._data(row, c)
                digest = link(prev, self._content(row, item, data))
                data_value = self.events.model._meta.get_field("data").get_db_prep_save(data, connection)
            else:
                digest = hashlib.sha256(prev.encode() + halves[0] + str(item).encode() + halves[1]).hexdigest()
                data_value = values[at["data"]]
            heads[item] = (row[at["seq"]], digest)
            copy = list(values)
            copy[0] = self.moved(row[0], EVENT, c)
            for i, label in self.events.links.items():
                copy[i] = self.moved(row[i], label, c)
            copy[at["data"]], copy[at["prev_hash"]], copy[at["hash"]] = data_value, prev, digest
            out.append(copy)
        return out

    def _data(self, row: tuple, c: int) -> dict:
        data = dict(row[self.at["data"]])
        for key, label in DATA_LINKS.items():
            if key == "request" and row[self.at["kind"]] in EXTENSION_KINDS:
                label = "work.ExtensionRequest"
            if isinstance(data.get(key), int):
                data[key] = self.moved(data[key], label, c)
        if isinstance(data.get("incoming_number"), int):
            unit, year = self.item_register[row[self.at["item_id"]]]
            data["incoming_number"] = self.number(data["incoming_number"], unit, year, "den", c)
        return data

    def _content(self, row: tuple, item: int, data: dict) -> dict:
        at = self.at
        return event_content(
            item_id=item, seq=row[at["seq"]], kind=row[at["kind"]], outcome=row[at["outcome"]],
            rule_code=row[at["rule_code"]], actor_id=row[at["actor_id"]], unit_id=row[at["unit_id"]],
            at=row[at["at"]], data=data)

    def _halves(self, row: tuple) -> tuple[bytes, bytes] | None:
        """The canonical text split around the item id, or None when the data must change as well."""
        data = row[self.at["data"]]
        if any(isinstance(data.get(key), int) for key in [*DATA_LINKS, "incoming_number"]):
            return None
        before, after = canonical(self._content(row, ITEM_MARK, data)).split(str(ITEM_MARK).encode())
        return before, after

    def _check(self, row: tuple, halves: tuple[bytes, bytes] | None) -> None:
        """Spliced or not, the link must be the trail's own (it is what `verify` recomputes)."""
        at = self.at
        content = self._content(row, row[at["item_id"]], row[at["data"]])
        if link(row[at["prev_hash"]], content) != row[at["hash"]]:
            raise RuntimeError("the sample's first event does not verify: copy a verified history only")
        if halves and hashlib.sha256(row[at["prev_hash"]].encode() + halves[0] + str(row[at["item_id"]]).encode()
                                     + halves[1]).hexdigest() != row[at["hash"]]:
            raise RuntimeError("the copied chain would not be the trail's: canonical text changed shape")


def replicate(target_items: int, progress: Callable[[int], None] | None = None) -> Replicated:
    """Copy every item present (the sample) and its rows until at least `target_items` items exist:
    a whole number of copies of the sample (N rounded up)."""
    sample = WorkItem.objects.count()
    copies = max(1, math.ceil(target_items / max(1, sample)))
    ordered = copied_models()
    chosen = set(ordered)
    tables = [t for t in (load(m, chosen) for m in ordered) if t.rows]
    # Events first: their chains give the items' heads, inserted with the items in one transaction.
    tables.sort(key=lambda t: t.label != EVENT)
    copier = Copier(tables, copies)
    written = dict.fromkeys((t.label for t in tables), 0)
    for c in range(1, copies):
        heads: dict[int, tuple[int, str]] = {}
        batches = {t.label: copier.rows(t, c, heads) for t in tables}
        with transaction.atomic(), connection.cursor() as cursor:
            for model in ordered:
                if model._meta.label in batches:
                    _insert(cursor, model, batches[model._meta.label])
                    written[model._meta.label] += len(batches[model._meta.label])
        if progress:
            progress(sample * (c + 1))
    _after_copies(ordered, copies)
    return Replicated(sample, copies, sample * copies, Event.objects.count(), written)


def _insert(cursor, model: type[models.Model], rows: list[list]) -> None:
    fields = [model._meta.pk, *[f for f in model._meta.concrete_fields if not f.primary_key]]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    # Names from the models, values as parameters.
    cursor.executemany(f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})", rows)  # noqa: S608


def _after_copies(ordered: list[type[models.Model]], copies: int) -> None:
    """Sequences past the copied ids; each register's last number past the copies' numbers."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), ordered):
            cursor.execute(sql)
    for series in NumberSeries.objects.filter(series__in=[s for _c, s in NUMBERED.values()]):
        series.last *= copies
        series.save(update_fields=["last"])
