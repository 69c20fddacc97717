"""Rollups of the period figures (issue 10: `/tong-hop/` under 500 ms at 300,000 items; issue 11: the
province report under 10 s): every unit's figures per registration month, judged at a CLOSED
period's end, kept in `FigureSnapshot`/`FigureCell` by a sweep step. A closed month, quarter or year
(and a reporting window, 15th to 14th) then reads ~41 units × 12 months of rows, not its items.

Exactly the direct computation (`period_figures`), never an approximation:
- a snapshot is COUNTED by the direct query itself (`period_conditions` at the snapshot's moment),
  one grouped pass per snapshot;
- a closed period's figures change only when an item registered in it is returned, transferred,
  revoked, re-directed to another lead unit or otherwise moved by an action (a completion after the
  period's end leaves it open at that end, as it was counted). Every such action writes a trail event,
  so a snapshot is used only while no event after `through_event`, other than the `HARMLESS` kinds,
  touches an item of its twelve months; otherwise the reader counts directly (still exact) and the
  next sweep counts the snapshot again;
- `through_event` is the last event recorded more than `SETTLE` before the count, so an event of a
  transaction still in flight (a lower id committed later) is always rechecked.

Snapshots exist for the 1st (calendar months) and the 15th (reporting windows) of the last
`KEEP_MONTHS` months; anything else (a custom range, a running period) is counted directly."""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Sum, Value, When

from congvu.lib import clock
from congvu.lib.workdays import local_date
from congvu.org.models import Unit
from congvu.oversight.models_figures import FigureCell, FigureSnapshot
from congvu.oversight.periods import Period
from congvu.work.models import OPEN_STATES, Event, EventKind, Outcome, State, WorkItem

MONTHS = 12  # registration months per snapshot: a year, the longest closed period read this way
KEEP_MONTHS = 13  # snapshots judged at the 1st and 15th of the last 13 months are kept
DAYS = (1, 15)
SETTLE = timedelta(minutes=5)
MAX_PENDING = 2000  # events since a snapshot's count checked one by one; beyond, the count is direct
BUILDS_PER_SWEEP = 4  # a first build counts ~300,000 items per snapshot: spread over a few rounds
COUNTS = ("assigned", "on_time", "extended", "late", "within", "overdue")
# Events that cannot move a figure already judged at an earlier moment: a completion after it (the
# item was open then, and is counted so), an extension (the deadline split of work completed by then
# cannot change), assignments, consultations and submissions (open to open), refusals.
HARMLESS = (EventKind.COMPLETE, EventKind.ASSIGN, EventKind.EXTEND, EventKind.EXTENSION_REQUEST,
            EventKind.EXTENSION_REFUSED, EventKind.CONSULT, EventKind.CONSULT_ASSIGN, EventKind.CONSULT_REPLY,
            EventKind.DEEMED_AGREEMENT, EventKind.NOTICE_SIGNED, EventKind.SUBMIT, EventKind.PROVINCE_DECISION,
            EventKind.REFUSED)


