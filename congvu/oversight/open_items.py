"""Items undecided past twice their legal limit at a moment, without reading every such item at
request time (issue 10: ~120,000 open items and ~100,000 completed ones walked in the index for 2025 at
a province-year, ~70–95 ms of processor time on SQLite).

The sweep (`fold_signals`) keeps the open items as it read them (`OpenItem`: lead unit, holder, the
moment `undecided_twice_from`) and, per (day that moment falls in Viet Nam, lead unit, holder) and per
(month, lead unit, holder), how many (`OpenItemDay`). An open item counts at `at` when its moment is
before `at`: the months before the day of `at`'s month and that month's days before it are added up in
the database; the moments from the start of that day to `at` are read one by one.

Exactly the direct computation (`signal_charges.undecided_items`), never an approximation, as
`open_steps`: every change of an item's state, lead unit, holder or legal deadline is made by an
action that writes a trail event on it, and the mark's `through_event` is the last event settled
before the read; the reader takes the rows of the items with a later event out and the items as they
are now in; past `MAX_PENDING` such events or before the first fold it returns None (the caller
counts directly). The work completed after a closed period's end (open then) is counted from the
items, by their completion. `congvu signals --rebuild` (which writes the moments again around the
actions) reads every open item again."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import Count, Q, Sum

from congvu.lib import clock
from congvu.lib.workdays import local_date
from congvu.oversight.figure_rollups import settled_event_id
from congvu.oversight.models_open_steps import OpenItem, OpenItemDay, OpenItemMark
from congvu.oversight.open_steps import MAX_MOVED, NO_LATER, start_of
from congvu.oversight.signal_charges import Tally, raw_moments
from congvu.work.models import OPEN_STATES, Event, State, WorkItem

ITEM = ("pk", "lead_unit_id", "holder_id", "undecided_twice_from")
MAX_PENDING = 5000  # items with an event after the mark read again by a reader; beyond, all is direct


def _open_items(where: Q) -> list[tuple]:
    items = WorkItem.objects.filter(where, state__in=OPEN_STATES, undecided_twice_from__isnull=False).order_by()
    return list(raw_moments(items, *ITEM))


# --- folding (the sweep) --------------------------------------------------------------------------


@transaction.atomic
def fold(now: datetime | None = None) -> int:
    """The sweep step: read again the items with an event settled since the last round (all of them
    at the first round or after a bulk load). Returns how many items were read again."""
    now = now or clock.now()
    OpenItemMark.objects.get_or_create(pk=1, defaults={"folded_at": now, "through_event": -1})
    mark = OpenItemMark.objects.select_for_update().get(pk=1)
    through = settled_event_id(now)
    if mark.through_event >= 0 and through <= mark.through_event:
        return 0
    moved = set() if mark.through_event < 0 else set(
        Event.objects.filter(pk__gt=mark.through_event, pk__lte=through).order_by()
        .values_list("item_id", flat=True).distinct()[:MAX_MOVED + 1])
    if mark.through_event < 0 or len(moved) > MAX_MOVED:
        OpenItem.objects.all().delete()
        OpenItemDay.objects.all().delete()
        read = _open_items(Q())
        OpenItem.objects.bulk_create((OpenItem(item_id=pk, unit_id=unit, holder_id=holder, twice_from=twice)
                                      for pk, unit, holder, twice in read), batch_size=2000)
        _add_days(_per_day(read, +1))
        count = len(read)
    else:
        count = _read_again(moved)
    mark.through_event, mark.folded_at = through, now
    mark.save()
    return count


def _read_again(items: set[int]) -> int:
    if not items:
        return 0
    kept = OpenItem.objects.filter(item_id__in=items)
    old = [(r.item_id, r.unit_id, r.holder_id, r.twice_from) for r in kept]
    new = _open_items(Q(pk__in=items))
    kept.delete()
    OpenItem.objects.bulk_create([OpenItem(item_id=pk, unit_id=unit, holder_id=holder, twice_from=twice)
                                  for pk, unit, holder, twice in new], batch_size=2000)
    changes = _per_day(old, -1)
    for key, n in _per_day(new, +1).items():
        changes[key] += n
    _add_days({key: n for key, n in changes.items() if n})
    return len(items)


def _per_day(items: Iterable[tuple], sign: int) -> dict[tuple, int]:
    """(day of the moment, or the first of its month, month row?, unit, holder) -> items."""
    counted: dict[tuple, int] = defaultdict(int)
    for _pk, unit_id, holder_id, twice in items:
        day = local_date(twice)
        counted[(day, False, unit_id, holder_id)] += sign
        counted[(day.replace(day=1), True, unit_id, holder_id)] += sign
    return counted


def _add_days(changes: dict[tuple, int]) -> None:
    if not changes:
        return
    days = {day for day, *_ in changes}
    existing = {(r.day, r.month, r.unit_id, r.holder_id): r for r in OpenItemDay.objects.filter(day__in=days)}
    changed, created, emptied = [], [], []
    for key, n in changes.items():
        row = existing.get(key)
        if row is None:
            created.append(OpenItemDay(day=key[0], month=key[1], unit_id=key[2], holder_id=key[3], items=n))
            continue
        row.items += n
        (emptied if row.items == 0 else changed).append(row)
    OpenItemDay.objects.bulk_update(changed, ["items"], batch_size=1000)
    OpenItemDay.objects.bulk_create(created, batch_size=1000)
    OpenItemDay.objects.filter(pk__in=[r.pk for r in emptied]).delete()


def rebuild(now: datetime | None = None) -> int:
    """Every open item read again (after a bulk load, a restore, or the moments written again)."""
    with transaction.atomic():
        OpenItemMark.objects.all().delete()
    return fold(now)


# --- reading --------------------------------------------------------------------------------------


def undecided_tallies(at: datetime, now: datetime) -> list[Tally] | None:
    """Per (lead unit, holder), the items undecided past twice their legal limit at `at` (open then,
    past the moment): the tallies `signal_charges.undecided_tally` counts. None when the rows cannot
    be used (see the module's note): then count the items."""
    mark = OpenItemMark.objects.filter(pk=1).first()
    if mark is None or mark.through_event < 0:
        return None
    later = list(Event.objects.filter(pk__gt=mark.through_event).order_by("pk")
                 .values_list("item_id", flat=True)[:MAX_PENDING + 1])
    if len(later) > MAX_PENDING:
        return None
    moved, day = set(later), local_date(at)
    totals: dict[tuple, int] = defaultdict(int)
    first_of_month = day.replace(day=1)
    # (`month__in`: a range of the (month, day) index on SQLite, see `open_steps.open_delay_tallies`)
    months = Q(month__in=[True], day__lt=first_of_month)
    days = Q(month__in=[False], day__gte=first_of_month, day__lt=day)
    for rows in (months, days):
        counted = OpenItemDay.objects.filter(rows).values("unit_id", "holder_id").annotate(n=Sum("items")).order_by()
        _add(totals, counted.values_list("unit_id", "holder_id", "n"), +1)
    today = OpenItem.objects.filter(twice_from__gte=start_of(day), twice_from__lt=at)
    _add(totals, _grouped(today, "unit_id"), +1)
    if moved:
        _add(totals, _grouped(OpenItem.objects.filter(item_id__in=moved, twice_from__lt=at), "unit_id"), -1)
        now_open = WorkItem.objects.filter(pk__in=moved, state__in=OPEN_STATES, undecided_twice_from__lt=at)
        _add(totals, _grouped(now_open, "lead_unit_id"), +1)
    if at != now:  # open at a past period's end, completed since (nothing was completed after now)
        # (bounded on both sides: both engines read the completions' range of `oversight_item_done_twice_idx`)
        done_since = WorkItem.objects.filter(state=State.COMPLETED, completed_at__gt=at, completed_at__lt=NO_LATER,
                                             undecided_twice_from__lt=at)
        _add(totals, _grouped(done_since, "lead_unit_id"), +1)
    return [Tally(unit_id, holder_id, n, n) for (unit_id, holder_id), n in totals.items() if n]


def _grouped(rows, unit: str):
    return rows.order_by().values(unit, "holder_id").annotate(n=Count("pk")).values_list(unit, "holder_id", "n")


def _add(totals: dict, rows: Iterable[tuple], sign: int) -> None:
    for unit_id, holder_id, n in rows:
        totals[(unit_id, holder_id)] += sign * n

