"""Where each signal of pushing work around (clause 1.2, issue 10) comes from: one function per
signal that reads the record and yields a `Charge` — a unit, an official, an amount, and the record
behind it (an event, a step, a responsibility, a consultation request or an item). The counts add up
the charges and the evidence lists the very same records, so a number and its list cannot disagree.

Who is charged:
- a refused or overridden attempt: the unit and the official who attempted it (the trail's actor);
- a submission sent back by the Province office: the submitting unit and the official who submitted;
- a return found wrong: the returning unit and the official who returned it;
- a consultation sent back: the unit it is counted against (the asking unit unless Home Affairs
  found the grounds wrong) and, on the asking side, who asked;
- a deemed agreement (silence, or a reply after the deadline, which is deemed too): the silent unit
  and the official who held the request (its head when nobody held it);
- an item passed on by transfer twice or more: each unit (and official) that passed it on;
- an item undecided past twice its legal limit: the lead unit and the current holder;
- a step past its deadline: the holder of the step, by working days late;
- a backlog item not decided by the date its plan promised (backlog review, clause 1.5): the holding
  unit and the official the plan made responsible, once per plan, in the period of the promised date."""

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, DateTimeField, F, FloatField, Func, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from congvu.consult.models import ConsultationRequest, Responsibility
from congvu.lib.workdays import TZ, local_date
from congvu.oversight.models_backlog import BacklogEntry
from congvu.oversight.period_figures import period_conditions
from congvu.oversight.periods import Period
from congvu.registry.queries import current_calendar
from congvu.work.actions import APPROVED_ABOVE
from congvu.work.deadlines import end_of_local_day, working_days_late
from congvu.work.models import OPEN_STATES, REFUSED_OR_OVERRIDDEN, Event, EventKind, Outcome, State, Step, WorkItem


class Charge(NamedTuple):
    unit_id: int | None
    official_id: int | None
    amount: int
    model: str  # "event", "step", "responsibility", "request" or "item": what the evidence lists
    pk: int
    at: datetime


def _rule(code: str) -> Q:
    # (the trail by rule is indexed over refusals and overrides alone, read with its condition: oversight/0014)
    return Q(REFUSED_OR_OVERRIDDEN, rule_code=code)


# The trail events behind each event signal.
EVENT_CONDITIONS: dict[str, Q] = {
    "own_transfer": _rule("R-2.1-OWN-COMPETENCE-TRANSFER"),
    "foreign_matter": _rule("R-2.1-FOREIGN-COMPETENCE"),
    "upward": _rule("R-1.4-OWN-AUTHORITY-SUBMISSION") | Q(kind=EventKind.SEND_BACK, outcome=Outcome.DONE),
    "unrelated_consultation": _rule("R-2.2-UNRELATED-CONSULTATION"),
    "extension_self": Q(kind=EventKind.EXTEND, outcome=Outcome.DONE) & ~Q(data__approval=APPROVED_ABOVE),
    "extension_above": Q(kind=EventKind.EXTENSION_REQUEST),
    "returns_wrong": Q(kind=EventKind.RETURN_FOUND_WRONG),
}


def _in(period: Period, field: str = "at") -> Q:
    return Q(**{f"{field}__gte": period.start_at, f"{field}__lt": period.end_at})


def _charged_officials(rows: list[tuple]) -> dict[int, int | None]:
    """Events whose actor is not the one charged: a send-back (charged to who submitted) and a return
    found wrong (to who returned). Event pk -> the official charged."""
    sent_back = {pk: (item, at) for pk, _u, _a, at, kind, item, _d in rows if kind == EventKind.SEND_BACK}
    wrong = {pk: (item, (data or {}).get("return_seq")) for pk, _u, _a, _at, kind, item, data in rows
             if kind == EventKind.RETURN_FOUND_WRONG}
    charged: dict[int, int | None] = {}
    if sent_back:
        submits: dict[int, list[tuple[datetime, int | None]]] = {}
        for item, actor, when in Event.objects.filter(
                item_id__in={i for i, _ in sent_back.values()}, kind=EventKind.SUBMIT,
                outcome=Outcome.DONE).values_list("item_id", "actor_id", "at").order_by("at"):
            submits.setdefault(item, []).append((when, actor))
        for pk, (item, at) in sent_back.items():  # the last submission before it (per item: few)
            charged[pk] = next((a for when, a in reversed(submits.get(item, [])) if when <= at), None)
    if wrong:
        returns = Event.objects.filter(item_id__in={i for i, _ in wrong.values()}, kind=EventKind.RETURN)
        actor_of = {(i, s): a for i, s, a in returns.values_list("item_id", "seq", "actor_id")}
        for pk, key in wrong.items():
            charged[pk] = actor_of.get(key)
    return charged


