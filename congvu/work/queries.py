"""Reads over items and steps: SQL aggregates, no query per row (DESIGN §5.6)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from congvu.lib import clock
from congvu.lib.workdays import local_date
from congvu.org.models import Official, Unit
from congvu.registry.queries import current_calendar
from congvu.work.models import OPEN_STATES, Event, Outcome, State, Step, WorkItem
from congvu.work.rules import OWN_AUTHORITY_SUBMISSION

DUE_SOON = timedelta(days=3)
ONE_MICROSECOND = timedelta(microseconds=1)
# Counted in the figures: everything but what went back to its sender or on to the competent unit.
COUNTED_STATES = tuple(s for s in State if s not in (State.RETURNED, State.TRANSFERRED))


def open_items() -> QuerySet[WorkItem]:
    return WorkItem.objects.filter(state__in=OPEN_STATES)


def my_work(official: Official, now: datetime | None = None) -> dict[str, QuerySet[WorkItem]]:
    """What an official holds, split the way they act on it: overdue first, then due soon, then the rest."""
    now = now or clock.now()
    held = open_items().filter(holder=official).select_related("lead_unit", "matter_type").order_by("due_at")
    return {
        "overdue": held.filter(due_at__lt=now),
        "due_soon": held.filter(due_at__gte=now, due_at__lt=now + DUE_SOON),
        "later": held.filter(due_at__gte=now + DUE_SOON),
    }


def overdue_per_unit(now: datetime | None = None) -> list[dict]:
    """Open items past their deadline, counted per lead unit (largest backlog first)."""
    now = now or clock.now()
    rows = (
        open_items().filter(due_at__lt=now).values("lead_unit_id", "lead_unit__name")
        .annotate(overdue=Count("id")).order_by("-overdue", "lead_unit__name")
    )
    return list(rows)


@dataclass(frozen=True)
class UnitFigures:
    """The Government Office's task figures for one unit."""

    unit_id: int
    unit_name: str
    assigned: int
    completed_on_time: int
    completed_late: int
    open_within_deadline: int
    open_overdue: int

    @property
    def overdue_rate(self) -> float:
        """Share of assigned work that is or was late, in percent."""
        late = self.completed_late + self.open_overdue
        return round(100 * late / self.assigned, 1) if self.assigned else 0.0


def figure_conditions(now: datetime | None = None) -> dict[str, Q]:
    """The condition behind each of the Government Office's numbers. The figures table counts with
    them and the item list filters with them, so a number and the list it opens can never differ.
    Returned and transferred items are not the unit's work and are in no bucket."""
    now = now or clock.now()
    completed = Q(state=State.COMPLETED)
    open_ = Q(state__in=OPEN_STATES)
    return {
        "assigned": Q(state__in=COUNTED_STATES),
        "on_time": completed & Q(completed_at__lte=F("due_at")),
        "late": completed & Q(completed_at__gt=F("due_at")),
        "within": open_ & Q(due_at__gte=now),
        "overdue": open_ & Q(due_at__lt=now),
    }


def unit_figures(now: datetime | None = None, units: QuerySet[Unit] | None = None) -> list[UnitFigures]:
    """Assigned; completed on time / late; not completed within deadline / overdue — per lead unit.
    Returned and transferred items are not the unit's work and are left out."""
    conditions = figure_conditions(now)
    items = WorkItem.objects.filter(conditions["assigned"])
    if units is not None:
        items = items.filter(lead_unit__in=units)
    rows = (
        items.values("lead_unit_id", "lead_unit__name")
        .annotate(
            assigned=Count("id"),
            on_time=Count("id", filter=conditions["on_time"]),
            late=Count("id", filter=conditions["late"]),
            within=Count("id", filter=conditions["within"]),
            overdue=Count("id", filter=conditions["overdue"]),
        )
        .order_by("lead_unit__name")
    )
    return [
        UnitFigures(r["lead_unit_id"], r["lead_unit__name"], r["assigned"], r["on_time"], r["late"],
                    r["within"], r["overdue"])
        for r in rows
    ]


def steps_of(item: WorkItem) -> QuerySet[Step]:
    return item.steps.select_related("holder", "holder_unit").order_by("started_at", "id")


def events_of(item: WorkItem) -> QuerySet[Event]:
    return item.events.select_related("actor", "unit").order_by("seq")


def holder_when_late(item: WorkItem) -> Step | None:
    """The step open at the moment the item's deadline ran out: who held the work when it went late
    (clause 1.3). None while the item is not late."""
    end = item.completed_at or clock.now()
    if end <= item.due_at:
        return None
    return (
        item.steps.filter(started_at__lte=item.due_at)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gt=item.due_at))
        .select_related("holder", "holder_unit").first()
    )


def step_delay_days(step: Step, now: datetime | None = None) -> int:
    """Working days a step ran past its own due moment (0 when on time): the delay its holder answers for."""
    end = step.ended_at or now or clock.now()
    if end <= step.due_at:
        return 0
    last_day = local_date(step.due_at - ONE_MICROSECOND)
    return current_calendar().working_days_between(last_day, local_date(end)) or 1


def refusals_and_overrides(since: datetime | None = None) -> QuerySet[Event]:
    events = Event.objects.filter(outcome__in=["refused", "override"]).select_related("item", "actor", "unit")
    if since is not None:
        events = events.filter(at__gte=since)
    return events.order_by("-at")


def refusals_in_units(unit_ids: set[int], since: datetime) -> QuerySet[Event]:
    """Attempts a rule refused in these units since `since`, on work still open: the head decides
    whether one deserves an override with a written reason (DESIGN §2)."""
    return (
        Event.objects.filter(outcome=Outcome.REFUSED, unit_id__in=unit_ids, at__gte=since,
                             item__state__in=OPEN_STATES)
        .select_related("item", "actor").order_by("-at")
    )


def extensions_and_overrides(unit_ids: set[int], since: datetime) -> QuerySet[Event]:
    """Deadline extensions approved and refusals overridden in these units since `since`."""
    return (
        Event.objects.filter(Q(kind="extend") | Q(outcome=Outcome.OVERRIDE), unit_id__in=unit_ids, at__gte=since)
        .select_related("item", "actor").order_by("-at")
    )


def submissions_received() -> QuerySet[WorkItem]:
    """What waits at the Province office, oldest deadline first; `overridden` marks a submission that a
    head pushed through the own-authority refusal (clause 1.4) with a written reason."""
    override = Event.objects.filter(item=OuterRef("pk"), outcome=Outcome.OVERRIDE,
                                    rule_code=OWN_AUTHORITY_SUBMISSION.code)
    return (
        WorkItem.objects.filter(state=State.SUBMITTED)
        .select_related("matter_type", "lead_unit", "registered_unit", "holder")
        .annotate(overridden=Exists(override)).order_by("due_at", "id")
    )
