"""The Government Office's figures per unit for ONE PERIOD (a month, quarter, year or range:
`congvu.oversight.periods`), beside `queries.unit_figures`, which counts everything as at now.

The choice, so a report and its re-run agree:
- An item belongs to the period it was REGISTERED in (`created_at` in [start, end)): a month's
  figures are that month's intake, wherever it stands.
- Its bucket is judged at the period's end, or now while the period runs (`Period.judged_at`):
  completed on time / after extension / late if it was completed by then; otherwise open, within
  or past its LEGAL deadline at that moment. A closed month's figures therefore stay as they were at
  its end, whatever happened after (except an item later returned, transferred or revoked, which is
  not the unit's work and leaves every bucket, as in the figures as at now).
- Passed-on work and extensions count the events of the period (`at` in [start, end)).

`period_conditions` is the one definition of each bucket: the numbers count with it and the list
each number opens (`items_in`) filters with it, so they cannot disagree."""

from datetime import datetime

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.fields.json import KT

from congvu.lib import clock
from congvu.lib.workdays import local_date
from congvu.org.models import Unit
from congvu.oversight.figure_rollups import running_rows, snapshot_rows
from congvu.oversight.periods import Period
from congvu.oversight.queries import COUNTED_STATES, Held, UnitFigures, completed_buckets
from congvu.registry.queries import current_calendar, parameter
from congvu.work.actions import APPROVED_ABOVE, APPROVED_BY_UNIT
from congvu.work.models import OPEN_STATES, Event, EventKind, Outcome, State, WorkItem

NOT_COUNTED = tuple(s for s in State if s not in COUNTED_STATES)
BUCKETS = ("assigned", "on_time", "extended", "late", "within", "overdue")


def period_conditions(period: Period, now: datetime | None = None) -> dict[str, Q]:
    """The condition behind each number of the period, judged at `period.judged_at(now)`."""
    now = now or clock.now()
    at = period.judged_at(now)
    if at == now:  # a period that runs until now: nothing was completed after it (simpler for the indexes)
        completed, open_then = Q(state=State.COMPLETED), [Q(state__in=OPEN_STATES)]
    else:
        completed = Q(state=State.COMPLETED, completed_at__lte=at)
        # Open at that moment: still open, or completed only after it.
        open_then = [Q(state__in=OPEN_STATES), Q(state=State.COMPLETED, completed_at__gt=at)]
    return {
        "assigned": ~Q(state__in=NOT_COUNTED),
        **completed_buckets(completed),
        "within": _either(open_then, Q(legal_due_at__gte=at)),
        "overdue": _either(open_then, Q(legal_due_at__lt=at)),
    }


def _either(states: list[Q], deadline: Q) -> Q:
    """(a | b) & d written (a & d) | (b & d): each branch then reads the (state, legal deadline) index
    (the items undecided past twice their limit, year 2025 at 30,000 items on a busy SQLite: 529 → 361 ms)."""
    either = Q()
    for state in states:
        either |= state & deadline
    return either


def registered_in(period: Period) -> QuerySet[WorkItem]:
    return WorkItem.objects.filter(created_at__gte=period.start_at, created_at__lt=period.end_at)


def items_in(period: Period, bucket: str, unit_id: int | None = None,
             now: datetime | None = None) -> QuerySet[WorkItem]:
    """The items behind one number of the period (a bucket, optionally of one lead unit)."""
    conditions = period_conditions(period, now)
    items = registered_in(period).filter(conditions["assigned"] & conditions[bucket])
    if unit_id is not None:
        items = items.filter(lead_unit_id=unit_id)
    return items.select_related("lead_unit", "holder", "matter_type").order_by("legal_due_at", "id")


def _counts(period: Period, units: QuerySet[Unit] | None, now: datetime | None) -> dict[int, dict]:
    """{lead unit id: {bucket: count}} of the items registered in the period. Grouped by the unit's id
    alone: grouping by its name too joined every item to its unit (the names are read once, after)."""
    now = now or clock.now()
    rolled_up = snapshot_rows(period, period, units, now, calendar_months=False)
    if rolled_up is None:
        rolled_up = running_rows(period, period, units, now)
    if rolled_up is not None:
        return _per_unit(rolled_up)
    conditions = period_conditions(period, now)
    items = registered_in(period).filter(conditions["assigned"])
    if units is not None:
        items = items.filter(lead_unit__in=units)
    rows = items.values("lead_unit_id").annotate(**_bucket_counts(conditions)).order_by()
    return {r["lead_unit_id"]: r for r in rows}


