"""Risk weights for the surprise draw (clause 1.6): a thin, documented adapter from the oversight
figures on main to {id: weight}. Every member weighs at least BASE, so anyone may be drawn (a
surprise inspection must be able to reach anyone); each sign of pushing work around adds to it.

The formula, shown on the draw form and the inspection page (`FORMULA`):
- unit:     1 + overdue items (the backlog now) + the unit's avoidance index for the period
            (`oversight.signals`: every signal of pushing work around, weighted by the registry's
            `avoidance_weight_*` parameters, per 100 items; the same number the dashboard shows)
- official: 1 + step-delay days ÷ 5 + refusals and overrides they made + 2 × deemed agreements they held
  or answered for as head
- item:     1 + 3 if past its legal deadline (open, or completed after it) + refusals and overrides on it

The units are drawn first, so the dashboard's own index decides where an inspector goes: one formula,
shown in both places, no second opinion of risk."""

from datetime import date

from django.db.models import Count, F, Q

from congvu.consult.models import Responsibility
from congvu.lib import clock
from congvu.oversight.draw import rounded
from congvu.oversight.periods import Period
from congvu.oversight.queries import COUNTED_STATES, step_delays
from congvu.oversight.signals import avoidance_index_by_unit
from congvu.work.models import OPEN_STATES, REFUSED_OR_OVERRIDDEN, Event, WorkItem

BASE = 1.0
OVERDUE, DEEMED, REFUSAL, DELAY_DAYS_PER_POINT, LATE_ITEM = 1.0, 2.0, 1.0, 5.0, 3.0

FORMULA = {
    "units": "1 + số việc quá hạn hiện nay + chỉ số né tránh của đơn vị trong kỳ (như trên trang Tổng hợp)",
    "officials": "1 + ngày chậm ở các bước ÷ 5 + lần bị từ chối/quyết định thực hiện + 2 × coi như đồng ý "
                 "(người giữ yêu cầu hoặc thủ trưởng)",
    "items": "1 + 3 nếu quá hạn luật định + lần bị từ chối/quyết định thực hiện",
}


def _refusals(period: tuple[date, date], by: str) -> dict[int, int]:
    since, until = period
    rows = (Event.objects.filter(REFUSED_OR_OVERRIDDEN, at__date__gte=since,
                                 at__date__lte=until, **{f"{by}__isnull": False})
            .values(by).annotate(n=Count("id")).values_list(by, "n"))
    return dict(rows)


def unit_weights(unit_ids: list[int], period: tuple[date, date]) -> dict[int, float]:
    since, until = period
    now = clock.now()
    overdue = dict(WorkItem.objects.filter(state__in=OPEN_STATES, legal_due_at__lt=now, lead_unit_id__in=unit_ids)
                   .values("lead_unit_id").annotate(n=Count("id")).values_list("lead_unit_id", "n"))
    index = avoidance_index_by_unit(Period("custom", since, until), now=now)
    return {u: rounded(BASE + OVERDUE * overdue.get(u, 0) + index.get(u, 0.0)) for u in unit_ids}


def official_weights(official_ids: list[int], period: tuple[date, date]) -> dict[int, float]:
    since, until = period
    delays: dict[int, int] = {}
    for d in step_delays(since, until)[0]:
        if d.official_id is not None:
            delays[d.official_id] = delays.get(d.official_id, 0) + d.days_late
    refused = _refusals(period, "actor_id")
    deemed: dict[int, int] = {}
    silent = Responsibility.objects.filter(recorded_at__date__gte=since, recorded_at__date__lte=until)
    for holder_id, head_id in silent.values_list("holder_id", "head_id"):
        for official_id in {holder_id, head_id} - {None}:
            deemed[official_id] = deemed.get(official_id, 0) + 1
    return {o: rounded(BASE + delays.get(o, 0) / DELAY_DAYS_PER_POINT + REFUSAL * refused.get(o, 0)
                       + DEEMED * deemed.get(o, 0)) for o in official_ids}


def item_weights(unit_ids: list[int], period: tuple[date, date]) -> dict[int, float]:
    """The items the units led in the period (registered in it, or still open), by risk (whole numbers:
    no rounding needed for the snapshot)."""
    since, until = period
    now = clock.now()
    in_period = Q(created_at__date__gte=since, created_at__date__lte=until) | Q(state__in=OPEN_STATES)
    items = WorkItem.objects.filter(in_period, lead_unit_id__in=unit_ids, state__in=COUNTED_STATES)
    late = Q(state__in=OPEN_STATES, legal_due_at__lt=now) | Q(completed_at__gt=F("legal_due_at"))
    late_ids = set(items.filter(late).values_list("id", flat=True))
    refused = dict(Event.objects.filter(REFUSED_OR_OVERRIDDEN, item__in=items)
                   .values("item_id").annotate(n=Count("id")).values_list("item_id", "n"))
    return {i: BASE + (LATE_ITEM if i in late_ids else 0) + REFUSAL * refused.get(i, 0)
            for i in items.values_list("id", flat=True)}