def event_charges(code: str, period: Period, now: datetime) -> Iterator[Charge]:
    return _event_charges_where(EVENT_CONDITIONS[code], period, remap=code in ("upward", "returns_wrong"))


def _event_charges_where(condition: Q, period: Period, remap: bool = True) -> Iterator[Charge]:
    rows = list(Event.objects.filter(condition, _in(period)).values_list(
        "pk", "unit_id", "actor_id", "at", "kind", "item_id", "data"))
    remapped = _charged_officials(rows) if remap else {}
    for pk, unit_id, actor_id, at, _kind, _item, _data in rows:
        yield Charge(unit_id, remapped.get(pk, actor_id), 1, "event", pk, at)


def sent_back_consultations(period: Period, now: datetime) -> Iterator[Charge]:
    """Consultations a consulted unit sent back as unrelated or the asker's own matter (clause 2.2)."""
    requests = ConsultationRequest.objects.filter(_in(period, "sent_back_at"), send_back_charged_to__isnull=False)
    rows = requests.values_list("pk", "send_back_charged_to_id", "unit_id", "consultation__asked_by_id",
                                "sent_back_by_id", "sent_back_at")
    for pk, charged_unit, consulted_unit, asked_by, sent_back_by, at in rows:
        yield Charge(charged_unit, sent_back_by if charged_unit == consulted_unit else asked_by, 1, "request", pk, at)


def unrelated_consultations(period: Period, now: datetime) -> Iterator[Charge]:
    yield from event_charges("unrelated_consultation", period, now)
    yield from sent_back_consultations(period, now)


def deemed_agreements(period: Period, now: datetime) -> Iterator[Charge]:
    rows = Responsibility.objects.filter(_in(period, "recorded_at")).values_list(
        "pk", "unit_id", "holder_id", "head_id", "recorded_at")
    for pk, unit_id, holder_id, head_id, at in rows:
        yield Charge(unit_id, holder_id or head_id, 1, "responsibility", pk, at)


def bounced_items(period: Period, now: datetime) -> Iterator[Charge]:
    """Items transferred on twice or more (a chain of `transferred_from`), counted in the period the
    last unit received it; each unit that passed it on is charged once."""
    parent_of = dict(WorkItem.objects.filter(transferred_from__isnull=False).values_list("pk", "transferred_from_id"))
    if not parent_of:
        return
    parents = set(parent_of.values())
    leaves = [pk for pk in parent_of if pk not in parents]
    chains = {}
    for leaf in leaves:
        chain, pk = [], leaf
        while pk in parent_of:
            pk = parent_of[pk]
            chain.append(pk)
        if len(chain) >= 2:
            chains[leaf] = chain
    received = dict(WorkItem.objects.filter(pk__in=chains, created_at__gte=period.start_at,
                                            created_at__lt=period.end_at).values_list("pk", "created_at"))
    passed = {item: (unit, actor) for item, unit, actor in Event.objects.filter(
        item_id__in={p for leaf in received for p in chains[leaf]}, kind=EventKind.TRANSFER,
        outcome=Outcome.DONE).values_list("item_id", "unit_id", "actor_id")}
    for leaf, at in received.items():
        seen = set()
        for unit_id, actor_id in (passed[p] for p in chains[leaf] if p in passed):
            if unit_id not in seen:
                seen.add(unit_id)
                yield Charge(unit_id, actor_id, 1, "item", leaf, at)


class DayNumber(Func):
    """A moment as a number of days, so deadlines compare by arithmetic in the database: julianday on
    SQLite, the epoch in days on PostgreSQL (only differences and comparisons are used)."""

    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="julianday", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(EXTRACT(EPOCH FROM %(expressions)s) / 86400.0)", **extra)


