"""The period figures' rollups (congvu.oversight.figure_rollups) on the busy province: a closed
period read from them is exactly the direct count, also after a later event moves an item of it."""

from datetime import date, timedelta

import pytest
from django.db import transaction

from congvu.lib import clock
from congvu.oversight import figure_rollups
from congvu.oversight.models_figures import FigureSnapshot
from congvu.oversight.period_figures import figures_and_trend, unit_figures_in
from congvu.oversight.periods import Period, month, year
from congvu.testing import BUSY_JANUARY, MORNING
from congvu.web.dashboard_data import trend_period
from congvu.work import actions as work
from congvu.work.models import WorkItem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at_morning")]
JANUARY = month(2026, 1)
WINDOW = Period("custom", date(2025, 2, 15), date(2026, 2, 14))  # a reporting window, 15th to 14th


def direct(call):
    """The reference: the same call with no snapshot to read (the direct count), nothing kept."""
    with transaction.atomic():
        FigureSnapshot.objects.all().delete()
        answer = call()
        transaction.set_rollback(True)
    return answer


def read(period, trend=None):
    return figures_and_trend(period, trend or period)


@pytest.mark.parametrize("period,trend", [(JANUARY, trend_period(JANUARY)), (JANUARY, JANUARY),
                                          (WINDOW, WINDOW), (year(2025), year(2025))])
def test_a_closed_period_is_read_from_the_rollups_and_equals_the_direct_count(province, busy, period, trend):
    reference = direct(lambda: read(period, trend))
    assert figure_rollups.rebuild() > 0
    later = busy.overdue.created_at.replace(year=2027)
    assert figure_rollups.snapshot_rows(period, trend, None, later, calendar_months=False) is not None
    assert read(period, trend) == reference
    assert unit_figures_in(period) == reference[0]


@pytest.mark.parametrize("period,trend", [(month(2026, 3), trend_period(month(2026, 3))),
                                          (Period("quarter", date(2026, 1, 1), date(2026, 3, 31)),) * 2])
def test_a_running_period_adds_what_moved_since_the_month_began_and_equals_the_direct_count(
        province, busy, period, trend):
    figure_rollups.rebuild()  # judged at 01/03 among others; now is 03/03
    work.complete(busy.overdue, actor=busy.overdue.holder, result="Đã giải quyết", delay_cause="workload",
                  delay_note="Nhiều hồ sơ")  # open (past its deadline) at 01/03, completed now
    assert figure_rollups.running_rows(period, trend, None, clock.now()) is not None
    assert read(period, trend) == direct(lambda: read(period, trend))


def test_open_work_whose_deadline_passed_since_the_month_began_is_overdue_now(province, busy):
    with clock.travel_to(BUSY_JANUARY):
        item = work.register_incoming(actor=province.construction_clerk, unit=province.construction,
                                      matter_type=province.building_permit, sender="Công ty Hòa Bình",
                                      subject="Cấp phép xây dựng kho lạnh")
    WorkItem.objects.filter(pk=item.pk).update(legal_due_at=MORNING - timedelta(hours=20))  # due 02/03
    figure_rollups.rebuild(MORNING)
    march = month(2026, 3)
    assert figure_rollups.running_rows(march, trend_period(march), None, MORNING) is not None
    assert read(march, trend_period(march)) == direct(lambda: read(march, trend_period(march)))


def test_an_item_returned_later_leaves_january_at_once_and_the_sweep_counts_the_snapshot_again(province, busy):
    with clock.travel_to(BUSY_JANUARY):  # not Construction's matter, kept in January, returned in March
        astray = work.register_incoming(actor=province.construction_clerk, unit=province.construction,
                                        matter_type=province.land_dispute, sender="Hộ ông Lê Văn Ranh",
                                        subject="Đề nghị hòa giải tranh chấp lối đi")
    figure_rollups.rebuild()
    before = read(JANUARY, trend_period(JANUARY))
    work.return_document(astray, actor=province.construction_head, grounds="not_ours", named_unit=province.commune)
    snapshot = FigureSnapshot.objects.get(judged_at=month(2026, 2).start_at)
    assert not figure_rollups.is_current(snapshot)  # the stale snapshot is not read …
    after = read(JANUARY, trend_period(JANUARY))
    assert after == direct(lambda: read(JANUARY, trend_period(JANUARY))) and after != before  # … the count is direct
    with clock.travel_to(MORNING + figure_rollups.SETTLE * 2):  # once the event has settled,
        assert figure_rollups.fold() >= 1  # the sweep counts the snapshot again, and it is read
        assert figure_rollups.is_current(FigureSnapshot.objects.get(judged_at=month(2026, 2).start_at))
        assert read(JANUARY, trend_period(JANUARY)) == after


def test_a_later_completion_keeps_the_snapshot_in_use(province, busy):
    figure_rollups.rebuild()
    work.complete(busy.overdue, actor=busy.overdue.holder, result="Đã giải quyết", delay_cause="workload",
                  delay_note="Nhiều hồ sơ")
    snapshot = FigureSnapshot.objects.get(judged_at=month(2026, 2).start_at)
    assert figure_rollups.is_current(snapshot)  # open at 31/01 either way
    assert read(JANUARY, trend_period(JANUARY)) == direct(lambda: read(JANUARY, trend_period(JANUARY)))
