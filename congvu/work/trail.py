"""The tamper-evident trail: append an event to an item's hash chain, seal the chain heads, verify.

Each item carries its own chain (no global lock: two items never wait for each other). A periodic
seal hashes the heads that moved since the previous seal together with that seal's hash, so a
tail cut off a chain, or a chain head rewritten to match, is still caught."""

import multiprocessing
from collections import namedtuple
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from hashlib import sha256
from json import JSONDecoder
from json import dumps as json_dumps
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Max, Min

from congvu.lib import clock, fastsql
from congvu.lib.hashchain import GENESIS, canonical_writer, link
from congvu.org.models import Official, Unit
from congvu.registry.snapshot import UnitFact
from congvu.work.models import Event, Outcome, Seal, WorkItem


def event_content(*, item_id: int, seq: int, kind: str, outcome: str, rule_code: str,
                  actor_id: int | None, unit_id: int | None, at: datetime, data: dict) -> dict[str, Any]:
    return {
        "item": item_id, "seq": seq, "kind": kind, "outcome": outcome, "rule": rule_code,
        "actor": actor_id, "unit": unit_id, "at": at.astimezone(UTC).isoformat(), "data": data,
    }


def _next_link(item: WorkItem, kind: str, actor_id: int | None, unit_id: int | None, data: dict, outcome: str,
               rule_code: str) -> tuple[int, datetime, str, str]:
    """The next link of `item`'s chain: (seq, at, prev_hash, hash). Moves the item's chain head; the
    caller saves `event_count` and `last_hash` with the item."""
    at = clock.now()
    seq = item.event_count + 1
    content = event_content(item_id=item.pk, seq=seq, kind=kind, outcome=outcome, rule_code=rule_code,
                            actor_id=actor_id, unit_id=unit_id, at=at, data=data)
    prev = item.last_hash or GENESIS
    digest = link(prev, content)
    item.event_count, item.last_hash = seq, digest
    return seq, at, prev, digest


def chain_event(
    item: WorkItem, kind: str, *, actor: Official | None, unit: Unit | UnitFact | None, data: dict | None = None,
    outcome: str = Outcome.DONE, rule_code: str = "",
) -> Event:
    """The next event of `item`'s chain, linked but not yet saved (the sweep saves many at once).
    Moves the item's chain head; the caller saves `event_count` and `last_hash` with the item."""
    data = data or {}
    unit_id = unit.pk if unit else None
    seq, at, prev, digest = _next_link(item, kind, actor.pk if actor else None, unit_id, data, outcome, rule_code)
    return Event(  # the unit by id: it may be the registry snapshot's frozen fact, not a model instance
        item=item, seq=seq, kind=kind, outcome=outcome, rule_code=rule_code, actor=actor,
        unit_id=unit_id, at=at, data=data, prev_hash=prev, hash=digest,
    )


def append_event(
    item: WorkItem, kind: str, *, actor: Official | None, unit: Unit | UnitFact | None, data: dict | None = None,
    outcome: str = Outcome.DONE, rule_code: str = "",
) -> None:
    """Append one event to `item`'s chain. The caller holds the item's row lock and saves
    `event_count` and `last_hash` with its own update of the item. The row is written from its values,
    with no `Event` instance: every action appends one, and building the instance and reading its id
    back cost more than preparing the eleven values (`congvu bench`, cProfile)."""
    fastsql.insert_rows(Event, EVENT_ROW, [_event_row(item, kind, actor, unit, data, outcome, rule_code)])


def append_event_and_save(
    item: WorkItem, kind: str, *, fields: tuple[str, ...], actor: Official | None, unit: Unit | UnitFact | None,
    data: dict | None = None, outcome: str = Outcome.DONE, rule_code: str = "",
) -> None:
    """`append_event`, then the item's `fields` saved with its chain head, as an action's last write:
    on PostgreSQL one statement (one round trip, not two; `fastsql.insert_row_and_update`)."""
    row = _event_row(item, kind, actor, unit, data, outcome, rule_code)
    fastsql.insert_row_and_update(Event, EVENT_ROW, row, item, [*fields, *CHAIN_FIELDS])


