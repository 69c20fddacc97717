"""The open steps and items read by the sweep (`oversight.open_steps`, `open_items`, folded by
`fold_signals`) give exactly the step delay worked out from every step (`signal_charges.step_delays`,
one charge per step) and the items undecided past twice their legal limit worked out from every item's
registration and legal deadline (`signal_check.direct_undecided`), and the intake per unit (the
avoidance index's base) the items registered: on a bulk
province-in-small, for closed periods (steps open at their end and ended since) and the running one,
after actions that open, end and extend steps once the sweep read them (before and after the next
round), when the sweep has fallen far behind, and under a new working calendar — on SQLite and
PostgreSQL."""

from datetime import date, timedelta

import pytest

from congvu.lib import clock
from congvu.ops.listbench import NOW, fill
from congvu.ops.province import build_synthetic
from congvu.ops.sweep import fold_signals
from congvu.oversight import figure_rollups, open_items, open_steps
from congvu.oversight.models_open_steps import OpenItem, OpenItemDay, OpenStep, OpenStepDay, OpenStepMark
from congvu.oversight.periods import Period, month, quarter, year
from congvu.oversight.signal_charges import open_delays_direct, step_delays, tallies
from congvu.oversight.signal_check import differences, direct_undecided, summed
from congvu.oversight.signals import intake_by_unit, intake_by_unit_direct
from congvu.testing import working_item
from congvu.work import actions as work
from congvu.work.models import OPEN_STATES, Step, WorkItem

SETTLED = timedelta(minutes=10)  # past figure_rollups.SETTLE: the events before are read


def periods(now) -> list[Period]:
    return [year(2025), quarter(2025, 4), month(2026, 1), month(now.year, now.month),
            Period("custom", date(2025, 11, 17), date(2026, 2, 3)), Period("custom", date(2025, 12, 6), now.date())]


def assert_open_steps_are_direct(now) -> None:
    for period in periods(now):
        assert open_steps.open_delay_tallies(period.judged_at(now)) is not None, period  # read, not bypassed
        fast = summed(open_steps.open_delay_tallies(period.judged_at(now)))
        assert fast == summed(open_delays_direct(period, now)), period
        assert summed(tallies("step_delay", period, now)) == summed(step_delays(period, now)), period
        assert "step_delay" not in differences(period, now), period
        assert open_items.undecided_tallies(period.judged_at(now), now) is not None, period
        undecided = summed(tallies("undecided_twice", period, now))
        assert undecided == summed(direct_undecided(period, now)), period
        assert "undecided_twice" not in differences(period, now), period
        # the avoidance index's base: the figures' count plus the items returned, transferred or revoked
        assert intake_by_unit(period, now) == intake_by_unit_direct(period), period


def assert_rows_are_the_open_items() -> None:
    open_items_now = WorkItem.objects.filter(state__in=OPEN_STATES, undecided_twice_from__isnull=False)
    open_now = set(open_items_now.values_list("pk", "holder_id", "undecided_twice_from"))
    assert set(OpenItem.objects.values_list("item_id", "holder_id", "twice_from")) == open_now
    for month_rows in (False, True):
        assert sum(OpenItemDay.objects.filter(month=month_rows).values_list("items", flat=True)) == len(open_now)


def assert_rows_are_the_open_steps() -> None:
    open_now = set(Step.objects.filter(ended_at__isnull=True).values_list("pk", "item_id", "holder_id", "due_at"))
    assert set(OpenStep.objects.values_list("step_id", "item_id", "holder_id", "due_at")) == open_now
    for month_rows in (False, True):  # each open step in one day row and one month row
        assert sum(OpenStepDay.objects.filter(month=month_rows).values_list("steps", flat=True)) == len(open_now)


@pytest.fixture
def bulk(db):
    with clock.travel_to(NOW):
        fill(build_synthetic(), 1000)  # (every state: the first 9 × 41 items are completed)


