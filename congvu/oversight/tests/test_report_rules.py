"""Clause 3's periodic reports as pure rules (no database): the data cut-off of Decree 09/2019 Art. 12,
the units' due date, the narrative, the day the province report is issued."""

from datetime import date

import pytest

from congvu.lib.refusals import InvalidInput, RuleViolation
from congvu.oversight import report_rules as rules


@pytest.mark.parametrize(("kind", "number", "bounds"), [
    ("month", 3, (date(2026, 2, 15), date(2026, 3, 14))),
    ("month", 1, (date(2025, 12, 15), date(2026, 1, 14))),
    ("quarter", 1, (date(2025, 12, 15), date(2026, 3, 14))),
    ("quarter", 4, (date(2026, 9, 15), date(2026, 12, 14))),
    ("half", 1, (date(2025, 12, 15), date(2026, 6, 14))),
    ("half", 2, (date(2026, 6, 15), date(2026, 12, 14))),
    ("year", 1, (date(2025, 12, 15), date(2026, 12, 14))),
])
def test_a_periods_data_run_from_the_15th_of_the_month_before_to_the_14th(kind, number, bounds):
    assert rules.cut_off(kind, 2026, number) == bounds


@pytest.mark.parametrize(("kind", "number"), [("month", 13), ("quarter", 0), ("half", 3), ("week", 1)])
def test_a_period_that_does_not_exist_is_refused(kind, number):
    with pytest.raises(InvalidInput):
        rules.cut_off(kind, 2026, number)


def test_the_due_date_is_a_working_day_after_the_cut_off():
    rules.check_due_day(date(2026, 3, 17), date(2026, 3, 14), True, 2)
    with pytest.raises(RuleViolation) as day_off:
        rules.check_due_day(date(2026, 3, 15), date(2026, 3, 14), False, 0)
    assert day_off.value.code == "R-3-REPORT-DUE-DAY" and "15/03/2026" in day_off.value.message_vi
    with pytest.raises(RuleViolation, match="14/03/2026"):
        rules.check_due_day(date(2026, 3, 13), date(2026, 3, 14), True, 0)


def test_a_report_states_its_results_within_the_length_caps():
    rules.check_submittable("Đã giải quyết đúng hạn 95% công việc.")
    with pytest.raises(RuleViolation) as empty:
        rules.check_submittable("   ")
    assert empty.value.code == "R-3-REPORT-NARRATIVE"
    with pytest.raises(InvalidInput, match="khó khăn"):
        rules.check_narrative_lengths({"difficulties": "x" * (rules.NARRATIVE_CAPS["difficulties"] + 1)})


def test_the_province_report_is_issued_on_a_working_day_only():
    rules.check_issue_day(date(2026, 3, 18), True, date(2026, 3, 18))
    with pytest.raises(RuleViolation, match="23/03/2026"):
        rules.check_issue_day(date(2026, 3, 21), False, date(2026, 3, 23))