def undecided_items(period: Period, now: datetime) -> QuerySet[WorkItem]:
    """Open at the period's end (or now) and past twice the legal limit, read by the moment each item
    becomes so (`undecided_twice_from`, indexed with the state): only the items counted are read,
    not every open item. The same set as `undecided_items_direct`: the moment is at or after the legal
    deadline, itself after the registration, so "registered before and past the legal deadline" follow;
    open, or completed after the moment, are the counted states (`period_conditions`)."""
    at = period.judged_at(now)
    twice_past = Q(undecided_twice_from__lt=at)
    still_open = Q(state__in=OPEN_STATES) & twice_past
    if at == now:  # nothing was completed after now
        return WorkItem.objects.filter(still_open)
    return WorkItem.objects.filter(still_open | (Q(state=State.COMPLETED, completed_at__gt=at) & twice_past))


def undecided_items_direct(period: Period, now: datetime) -> QuerySet[WorkItem]:
    """The definition worked out from the registration and the legal deadline of every open item: the
    reference the indexed reading is held to (tests, `congvu signals --check`)."""
    at = period.judged_at(now)
    conditions = period_conditions(period, now)
    twice = 2 * DayNumber("legal_due_at") - DayNumber("created_at")
    return WorkItem.objects.filter(conditions["overdue"] & conditions["assigned"], created_at__lt=at).alias(
        twice=twice).filter(twice__lt=DayNumber(Value(at, output_field=DateTimeField())))


def undecided_twice(period: Period, now: datetime) -> Iterator[Charge]:
    """Open at the period's end (or now) and past twice the legal limit: at - registration >
    2 × (legal deadline - registration), i.e. 2 × legal deadline - registration < at; in SQL."""
    at = period.judged_at(now)
    for pk, unit_id, holder_id in raw_moments(undecided_items(period, now), "pk", "lead_unit_id", "holder_id"):
        yield Charge(unit_id, holder_id, 1, "item", pk, at)  # undecided as at the period's end


def raw_moments(queryset: QuerySet, *fields: str) -> Iterator[tuple]:
    """The rows of `values_list(*fields)` read through the cursor, moments parsed with the standard
    library: Django's per-value converters cost more than the whole query at 300,000 steps (SQLite
    returns text in UTC; PostgreSQL aware moments already)."""
    sql, params = queryset.values_list(*fields).query.sql_with_params()
    parsed: dict = {}  # deadlines are ends of days: few distinct moments among 300,000 rows
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(5000):
            for row in rows:
                yield tuple(_parsed(v, parsed) for v in row)


def _parsed(value, parsed: dict):
    if value is None or isinstance(value, int):
        return value
    if value not in parsed:
        parsed[value] = _moment(value)
    return parsed[value]


def _moment(value):
    if isinstance(value, str):
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    if isinstance(value, datetime) and value.tzinfo is None:  # SQLite's own converter: naive UTC
        return value.replace(tzinfo=UTC)
    return value


def late_steps(period: Period, now: datetime) -> tuple[Q, Q]:
    """Steps that ended late in the period; steps still open (at its end) past their deadline."""
    at = period.judged_at(now)
    ended_late = Q(ended_at__gt=F("due_at"), ended_at__gte=period.start_at, ended_at__lt=period.end_at)
    open_late = Q(due_at__lt=at) & (Q(ended_at__isnull=True) | Q(ended_at__gt=at))
    return ended_late, open_late


def step_delays(period: Period, now: datetime) -> Iterator[Charge]:
    """Steps that ended past their deadline in the period, or were still open and late at its end:
    the working days late, charged to the step's holder (clause 1.3)."""
    at = period.judged_at(now)
    ended_late, open_late = late_steps(period, now)
    steps = Step.objects.filter(ended_late | open_late)
    calendar, days = current_calendar(), {}
    for pk, unit_id, holder_id, due_at, ended_at in raw_moments(steps, "pk", "holder_unit_id", "holder_id",
                                                                 "due_at", "ended_at"):
        end = ended_at if ended_at is not None and ended_at <= at else at
        if end > due_at:
            key = (due_at, local_date(end))  # deadlines are ends of days: few distinct pairs
            if key not in days:
                days[key] = working_days_late(calendar, due_at, end)
            yield Charge(unit_id, holder_id, days[key], "step", pk, end)