def months_before(day: date, n: int) -> date:
    """The same day of the month n months earlier (days 1 and 15 exist in every month)."""
    index = day.year * 12 + day.month - 1 - n
    return day.replace(year=index // 12, month=index % 12 + 1)


def grid(judged_on: date) -> list[date]:
    """The thirteen boundaries of a snapshot's months: the earliest first, `judged_on` last."""
    return [months_before(judged_on, MONTHS - i) for i in range(MONTHS + 1)]


def window(judged_on: date) -> Period:
    return Period("custom", grid(judged_on)[0], judged_on - timedelta(days=1))


# --- counting -------------------------------------------------------------------------------------


def count_cells(judged_on: date, now: datetime) -> list[FigureCell]:
    """Every unit's figures per month of the snapshot, by the direct query (one grouped pass)."""
    from congvu.oversight.period_figures import _bucket_counts, period_conditions, registered_in

    period = window(judged_on)
    conditions = period_conditions(period, now)
    boundaries = [Period("custom", b, b).start_at for b in grid(judged_on)[1:]]
    month = Case(*(When(created_at__lt=b, then=Value(i)) for i, b in enumerate(boundaries)),
                 default=Value(-1), output_field=IntegerField())
    rows = (registered_in(period).filter(conditions["assigned"]).annotate(month=month)
            .values("lead_unit_id", "month").annotate(**_bucket_counts(conditions)).order_by())
    return [FigureCell(lead_unit_id=r["lead_unit_id"], month=r["month"], **{c: r[c] for c in COUNTS}) for r in rows]


def settled_event_id(now: datetime) -> int:
    """The last event recorded more than SETTLE before now (0: none)."""
    last = Event.objects.filter(at__lt=now - SETTLE).order_by("-id").values_list("id", flat=True).first()
    return last or 0


@transaction.atomic
def build(judged_on: date, now: datetime | None = None) -> FigureSnapshot:
    """Count (or count again) the snapshot judged at the start of `judged_on`, a day already begun."""
    now = now or clock.now()
    judged_at = Period("custom", judged_on, judged_on).start_at
    if judged_at > now:
        raise ValueError("a snapshot is judged at a moment already past")
    through = settled_event_id(now)
    cells = count_cells(judged_on, now)
    FigureSnapshot.objects.filter(judged_at=judged_at).delete()
    snapshot = FigureSnapshot.objects.create(judged_at=judged_at, first_day=grid(judged_on)[0],
                                             through_event=through, built_at=now)
    for cell in cells:
        cell.snapshot = snapshot
    FigureCell.objects.bulk_create(cells, batch_size=1000)
    return snapshot


def is_current(snapshot: FigureSnapshot) -> bool:
    """No event after the snapshot's count, that could move a figure, on an item of its months.
    Read in two steps, the events by their id first: joined to the items in one query, SQLite walked
    the twelve months' items instead (300,000 items, busy machine: 1.4–2.4 s against ~1 ms)."""
    later = (Event.objects.filter(pk__gt=snapshot.through_event).exclude(kind__in=HARMLESS)
             .exclude(outcome=Outcome.REFUSED).order_by("pk").values_list("item_id", flat=True))
    # order_by: without it SQLite walked a whole index of the trail (3 M events) for the "not in" (47 ms)
    items = set(later[:MAX_PENDING + 1])
    if len(items) > MAX_PENDING:
        return False  # the sweep has not run for long: count directly rather than check them all
    first_at = Period("custom", snapshot.first_day, snapshot.first_day).start_at
    moved = WorkItem.objects.filter(pk__in=items, created_at__gte=first_at, created_at__lt=snapshot.judged_at)
    return not (items and moved.exists())


def judged_days(today: date) -> list[date]:
    """The moments snapshots are kept for, the most recent first: the 1st and the 15th of the last
    KEEP_MONTHS months, up to today."""
    days = []
    for back in range(KEEP_MONTHS):
        first = months_before(today.replace(day=1), back)
        days += [first.replace(day=d) for d in reversed(DAYS) if first.replace(day=d) <= today]
    return days


def fold(now: datetime | None = None, limit: int = BUILDS_PER_SWEEP) -> int:
    """The sweep step: count the missing or stale snapshots (at most `limit` per round, the most
    recent first) and drop those too old to be kept. Returns how many were counted."""
    now = now or clock.now()
    days = judged_days(local_date(now))
    oldest = Period("custom", days[-1], days[-1]).start_at
    FigureSnapshot.objects.filter(judged_at__lt=oldest).delete()
    kept = {s.judged_at: s for s in FigureSnapshot.objects.all()}
    counted = 0
    for day in days:
        snapshot = kept.get(Period("custom", day, day).start_at)
        if counted < limit and (snapshot is None or not is_current(snapshot)):
            build(day, now)
            counted += 1
    return counted


def rebuild(now: datetime | None = None) -> int:
    """Every snapshot counted again from the items (after a bulk load or a restore)."""
    FigureSnapshot.objects.all().delete()
    return fold(now, limit=len(DAYS) * KEEP_MONTHS)


# --- reading --------------------------------------------------------------------------------------


def snapshot_rows(period: Period, trend: Period, units: QuerySet[Unit] | None, now: datetime,
                  calendar_months: bool = True) -> list[dict] | None:
    """The rows `period_figures._trend_rows` would count — (lead unit, month of `trend`, inside
    `period`) with the six counts — read from a current snapshot; None when there is none to use:
    the period still runs, does not end on a snapshot's moment or start on one of its months, or
    the snapshot is stale. `calendar_months`: the rows' months must be the trend's (calendar) months,
    which a snapshot judged at a 15th does not have (its rows then serve the period's totals only)."""
    if period.end_at > now or trend.end_at != period.end_at:
        return None
    judged_on = period.end + timedelta(days=1)
    boundaries = grid(judged_on)
    if trend.start not in boundaries or period.start not in boundaries:
        return None
    if calendar_months and judged_on.day != 1:
        return None
    snapshot = FigureSnapshot.objects.filter(judged_at=period.end_at).first()
    if snapshot is None or not is_current(snapshot):
        return None
    first, inside = boundaries.index(trend.start), boundaries.index(period.start)
    cells = FigureCell.objects.filter(snapshot=snapshot, month__gte=first)
    if units is not None:
        cells = cells.filter(lead_unit_id__in=units.values("pk"))
    rows = cells.values("lead_unit_id", "month").annotate(**{c: Sum(c) for c in COUNTS}).order_by()
    return [{**r, "month": r["month"] - first, "inside": int(r["month"] >= inside)} for r in rows]


def running_rows(period: Period, trend: Period, units: QuerySet[Unit] | None, now: datetime) -> list[dict] | None:
    """The rows of a RUNNING period and its trend (judged now), from the snapshot judged at the start
    of the current month plus what moved since: the items completed after it, those whose legal
    deadline passed since, and the month's own registrations, each read from an index (the current
    month's twelve-month trend read the year's items: ~360 ms of processor time on SQLite at 300,000).
    None when the snapshot is missing or stale, or the trend does not start on one of its months."""
    from congvu.oversight.period_figures import _trend_rows

    judged_on = local_date(now).replace(day=1)
    boundaries = grid(judged_on)
    if not (period.start_at <= now < period.end_at) or trend.end_at != period.end_at:
        return None
    if trend.start not in boundaries[:-1]:  # (a trend of this month alone is a month's items: direct)
        return None
    if period.start not in boundaries and period.start < judged_on:
        return None
    snapshot = FigureSnapshot.objects.filter(judged_at=Period("custom", judged_on, judged_on).start_at).first()
    if snapshot is None or not is_current(snapshot):
        return None
    first = boundaries.index(trend.start)
    inside_from = boundaries.index(period.start) if period.start in boundaries else MONTHS
    cells = FigureCell.objects.filter(snapshot=snapshot, month__gte=first)
    if units is not None:
        cells = cells.filter(lead_unit_id__in=units.values("pk"))
    rows = [{**r, "month": r["month"] - first, "inside": int(r["month"] >= inside_from)}
            for r in cells.values("lead_unit_id", "month", *COUNTS)]
    rows += _moved_since(snapshot, boundaries, first, inside_from, units, now)
    # This month's registrations, counted directly (a month's items).
    month_period = Period("custom", max(judged_on, period.start), period.end)
    offset = MONTHS - first
    month_rows = _trend_rows(month_period, Period("custom", judged_on, period.end), units, now)
    return rows + [{**r, "month": r["month"] + offset} for r in month_rows]


def _moved_since(snapshot: FigureSnapshot, boundaries: list[date], first: int, inside_from: int,
                 units: QuerySet[Unit] | None, now: datetime) -> list[dict]:
    """Corrections to a snapshot's months for what moved between its moment and now: work completed
    since (open then, within or past its legal deadline; now in its completed bucket) and open work
    whose legal deadline passed since (within then, overdue now). Nothing else moves a figure without
    an event that makes the snapshot stale (`is_current`)."""
    from congvu.oversight.queries import completed_buckets

    at = snapshot.judged_at
    start_at = Period("custom", boundaries[first], boundaries[first]).start_at
    registered = Q(created_at__gte=start_at, created_at__lt=at)
    done_since = Q(state=State.COMPLETED, completed_at__gt=at)
    passed_since = Q(state__in=OPEN_STATES, legal_due_at__gte=at, legal_due_at__lt=now)
    month_starts = [Period("custom", b, b).start_at for b in boundaries[first + 1:]]
    month = Case(*(When(created_at__lt=b, then=Value(i)) for i, b in enumerate(month_starts)),
                 default=Value(-1), output_field=IntegerField())
    done = completed_buckets(Q(state=State.COMPLETED))
    moved = WorkItem.objects.filter(registered & (done_since | passed_since))
    if units is not None:
        moved = moved.filter(lead_unit__in=units)
    rows = moved.annotate(month=month).values("lead_unit_id", "month").annotate(
        was_within=Count("id", filter=done_since & Q(legal_due_at__gte=at)),
        was_overdue=Count("id", filter=done_since & Q(legal_due_at__lt=at)),
        on_time=Count("id", filter=done_since & done["on_time"]),
        extended=Count("id", filter=done_since & done["extended"]),
        late=Count("id", filter=done_since & done["late"]),
        passed=Count("id", filter=passed_since)).order_by()
    return [{"lead_unit_id": r["lead_unit_id"], "month": r["month"], "inside": int(r["month"] + first >= inside_from),
             "assigned": 0, "on_time": r["on_time"], "extended": r["extended"], "late": r["late"],
             "within": -r["was_within"] - r["passed"], "overdue": r["passed"] - r["was_overdue"]} for r in rows]
