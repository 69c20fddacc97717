"""Reads over items and steps: SQL aggregates, no query per row (DESIGN §5.6). The figures counted
over every unit (and the refusals and overrides they show) are `congvu.oversight.queries`."""

from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet

from congvu.lib import clock
from congvu.org.models import Official
from congvu.registry.queries import current_calendar
from congvu.work.deadlines import working_days_late
from congvu.work.models import OPEN_STATES, Event, Outcome, State, Step, WorkItem
from congvu.work.rules import OWN_AUTHORITY_SUBMISSION

DUE_SOON = timedelta(days=3)
ONE_MICROSECOND = timedelta(microseconds=1)


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
    return working_days_late(current_calendar(), step.due_at, step.ended_at or now or clock.now())


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
