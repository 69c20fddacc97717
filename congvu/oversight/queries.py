"""The oversight figures (DESIGN §5.6): the Government Office's numbers per unit, the overdue work,
the deemed agreements, and the refusals and overrides — what Home Affairs, the Province office and a
unit's head watch. SQL aggregates, no query per row.

`figure_conditions` is shared with the item list's filter (`congvu.oversight.listing`), so a number
and the list it opens cannot disagree."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, F, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform

from congvu.consult.models import Responsibility
from congvu.lib import clock
from congvu.lib.workdays import local_date
from congvu.org.models import Official, Unit
from congvu.oversight.models import REVIEWED_RULE_PREFIXES, Resolution
from congvu.oversight.periods import Period
from congvu.registry.queries import current_calendar, parameter
from congvu.work.actions import APPROVED_ABOVE, APPROVED_BY_UNIT
from congvu.work.deadlines import end_of_local_day, working_days_late
from congvu.work.models import (
    NOT_DONE,
    OPEN_STATES,
    REFUSED_OR_OVERRIDDEN,
    Event,
    EventKind,
    Outcome,
    State,
    Step,
    WorkItem,
)
from congvu.work.queries import open_items

# Counted in the figures: everything but what went back to its sender or on to the competent unit,
# or was revoked by its sender.
COUNTED_STATES = tuple(s for s in State if s not in (State.RETURNED, State.TRANSFERRED, State.REVOKED))
# Every day the trail can hold, for the figures as at now read from the day counters (the period's
# moments stay within what a datetime can hold in any time zone).
EVERY_DAY = Period("custom", date(1, 1, 2), date(9999, 12, 30))


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
    """The Government Office's task figures for one unit, on time counted against the LEGAL deadline
    (an extension does not move it, clause 1.5): work completed after it but by the extended deadline
    is "on time after extension", neither on time nor late."""

    unit_id: int
    unit_name: str
    assigned: int
    completed_on_time: int
    completed_late: int
    open_within_deadline: int
    open_overdue: int
    completed_after_extension: int = 0
    # Work the unit held and passed on (transferred or returned, clause 2.1): the days stay its own.
    passed_on: int = 0
    days_held: int = 0
    held_beyond_share: int = 0
    # Extensions, approved by the unit itself or by the level above (clause 1.5).
    extensions_self: int = 0
    extensions_above: int = 0

    @property
    def overdue_rate(self) -> float:
        """Share of assigned work that is or was past its legal deadline, in percent."""
        late = self.completed_late + self.completed_after_extension + self.open_overdue
        return round(100 * late / self.assigned, 1) if self.assigned else 0.0


def figure_conditions(now: datetime | None = None) -> dict[str, Q]:
    """The condition behind each of the Government Office's numbers. The figures table counts with
    them and the item list filters with them, so a number and the list it opens can never differ.
    Returned and transferred items are not the unit's work and are in no bucket (their days held are
    counted apart, `held_and_passed_on`). Every bucket is against the legal deadline, which no
    extension moves: "extended" is work completed after it but by the extended deadline."""
    now = now or clock.now()
    open_ = Q(state__in=OPEN_STATES)
    return {
        "assigned": Q(state__in=COUNTED_STATES),
        **completed_buckets(Q(state=State.COMPLETED)),
        "within": open_ & Q(legal_due_at__gte=now),
        "overdue": open_ & Q(legal_due_at__lt=now),
    }


def completed_buckets(completed: Q) -> dict[str, Q]:
    """The work `completed` split against the legal deadline, which no extension moves: on time, "extended"
    (after it but by the extended deadline) and late. The figures as at now and those of a period
    (`congvu.oversight.period_figures`) both split with it."""
    after_legal = completed & Q(completed_at__gt=F("legal_due_at"))
    return {
        "on_time": completed & Q(completed_at__lte=F("legal_due_at")),
        "extended": after_legal & Q(completed_at__lte=F("due_at")),
        "late": after_legal & Q(completed_at__gt=F("due_at")),
    }


def unit_figures(now: datetime | None = None, units: QuerySet[Unit] | None = None) -> list[UnitFigures]:
    """Assigned; completed on time / late; not completed within deadline / overdue — per lead unit.
    Returned and transferred items are not the unit's work and are left out."""
    conditions = figure_conditions(now)
    items = WorkItem.objects.filter(conditions["assigned"])
    if units is not None:
        items = items.filter(lead_unit__in=units)
    # Grouped by the unit's id alone: its name joined in was a look-up per item (~80 ms of CPU of the
    # figures export at 300,000 items on SQLite); the ~40 names are read once below.
    rows = (
        items.values("lead_unit_id")
        .annotate(  # of the state (never null), not the id: PostgreSQL may count from the figures index alone
            assigned=Count("state"),
            on_time=Count("state", filter=conditions["on_time"]),
            late=Count("state", filter=conditions["late"]),
            extended=Count("state", filter=conditions["extended"]),
            within=Count("state", filter=conditions["within"]),
            overdue=Count("state", filter=conditions["overdue"]),
        )
        .order_by()
    )
    held = held_and_passed_on(units)
    extensions = extensions_per_unit(units)
    by_unit = {r["lead_unit_id"]: r for r in rows}
    names = dict(Unit.objects.filter(pk__in=set(held) | set(extensions) | set(by_unit)).values_list("pk", "name"))
    figures = []
    for unit_id in set(by_unit) | set(held) | set(extensions):
        r = by_unit.get(unit_id, {})
        h, e = held.get(unit_id, Held()), extensions.get(unit_id, {})
        figures.append(UnitFigures(
            unit_id, names.get(unit_id, ""), r.get("assigned", 0), r.get("on_time", 0),
            r.get("late", 0), r.get("within", 0), r.get("overdue", 0), r.get("extended", 0),
            passed_on=h.items, days_held=h.days, held_beyond_share=h.beyond_share,
            extensions_self=e.get(APPROVED_BY_UNIT, 0), extensions_above=e.get(APPROVED_ABOVE, 0),
        ))
    return sorted(figures, key=lambda f: f.unit_name)