def backlog_plans_missed(period: Period, now: datetime) -> Iterator[Charge]:
    """Plans of a backlog review whose promised date passed (before today) with the item still open,
    or completed after that day (`oversight.backlog.backlog_plans_overdue` gives the same per unit)."""
    last = min(period.end, local_date(now) - timedelta(days=1))
    rows = BacklogEntry.objects.filter(decision_date__gte=period.start, decision_date__lte=last).values_list(
        "unit_id", "responsible_id", "item_id", "decision_date", "item__state", "item__completed_at")
    for unit_id, responsible_id, item_id, planned, state, completed_at in rows:
        promised = end_of_local_day(planned)
        if state in OPEN_STATES or (completed_at is not None and completed_at > promised):
            yield Charge(unit_id, responsible_id, 1, "item", item_id, promised)


def _events(code: str) -> Callable[[Period, datetime], Iterator[Charge]]:
    return lambda period, now: event_charges(code, period, now)


CHARGERS: dict[str, Callable[[Period, datetime], Iterator[Charge]]] = {
    "own_transfer": _events("own_transfer"),
    "foreign_matter": _events("foreign_matter"),
    "upward": _events("upward"),
    "unrelated_consultation": unrelated_consultations,
    "deemed": deemed_agreements,
    "extension_self": _events("extension_self"),
    "extension_above": _events("extension_above"),
    "returns_wrong": _events("returns_wrong"),
    "bounced": bounced_items,
    "undecided_twice": undecided_twice,
    "step_delay": step_delays,
    "backlog_plan_missed": backlog_plans_missed,
}


# --- The same numbers, grouped in the database: what the per-unit and per-official tables add up ---
# (the evidence pages list the charges above; a test holds each sum to its list).


class Tally(NamedTuple):
    unit_id: int | None
    official_id: int | None
    amount: int
    records: int


def undecided_tally(period: Period, now: datetime) -> Iterator[Tally]:
    """From the open items the sweep read (`open_items`), or else every such item (`undecided_items`)."""
    from congvu.oversight.open_items import undecided_tallies  # (they read with this module's functions)

    from_open_items = undecided_tallies(period.judged_at(now), now)
    if from_open_items is not None:
        yield from from_open_items
        return
    grouped = undecided_items(period, now).values("lead_unit_id", "holder_id").annotate(n=Count("id")).order_by()
    for unit_id, holder_id, n in grouped.values_list("lead_unit_id", "holder_id", "n"):
        yield Tally(unit_id, holder_id, n, n)


def step_delay_tally(period: Period, now: datetime) -> Iterator[Tally]:
    """The steps open and late at the period's end (or now), from the open steps the sweep read
    (`open_steps`) or else every such step; those that ended late in the period from the day counters
    (`signal_days`) or else the steps."""
    ended_late = late_steps(period, now)[0]
    from congvu.oversight.open_steps import open_delay_tallies  # (they read with this module's functions)
    from congvu.oversight.signal_days import ended_step_tallies

    from_open_steps = open_delay_tallies(period.judged_at(now))
    yield from from_open_steps if from_open_steps is not None else open_delays_direct(period, now)
    from_days = ended_step_tallies(period, now, ended_late)
    yield from from_days if from_days is not None else ended_delay_tallies(period, now, ended_late)


def open_delays_direct(period: Period, now: datetime) -> Iterator[Tally]:
    """The steps open and late at the period's end (or now), per holder, read from every such step
    (`open_steps` reads them from the sweep's rows instead, when it can). They are all late to the
    same moment, so each distinct deadline's working days late are counted once in Python (a few
    hundred at a province-year) and the database adds them up per holder."""
    at = period.judged_at(now)
    calendar, still_open = current_calendar(), open_late_by_deadline(at)
    days = {due: working_days_late(calendar, due, at)
            for due in still_open.values_list("due_at", flat=True).distinct() if due < at}
    if days:
        yield from _open_delays_per_holder(still_open, days)


NEVER_ENDED = datetime(9999, 12, 31, tzinfo=UTC)