def counts_per_unit(period: Period, units: QuerySet[Unit] | None = None,
                    now: datetime | None = None) -> dict[int, dict]:
    """{lead unit id: {bucket: count}} of the items registered in the period (the rollups when it has them)."""
    return _counts(period, units, now)


def _bucket_counts(conditions: dict[str, Q]) -> dict[str, Count]:
    return {**{b: Count("id", filter=conditions[b]) for b in BUCKETS if b != "assigned"}, "assigned": Count("id")}


def _events_in(period: Period, units: QuerySet[Unit] | None, **kw) -> QuerySet[Event]:
    # order_by(): the trail's default order (item, seq) made PostgreSQL sort the year's transfers and
    # extensions for nothing (a sort and a gather-merge over 8,852 and 13,135 events at 300,000 items).
    events = Event.objects.filter(at__gte=period.start_at, at__lt=period.end_at, outcome=Outcome.DONE, **kw).order_by()
    return events.filter(unit__in=units) if units is not None else events


def held_in(period: Period, units: QuerySet[Unit] | None = None) -> dict[int, Held]:
    """Work passed on (transferred or returned) in the period, with the working days held (clause 2.1)."""
    from congvu.oversight.signal_days import held_rows  # (it folds with the signals' conditions)

    share, held = parameter("pass_on_within_days").value, {}
    rows = held_rows(period, units)  # from the day counters: 0.2 → 0.0x s of a year's page at 300,000 items
    for unit_id, days, n in rows if rows is not None else _held_directly(period, units):
        h = held.setdefault(unit_id, Held())
        h.items, h.days, h.beyond_share = h.items + n, h.days + n * days, h.beyond_share + n * (days > share)
    return held


def _held_directly(period: Period, units: QuerySet[Unit] | None):
    calendar = current_calendar()
    events = _events_in(period, units, kind__in=[EventKind.TRANSFER, EventKind.RETURN])
    for unit_id, received, at in events.values_list("unit_id", "item__event_date", "at").iterator(chunk_size=2000):
        yield unit_id, calendar.working_days_between(received, local_date(at)), 1


def extensions_in(period: Period, units: QuerySet[Unit] | None = None) -> dict[int, dict[str, int]]:
    """Extensions granted in the period, per unit, by the unit itself or above (clause 1.5)."""
    from congvu.oversight.signal_days import extension_rows

    counted: dict[int, dict[str, int]] = {}
    # Counted per (unit, approval) in the database, the approval read as text: row by row, decoding
    # each event's JSON cost ~0.3 s of a year's page at 300,000 items (13,000 extensions); from the
    # day counters when they can be used.
    grouped = extension_rows(period, units)
    if grouped is None:
        grouped = (_events_in(period, units, kind=EventKind.EXTEND).values_list("unit_id", KT("data__approval"))
                   .annotate(n=Count("id")))
    for unit_id, approval, n in grouped:
        per_unit = counted.setdefault(unit_id, {})
        key = approval or APPROVED_BY_UNIT
        per_unit[key] = per_unit.get(key, 0) + n
    return counted


def unit_figures_in(period: Period, units: QuerySet[Unit] | None = None,
                    now: datetime | None = None) -> list[UnitFigures]:
    """Per lead unit, the figures of the items registered in `period` (see the module's note), sorted
    by unit name; the same `UnitFigures` as the figures as at now."""
    return _unit_figures(period, _counts(period, units, now), units)


def _unit_figures(period: Period, counts: dict[int, dict], units: QuerySet[Unit] | None) -> list[UnitFigures]:
    held, extensions = held_in(period, units), extensions_in(period, units)
    ids = set(counts) | set(held) | set(extensions)
    names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))
    figures = []
    for unit_id in ids - {None}:
        r, h, e = counts.get(unit_id, {}), held.get(unit_id, Held()), extensions.get(unit_id, {})
        figures.append(UnitFigures(
            unit_id, names.get(unit_id, ""), r.get("assigned", 0), r.get("on_time", 0), r.get("late", 0),
            r.get("within", 0), r.get("overdue", 0), r.get("extended", 0),
            passed_on=h.items, days_held=h.days, held_beyond_share=h.beyond_share,
            extensions_self=e.get(APPROVED_BY_UNIT, 0), extensions_above=e.get(APPROVED_ABOVE, 0),
        ))
    return sorted(figures, key=lambda f: f.unit_name)