@dataclass
class Held:
    """What one unit held and passed on (transferred or returned)."""

    items: int = 0
    days: int = 0
    beyond_share: int = 0


def held_and_passed_on(units: QuerySet[Unit] | None = None) -> dict[int, Held]:
    """Per unit, the items it transferred or returned (clause 2.1) and the working days it held them,
    from its receipt to the day it passed them on: they stay in its figures. Held longer than the
    registry's `pass_on_within_days` is beyond its share."""
    from congvu.oversight.signal_days import held_rows  # (it folds with the signals' conditions)

    share = parameter("pass_on_within_days").value
    held: dict[int, Held] = {}
    # From the signals' day counters over every day, when they can be used (a few hundred rows):
    # reading the 12,000 passed-on events of a province-year with their items' dates was ~400 ms of
    # the figures export on PostgreSQL.
    rows = held_rows(EVERY_DAY, units)
    if rows is not None:
        for unit_id, days, n in rows:
            h = held.setdefault(unit_id, Held())
            h.items, h.days, h.beyond_share = h.items + n, h.days + n * days, h.beyond_share + n * (days > share)
        return held
    events = Event.objects.filter(kind__in=[EventKind.TRANSFER, EventKind.RETURN], outcome=Outcome.DONE)
    if units is not None:
        events = events.filter(unit__in=units)
    calendar = current_calendar()
    # No order (the events' own is (item, seq)): through a server-side cursor PostgreSQL chose to walk
    # that index over every event for it, 2.7 s at 3 M events; unordered, ~0.2 s.
    rows = events.values_list("unit_id", "item__event_date", "at").order_by()
    for unit_id, received, at in rows.iterator(chunk_size=2000):
        days = calendar.working_days_between(received, local_date(at))
        h = held.setdefault(unit_id, Held())
        h.items, h.days, h.beyond_share = h.items + 1, h.days + days, h.beyond_share + (days > share)
    return held


def extensions_per_unit(units: QuerySet[Unit] | None = None) -> dict[int, dict[str, int]]:
    """Every extension granted, per lead unit, by how it was approved: by the unit itself or above."""
    from congvu.oversight.signal_days import extension_rows

    counted: dict[int, dict[str, int]] = {}
    groups = extension_rows(EVERY_DAY, units)  # from the day counters, when they can be used
    if groups is None:
        events = Event.objects.filter(kind=EventKind.EXTEND, outcome=Outcome.DONE)
        if units is not None:
            events = events.filter(unit__in=units)
        # Counted by the database per (unit, approval): a handful of rows, not one per extension.
        groups = (events.annotate(approval=KeyTextTransform("approval", "data"))
                  .values_list("unit_id", "approval").annotate(n=Count("id")).order_by())
    for unit_id, approval, n in groups:
        # An extension from before approvals were recorded was the unit's own.
        key = approval or APPROVED_BY_UNIT
        counted.setdefault(unit_id, {}).setdefault(key, 0)
        counted[unit_id][key] += n
    return counted


def delay_causes(units: QuerySet[Unit] | None = None, period: Period | None = None) -> list[dict]:
    """Work completed past its legal deadline, per lead unit and cause of the delay (clause 1.5): the
    work completed in `period` when one is given (the dashboard's period: without it the table counted
    every year's causes beside one month's figures, and read every completed item to do so)."""
    # Only `complete` writes a cause, with `completed_at`: no state condition, which made SQLite read
    # every item completed in the period through the figures' (state, completed_at) index instead of
    # the small partial one (work_item_delay_cause_idx): 0.29 s for a year at 300,000 items.
    items = WorkItem.objects.filter(delay_cause__gt="")
    if period is not None:
        items = items.filter(completed_at__gte=period.start_at, completed_at__lt=period.end_at)
    if units is not None:
        items = items.filter(lead_unit__in=units)
    return list(items.values("lead_unit_id", "lead_unit__name", "delay_cause").annotate(count=Count("id"))
                .order_by("lead_unit__name", "delay_cause"))


@dataclass(frozen=True)
class StepDelay:
    """Working days by which the steps an official (or a unit) held ran past their step deadlines."""

    official_id: int | None
    official_name: str
    unit_id: int
    unit_name: str
    steps_late: int
    days_late: int