def test_the_open_steps_of_a_bulk_province_are_the_direct_computation(bulk):
    with clock.travel_to(NOW + SETTLED):
        assert open_steps.rebuild() > 0 and open_items.rebuild() > 0
        assert figure_rollups.rebuild() > 0  # the closed periods' figures read from their rollups
        assert_rows_are_the_open_steps()
        assert_rows_are_the_open_items()
        assert any(t.amount for t in open_items.undecided_tallies(year(2025).end_at, clock.now()))
        now = clock.now()
        assert any(t.amount for t in open_steps.open_delay_tallies(year(2025).end_at))  # something to count
        assert_open_steps_are_direct(now)
        assert open_steps.fold() == 0 and open_items.fold() == 0  # nothing new: a round reads nothing again
        assert_open_steps_are_direct(now)
    with clock.travel_to(NOW + timedelta(days=9)):  # days later, over a weekend: more working days late
        assert_open_steps_are_direct(clock.now())


def test_before_the_first_round_or_under_another_calendar_the_steps_and_items_are_read(bulk):
    with clock.travel_to(NOW + SETTLED):
        assert open_steps.open_delay_tallies(clock.now()) is None
        assert open_items.undecided_tallies(clock.now(), clock.now()) is None
        assert "undecided_twice" not in differences(year(2025), clock.now())
        open_items.rebuild()
        open_steps.rebuild()
        OpenStepMark.objects.update(calendar_version="an older calendar")
        assert open_steps.open_delay_tallies(clock.now()) is None
        assert "step_delay" not in differences(year(2025), clock.now())
        assert open_steps.fold() > 0  # the next round reads them all again
        assert_open_steps_are_direct(clock.now())


@pytest.mark.usefixtures("at_morning")
def test_steps_opened_ended_and_extended_after_the_round_move_the_delay_exactly(province, busy, monkeypatch):
    with clock.travel_to(clock.now() + SETTLED):
        assert "bước đang mở đọc lại: " in fold_signals()
    assert_rows_are_the_open_steps()
    assert_rows_are_the_open_items()
    item = working_item(province, province.building_permit, subject="Cấp phép xây dựng nhà văn hóa xã",
                        sender="UBND xã Hòa Hiệp", notation="78/2026/CV-HH")
    work.extend_deadline(item, actor=province.construction_head, new_due=item.due_date + timedelta(days=3),
                         reason="Chờ ý kiến của chủ đầu tư")
    not_ours = work.register_incoming(actor=province.construction_clerk, unit=province.construction,
                                      matter_type=province.land_dispute, sender="Hộ ông Lê Văn Ranh",
                                      subject="Đề nghị hòa giải tranh chấp lối đi")
    work.return_document(not_ours, actor=province.construction_head, grounds="not_ours", named_unit=province.commune)
    assert intake_by_unit(month(2026, 3)) == intake_by_unit_direct(month(2026, 3))  # a returned item counts
    work.complete(busy.overdue, actor=province.construction_officer, result="Đã cấp giấy phép số 32/GPXD",
                  delay_cause="dossier", delay_note="Chủ đầu tư nộp bổ sung hồ sơ sau hạn")  # a late step ended
    with clock.travel_to(clock.now() + timedelta(days=20)):  # the steps still open are late by then
        now = clock.now()
        assert any(t.amount for t in open_steps.open_delay_tallies(now))
        assert_open_steps_are_direct(now)  # the items moved since the round are read again
        with monkeypatch.context() as m:  # far behind: read directly, the same numbers
            m.setattr(open_steps, "MAX_PENDING", 1)
            m.setattr(open_items, "MAX_PENDING", 1)
            assert open_steps.open_delay_tallies(now) is None
            assert open_items.undecided_tallies(now, now) is None
            assert differences(month(now.year, now.month), now) == {}
        with clock.travel_to(now + SETTLED):  # the next round reads them again: the same numbers
            assert open_steps.fold() > 0 and open_items.fold() > 0
            assert_rows_are_the_open_steps()
            assert_rows_are_the_open_items()
            assert_open_steps_are_direct(now)
