"""Day counters of the trail signals (issue 10: `/tong-hop/` under 500 ms at 300,000 items and 3 M
events): per (day in Viet Nam, signal, unit, official) the trail events charged, so a period's
refusals, overrides, extensions, send-backs and returns found wrong read a few thousand counter rows
instead of every such event of the period (a year: ~100,000 events at a province-year).

Exactly the direct computation, never an approximation:
- a trail event never changes once written (the chain is hash-sealed), so its charge on its day is
  final: the sweep step `fold_signals` adds the events with an id up to a watermark (`SignalFoldMark`)
  to the counters, computing each charge with the very function the evidence pages use
  (`signal_charges._event_charges_where`, including who a send-back or a wrong return is charged to);
- a reader adds the counters of the period's days and the events after the watermark, counted
  directly (they are few: a sweep runs every minute) — a late event for a closed day, e.g. written
  under a back-dated clock, lands after the watermark and is counted in its own day's period;
- the watermark is the last event recorded more than `figure_rollups.SETTLE` before the fold, so an
  event of a transaction still in flight (a lower id committed later) is never skipped;
- past `MAX_PENDING` events after the watermark (the sweep has not run for long), or before the first
  fold, the reader counts directly, as before the counters.

The counters are written by the sweep from the trail alone, never by an action: no unit moves its
own numbers except by what it does. `rebuild()` after a bulk load or a restore."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import F, Q, QuerySet, Sum
from django.db.models.fields.json import KT

from congvu.lib import clock
from congvu.lib.workdays import local_date
from congvu.org.models import Unit
from congvu.oversight.figure_rollups import SETTLE, settled_event_id
from congvu.oversight.models_signal_days import SignalDay, SignalFoldMark
from congvu.oversight.periods import Period
from congvu.oversight.signal_charges import (
    EVENT_CONDITIONS,
    Tally,
    _event_charges_where,
    _rule,
    ended_delay_tallies,
    raw_moments,
)
from congvu.registry.queries import current_calendar
from congvu.work.actions import APPROVED_BY_UNIT
from congvu.work.deadlines import working_days_late
from congvu.work.models import Event, EventKind, Outcome, Step

MAX_PENDING = 5000  # events after the watermark counted directly by a reader; beyond, all is direct
CHUNK = 500_000  # event ids folded per sweep round: a first fold of 3 M events spreads over rounds

# The trail conditions folded, and whether the event's actor is not the one charged (`remap`).
FOLDED: dict[str, tuple[Q, bool]] = {
    "own_transfer": (EVENT_CONDITIONS["own_transfer"], False),
    "foreign_matter": (EVENT_CONDITIONS["foreign_matter"], False),
    "upward_refused": (_rule("R-1.4-OWN-AUTHORITY-SUBMISSION"), False),
    "upward_sent_back": (Q(kind=EventKind.SEND_BACK, outcome=Outcome.DONE), True),
    "unrelated_event": (EVENT_CONDITIONS["unrelated_consultation"], False),
    "extension_self": (EVENT_CONDITIONS["extension_self"], False),
    "extension_above": (EVENT_CONDITIONS["extension_above"], False),
    "returns_wrong": (EVENT_CONDITIONS["returns_wrong"], True),
}
# Each signal's trail part, as the counters it adds up.
OF_SIGNAL: dict[str, tuple[str, ...]] = {
    "own_transfer": ("own_transfer",), "foreign_matter": ("foreign_matter",),
    "upward": ("upward_refused", "upward_sent_back"), "unrelated_consultation": ("unrelated_event",),
    "extension_self": ("extension_self",), "extension_above": ("extension_above",),
    "returns_wrong": ("returns_wrong",),
}
HELD, HELD_KINDS = "held", (EventKind.TRANSFER, EventKind.RETURN)
EXTENDED = "extended:"  # + the approval
STEP_ENDED = "step_ended"
EVERY_DAY = Period("custom", date(1900, 1, 1), date(9999, 12, 30))  # the fold reads by id, not by day


# --- folding (the sweep) --------------------------------------------------------------------------


def _charged_per_day(key: str, ids: Q) -> dict[tuple, list[int]]:
    condition, remap = FOLDED[key]
    counted: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for c in _event_charges_where(condition & ids, EVERY_DAY, remap=remap):
        counter = counted[(local_date(c.at), key, c.unit_id, c.official_id, None)]
        counter[0] += c.amount
        counter[1] += 1
    return counted


def _held_per_day(ids: Q, calendar) -> dict[tuple, list[int]]:
    """Work passed on (transferred or returned), per (day, unit, working days held): `held_in`'s rows."""
    counted: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0])
    events = Event.objects.filter(ids, kind__in=HELD_KINDS, outcome=Outcome.DONE).order_by()
    for unit_id, received, at in events.values_list("unit_id", "item__event_date", "at").iterator(chunk_size=2000):
        days = calendar.working_days_between(received, local_date(at))
        counter = counted[(local_date(at), HELD, unit_id, None, days)]
        counter[0] += days
        counter[1] += 1
    return counted


