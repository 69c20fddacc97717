"""The figures of one period (congvu.oversight.period_figures) on the busy province: items belong to
the month they were registered in, judged at that month's end (or now while it runs)."""

from datetime import date

import pytest

from congvu.lib import clock
from congvu.oversight.period_figures import figures_and_trend, items_in, monthly_trend, on_time_rate, unit_figures_in
from congvu.oversight.periods import Period, month
from congvu.oversight.queries import unit_figures

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at_morning")]


def construction_in(period, province):
    return next(f for f in unit_figures_in(period) if f.unit_id == province.construction.pk)


def test_january_is_judged_at_its_end_and_a_later_completion_does_not_change_it(province, busy):
    january = construction_in(month(2026, 1), province)
    # Registered in January: 6 of Construction's counted items; only one was completed by 31/01.
    assert january.completed_on_time == 1 and january.completed_late == 0
    assert busy.late in items_in(month(2026, 1), "overdue", province.construction.pk)  # open at 31/01, past due
    assert busy.late not in items_in(month(2026, 1), "late")


def test_a_long_period_that_runs_until_now_counts_as_the_figures_as_at_now(province, busy):
    whole = Period("custom", date(2026, 1, 1), clock.today())
    now_figures = {f.unit_id: f for f in unit_figures()}
    for f in unit_figures_in(whole):
        counted = now_figures[f.unit_id]
        assert (f.assigned, f.completed_on_time, f.completed_late, f.open_overdue, f.open_within_deadline) == (
            counted.assigned, counted.completed_on_time, counted.completed_late, counted.open_overdue,
            counted.open_within_deadline)


def test_each_number_is_the_length_of_its_list(province, busy):
    period = Period("custom", date(2026, 1, 1), clock.today())
    for f in unit_figures_in(period):
        for bucket, number in (("assigned", f.assigned), ("on_time", f.completed_on_time),
                               ("overdue", f.open_overdue), ("within", f.open_within_deadline)):
            assert items_in(period, bucket, f.unit_id).count() == number


def test_a_month_with_no_registration_counts_nothing(province, busy):
    assert unit_figures_in(month(2025, 6)) == []


def test_the_monthly_trend_has_a_point_per_month(province, busy):
    trend = monthly_trend(Period("custom", date(2026, 1, 1), date(2026, 3, 31)))
    assert [p["label"] for p in trend] == ["01/2026", "02/2026", "03/2026"]
    assert sum(p["assigned"] for p in trend) == sum(f.assigned for f in unit_figures())
    assert trend[0]["completed"] >= 1 and on_time_rate(construction_in(month(2026, 1), province)) == 100.0


@pytest.mark.parametrize("trend", [month(2026, 1), Period("custom", date(2025, 2, 1), date(2026, 1, 31))])
def test_figures_and_trend_in_one_pass_are_each_query_s_own_answer(province, busy, trend):
    # The dashboard reads both from one grouped pass (the month's figures and its twelve months' trend):
    # each must be exactly what its own query counts, the trend's earlier months included.
    figures, points = figures_and_trend(month(2026, 1), trend)
    assert figures == unit_figures_in(month(2026, 1))
    assert points == monthly_trend(trend)
    assert sum(f.assigned for f in figures) == points[-1]["assigned"] > 0
