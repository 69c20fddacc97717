"""The discipline forms in force by date, category and post, and the limitation periods (clause 1.7):
pure functions of the law's dated data, no database."""

from datetime import date

import pytest

from congvu.lib.refusals import RuleViolation
from congvu.oversight import discipline
from congvu.oversight.discipline import Category, Limitation


def codes(day: date, category: str, leadership: bool) -> list[str]:
    return [f.code for f in discipline.forms_offered(day, category, leadership)]


BEFORE, AFTER = date(2025, 6, 30), date(2025, 7, 1)


def test_until_30_06_2025_a_civil_servant_without_a_post_may_have_his_salary_step_lowered():
    assert codes(BEFORE, Category.CONG_CHUC, False) == ["khien_trach", "canh_cao", "ha_bac_luong", "buoc_thoi_viec"]


def test_until_30_06_2025_a_civil_servant_with_a_post_may_be_demoted_or_dismissed_from_it():
    assert codes(BEFORE, Category.CONG_CHUC, True) == ["khien_trach", "canh_cao", "giang_chuc", "cach_chuc",
                                                       "buoc_thoi_viec"]


def test_from_01_07_2025_decree_172_has_no_salary_step_demotion():
    assert codes(AFTER, Category.CONG_CHUC, False) == ["khien_trach", "canh_cao", "buoc_thoi_viec"]
    assert codes(AFTER, Category.CONG_CHUC, True) == ["khien_trach", "canh_cao", "giang_chuc", "cach_chuc",
                                                      "buoc_thoi_viec"]
    assert discipline.regime_for(AFTER, Category.CONG_CHUC).key == "nd172-2025"
    assert "172/2025" in discipline.regime_for(AFTER, Category.CAN_BO).source


def test_a_cadre_may_be_removed_from_elected_office_and_dismissed_from_a_post_he_holds():
    for day in (BEFORE, AFTER):
        assert codes(day, Category.CAN_BO, True) == ["khien_trach", "canh_cao", "cach_chuc", "bai_nhiem"]


def test_public_employees_stay_under_decree_112_after_the_cutover():
    for day in (BEFORE, AFTER):
        assert codes(day, Category.VIEN_CHUC, False) == ["khien_trach", "canh_cao", "buoc_thoi_viec"]
        assert "112/2020" in discipline.regime_for(day, Category.VIEN_CHUC).source


def test_the_processing_time_limit_is_90_days_extendable_to_150():
    regime = discipline.regime_for(AFTER, Category.CONG_CHUC)
    assert discipline.processing_due(date(2025, 7, 1), regime, extended=False) == date(2025, 9, 29)
    assert discipline.processing_due(date(2025, 7, 1), regime, extended=True) == date(2025, 11, 28)


def test_a_form_not_in_force_is_refused_with_its_rule():
    with pytest.raises(RuleViolation) as refused:
        discipline.check_form("ha_bac_luong", AFTER, Category.CONG_CHUC, False)
    assert refused.value.code == "R-1.7-DISCIPLINE-FORM" and "Khiển trách" in refused.value.message_vi


def test_a_reprimand_level_violation_has_two_years_the_others_five():
    reprimand, warning = discipline.FORMS["khien_trach"], discipline.FORMS["canh_cao"]
    assert discipline.limitation_ends(date(2024, 3, 10), reprimand) == date(2026, 3, 9)
    assert discipline.limitation_ends(date(2024, 3, 10), warning) == date(2029, 3, 9)


def test_the_limitation_warning_comes_60_days_before_the_end():
    reprimand = discipline.FORMS["khien_trach"]
    violation = date(2024, 3, 10)  # ends 09/03/2026
    assert discipline.limitation_status(violation, reprimand, date(2026, 1, 7)) == Limitation.OK
    assert discipline.limitation_status(violation, reprimand, date(2026, 1, 8)) == Limitation.NEAR
    assert discipline.limitation_status(violation, reprimand, date(2026, 3, 10)) == Limitation.EXPIRED


def test_discipline_past_the_limitation_period_is_refused():
    with pytest.raises(RuleViolation) as refused:
        discipline.check_limitation(date(2020, 1, 1), discipline.FORMS["khien_trach"], date(2026, 3, 3))
    assert refused.value.code == "R-1.7-LIMITATION" and "31/12/2021" in refused.value.message_vi
