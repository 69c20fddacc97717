"""The item trails as an XES event log (IEEE 1849-2016), for the province's analysts to open in
standard process-mining tools (ProM, PM4Py, Disco, Celonis).

One trace per work item (`concept:name` the item's id), one event per entry of its hash-chained
trail: `concept:name` the event kind, `time:timestamp` with its offset (+07:00), `lifecycle:transition`
(`complete`, or `ate_abort` for an action a rule refused), and `org:group` the unit it is charged to.

`org:resource` is the official's pseudonym `CB-<id>`, never their name: the export leaves congvu for
analysts' desktops and tools, which need to tell holders apart but not who they are; whoever may see
the names looks the id up in congvu itself. `org:role` is the official's title in that unit. congvu's
own attributes (the rule that refused, the outcome, the trace's matter type, lead unit, state and date
of registration) carry plain keys, outside any extension's prefix.

Written as a stream of text chunks, a few hundred items at a time, so a province-year (300,000 items,
some two million events) never sits in memory."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import quoteattr

from django.db.models import QuerySet
from django.http import StreamingHttpResponse

from congvu.lib.workdays import TZ, local_date
from congvu.org.models import Official, Position, Role, Unit
from congvu.work.models import Event, Outcome, WorkItem

CHUNK = 500
# Names stay out of the file, but the traces are every unit's work: Home Affairs only.
EXPORTERS = (Role.HOME_AFFAIRS,)
MAX_DAYS = 366
EXTENSIONS = (
    ("Concept", "concept", "http://www.xes-standard.org/concept.xesext"),
    ("Time", "time", "http://www.xes-standard.org/time.xesext"),
    ("Organizational", "org", "http://www.xes-standard.org/org.xesext"),
    ("Lifecycle", "lifecycle", "http://www.xes-standard.org/lifecycle.xesext"),
)


@dataclass(frozen=True)
class Selection:
    """Which items: registered between `since` and `until` (local dates, both counted), led by
    `unit` when one is named."""

    since: date
    until: date
    unit: Unit | None = None

    def items(self) -> QuerySet[WorkItem]:
        start = datetime.combine(self.since, datetime.min.time(), TZ)
        end = datetime.combine(self.until, datetime.max.time(), TZ)
        items = WorkItem.objects.filter(created_at__gte=start, created_at__lte=end)
        if self.unit is not None:
            items = items.filter(lead_unit=self.unit)
        return items.order_by("pk")

    def file_name(self) -> str:
        unit = f"-{self.unit.code}" if self.unit is not None else ""
        return f"congvu-nhat-ky{unit}-{self.since:%Y%m%d}-{self.until:%Y%m%d}.xes"


def string(key: str, value: object) -> str:
    return f"<string key={quoteattr(key)} value={quoteattr(str(value))}/>"


def timestamp(at: datetime) -> str:
    local = at.astimezone(TZ)
    return f'<date key="time:timestamp" value="{local.isoformat(timespec="milliseconds")}"/>'


COMPLETED = string("lifecycle:transition", "complete")
ABORTED = string("lifecycle:transition", "ate_abort")


def header(selection: Selection) -> str:
    extensions = "".join(f"<extension name={quoteattr(n)} prefix={quoteattr(p)} uri={quoteattr(u)}/>"
                         for n, p, u in EXTENSIONS)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<log xes.version="1849-2016" xes.features="" xmlns="http://www.xes-standard.org/">\n'
        f"{extensions}\n"
        '<global scope="trace">' + string("concept:name", "") + "</global>\n"
        '<global scope="event">' + string("concept:name", "") + timestamp(datetime(1970, 1, 1, tzinfo=TZ))
        + string("lifecycle:transition", "complete") + "</global>\n"
        '<classifier name="Activity" keys="concept:name"/>\n'
        + string("concept:name", f"congvu {selection.since:%d/%m/%Y}–{selection.until:%d/%m/%Y}") + "\n"
    )


def titles_by_official_unit() -> dict[tuple[int, int], str]:
    """The title each official holds (or held) in each unit: the event's `org:role`."""
    return {(o, u): t for o, u, t in Position.objects.order_by("valid_from").values_list("official_id", "unit_id",
                                                                                      "title")}


