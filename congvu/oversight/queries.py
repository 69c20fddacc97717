"""The oversight figures (DESIGN §5.6): the Government Office's numbers per unit, the overdue work,
the deemed agreements, and the refusals and overrides — what Home Affairs, the Province office and a
unit's head watch. SQL aggregates, no query per row.

`figure_conditions` is shared with the item list's filter (`congvu.oversight.listing`), so a number
and the list it opens cannot disagree."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Q, QuerySet

from congvu.consult.models import Responsibility
from congvu.lib import clock
from congvu.org.models import Unit
from congvu.work.models import OPEN_STATES, Event, EventKind, Outcome, State, WorkItem
from congvu.work.queries import open_items

# Counted in the figures: everything but what went back to its sender or on to the competent unit,
# or was revoked by its sender.
COUNTED_STATES = tuple(s for s in State if s not in (State.RETURNED, State.TRANSFERRED, State.REVOKED))


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


def refusals_and_overrides(since: datetime | None = None) -> QuerySet[Event]:
    events = Event.objects.filter(outcome__in=[Outcome.REFUSED, Outcome.OVERRIDE])
    events = events.select_related("item", "actor", "unit")
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
        Event.objects.filter(Q(kind=EventKind.EXTEND) | Q(outcome=Outcome.OVERRIDE),
                             unit_id__in=unit_ids, at__gte=since)
        .select_related("item", "actor").order_by("-at")
    )


def overdue_items() -> QuerySet[WorkItem]:
    """The work past its deadline, oldest deadline first: the list behind the figures' "overdue"."""
    return (WorkItem.objects.filter(figure_conditions()["overdue"])
            .select_related("lead_unit", "holder", "matter_type").order_by("due_at", "id"))


def deemed_agreements() -> QuerySet[Responsibility]:
    """The silent units' responsibility records (clause 2.2), newest first, with the asking unit's notice."""
    return (Responsibility.objects.select_related(
        "unit", "head", "request__item", "request__notice", "request__notice__unit",
    ).order_by("-recorded_at", "-id"))
