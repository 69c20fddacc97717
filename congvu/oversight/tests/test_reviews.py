"""Accountability reviews (clause 1.7): opened by Home Affairs from evidence, the meeting and the
conclusion recorded by the unit, discipline decided in a form in force, as a Decree 30 decision."""

from datetime import date, datetime, timedelta

import pytest

from congvu.documents.layout import problems, read_back
from congvu.documents.review_docs import decision_docx
from congvu.lib import clock
from congvu.lib.refusals import AccessDenied, InvalidInput, InvalidState, RuleViolation
from congvu.lib.workdays import TZ
from congvu.oversight import review_sources, reviews
from congvu.oversight.models_reviews import ReviewState
from congvu.oversight.record import record_events_of
from congvu.testing import deemed_and_signed, working_item

pytestmark = pytest.mark.django_db


def opened(p, subject="official"):
    item = working_item(p)
    return reviews.open_review("item", item.pk, actor=p.inspector, subject=subject, reason="Chậm trễ kéo dài")


def met(p, review):
    return reviews.record_meeting(review, actor=p.construction_head, meeting_on=clock.today(),
                                  meeting_place="Phòng họp Sở Xây dựng", meeting_chair="Nguyễn Văn Dựng",
                                  parties="Lãnh đạo Sở, chuyên viên", self_criticism="Tôi nhận khuyết điểm.")


def test_home_affairs_opens_a_review_of_the_silent_official_from_a_deemed_agreement(province, consulted):
    deemed_and_signed(province, consulted.finance)
    responsibility = consulted.finance.responsibility
    review = reviews.open_review("deemed_agreement", responsibility.pk, actor=province.inspector, subject="official",
                                 reason="")
    responsibility.refresh_from_db()
    assert review.unit == province.finance and review.official == (responsibility.holder or responsibility.head)
    assert "coi như đồng ý" in review.reason and review.evidence[0]["url"] == f"/cong-viec/{consulted.item.pk}/"


def test_only_home_affairs_opens_a_review(province, at_morning):
    item = working_item(province)
    with pytest.raises(AccessDenied):
        reviews.open_review("item", item.pk, actor=province.construction_head, subject="unit", reason="x")


def test_an_override_not_kept_for_review_is_no_evidence(province, at_morning):
    with pytest.raises(InvalidInput):
        reviews.open_review("kept_override", 999, actor=province.inspector, subject="unit", reason="x")


def test_a_review_ends_in_a_decision_numbered_in_the_units_register(province, at_morning):
    review = met(province, opened(province))
    review = reviews.conclude_review(review, actor=province.construction_head, conclusion="Vi phạm thời hạn.",
                                     proposed_form="khien_trach", violation_on=date(2026, 1, 15))
    facts = reviews.discipline_facts(review)
    assert [f.code for f in facts.forms] == ["khien_trach", "canh_cao", "buoc_thoi_viec"]
    assert facts.processing_due == clock.today() + timedelta(days=90)
    review = reviews.decide_discipline(review, actor=province.construction_head, form="khien_trach")
    assert review.state == ReviewState.DECIDED and review.decision_notation == "01/QĐ-SXD"
    letter = read_back(decision_docx(review))
    assert problems(letter) == [] and letter.title == "QUYẾT ĐỊNH" and letter.day == (3, 3, 2026)
    assert any("KHIỂN TRÁCH" in line for line in letter.body) and "Hoàng Văn Viên" in letter.subject
    trail = list(record_events_of(review))
    assert [e.kind for e in trail] == ["review_opened", "review_meeting", "review_concluded", "discipline_decided"]
    assert trail[-1].actor == province.construction_head and trail[-1].data["notation"] == "01/QĐ-SXD"


def test_the_salary_step_demotion_is_refused_after_decree_172(province, at_morning):
    review = met(province, opened(province))
    with pytest.raises(RuleViolation) as refused:
        reviews.conclude_review(review, actor=province.construction_head, conclusion="x",
                                proposed_form="ha_bac_luong", violation_on=date(2026, 1, 15))
    assert refused.value.code == "R-1.7-DISCIPLINE-FORM"


def test_the_reviewed_official_records_nothing_of_his_own_review(province, at_morning):
    review = opened(province)
    with pytest.raises(AccessDenied):
        reviews.record_meeting(
            review, actor=province.construction_officer, meeting_on=clock.today(), meeting_place="x",
            meeting_chair="x", parties="x", self_criticism="x")


def test_a_unit_review_concludes_without_discipline(province, at_morning):
    review = met(province, opened(province, subject="unit"))
    with pytest.raises(InvalidInput):
        reviews.conclude_review(review, actor=province.inspector, conclusion="x", proposed_form="khien_trach",
                                violation_on=date(2026, 1, 1))
    review = reviews.conclude_review(review, actor=province.inspector, conclusion="Rút kinh nghiệm.")
    assert review.state == ReviewState.CLOSED


def test_a_units_head_is_disciplined_by_the_province_chairman(province, at_morning):
    item = working_item(province)
    item.holder = province.construction_head
    item.save(update_fields=["holder"])
    review = reviews.open_review("item", item.pk, actor=province.inspector, subject="official", reason="x")
    review = reviews.record_meeting(review, actor=province.inspector, meeting_on=clock.today(), meeting_place="x",
                                    meeting_chair="x", parties="x", self_criticism="x")
    review = reviews.conclude_review(review, actor=province.inspector, conclusion="x", proposed_form="canh_cao",
                                     violation_on=date(2026, 1, 1))
    with pytest.raises(AccessDenied):
        reviews.decide_discipline(review, actor=province.construction_deputy, form="canh_cao")
    review = reviews.decide_discipline(review, actor=province.chairman, form="canh_cao")
    assert review.deciding_unit == province.committee


def test_no_decision_is_signed_on_a_sunday(province, at_morning):
    review = met(province, opened(province))
    review = reviews.conclude_review(review, actor=province.construction_head, conclusion="x",
                                     proposed_form="khien_trach", violation_on=date(2026, 1, 15))
    with clock.travel_to(datetime(2026, 3, 8, 9, 0, tzinfo=TZ)), pytest.raises(InvalidState):
        reviews.decide_discipline(review, actor=province.construction_head, form="khien_trach")


def test_an_inspection_finding_given_as_plain_data_is_a_source(province, at_morning):
    item = working_item(province)
    found = review_sources.from_plain({
        "unit_id": province.construction.pk, "official_id": province.construction_officer.pk,
        "summary": "Né tránh, đùn đẩy", "item_ids": [item.pk], "found_on": "2026-02-27"})
    assert found.official == province.construction_officer and "27/02/2026" in found.summary
    assert found.evidence[0]["url"] == f"/cong-viec/{item.pk}/"
