"""What a unit's periodic report is pre-filled with (clause 3): its figures for the period in the
Government Office's taxonomy, its signals and the status of its backlog plans — as one plain dict,
the very thing frozen into a submitted report (`UnitReport.figures`) and into the compiled one.

The figures are counted as at the end of the period's cut-off (or now, while it runs): work
completed after the cut-off was still open at it. One grouped SQL aggregate for all the units, so
a province-year (300,000 items) is counted in one pass (`congvu reportbench` measures it).

Signals (issue 11's other work) and backlog plans are built by other helpers: `signals_hook` and
`backlog_hook` are where they are wired in at merge; until then they report nothing."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db.models import Count, F, Q

from congvu.consult.models import Responsibility
from congvu.lib import clock
from congvu.oversight.models_reports import ReportingPeriod
from congvu.oversight.queries import COUNTED_STATES
from congvu.work.deadlines import end_of_local_day
from congvu.work.models import Event, EventKind, Outcome, State, WorkItem

# The figures' keys, in the order the report prints them (the Government Office's taxonomy).
FIGURE_KEYS = ("assigned", "received", "on_time", "extended", "late", "within", "overdue",
               "deemed_agreements", "extensions")


def window(period: ReportingPeriod, now: datetime | None = None) -> tuple[datetime, datetime]:
    """[start, at): from the first day of the cut-off to its end, or to now while it runs."""
    start = end_of_local_day(period.starts_on - timedelta(days=1))
    return start, min(end_of_local_day(period.ends_on), now or clock.now())


def period_conditions(starts_on: date, ends_on: date, start: datetime, at: datetime) -> dict[str, Q]:
    """The condition behind each number, for the work a unit had in hand in the period: received by
    its end and not completed before its start. Against the legal deadline, as `figure_conditions`."""
    done = Q(state=State.COMPLETED, completed_at__lte=at)
    after_legal = done & Q(completed_at__gt=F("legal_due_at"))
    in_hand = (Q(state__in=COUNTED_STATES, event_date__lte=ends_on)
               & (Q(completed_at__isnull=True) | Q(completed_at__gte=start)))
    return {
        "in_hand": in_hand,
        "received": Q(event_date__gte=starts_on),
        "on_time": done & Q(completed_at__lte=F("legal_due_at")),
        "extended": after_legal & Q(completed_at__lte=F("due_at")),
        "late": after_legal & Q(completed_at__gt=F("due_at")),
        "within": ~done & Q(legal_due_at__gte=at),
        "overdue": ~done & Q(legal_due_at__lt=at),
    }


def _unit_figures_in(period: ReportingPeriod, unit_ids: Iterable[int] | None = None,
                     now: datetime | None = None) -> dict[int, dict[str, int]]:
    """{unit id: {figure: count}} for the lead units (all when `unit_ids` is None). Private: helper
    "dash" writes the shared `period_figures.unit_figures_in`; this one stands in until it is merged."""
    start, at = window(period, now)
    c = period_conditions(period.starts_on, period.ends_on, start, at)
    items = WorkItem.objects.filter(c["in_hand"])
    events = Event.objects.filter(kind=EventKind.EXTEND, outcome=Outcome.DONE, at__gte=start, at__lte=at)
    deemed = Responsibility.objects.filter(recorded_at__gte=start, recorded_at__lte=at)
    if unit_ids is not None:
        unit_ids = list(unit_ids)
        items, events = items.filter(lead_unit_id__in=unit_ids), events.filter(unit_id__in=unit_ids)
        deemed = deemed.filter(unit_id__in=unit_ids)
    rows = items.values("lead_unit_id").annotate(
        assigned=Count("id"), **{key: Count("id", filter=c[key])
                                 for key in ("received", "on_time", "extended", "late", "within", "overdue")})
    found: dict[int, dict[str, int]] = {}
    for row in rows:
        found[row.pop("lead_unit_id")] = row
    for unit_id, n in events.values_list("unit_id").annotate(n=Count("id")):
        found.setdefault(unit_id, {})["extensions"] = n
    for unit_id, n in deemed.values_list("unit_id").annotate(n=Count("id")):
        found.setdefault(unit_id, {})["deemed_agreements"] = n
    return {u: {key: f.get(key, 0) for key in FIGURE_KEYS} for u, f in found.items()}


def overdue_rate(figures: dict[str, int]) -> float:
    """Share of the work in hand that is or was past its legal deadline, in percent."""
    late = figures.get("late", 0) + figures.get("extended", 0) + figures.get("overdue", 0)
    return round(100 * late / figures["assigned"], 1) if figures.get("assigned") else 0.0


def signals_hook(period: ReportingPeriod, unit_ids: list[int]) -> dict[int, list[dict]]:
    """HOOK for the lead at merge: each unit's buck-passing signals in the period, as
    [{"label": "…", "value": "…"}] (Vietnamese, printed as is). Reports nothing until wired."""
    return {}


def backlog_hook(period: ReportingPeriod, unit_ids: list[int]) -> dict[int, list[dict]]:
    """HOOK for the lead at merge: the status of each unit's backlog plans, as
    [{"label": "…", "value": "…"}] (Vietnamese, printed as is). Reports nothing until wired."""
    return {}


def empty_figures() -> dict[str, int]:
    return dict.fromkeys(FIGURE_KEYS, 0)


def prefilled(period: ReportingPeriod, unit_ids: list[int], now: datetime | None = None) -> dict[int, dict]:
    """What each unit's report is filled in with: {unit id: {"figures", "overdue_rate", "signals",
    "backlog", "as_of"}} — JSON-ready, as it is frozen."""
    now = now or clock.now()
    figures = _unit_figures_in(period, unit_ids, now)
    signals, backlog = signals_hook(period, unit_ids), backlog_hook(period, unit_ids)
    _, at = window(period, now)
    filled = {}
    for unit_id in unit_ids:
        f = figures.get(unit_id, empty_figures())
        filled[unit_id] = {"figures": f, "overdue_rate": overdue_rate(f), "signals": signals.get(unit_id, []),
                           "backlog": backlog.get(unit_id, []), "as_of": at.isoformat()}
    return filled


def province_totals(per_unit: Iterable[dict]) -> dict:
    """The province's figures: the units' added up."""
    totals = empty_figures()
    for filled in per_unit:
        for key in FIGURE_KEYS:
            totals[key] += filled["figures"].get(key, 0)
    return {"figures": totals, "overdue_rate": overdue_rate(totals)}