def step_delays(since: date, until: date, now: datetime | None = None) -> tuple[list[StepDelay], list[StepDelay]]:
    """The delay of each step charged to the official who held it and to their unit (clause 2.1): the
    working days from the step's deadline to its end (or to now, while it is open), for the steps
    that ended (or are still open) in the period [since, until]. Returns (per official, per unit),
    the largest delay first."""
    now = now or clock.now()
    start, end = end_of_local_day(since - timedelta(days=1)), end_of_local_day(until)
    late = Q(ended_at__gt=F("due_at"), ended_at__gte=start, ended_at__lt=end)
    if start <= now:  # a step still open is late now, so in a period that has begun
        late |= Q(ended_at__isnull=True, due_at__lt=min(now, end))
    late_steps = Step.objects.filter(late)
    calendar = current_calendar()
    per_official: dict[tuple[int, int], list[int]] = {}
    rows = late_steps.values_list("holder_id", "holder_unit_id", "due_at", "ended_at")
    for holder_id, unit_id, due_at, ended_at in rows.iterator(chunk_size=2000):
        days = working_days_late(calendar, due_at, ended_at or now)  # as the item page's steps count it
        charged = per_official.setdefault((holder_id, unit_id), [0, 0])
        charged[0], charged[1] = charged[0] + 1, charged[1] + days
    officials = dict(Official.objects.filter(pk__in={h for h, _ in per_official}).values_list("pk", "full_name"))
    units = dict(Unit.objects.filter(pk__in={u for _, u in per_official}).values_list("pk", "name"))
    by_official = [StepDelay(h, officials.get(h, ""), u, units.get(u, ""), n, d)
                   for (h, u), (n, d) in per_official.items()]
    per_unit: dict[int, list[int]] = {}
    for row in by_official:
        charged = per_unit.setdefault(row.unit_id, [0, 0])
        charged[0], charged[1] = charged[0] + row.steps_late, charged[1] + row.days_late
    by_unit = [StepDelay(None, "", u, units.get(u, ""), n, d) for u, (n, d) in per_unit.items()]

    def order(r: StepDelay) -> tuple:
        return (-r.days_late, r.unit_name, r.official_name)

    return sorted(by_official, key=order), sorted(by_unit, key=order)


def refusals_and_overrides(since: datetime | None = None) -> QuerySet[Event]:
    events = Event.objects.filter(REFUSED_OR_OVERRIDDEN)  # (with the partial index's condition: see it)
    events = events.select_related("item", "actor", "unit")
    if since is not None:
        events = events.filter(at__gte=since)
    return events.order_by("-at")


def refusals_in_units(unit_ids: set[int], since: datetime) -> QuerySet[Event]:
    """Attempts a rule refused in these units since `since`, on work still open: the head decides
    whether one deserves an override with a written reason (DESIGN §2)."""
    return (
        Event.objects.filter(NOT_DONE, outcome=Outcome.REFUSED, unit_id__in=unit_ids, at__gte=since,
                             item__state__in=OPEN_STATES)
        .select_related("item", "actor").order_by("-at")
    )


def extensions_and_overrides(unit_ids: set[int], since: datetime) -> QuerySet[Event]:
    """Deadline extensions approved (or requested of the level above) and refusals overridden in these
    units since `since`."""
    return (
        # (done: a refused attempt is an event of its own kind, so this changes no row; it lets both engines
        # seek the moment in the trail by kind, outcome and moment instead of reading every extension ever)
        Event.objects.filter(Q(kind__in=[EventKind.EXTEND, EventKind.EXTENSION_REQUEST, EventKind.EXTENSION_REFUSED],
                               outcome=Outcome.DONE)
                             | Q(NOT_DONE, outcome=Outcome.OVERRIDE),
                             unit_id__in=unit_ids, at__gte=since)
        .select_related("item", "actor").order_by("-at")
    )


def overdue_items() -> QuerySet[WorkItem]:
    """The work past its legal deadline, the oldest legal deadline first (the figures count overdue
    against it): the list behind the figures' "overdue"."""
    return (WorkItem.objects.filter(figure_conditions()["overdue"])
            .select_related("lead_unit", "holder", "matter_type").order_by("legal_due_at", "id"))


def first_rows(items: QuerySet, n: int) -> list:
    """The first `n` rows of an ordered list, their ids picked first, then only those `n` rows read with
    their joins. Asked in one query, SQLite read and sorted every matching row with its joins: the
    dashboard's ten oldest overdue items 0.3-0.4 s at 300,000 items (100,000 overdue; the ids alone come
    from the (state, legal deadline) index), its ten latest refusals ~0.2 s (ids from (outcome, at))."""
    ids = list(items.values_list("pk", flat=True)[:n])
    related = items.query.select_related  # {"lead_unit": {}, …} as the list asked for it
    rows = items.model.objects.filter(pk__in=ids).select_related(*(related if isinstance(related, dict) else ()))
    by_id = {row.pk: row for row in rows}
    return [by_id[pk] for pk in ids]


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