class EventWriter:
    """One event's XML, with the strings that repeat (kinds, units, officials) quoted once each."""

    def __init__(self, units: dict[int, str], titles: dict[tuple[int, int], str]) -> None:
        self.units, self.titles = units, titles
        self.kinds: dict[str, str] = {}
        self.groups: dict[int, str] = {}
        self.people: dict[tuple[int, int | None], str] = {}

    def kind(self, kind: str) -> str:
        if kind not in self.kinds:
            self.kinds[kind] = string("concept:name", kind)
        return self.kinds[kind]

    def person(self, actor_id: int, unit_id: int | None) -> str:
        key = (actor_id, unit_id)
        if key not in self.people:
            role = self.titles.get((actor_id, unit_id)) if unit_id is not None else None
            self.people[key] = string("org:resource", f"CB-{actor_id}") + (string("org:role", role) if role else "")
        return self.people[key]

    def group(self, unit_id: int) -> str:
        if unit_id not in self.groups:
            self.groups[unit_id] = string("org:group", self.units.get(unit_id, unit_id))
        return self.groups[unit_id]

    def __call__(self, row: tuple) -> str:
        _item, kind, outcome, rule_code, actor_id, unit_id, at = row
        parts = [self.kind(kind), timestamp(at), ABORTED if outcome == Outcome.REFUSED else COMPLETED]
        if actor_id is not None:
            parts.append(self.person(actor_id, unit_id))
        if unit_id is not None:
            parts.append(self.group(unit_id))
        if outcome != Outcome.DONE:
            parts.append(string("outcome", outcome))
        if rule_code:
            parts.append(string("rule", rule_code))
        return "<event>" + "".join(parts) + "</event>"


def traces(items: Iterable[tuple], units: dict[int, str], event_xml: EventWriter) -> str:
    """The traces of one chunk of items, their events read in one query."""
    items = list(items)
    events: dict[int, list[str]] = {pk: [] for pk, *_ in items}
    rows = (Event.objects.filter(item_id__in=events).order_by("item_id", "seq")
            .values_list("item_id", "kind", "outcome", "rule_code", "actor_id", "unit_id", "at"))
    for row in rows:
        events[row[0]].append(event_xml(row))
    out = []
    for pk, matter_code, lead_unit_id, state, created_at in items:
        attributes = (string("concept:name", pk) + string("matter_type", matter_code)
                      + string("lead_unit", units.get(lead_unit_id, lead_unit_id))
                      + string("state", state)
                      + string("registered_on", local_date(created_at).isoformat()))
        out.append("<trace>" + attributes + "".join(events[pk]) + "</trace>\n")
    return "".join(out)


def write_xes(selection: Selection) -> Iterator[str]:
    """The log as text chunks: the header, then the traces CHUNK items at a time, keyed on the id
    (no OFFSET, so each chunk costs the same however far into the year it is)."""
    yield header(selection)
    units = dict(Unit.objects.values_list("pk", "name"))
    writer = EventWriter(units, titles_by_official_unit())
    items = selection.items().values_list("pk", "matter_type__code", "lead_unit_id", "state", "created_at")
    last = 0
    while True:
        chunk = list(items.filter(pk__gt=last)[:CHUNK])
        if not chunk:
            break
        yield traces(chunk, units, writer)
        last = chunk[-1][0]
    yield "</log>\n"


def may_export(official: Official) -> bool:
    return official.role in EXPORTERS


def xes_response(selection: Selection) -> StreamingHttpResponse:
    """The page's and the API's answer: the log streamed as it is written, as a download."""
    response = StreamingHttpResponse((chunk.encode() for chunk in write_xes(selection)),
                                     content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{selection.file_name()}"'
    return response
