"""The step delay of the steps still open at a moment, without reading every open step at request time
(issue 10: ~165,000 open steps at a province-year cost ~275 ms of processor time per page on SQLite).

The sweep (`fold_signals`) keeps the open steps as it read them (`OpenStep`) and, per (day the
deadline falls, holder unit, holder) and per (month, holder unit, holder), how many there are and
Σ working days from each one's last day to a fixed reference day (`OpenStepDay`). A step open late
at `at` is `working_days_late(due, at)` late = the working days d with last day < d <= day of `at`,
at least 1. With Q the last working day up to the day of `at` and C the start of Q: a deadline
before C has its last day before Q, so it is late by W(at) − W(last day) >= 1 — which is `steps` ×
(working days from the reference day to the day of `at`) + `late`, summed in the database over the
months before Q's month and that month's days before Q, whatever the steps. The few deadlines from
C to `at` are worked out one by one.

Exactly the direct computation (`signal_charges.step_delays`), never an approximation:
- every change of a step (opened, ended, its deadline extended) is made by an action that writes a
  trail event on its item; the mark's `through_event` is the last event recorded more than
  `figure_rollups.SETTLE` before the read, so an item whose steps changed after the read (or in a
  transaction still in flight then) has an event after it;
- the reader takes the rows of the items with an event after the mark out and their steps as they
  are now in, so `OpenStep` is, for the reader, the open steps now; past `MAX_PENDING` such events,
  before the first fold, or under another working calendar than the counts', the reader returns None
  and the caller reads the steps directly;
- the steps that ended after `at` (open then, a closed period) are read from the steps, by their end.

No action writes these rows: the sweep does, from the steps, so no unit moves its own numbers."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from django.db import transaction
from django.db.models import Q, Sum

from congvu.lib import clock
from congvu.lib.workdays import local_date
from congvu.oversight.figure_rollups import settled_event_id
from congvu.oversight.models_open_steps import OpenStep, OpenStepDay, OpenStepMark
from congvu.oversight.periods import Period
from congvu.oversight.signal_charges import Tally, raw_moments
from congvu.registry.queries import current_calendar
from congvu.work.deadlines import working_days_late
from congvu.work.models import Event, Step

MAX_PENDING = 5000  # items with an event after the mark read again by a reader; beyond, all is direct
MAX_MOVED = 20_000  # items read again by one fold; beyond (a bulk load), every open step is read again
LOOK_BACK = 31  # days searched back for the last working day (a calendar has several a week)
STEP = ("pk", "item_id", "holder_unit_id", "holder_id", "due_at")
NO_LATER = datetime(9999, 1, 1, tzinfo=UTC)  # after any moment a step can end


def start_of(day: date) -> datetime:
    return Period("custom", day, day).start_at


def last_day(due_at: datetime) -> date:
    """The deadline's last day (a deadline is the end of it), as `working_days_late` counts."""
    return local_date(due_at - timedelta(microseconds=1))


# --- folding (the sweep) --------------------------------------------------------------------------


@transaction.atomic
def fold(now: datetime | None = None) -> int:
    """The sweep step: read again the open steps of the items with an event settled since the last
    round (all of them at the first round, under a new working calendar, or after a bulk load).
    Returns how many items were read again. The mark is read for update: two workers at once would
    otherwise count the same rows twice."""
    now, calendar = now or clock.now(), current_calendar()
    OpenStepMark.objects.get_or_create(pk=1, defaults={"folded_at": now, "ref_day": local_date(now),
                                                       "through_event": -1})
    mark = OpenStepMark.objects.select_for_update().get(pk=1)
    through = settled_event_id(now)
    if mark.through_event < 0 or mark.calendar_version != calendar.version:
        return _read_all(mark, now, through, calendar)
    if through <= mark.through_event:
        return 0
    moved = set(Event.objects.filter(pk__gt=mark.through_event, pk__lte=through).order_by()
                .values_list("item_id", flat=True).distinct()[:MAX_MOVED + 1])
    if len(moved) > MAX_MOVED:
        return _read_all(mark, now, through, calendar)
    _read_again(moved, mark.ref_day, calendar)
    mark.through_event, mark.folded_at = through, now
    mark.save()
    return len(moved)