def on_time_rate(f: UnitFigures) -> float | None:
    """Completed by the legal deadline, in percent of what was completed; None when nothing was."""
    done = f.completed_on_time + f.completed_after_extension + f.completed_late
    return round(100 * f.completed_on_time / done, 1) if done else None


def month_bucket(period: Period) -> Case:
    """The month of the period an item was registered in, as its first day's ordinal: plain SQL (a
    time-zone truncation is a Python function per row on SQLite)."""
    return Case(*(When(created_at__lt=m.end_at, then=Value(i)) for i, m in enumerate(period.months())),
                default=Value(-1), output_field=IntegerField())


def monthly_trend(period: Period, units: QuerySet[Unit] | None = None, now: datetime | None = None) -> list[dict]:
    """For each month the period touches: items registered, completed on time, completed, overdue
    (judged at the period's end, like the figures), in one grouped query."""
    return _trend_points(period, _trend_rows(period, period, units, now))


def figures_and_trend(period: Period, trend: Period, units: QuerySet[Unit] | None = None,
                      now: datetime | None = None) -> tuple[list[UnitFigures], list[dict]]:
    """The period's figures per unit AND the monthly trend over `trend` (which ends with the period and
    starts no later: the dashboard's twelve months up to a month, or the period itself), from ONE
    pass over the trend's items grouped by (unit, month, inside the period or before it). Both are
    judged at the same moment (the common end, or now), so each is exactly what its own query gives;
    the page read the year's items twice (300,000 items, SQLite: 310 + 272 ms of processor time)."""
    rows = _trend_rows(period, trend, units, now)
    return _unit_figures(period, _per_unit(r for r in rows if r["inside"]), units), _trend_points(trend, rows)


def _trend_rows(period: Period, trend: Period, units: QuerySet[Unit] | None, now: datetime | None) -> list[dict]:
    if trend.end != period.end or trend.start > period.start:
        raise ValueError("the trend must end with the period and start no later")
    now = now or clock.now()
    # A closed period: its months' rollups; a running one: the rollups of the months before this one
    # and what moved since (figure_rollups).
    rolled_up = snapshot_rows(period, trend, units, now)
    if rolled_up is None:
        rolled_up = running_rows(period, trend, units, now)
    if rolled_up is not None:
        return rolled_up
    conditions = period_conditions(trend, now)
    items = registered_in(trend).filter(conditions["assigned"])
    if units is not None:
        items = items.filter(lead_unit__in=units)
    inside = Case(When(created_at__gte=period.start_at, then=Value(1)), default=Value(0),
                  output_field=IntegerField())
    return list(items.annotate(month=month_bucket(trend), inside=inside).values("lead_unit_id", "month", "inside")
                .annotate(**_bucket_counts(conditions)).order_by())


def _per_unit(rows) -> dict[int, dict]:
    counts: dict[int, dict] = {}
    for r in rows:
        per_unit = counts.setdefault(r["lead_unit_id"], dict.fromkeys(BUCKETS, 0))
        for b in BUCKETS:
            per_unit[b] += r[b]
    return counts


def _trend_points(trend: Period, rows: list[dict]) -> list[dict]:
    by_month: dict[int, dict] = {}
    for r in rows:
        point = by_month.setdefault(r["month"], dict.fromkeys(BUCKETS, 0))
        for b in BUCKETS:
            point[b] += r[b]
    points = []
    for i, m in enumerate(trend.months()):
        r = by_month.get(i, dict.fromkeys(BUCKETS, 0))
        done = r["on_time"] + r["extended"] + r["late"]
        points.append({"month": m, "label": f"{m.start.month:02d}/{m.start.year}", "assigned": r["assigned"],
                       "on_time": r["on_time"], "completed": done, "overdue": r["overdue"],
                       "on_time_rate": round(100 * r["on_time"] / done, 1) if done else None})
    return points
