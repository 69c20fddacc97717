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
from congvu.oversight.models import REVIEWED_RULE_PREFIXES, Resolution
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


# --- Authority (clauses 1.4, 2.1): what counts against a unit beside its deadlines ---------------


def reviewable_overrides() -> QuerySet[Event]:
    """Every head's override of a 2.1 or 1.4 refusal: the entries of Home Affairs' queue "Thủ trưởng
    quyết định thực hiện — chờ xem xét", open (no review yet) or resolved."""
    condition = Q()
    for prefix in REVIEWED_RULE_PREFIXES:
        condition |= Q(rule_code__startswith=prefix)
    return Event.objects.filter(condition, outcome=Outcome.OVERRIDE, kind=EventKind.OVERRIDE)


def overrides_to_review() -> QuerySet[Event]:
    """The queue's open entries, oldest first: Home Affairs works through them in order."""
    return (reviewable_overrides().filter(review__isnull=True)
            .select_related("item", "item__matter_type", "actor", "unit").order_by("at", "id"))


def reviewed_overrides() -> QuerySet[Event]:
    return (reviewable_overrides().filter(review__isnull=False)
            .select_related("item", "actor", "unit", "review", "review__resolved_by").order_by("-review__resolved_at"))


@dataclass(frozen=True)
class AuthorityFigures:
    """What counts against one unit for its use of authority: submissions the Province office sent
    back, returns found wrong, and its head's overrides by Home Affairs' resolution."""

    unit_id: int
    unit_name: str
    sent_back: int = 0
    returns_found_wrong: int = 0
    overrides_open: int = 0
    overrides_confirmed: int = 0
    overrides_registry_corrected: int = 0
    overrides_kept: int = 0


def authority_figures() -> list[AuthorityFigures]:
    """Per unit, from the trail (each count is an event the unit cannot remove): two grouped queries."""
    counts: dict[int, dict[str, int]] = {}
    events = (Event.objects.filter(kind__in=[EventKind.SEND_BACK, EventKind.RETURN_FOUND_WRONG])
              .values("unit_id", "kind").annotate(n=Count("id")))
    field = {EventKind.SEND_BACK: "sent_back", EventKind.RETURN_FOUND_WRONG: "returns_found_wrong"}
    for row in events:
        counts.setdefault(row["unit_id"], {})[field[row["kind"]]] = row["n"]
    by_resolution = {None: "overrides_open", Resolution.CONFIRMED: "overrides_confirmed",
                     Resolution.REGISTRY_CORRECTED: "overrides_registry_corrected",
                     Resolution.KEPT_FOR_REVIEW: "overrides_kept"}
    for row in reviewable_overrides().values("unit_id", "review__resolution").annotate(n=Count("id")):
        counts.setdefault(row["unit_id"], {})[by_resolution[row["review__resolution"]]] = row["n"]
    names = dict(Unit.objects.filter(pk__in=counts).values_list("pk", "name"))
    return sorted((AuthorityFigures(pk, names[pk], **c) for pk, c in counts.items() if pk is not None),
                  key=lambda f: f.unit_name)
