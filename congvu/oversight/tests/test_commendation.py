"""Commendation (clause 1.8): candidates from the figures, proposal → approval → decision (.docx)."""

from datetime import date, timedelta

import pytest

from congvu.documents.layout import problems, read_back
from congvu.documents.review_docs import decision_docx
from congvu.lib import clock
from congvu.lib.refusals import AccessDenied, InvalidInput, InvalidState
from congvu.oversight import commendation
from congvu.oversight.commendation_candidates import official_candidates, unit_candidates
from congvu.oversight.models_commendation import CommendationState
from congvu.oversight.record import record_events_of
from congvu.testing import working_item
from congvu.work import actions as work

pytestmark = pytest.mark.django_db
PERIOD = (date(2026, 1, 1), date(2026, 3, 3))


def proposed(p, form="giay_khen", official="construction_officer"):
    return commendation.propose_commendation(
        actor=p.inspector, unit=p.construction, official=getattr(p, official) if official else None, form=form,
        period_start=PERIOD[0], period_end=PERIOD[1], reason="Giải quyết đúng hạn mọi hồ sơ.",
        evidence=[{"label": "100% đúng hạn", "url": "/danh-sach/"}])


def test_units_and_officials_who_completed_everything_on_time_are_candidates(province, at_morning):
    for n in range(3):
        item = working_item(province, subject=f"Hồ sơ {n}")
        work.complete(item, actor=province.construction_officer, result="Đã giải quyết")
    units = unit_candidates(*PERIOD)
    officials = official_candidates(*PERIOD)
    assert [c.unit_name for c in units] == [province.construction.name]
    assert [c.official_name for c in officials] == [province.construction_officer.full_name]
    assert officials[0].on_time_percent == 100.0 and "đúng hạn 3" in officials[0].evidence[0]["label"]


def test_a_unit_with_overdue_work_is_no_candidate(province, at_morning):
    for n in range(3):
        work.complete(working_item(province, subject=f"Hồ sơ {n}"), actor=province.construction_officer, result="x")
    working_item(province, subject="Còn tồn")
    with clock.travel_to(clock.now() + timedelta(days=60)):
        assert unit_candidates(PERIOD[0], clock.today()) == []


def test_a_giay_khen_goes_from_proposal_to_the_unit_heads_decision(province, at_morning):
    found = proposed(province)
    with pytest.raises(InvalidState):
        commendation.decide_commendation(found, actor=province.construction_head)
    found = commendation.approve_commendation(found, actor=province.inspector, approve=True)
    with pytest.raises(AccessDenied):
        commendation.decide_commendation(found, actor=province.finance_head)
    found = commendation.decide_commendation(found, actor=province.construction_head)
    assert found.state == CommendationState.DECIDED and found.decision_notation == "01/QĐ-SXD"
    letter = read_back(decision_docx(found))
    assert problems(letter) == [] and "Giấy khen" in letter.subject
    assert any("Hoàng Văn Viên" in line for line in letter.body)
    assert [e.kind for e in record_events_of(found)] == ["commendation_proposed", "commendation_approved",
                                                         "commendation_decided"]


def test_a_bang_khen_is_decided_by_the_province_chairman(province, at_morning):
    found = commendation.approve_commendation(proposed(province, form="bang_khen"), actor=province.inspector,
                                              approve=True)
    with pytest.raises(AccessDenied):
        commendation.decide_commendation(found, actor=province.construction_head)
    assert commendation.decide_commendation(found, actor=province.chairman).deciding_unit == province.committee


def test_a_collective_form_for_an_individual_is_refused(province, at_morning):
    with pytest.raises(InvalidInput):
        proposed(province, form="tap_the_lao_dong_tien_tien")


def test_a_unit_head_proposes_for_his_own_unit_only(province, at_morning):
    with pytest.raises(AccessDenied):
        commendation.propose_commendation(actor=province.finance_head, unit=province.construction, official=None,
                                          form="tap_the_lao_dong_tien_tien", period_start=PERIOD[0],
                                          period_end=PERIOD[1], reason="x")


def test_refusing_a_proposal_needs_its_reason(province, at_morning):
    found = proposed(province)
    with pytest.raises(InvalidInput):
        commendation.approve_commendation(found, actor=province.inspector, approve=False)
    found = commendation.approve_commendation(found, actor=province.inspector, approve=False, note="Chưa đủ tiêu chuẩn")
    assert found.state == CommendationState.REFUSED


def test_an_inspections_positive_finding_is_part_of_the_candidates_evidence(province, at_morning):
    from congvu.oversight import inspections
    from congvu.oversight.models_inspections import FindingCategory
    from congvu.oversight.tests.makers_inspections import opened_with_finding

    for n in range(3):
        work.complete(working_item(province, subject=f"Hồ sơ {n}"), actor=province.construction_officer,
                      result="Đã giải quyết")
    inspection = opened_with_finding(province)
    inspections.record_finding(inspection, actor=province.inspector, category=FindingCategory.POSITIVE,
                               unit=province.construction, official=province.construction_officer,
                               summary="Chủ động giải quyết hồ sơ khó", item_ids=[])
    [unit] = unit_candidates(*PERIOD)
    [official] = official_candidates(*PERIOD)
    for candidate in (unit, official):
        assert candidate.evidence[-1]["label"].endswith("ghi nhận: Chủ động giải quyết hồ sơ khó")
        assert candidate.evidence[-1]["url"] == f"/kiem-tra/{inspection.pk}/"