def open_late_by_deadline(at: datetime) -> QuerySet[Step]:
    """The steps open at `at` and past their deadline then: `late_steps`' open part, the "not ended
    yet, or ended after `at`" written as one comparison (an unended step ends never). With the OR,
    for some moments (the end of a reporting window, the 14th) SQLite chose to read every unended
    step before `at` once per deadline joined in (`_open_delays_per_holder`): at 300,000 items the
    window 15/12/2024–14/12/2025 took 3.5 s of CPU against 0.13 s for the year 2025. Without it each
    deadline reads its own steps from (due_at, ended_at, …) whatever the moment (0.1 s both)."""
    ends = Coalesce("ended_at", Value(NEVER_ENDED, output_field=DateTimeField()))
    return Step.objects.filter(due_at__lt=at).alias(ends=ends).filter(ends__gt=at).order_by()


def ended_delay_tallies(period: Period, now: datetime, ended_late: Q) -> Iterator[Tally]:
    """The steps that ended late (`ended_late`), per holder, read from the steps."""
    if _fixed_offset(period) is None:
        for c in step_delays_ended(period, now, ended_late):  # (never at Viet Nam's fixed offset since 1975)
            yield Tally(c.unit_id, c.official_id, c.amount, 1)
        return
    yield from _ended_delays_per_holder(Step.objects.filter(ended_late).order_by(), period, current_calendar())


def _fixed_offset(period: Period) -> timedelta | None:
    """Viet Nam's offset from UTC over the period, when it did not change (no daylight saving since 1975)."""
    first, last = period.start_at.astimezone(TZ).utcoffset(), period.end_at.astimezone(TZ).utcoffset()
    return first if first == last else None


def _ended_delays_per_holder(steps: QuerySet[Step], period: Period, calendar) -> Iterator[Tally]:
    """Σ working days late per holder of the steps that ended late in the period: the database counts
    them per (holder, deadline, day in Viet Nam they ended) and each distinct (deadline, day) pair's
    working days late is worked out once here (`working_days_late`: the end is past the deadline, so
    the days between the deadline's last day and the day ended, at least 1). Read one by one, the
    21,000 steps that ended late in 2025 at 300,000 items cost ~0.5 s of processor time (each end
    moment parsed and dated in Python); grouped so, see README ("Speed")."""
    sql, params = steps.values("holder_unit_id", "holder_id", "due_at", "ended_at").query.sql_with_params()
    hours = f"{_fixed_offset(period).total_seconds() / 3600:+g} hours"
    ended_day = ("(s.ended_at AT TIME ZONE 'UTC' + %s::interval)::date" if connection.vendor == "postgresql"
                 else "date(s.ended_at, %s)")  # the day in Viet Nam: UTC + its fixed offset
    grouped = (f"SELECT s.holder_unit_id, s.holder_id, s.due_at, {ended_day}, COUNT(*) FROM ({sql}) s "  # noqa: S608
               "GROUP BY s.holder_unit_id, s.holder_id, s.due_at, 4")
    parsed, late, totals = {}, {}, {}
    with connection.cursor() as cursor:
        cursor.execute(grouped, [hours, *params])
        for unit_id, holder_id, due, day, n in cursor.fetchall():
            key = (due, day)
            if key not in late:
                due_at, ended_on = _parsed(due, parsed), day if isinstance(day, date) else date.fromisoformat(day)
                last_day = local_date(due_at - timedelta(microseconds=1))
                late[key] = calendar.working_days_between(last_day, ended_on) or 1
            amount, records = totals.get((unit_id, holder_id), (0, 0))
            totals[(unit_id, holder_id)] = (amount + n * late[key], records + n)
    for (unit_id, holder_id), (amount, records) in totals.items():
        yield Tally(unit_id, holder_id, amount, records)


def _open_delays_per_holder(steps: QuerySet[Step], days: dict[datetime, int]) -> Iterator[Tally]:
    """Σ working days late per holder, the days of each deadline joined in as a VALUES table: grouping
    by (holder, deadline) instead returned 61,000 rows to Python at 300,000 items (13 s on a busy SQLite)."""
    sql, params = steps.values("holder_unit_id", "holder_id", "due_at").query.sql_with_params()
    cast = ("%s::timestamptz", "%s::integer") if connection.vendor == "postgresql" else ("%s", "%s")
    values = ", ".join(f"({cast[0]}, {cast[1]})" for _ in days)
    adapt = connection.ops.adapt_datetimefield_value
    joined = (f"SELECT s.holder_unit_id, s.holder_id, COUNT(*), SUM(d.late) FROM ({sql}) s "  # noqa: S608
              f"JOIN (SELECT column1 AS due, column2 AS late FROM (VALUES {values}) v) d ON s.due_at = d.due "
              "GROUP BY s.holder_unit_id, s.holder_id")
    with connection.cursor() as cursor:
        cursor.execute(joined, [*params, *(x for due, late in days.items() for x in (adapt(due), late))])
        for unit_id, holder_id, n, late in cursor.fetchall():
            yield Tally(unit_id, holder_id, late, n)