def _read_all(mark: OpenStepMark, now: datetime, through: int, calendar) -> int:
    OpenStep.objects.all().delete()
    OpenStepDay.objects.all().delete()
    ref_day = local_date(now)
    steps = list(raw_moments(Step.objects.filter(ended_at__isnull=True).order_by(), *STEP))
    OpenStep.objects.bulk_create((OpenStep(step_id=pk, item_id=item, unit_id=unit, holder_id=holder, due_at=due)
                                  for pk, item, unit, holder, due in steps), batch_size=2000)
    _add_days(_per_day(steps, ref_day, calendar, +1))
    mark.through_event, mark.folded_at, mark.calendar_version, mark.ref_day = through, now, calendar.version, ref_day
    mark.save()
    return len({item for _pk, item, *_ in steps})


def _read_again(items: set[int], ref_day: date, calendar) -> None:
    """The items' rows replaced by their open steps now, and the day counts moved by the difference."""
    if not items:
        return
    kept = OpenStep.objects.filter(item_id__in=items)
    old = [(s.step_id, s.item_id, s.unit_id, s.holder_id, s.due_at) for s in kept]
    new = list(raw_moments(Step.objects.filter(item_id__in=items, ended_at__isnull=True).order_by(), *STEP))
    kept.delete()
    OpenStep.objects.bulk_create([OpenStep(step_id=pk, item_id=item, unit_id=unit, holder_id=holder, due_at=due)
                                  for pk, item, unit, holder, due in new], batch_size=2000)
    changes = _per_day(old, ref_day, calendar, -1)
    for key, (steps, late) in _per_day(new, ref_day, calendar, +1).items():
        changes[key][0] += steps
        changes[key][1] += late
    _add_days({key: c for key, c in changes.items() if c != [0, 0]})


def _per_day(steps: Iterable[tuple], ref_day: date, calendar, sign: int) -> dict[tuple, list[int]]:
    """(day the deadline falls, or the first of its month, month row?, unit, holder) -> [steps,
    Σ working days from the last day to ref_day]: each step counted in its day's row and its month's."""
    counted: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    to_ref: dict[datetime, tuple[date, int]] = {}  # deadlines are ends of days: few distinct ones
    for _pk, _item, unit_id, holder_id, due_at in steps:
        if due_at not in to_ref:
            to_ref[due_at] = (local_date(due_at), calendar.working_days_between(last_day(due_at), ref_day))
        day, late = to_ref[due_at]
        for key in ((day, False, unit_id, holder_id), (day.replace(day=1), True, unit_id, holder_id)):
            counter = counted[key]
            counter[0] += sign
            counter[1] += sign * late
    return counted


def _add_days(changes: dict[tuple, list[int]]) -> None:
    """Add to the day counts: the rows of the days touched read once, updated, created or dropped."""
    if not changes:
        return
    days = {day for day, *_ in changes}
    existing = {(r.day, r.month, r.unit_id, r.holder_id): r for r in OpenStepDay.objects.filter(day__in=days)}
    changed, created, emptied = [], [], []
    for key, (steps, late) in changes.items():
        row = existing.get(key)
        if row is None:
            created.append(OpenStepDay(day=key[0], month=key[1], unit_id=key[2], holder_id=key[3], steps=steps,
                                       late=late))
            continue
        row.steps, row.late = row.steps + steps, row.late + late
        (emptied if row.steps == 0 else changed).append(row)
    OpenStepDay.objects.bulk_update(changed, ["steps", "late"], batch_size=1000)
    OpenStepDay.objects.bulk_create(created, batch_size=1000)
    OpenStepDay.objects.filter(pk__in=[r.pk for r in emptied]).delete()