def _extensions_per_day(ids: Q) -> dict[tuple, list[int]]:
    """Extensions granted, per (day, unit, approval): `extensions_in`'s rows."""
    counted: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    events = Event.objects.filter(ids, kind=EventKind.EXTEND, outcome=Outcome.DONE).order_by()
    for unit_id, approval, at in events.values_list("unit_id", KT("data__approval"), "at").iterator(chunk_size=2000):
        counter = counted[(local_date(at), EXTENDED + (approval or APPROVED_BY_UNIT), unit_id, None, None)]
        counter[0] += 1
        counter[1] += 1
    return counted


def _ended_steps_per_day(since: datetime | None, until: datetime, calendar) -> dict[tuple, list[int]]:
    """The steps that ended late in [since, until), per (day ended, holder unit, holder): the step
    delay's ended part, working days late (an ended step's deadline and holder never change)."""
    counted: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    if since is not None and since >= until:
        return counted
    steps = Step.objects.filter(ended_at__gt=F("due_at"), ended_at__lt=until).order_by()
    if since is not None:
        steps = steps.filter(ended_at__gte=since)
    late: dict[tuple, int] = {}
    for unit_id, holder_id, due_at, ended_at in raw_moments(steps, "holder_unit_id", "holder_id", "due_at", "ended_at"):
        day = local_date(ended_at)
        if (due_at, day) not in late:
            late[(due_at, day)] = working_days_late(calendar, due_at, ended_at)
        counter = counted[(day, STEP_ENDED, unit_id, holder_id, None)]
        counter[0] += late[(due_at, day)]
        counter[1] += 1
    return counted


@transaction.atomic
def fold(now: datetime | None = None, chunk: int = CHUNK) -> int:
    """The sweep step: add the events after the watermark, up to the last settled one (at most `chunk`
    ids a round), to the day counters and move the watermark. Returns how many event ids it moved on.
    The mark is read for update: two workers folding at once would otherwise count a range twice."""
    now, calendar = now or clock.now(), current_calendar()
    # The one mark row exists before it is locked: two first folds at once then wait for each other
    # rather than both count from the beginning.
    SignalFoldMark.objects.get_or_create(pk=1, defaults={"folded_at": now, "calendar_version": calendar.version})
    mark = SignalFoldMark.objects.select_for_update().get(pk=1)
    if mark.calendar_version != calendar.version:  # the working days held and late counted again
        SignalDay.objects.all().delete()
        mark.through_event, mark.steps_through, mark.calendar_version = 0, None, calendar.version
    start = mark.through_event
    through = min(settled_event_id(now), start + chunk)
    if through <= start:
        mark.save()
        return 0
    ids = Q(pk__gt=start, pk__lte=through)
    counted: dict[tuple, list[int]] = {}
    for key in FOLDED:
        counted.update(_charged_per_day(key, ids))
    counted.update(_held_per_day(ids, calendar))
    counted.update(_extensions_per_day(ids))
    steps_through = Period("custom", local_date(now - SETTLE), local_date(now - SETTLE)).start_at
    counted.update(_ended_steps_per_day(mark.steps_through, steps_through, calendar))
    _add(counted)
    mark.through_event, mark.folded_at, mark.steps_through = through, now, steps_through
    mark.save()
    return through - start


def _add(counted: dict[tuple, list[int]]) -> None:
    """Add to the counters: the rows of the days touched are read once, updated or created."""
    if not counted:
        return
    days = {day for day, *_ in counted}
    existing = {(r.day, r.code, r.unit_id, r.official_id, r.days): r for r in SignalDay.objects.filter(day__in=days)}
    changed, created = [], []
    for key, (amount, records, *_) in counted.items():
        row = existing.get(key)
        if row is None:
            created.append(SignalDay(day=key[0], code=key[1], unit_id=key[2], official_id=key[3], days=key[4],
                                     amount=amount, records=records))
        else:
            row.amount, row.records = row.amount + amount, row.records + records
            changed.append(row)
    SignalDay.objects.bulk_update(changed, ["amount", "records"], batch_size=1000)
    SignalDay.objects.bulk_create(created, batch_size=1000)


def rebuild(now: datetime | None = None) -> int:
    """Every counter counted again from the trail (after a bulk load or a restore); the event ids
    folded."""
    with transaction.atomic():
        SignalDay.objects.all().delete()
        SignalFoldMark.objects.all().delete()
    moved = 0
    while step := fold(now):
        moved += step
    return moved


# --- reading --------------------------------------------------------------------------------------


def pending_events() -> tuple[int, list[int]] | None:
    """The watermark and the ids of the events after it; None: no fold yet, or too many to count
    one by one (then the reader counts directly)."""
    mark = SignalFoldMark.objects.filter(pk=1).values_list("through_event", flat=True).first()
    if mark is None:
        return None
    later = list(Event.objects.filter(pk__gt=mark).order_by("pk").values_list("pk", flat=True)[:MAX_PENDING + 1])
    return None if len(later) > MAX_PENDING else (mark, later)