def _event_row(item: WorkItem, kind: str, actor: Official | None, unit: Unit | UnitFact | None, data: dict | None,
               outcome: str, rule_code: str) -> tuple:
    return chain_row(item, kind, actor_id=actor.pk if actor else None, unit_id=unit.pk if unit else None,
                     data=data, outcome=outcome, rule_code=rule_code)


def chain_row(item: WorkItem, kind: str, *, actor_id: int | None, unit_id: int | None, data: dict | None = None,
              outcome: str = Outcome.DONE, rule_code: str = "") -> tuple:
    """The next event of `item`'s chain as a row of values for the columns `EVENT_ROW`, not yet written
    (the deemed-agreement sweep writes a batch at once). Moves the item's chain head; the caller saves
    `event_count` and `last_hash` with the item."""
    data = data or {}
    seq, at, prev, digest = _next_link(item, kind, actor_id, unit_id, data, outcome, rule_code)
    return item.pk, seq, kind, outcome, rule_code, actor_id, unit_id, at, data, prev, digest


CHAIN_FIELDS = ["event_count", "last_hash"]


def seal_content(at: datetime, heads: dict, last_event_id: int) -> dict[str, Any]:
    return {"at": at.astimezone(UTC).isoformat(), "heads": heads, "last_event_id": last_event_id}


def seal() -> Seal | None:
    """Seal the head of every chain that grew since it was last sealed; None when none did.

    1. Take the seals' lock (several workers may run the sweep: they seal one after another, each
       chained to the one before; see `_lock_seals`).
    2. Lock the items whose event count is past their sealed count, skipping any an action holds
       right now (its new event is not committed yet; the next seal takes it).
    3. Store the new seal, chained to the previous one by hash, and move each item's sealed count up
       to the count just sealed (unchanged meanwhile: the item is locked).

    Counts, not event ids: an id is handed out when the event is inserted, not when it commits, so on
    PostgreSQL an event with a lower id can commit after a seal that covered a higher one, and a
    high-water mark of ids would never seal it. An item's count grows only under its row lock."""
    with transaction.atomic():
        _lock_seals()
        previous = Seal.objects.order_by("-id").first()
        # A scan of the items (~0.1 s at 300,000 rows on SQLite, once a minute); an index on the moved
        # items would cost every action an index write instead.
        moved = list(
            WorkItem.objects.select_for_update(skip_locked=True).filter(event_count__gt=F("sealed_count"))
            .order_by("id").values_list("id", "event_count", "last_hash")
        )
        if not moved:
            return None
        heads = {str(pk): [count, digest] for pk, count, digest in moved}
        at, top = clock.now(), Event.objects.aggregate(top=Max("id"))["top"] or 0
        prev_hash = previous.hash if previous else GENESIS
        digest = link(prev_hash, seal_content(at, heads, top))
        sealed = Seal.objects.create(at=at, heads=heads, last_event_id=top, prev_hash=prev_hash, hash=digest)
        for start in range(0, len(moved), SEAL_BATCH):
            ids = [pk for pk, _, _ in moved[start:start + SEAL_BATCH]]
            WorkItem.objects.filter(id__in=ids).update(sealed_count=F("event_count"))
        return sealed


SEAL_BATCH = 1000  # items per UPDATE: well inside every backend's limit on query parameters


