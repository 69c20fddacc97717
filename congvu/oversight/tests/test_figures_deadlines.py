"""Figures the unit cannot move (issue 9): on time against the legal deadline, "on time after
extension" apart; the days a unit held work it passed on stay in its figures; every extension is
counted per unit; each step's delay is charged to its holder; the causes of delay are counted."""

from datetime import date, datetime, time, timedelta

import pytest

from congvu.lib import clock
from congvu.lib.workdays import TZ
from congvu.org.models import Unit
from congvu.oversight import periods
from congvu.oversight.queries import delay_causes, figure_conditions, step_delays, unit_figures
from congvu.registry.queries import current_calendar
from congvu.testing import MORNING
from congvu.work import actions
from congvu.work.models import ExtensionRequest, WorkItem
from congvu.work.tests.test_actions import in_progress, register

pytestmark = pytest.mark.usefixtures("at_morning")


def working_day_at_ten(after: date, n: int) -> datetime:
    return datetime.combine(current_calendar().add_working_days(after, n), time(10), tzinfo=TZ)


def figures_of(unit):
    return next(f for f in unit_figures() if f.unit_id == unit.pk)


def test_a_self_extended_item_completed_after_the_legal_deadline_is_not_on_time(province):
    item = in_progress(province)
    legal = item.legal_due_date
    actions.extend_deadline(item, actor=province.construction_head, reason="Chờ hồ sơ",
                            new_due=current_calendar().add_working_days(legal, 5))
    with clock.travel_to(working_day_at_ten(legal, 2)):  # after the legal deadline, before the extended one
        actions.complete(item, actor=province.construction_officer, result="Đã cấp phép",
                         delay_cause="workload", delay_note="Nhiều hồ sơ cùng lúc")
    construction = figures_of(province.construction)
    assert (construction.completed_on_time, construction.completed_after_extension, construction.completed_late) == (
        0, 1, 0)
    assert construction.overdue_rate == 100.0
    assert not WorkItem.objects.filter(figure_conditions()["on_time"], pk=item.pk).exists()
    assert WorkItem.objects.filter(figure_conditions()["extended"], pk=item.pk).exists()
    assert delay_causes() == [{"lead_unit_id": province.construction.pk, "lead_unit__name": "Sở Xây dựng",
                               "delay_cause": "workload", "count": 1}]


def test_open_work_past_its_legal_deadline_stays_overdue_in_the_figures_after_an_extension(province):
    item = in_progress(province)
    legal = item.legal_due_date
    actions.extend_deadline(item, actor=province.construction_head, reason="Chờ hồ sơ",
                            new_due=current_calendar().add_working_days(legal, 5))
    with clock.travel_to(working_day_at_ten(legal, 1)):
        construction = figures_of(province.construction)
    assert (construction.open_overdue, construction.open_within_deadline) == (1, 0)


def test_a_transferred_items_days_stay_with_the_first_unit(province):
    item = register(province, unit=province.finance, clerk=province.finance_head)  # Construction's matter
    with clock.travel_to(working_day_at_ten(MORNING.date(), 3)):
        actions.transfer(item, actor=province.finance_head, to_unit=province.construction, reason="Sai nơi")
        finance = figures_of(province.finance)
    assert (finance.passed_on, finance.days_held, finance.held_beyond_share) == (1, 3, 1)
    assert finance.assigned == 0  # not its work to finish, but its days are counted


def test_every_extension_is_counted_per_unit_self_approved_or_approved_above(province):
    own = in_progress(province)
    actions.extend_deadline(own, actor=province.construction_head, reason="Chờ hồ sơ",
                            new_due=current_calendar().add_working_days(own.legal_due_date, 2))
    above = in_progress(province, province.planning_approval)
    actions.extend_deadline(above, actor=province.construction_head, reason="Họp liên ngành",
                            new_due=current_calendar().add_working_days(above.legal_due_date, 5))
    actions.decide_extension(ExtensionRequest.objects.get(item=above), actor=province.office_head, approve=True,
                             reason="Đồng ý")
    construction = figures_of(province.construction)
    assert (construction.extensions_self, construction.extensions_above) == (1, 1)


def test_each_steps_delay_is_charged_to_the_official_who_held_it_and_to_their_unit(province):
    item = register(province)
    actions.direct(item, actor=province.construction_head, lead_unit=province.construction)
    step_due = current_calendar().add_working_days(MORNING.date(), 2)
    actions.assign(item, actor=province.construction_head, holder=province.construction_officer, due_date=step_due)
    with clock.travel_to(working_day_at_ten(step_due, 3)):
        actions.complete(item, actor=province.construction_officer, result="Đã cấp phép")
    transferred = register(province, unit=province.finance, clerk=province.finance_head)
    with clock.travel_to(working_day_at_ten(MORNING.date(), 3)):  # presented on 03/03, due 04/03, passed on 06/03
        actions.transfer(transferred, actor=province.finance_head, to_unit=province.construction)
    officials, units = step_delays(date(2026, 3, 1), date(2026, 3, 31), now=working_day_at_ten(step_due, 3))
    charged = {(r.official_name, r.unit_name): (r.steps_late, r.days_late) for r in officials}
    assert charged[("Hoàng Văn Viên", "Sở Xây dựng")] == (1, 3)
    assert charged[("Ngô Văn Tài", "Sở Tài chính")] == (1, 2)
    # Construction's head has not yet presented the transferred item (its step was due 09/03): an open
    # step is charged up to now.
    assert charged[("Nguyễn Văn Dựng", "Sở Xây dựng")] == (1, 1)
    assert {(r.unit_name, r.days_late) for r in units} == {("Sở Xây dựng", 4), ("Sở Tài chính", 2)}
    # Outside the period, nothing is charged.
    assert step_delays(date(2026, 5, 1), date(2026, 5, 31), now=working_day_at_ten(step_due, 3)) == ([], [])


def test_the_causes_of_delay_are_those_of_the_period_and_the_units_asked(province):
    # The dashboard shows them beside a period's figures: a cause recorded in one month is not in the
    # next month's table, nor in another unit's.
    item = in_progress(province)
    done_at = working_day_at_ten(item.legal_due_date, 2)
    with clock.travel_to(done_at):
        actions.complete(item, actor=province.construction_officer, result="Đã cấp phép",
                         delay_cause="workload", delay_note="Nhiều hồ sơ cùng lúc")
    that_month = periods.month(done_at.year, done_at.month)
    construction = Unit.objects.filter(pk=province.construction.pk)
    assert [r["count"] for r in delay_causes(construction, that_month)] == [1]
    assert delay_causes(None, following(that_month)) == []
    assert delay_causes(Unit.objects.filter(pk=province.finance.pk), that_month) == []


def following(month):
    after = month.end + timedelta(days=1)
    return periods.month(after.year, after.month)