def signal_tallies(code: str, period: Period, pending: tuple[int, list[int]] | None = None) -> Iterator[Tally] | None:
    """The trail part of a signal for the period, from the counters and the events after the
    watermark; None when the counters cannot be used (see `pending_events`)."""
    pending = pending if pending is not None else pending_events()
    if pending is None:
        return None
    return _rolled(OF_SIGNAL[code], period, pending[1])


def _rolled(keys: tuple[str, ...], period: Period, later: list[int]) -> Iterator[Tally]:
    rows = (SignalDay.objects.filter(code__in=keys, day__gte=period.start, day__lte=period.end)
            .values("unit_id", "official_id").annotate(a=Sum("amount"), r=Sum("records")).order_by()
            .values_list("unit_id", "official_id", "a", "r"))
    for unit_id, official_id, amount, records in rows:
        yield Tally(unit_id, official_id, amount, records)
    if later:
        for key in keys:
            condition, remap = FOLDED[key]
            for c in _event_charges_where(condition & Q(pk__in=later), period, remap=remap):
                yield Tally(c.unit_id, c.official_id, c.amount, 1)


# --- the figures' passed-on work and extensions (`period_figures.held_in`, `extensions_in`) ------


def held_rows(period: Period, units: QuerySet[Unit] | None) -> list[tuple[int, int, int]] | None:
    """(unit, working days held, items) of the work passed on in the period, from the counters and
    the events after the watermark; None when the counters cannot be used (as `pending_events`, or
    the working calendar changed since they were counted: the next fold counts them again)."""
    mark = SignalFoldMark.objects.filter(pk=1).first()
    pending = pending_events()
    if pending is None or mark is None or mark.calendar_version != current_calendar().version:
        return None
    counters = _counters([HELD], period, units)
    rows = list(counters.values("unit_id", "days").annotate(n=Sum("records")).order_by()
                .values_list("unit_id", "days", "n"))
    if pending[1]:
        later = Q(pk__in=pending[1])
        rows += [(unit_id, days, c[1]) for (_day, _code, unit_id, _o, days), c in _in_units(
            _held_per_day(later, current_calendar()), period, units)]
    return rows


def extension_rows(period: Period, units: QuerySet[Unit] | None) -> list[tuple[int, str, int]] | None:
    """(unit, approval, extensions granted) in the period; None as `held_rows`."""
    pending = pending_events()
    if pending is None:
        return None
    codes = SignalDay.objects.filter(code__startswith=EXTENDED).values_list("code", flat=True).distinct()
    counters = _counters(list(codes), period, units)
    rows = [(unit_id, code.removeprefix(EXTENDED), n) for unit_id, code, n in counters.values(
        "unit_id", "code").annotate(n=Sum("records")).order_by().values_list("unit_id", "code", "n")]
    if pending[1]:
        rows += [(unit_id, code.removeprefix(EXTENDED), c[1]) for (_d, code, unit_id, _o, _days), c in _in_units(
            _extensions_per_day(Q(pk__in=pending[1])), period, units)]
    return rows


def _counters(codes: list[str], period: Period, units: QuerySet[Unit] | None) -> QuerySet[SignalDay]:
    counters = SignalDay.objects.filter(code__in=codes, day__gte=period.start, day__lte=period.end)
    return counters if units is None else counters.filter(unit_id__in=units.values("pk"))


def _in_units(counted: dict[tuple, list[int]], period: Period, units: QuerySet[Unit] | None) -> list:
    allowed = None if units is None else set(units.values_list("pk", flat=True))
    return [(key, c) for key, c in counted.items()
            if period.start <= key[0] <= period.end and (allowed is None or key[2] in allowed)]


# --- the step delay's ended part ------------------------------------------------------------------


def ended_step_tallies(period: Period, now: datetime, ended_late: Q) -> Iterator[Tally] | None:
    """The step delay of the steps that ended late in the period: the counters of the days before the
    mark's `steps_through`, and the steps ended since read from the steps. None (read them all) as
    `held_rows`, or when an event after the watermark is dated before `steps_through`: an action
    written under a back-dated clock may have ended a step on a day already folded."""
    mark = SignalFoldMark.objects.filter(pk=1).first()
    pending = pending_events()
    if (pending is None or mark is None or mark.steps_through is None
            or mark.calendar_version != current_calendar().version
            or Event.objects.filter(pk__in=pending[1], at__lt=mark.steps_through).exists()):
        return None
    return _ended_tallies(period, now, ended_late, mark.steps_through)


def _ended_tallies(period: Period, now: datetime, ended_late: Q, through: datetime) -> Iterator[Tally]:
    last_folded = min(period.end, local_date(through) - timedelta(days=1))
    rows = (SignalDay.objects.filter(code=STEP_ENDED, day__gte=period.start, day__lte=last_folded)
            .values("unit_id", "official_id").annotate(a=Sum("amount"), r=Sum("records")).order_by()
            .values_list("unit_id", "official_id", "a", "r"))
    for unit_id, official_id, amount, records in rows:
        yield Tally(unit_id, official_id, amount, records)
    if period.end_at > through:
        yield from ended_delay_tallies(period, now, ended_late & Q(ended_at__gte=through))