def _lock_seals() -> None:
    """One sealer at a time, each chaining to the seal made before it. Locking the latest seal's row
    is not enough on PostgreSQL: a second sealer waits on that row, then chains to it as well (its
    READ COMMITTED snapshot does not show the seal just made), forking the chain — and before the
    first seal there is no row to lock. Plain reads (verify) are not blocked. SQLite's IMMEDIATE
    transaction already holds its only write lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {connection.ops.quote_name(Seal._meta.db_table)} IN EXCLUSIVE MODE")


@dataclass(frozen=True)
class Finding:
    item_id: int | None
    problem: str

    def __str__(self) -> str:
        where = f"công việc #{self.item_id}" if self.item_id is not None else "niêm phong"
        return f"{where}: {self.problem}"


def verify_chains(workers: int = 1, sealed: dict[int, tuple[int, str]] | None = None) -> list[Finding]:
    """Walk every item's chain in order; name each item whose chain does not hold, or whose sealed
    head (`sealed`: item → count and hash a seal recorded) is no longer in its chain.

    The chains are per item, so a split by item ranges is exact: with `workers` > 1 each range is
    walked by a process of its own with its own database connection (a province-year, 3 M events, is
    ~90 µs of canonical JSON and SHA-256 per event: minutes on one core)."""
    sealed = sealed or {}
    ranges = item_ranges(workers * RANGES_PER_WORKER if workers > 1 else 1)
    if workers <= 1 or len(ranges) <= 1 or not can_fork_connections():
        return [finding for low, high in ranges for finding in verify_range(low, high, sealed)]
    connection.close()  # each process opens its own; a forked copy of an open socket would be shared
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        parts = pool.starmap(verify_range, [(low, high, sealed) for low, high in ranges])
    return [finding for part in parts for finding in part]


RANGES_PER_WORKER = 4  # smaller ranges than workers: a range slowed by a busy neighbour holds no one up


def item_ranges(parts: int) -> list[tuple[int, int]]:
    """[low, high] id ranges of about equal width covering every item (and any event whose item is gone)."""
    bounds = WorkItem.objects.aggregate(low=Min("id"), high=Max("id"))
    orphans = Event.objects.aggregate(low=Min("item_id"), high=Max("item_id"))
    lows = [v for v in (bounds["low"], orphans["low"]) if v is not None]
    if not lows:
        return []
    low, high = min(lows), max(v for v in (bounds["high"], orphans["high"]) if v is not None)
    width = max(1, -(-(high - low + 1) // max(1, parts)))
    return [(start, min(high, start + width - 1)) for start in range(low, high + 1, width)]


def can_fork_connections() -> bool:
    """Processes of their own see the same data only when it is committed to a shared database: not
    inside a transaction (a test's), not an in-memory SQLite database."""
    name = str(connection.settings_dict.get("NAME") or "")
    in_memory = connection.vendor == "sqlite" and (":memory:" in name or "mode=memory" in name)
    return not (connection.in_atomic_block or in_memory)


def verify_range(low: int, high: int, sealed: dict[int, tuple[int, str]]) -> list[Finding]:
    """The chains of the items with ids in [low, high], read in slices of `VERIFY_SLICE_ITEMS` item ids."""
    heads = dict((pk, (n, h)) for pk, n, h in WorkItem.objects.filter(id__gte=low, id__lte=high)
                 .values_list("id", "event_count", "last_hash"))
    walk = _RangeWalk(heads, sealed)
    for start in range(low, high + 1, VERIFY_SLICE_ITEMS):
        walk.chains(_event_rows(start, min(high, start + VERIFY_SLICE_ITEMS - 1)))
    findings = walk.findings
    for pk, (count, _) in heads.items():
        if count and pk not in walk.seen:
            findings.append(Finding(pk, "mọi sự kiện của công việc đã bị xóa"))
    findings += [_sealed_changed(pk, count) for pk, (count, _digest) in sorted(sealed.items())
                 if low <= pk <= high and pk not in walk.sealed_found]
    return findings


# Item ids per query: ~4–10 events an item, so 10,000–25,000 rows held at once. Whole items per slice:
# a chain never straddles two queries. Keyset by item id on both engines (on PostgreSQL a plain cursor
# would fetch a whole range of a province-year, ~400,000 rows, into memory).
VERIFY_SLICE_ITEMS = 2500


def _event_rows(low: int, high: int) -> list[tuple]:
    """The events of items [low, high] in chain order, as the driver gives them: no model instances,
    no Django converters, and `at` as text (see `_time_reader`)."""
    fields = {f.attname: f.column for f in Event._meta.concrete_fields}
    q = connection.ops.quote_name
    selected = [_AT_AS_TEXT[connection.vendor].format(q(fields["at"])) if name == "at" and
                connection.vendor in _AT_AS_TEXT else q(fields[name]) for name in ["id", *EVENT_ROW]]
    item = q(fields["item_id"])
    sql = (f"SELECT {', '.join(selected)} FROM {q(Event._meta.db_table)} "  # noqa: S608 - identifiers from the model
           f"WHERE {item} >= %s AND {item} <= %s ORDER BY {item}, {q(fields['seq'])}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [low, high])
        return cursor.fetchall()


# Times read as text, not as datetimes: sqlite3 parses a column declared datetime with Django's
# parse_datetime (~5 µs a row; an expression has no declared type), and Django's psycopg loader of
# timestamptz is psycopg's Python one (~3.5 µs a row in cProfile of a province-year on PostgreSQL).
# PostgreSQL writes the UTC time with six-digit microseconds and the era (see `_postgres_iso`).
_AT_AS_TEXT = {
    "sqlite": "CAST({} AS TEXT)",
    "postgresql": "to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US AD')",
}


class _RangeWalk:
    """Walks chains slice by slice, collecting findings. Each event's link is recomputed from its stored
    fields by `_fast_digest`; only an event that does not hold there (seq, previous hash or content) is
    read again through the ORM and judged by `_check_event`, the reference check, which words the
    findings. So a finding is never made by the fast path alone, and the fast path is built so that it
    can only agree with the stored hash where the reference check would (see `_fast_canonical`)."""

    def __init__(self, heads: dict, sealed: dict[int, tuple[int, str]]) -> None:
        self.heads, self.sealed = heads, sealed
        self.findings: list[Finding] = []
        self.seen: set[int] = set()
        self.sealed_found: set[int] = set()

    def chains(self, rows: list[tuple]) -> None:
        findings, heads, sealed, seen = self.findings, self.heads, self.sealed, self.seen
        current, expected, prev, seal_mark = None, 0, GENESIS, None
        for row, computed in zip(rows, _fast_digests(rows, _time_reader()), strict=True):
            item_id, seq, prev_hash, digest = row[1], row[2], row[10], row[11]
            if item_id != current:
                if current is not None:
                    findings += _check_head(current, expected, prev, heads)
                current, expected, prev, seal_mark = item_id, 0, GENESIS, sealed.get(item_id)
                seen.add(item_id)
            expected += 1
            if seq != expected or prev_hash != prev or computed != digest:
                findings += _check_event(_reference_row(row[0]), expected, prev)
            if seal_mark is not None and seal_mark[0] == seq and seal_mark[1] == digest:
                self.sealed_found.add(item_id)
            prev = digest
        if current is not None:
            findings += _check_head(current, expected, prev, heads)


def _reference_row(event_id: int) -> "EventRow":
    """One event as the ORM reads it (its converters): what `_check_event` judges."""
    return EventRow._make(Event.objects.filter(pk=event_id).values_list(*EVENT_ROW).get())


def _time_reader() -> Callable[[str], str | None] | None:
    """How this connection's time texts (`_AT_AS_TEXT`) become `event_content`'s ISO form."""
    if connection.vendor == "sqlite" and connection.timezone_name == "UTC":
        return _sqlite_iso
    return _postgres_iso if connection.vendor == "postgresql" else None


def _fast_digest(row: tuple, to_iso: Callable[[str], str | None] | None) -> str | None:
    """sha256(prev_hash + canonical content) from a raw row, or None when the row is not in the form
    the fast path knows (then the reference check judges it)."""
    try:
        text = _fast_canonical(row, to_iso)
    except (TypeError, ValueError, StopIteration):
        return None
    return None if text is None else sha256((row[10] + text).encode()).hexdigest()


def _fast_digests(rows: list[tuple], to_iso: Callable[[str], str | None] | None) -> list[str | None]:
    """`_fast_digest` of every row, in one loop: the common row (integer ids or null, a time in the
    engine's form, data text already seen) is written here without a call a field; any other row goes
    through `_fast_digest` itself. Same text, so same digest (`tests/test_verify_fast.py` compares the
    two over the demo trail and the fuzz); ~1 µs less an event than a call per row and per field."""
    middles, data_texts, digests = _MIDDLES, _DATA_TEXTS, []
    append, int_type, str_type = digests.append, int, str
    for row in rows:
        _id, item_id, seq, kind, outcome, rule, actor_id, unit_id, at, data, prev, _hash = row
        middle = middles.get((kind, outcome, rule))
        data_text = data_texts.get(data) if type(data) is str_type else None
        iso = to_iso(at) if to_iso is not None and type(at) is str_type else None
        if (middle is None or data_text is None or iso is None or type(item_id) is not int_type
                or type(seq) is not int_type or (actor_id is not None and type(actor_id) is not int_type)
                or (unit_id is not None and type(unit_id) is not int_type)):
            append(_fast_digest(row, to_iso))
            continue
        actor = "null" if actor_id is None else actor_id
        unit = "null" if unit_id is None else unit_id
        append(sha256(f'{prev}{{"actor":{actor},"at":"{iso}","data":{data_text},"item":{item_id},{middle},'
                      f'"seq":{seq},"unit":{unit}}}'.encode()).hexdigest())
    return digests


def _fast_canonical(row: tuple, to_iso: Callable[[str], str | None] | None) -> str | None:
    """The text `hashchain.canonical(event_content(...))` makes, written out without building the
    dict: its keys sorted are actor, at, data, item, kind, outcome, rule, seq, unit. Only `data` goes
    through the canonical JSON encoder; the three strings are JSON-encoded once per distinct value;
    integers and null are written as JSON writes them. `tests/test_verify_fast.py` proves the equality
    over the demo trail and a fuzz of values.

    Why it cannot accept what the reference would refuse: each stored field maps one-to-one to its
    piece of text (the time by a fixed rewrite of its text, see `_sqlite_iso` and `_postgres_iso`), so a text equal to
    the one hashed at writing means stored fields equal to the ones written."""
    _id, item_id, seq, kind, outcome, rule, actor_id, unit_id, at, data, _prev, _hash = row
    if to_iso is not None and type(at) is str:
        iso = to_iso(at)
    elif type(at) is datetime:
        iso = at.astimezone(UTC).isoformat()
    else:
        return None
    if iso is None or type(item_id) is not int or type(seq) is not int:
        return None
    data_text = (_DATA_TEXTS.get(data) or _canonical_data(data)) if type(data) is str else _canonical_encode(data)
    if data_text is None:
        return None
    middle = _MIDDLES.get((kind, outcome, rule)) or _middle(kind, outcome, rule)
    return (f'{{"actor":{_json_id(actor_id)},"at":"{iso}","data":{data_text},"item":{item_id},'
            f'{middle},"seq":{seq},"unit":{_json_id(unit_id)}}}')


_canonical_encode = canonical_writer()
# json.loads without its wrappers: the scanner json.loads runs, the whole text or None.
_scan_json = JSONDecoder().scan_once


def _canonical_data(stored: str) -> str | None:
    """The canonical JSON of a stored `data` text (parsed, then written by the canonical encoder); None
    when the text is not one whole JSON document. Remembered by the stored text in `_DATA_TEXTS`."""
    value, end = _scan_json(stored, 0)
    if end != len(stored):
        return None
    text = _canonical_encode(value)
    if len(_DATA_TEXTS) < DATA_TEXTS_KEPT:
        _DATA_TEXTS[stored] = text
    return text


# Canonical text by stored `data` text. The same stored text always parses to the same value and so
# writes the same canonical text: a lookup gives exactly what parsing and writing it again would, and
# every event's link is still hashed from its own stored fields. Many events carry one of a few data
# texts: `dashbench --bulk 30000 --trail 10` has 10 distinct texts in 300,174 events, 98 % of them "{}";
# a trail made by the actions has more varied data (reasons, names), which misses and is parsed as
# before. With `_fast_digests`' loop, the walk's Python went from 7.1 to 5.3 µs an event on SQLite and
# from 7.9 to 5.9 on PostgreSQL (that bulk trail, CPU time, A/B in the same minutes). Bounded: a text
# seen once costs a dictionary entry, and past the bound the rest are parsed every time.
_DATA_TEXTS: dict[str, str] = {}
DATA_TEXTS_KEPT = 100_000


def _sqlite_iso(stored: str) -> str | None:
    """The ISO form `event_content` hashes, from SQLite's stored text: Django stores an aware time as
    `str()` of it made naive in UTC ("2026-03-02 01:30:00[.123456]"), and `isoformat()` of the UTC time
    differs only by the "T" and the "+00:00". Any other form: None (the reference check parses it)."""
    if len(stored) not in (19, 26) or stored[10] != " ":
        return None
    return f"{stored[:10]}T{stored[11:]}+00:00"


def _postgres_iso(text: str) -> str | None:
    """The ISO form from PostgreSQL's `to_char` of the UTC time ("2026-03-02 01:30:00.000000 AD"):
    `isoformat()` leaves out a zero fraction. The era is kept so that no year before Christ can pass
    for the same year after; a year of five digits is refused by the length."""
    if len(text) != 29 or not text.endswith(" AD") or text[10] != " ":
        return None
    if text.endswith(".000000 AD"):
        return f"{text[:10]}T{text[11:19]}+00:00"
    return f"{text[:10]}T{text[11:26]}+00:00"


def _json_id(value) -> str:
    if value is None:
        return "null"
    if type(value) is not int:
        raise TypeError("not an id")
    return str(value)


# '"kind":…,"outcome":…,"rule":…' by (kind, outcome, rule): a few hundred distinct triples in a
# province-year, so one dictionary lookup an event instead of three encodings. Only triples of strings
# are kept (a key of other types could equal one of them, as True == 1, and encode otherwise).
_MIDDLES: dict[tuple[str, str, str], str] = {}


def _middle(kind, outcome, rule) -> str:
    dumps = partial(json_dumps, ensure_ascii=False)
    middle = f'"kind":{dumps(kind)},"outcome":{dumps(outcome)},"rule":{dumps(rule)}'
    if type(kind) is str and type(outcome) is str and type(rule) is str and len(_MIDDLES) < 10_000:
        _MIDDLES[(kind, outcome, rule)] = middle
    return middle


def _sealed_changed(item_id: int, count: int) -> Finding:
    return Finding(item_id, f"sự kiện số {count} đã niêm phong không còn nguyên vẹn")


EVENT_ROW = ("item_id", "seq", "kind", "outcome", "rule_code", "actor_id", "unit_id", "at", "data", "prev_hash", "hash")
EventRow = namedtuple("EventRow", EVENT_ROW)


def _check_event(event: EventRow, expected_seq: int, prev: str) -> Iterator[Finding]:
    if event.seq != expected_seq:
        yield Finding(event.item_id, f"thiếu hoặc đảo thứ tự sự kiện: gặp số {event.seq}, cần số {expected_seq}")
    if event.prev_hash != prev:
        yield Finding(event.item_id, f"sự kiện số {event.seq} không nối với sự kiện trước (bị xóa, chèn hoặc đảo)")
    content = event_content(
        item_id=event.item_id, seq=event.seq, kind=event.kind, outcome=event.outcome,
        rule_code=event.rule_code, actor_id=event.actor_id, unit_id=event.unit_id, at=event.at,
        data=event.data,
    )
    if link(event.prev_hash, content) != event.hash:
        yield Finding(event.item_id, f"nội dung sự kiện số {event.seq} đã bị sửa")


def _check_head(item_id: int, last_seq: int, last_hash: str, heads: dict) -> Iterator[Finding]:
    count, digest = heads.get(item_id, (None, None))
    if count != last_seq or digest != last_hash:
        yield Finding(item_id, f"đầu chuỗi ghi {count} sự kiện nhưng chuỗi có {last_seq} (sự kiện cuối bị xóa?)")


def replay_seals() -> tuple[list[Finding], dict[int, tuple[int, str]]]:
    """Replay the seals: each chains to the one before. Returns the findings and every item's last
    sealed head (count, hash), which the chains' walk then checks is still in the chain."""
    prev, findings = GENESIS, []
    sealed: dict[int, tuple[int, str]] = {}
    for seal_row in Seal.objects.order_by("id"):
        content = seal_content(seal_row.at, seal_row.heads, seal_row.last_event_id)
        if seal_row.prev_hash != prev or link(prev, content) != seal_row.hash:
            findings.append(Finding(None, f"niêm phong #{seal_row.pk} đã bị sửa hoặc xóa niêm phong trước đó"))
        prev = seal_row.hash
        for pk, (count, digest) in seal_row.heads.items():
            sealed[int(pk)] = (count, digest)
    return findings, sealed


def verify(workers: int = 1) -> list[Finding]:
    """Every chain and every seal; `workers` processes walk the chains (see `verify_chains`)."""
    seal_findings, sealed = replay_seals()
    return [*verify_chains(workers, sealed), *seal_findings]