def rebuild(now: datetime | None = None) -> int:
    """Every open step read again (after a bulk load or a restore); the items read."""
    with transaction.atomic():
        OpenStepMark.objects.all().delete()
    return fold(now)


# --- reading --------------------------------------------------------------------------------------


def last_working_day(calendar, day: date) -> date | None:
    for back in range(LOOK_BACK):
        candidate = day - timedelta(days=back)
        try:
            if calendar.is_working_day(candidate):
                return candidate
        except ValueError:  # outside the working calendar: read directly
            return None
    return None


def open_delay_tallies(at: datetime) -> list[Tally] | None:
    """Per holder, the working days late of the steps open and past their deadline at `at` (not
    ended, or ended after it): the tallies `signal_charges.step_delay_tally` adds for them. None
    when the rows cannot be used (see the module's note): then read the steps."""
    mark, calendar = OpenStepMark.objects.filter(pk=1).first(), current_calendar()
    if mark is None or mark.through_event < 0 or mark.calendar_version != calendar.version:
        return None
    later = list(Event.objects.filter(pk__gt=mark.through_event).order_by("pk")
                 .values_list("item_id", flat=True)[:MAX_PENDING + 1])
    last_working = last_working_day(calendar, local_date(at))
    if len(later) > MAX_PENDING or last_working is None:
        return None
    moved = set(later)
    totals: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    shift = calendar.working_days_between(mark.ref_day, local_date(at))
    first_of_month = last_working.replace(day=1)  # the months before it, then its days before Q
    months = Q(month__in=[True], day__lt=first_of_month)
    days = Q(month__in=[False], day__gte=first_of_month, day__lt=last_working)
    for rows in (months, days):
        # (two queries, each a range of the (month, day) index: joined by OR, or written `month = true`,
        # which SQLite renders as the bare column, it read the whole table: 9 ms against ~1 at 300,000 items)
        counted = (OpenStepDay.objects.filter(rows).values("unit_id", "holder_id").annotate(
            n=Sum("steps"), late=Sum("late")).order_by().values_list("unit_id", "holder_id", "n", "late"))
        for unit_id, holder_id, n, late in counted:
            total = totals[(unit_id, holder_id)]
            total[0] += n * shift + late
            total[1] += n
    one_by_one = _one_by_one(at, calendar)
    near = OpenStep.objects.filter(due_at__gte=start_of(last_working), due_at__lt=at)
    one_by_one(raw_moments(near.order_by(), "unit_id", "holder_id", "due_at"), totals, +1)
    if moved:
        kept = OpenStep.objects.filter(item_id__in=moved, due_at__lt=at)
        one_by_one(raw_moments(kept.order_by(), "unit_id", "holder_id", "due_at"), totals, -1)
        now_open = Step.objects.filter(item_id__in=moved, ended_at__isnull=True, due_at__lt=at)
        one_by_one(raw_moments(now_open.order_by(), "holder_unit_id", "holder_id", "due_at"), totals, +1)
    # Bounded on both sides, the end's range is what SQLite reads (`oversight_step_ended_idx`); open
    # to the future, it read every step due before `at` instead (30 ms against ~2 at 300,000 items).
    ended_after = Step.objects.filter(ended_at__gt=at, ended_at__lt=NO_LATER, due_at__lt=at).order_by()
    one_by_one(raw_moments(ended_after, "holder_unit_id", "holder_id", "due_at"), totals, +1)
    return [Tally(unit_id, holder_id, amount, records)
            for (unit_id, holder_id), (amount, records) in totals.items() if records]


def _one_by_one(at: datetime, calendar):
    late: dict[datetime, int] = {}

    def add(rows: Iterable[tuple], totals: dict, sign: int) -> None:
        for unit_id, holder_id, due_at in rows:
            if due_at not in late:
                late[due_at] = working_days_late(calendar, due_at, at)
            total = totals[(unit_id, holder_id)]
            total[0] += sign * late[due_at]
            total[1] += sign
    return add