def step_delays_ended(period: Period, now: datetime, ended_late: Q) -> Iterator[Charge]:
    calendar, days = current_calendar(), {}
    for pk, unit_id, holder_id, due_at, ended_at in raw_moments(Step.objects.filter(ended_late).order_by(), "pk",
                                                                 "holder_unit_id", "holder_id", "due_at", "ended_at"):
        key = (due_at, local_date(ended_at))
        if key not in days:
            days[key] = working_days_late(calendar, due_at, ended_at)
        yield Charge(unit_id, holder_id, days[key], "step", pk, ended_at)


def grouped_events(condition: Q, period: Period) -> Iterator[Tally]:
    """Events charged to their own actor, counted per (unit, actor) in the database: a Charge built
    per event (and its JSON data parsed) cost ~0.15 s of processor time per signal for 2025 at
    300,000 items (README, "Speed")."""
    grouped = Event.objects.filter(condition, _in(period)).values("unit_id", "actor_id").annotate(n=Count("id"))
    for unit_id, actor_id, n in grouped.order_by().values_list("unit_id", "actor_id", "n"):
        yield Tally(unit_id, actor_id, n, n)


def _grouped(code: str) -> Callable[[Period, datetime], Iterator[Tally]]:
    return _from_days(code, lambda period, now: grouped_events(EVENT_CONDITIONS[code], period))


def _from_days(code: str, direct: Callable[[Period, datetime], Iterator[Tally]]) -> Callable[[Period, datetime],
                                                                                            Iterator[Tally]]:
    """The trail part of a signal from its day counters (`signal_days`, folded by the sweep), or
    `direct` when they cannot be used (no fold yet, or the sweep far behind)."""
    def tally(period: Period, now: datetime) -> Iterator[Tally]:
        from congvu.oversight.signal_days import signal_tallies  # (it folds with this module's conditions)

        rolled = signal_tallies(code, period)
        return rolled if rolled is not None else direct(period, now)
    return tally


def _upward_direct(period: Period, now: datetime) -> Iterator[Tally]:
    """The refused upward submissions are their actor's; the send-backs are charged to who submitted
    (`_charged_officials`), read one by one (they are few)."""
    yield from grouped_events(_rule("R-1.4-OWN-AUTHORITY-SUBMISSION"), period)
    sent_back = Q(kind=EventKind.SEND_BACK, outcome=Outcome.DONE)
    for c in _event_charges_where(sent_back, period):
        yield Tally(c.unit_id, c.official_id, c.amount, 1)


def _returns_wrong_direct(period: Period, now: datetime) -> Iterator[Tally]:
    for c in event_charges("returns_wrong", period, now):
        yield Tally(c.unit_id, c.official_id, c.amount, 1)


def unrelated_tally(period: Period, now: datetime) -> Iterator[Tally]:
    yield from _grouped("unrelated_consultation")(period, now)
    for c in sent_back_consultations(period, now):
        yield Tally(c.unit_id, c.official_id, c.amount, 1)


TALLIES: dict[str, Callable[[Period, datetime], Iterator[Tally]]] = {
    "undecided_twice": undecided_tally,
    "step_delay": step_delay_tally,
    "own_transfer": _grouped("own_transfer"),
    "foreign_matter": _grouped("foreign_matter"),
    "extension_self": _grouped("extension_self"),
    "extension_above": _grouped("extension_above"),
    "upward": _from_days("upward", _upward_direct),
    "unrelated_consultation": unrelated_tally,
    "returns_wrong": _from_days("returns_wrong", _returns_wrong_direct),
}


def tallies(code: str, period: Period, now: datetime) -> Iterator[Tally]:
    if code in TALLIES:
        yield from TALLIES[code](period, now)
        return
    for c in CHARGERS[code](period, now):
        yield Tally(c.unit_id, c.official_id, c.amount, 1)
