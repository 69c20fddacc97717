"""The review and commendation pages (clauses 1.7, 1.8): Home Affairs opens a review from evidence,
the unit's head records the meeting, concludes and signs the decision; the official finds it on
"Hồ sơ của tôi"; another unit does not see it. A commendation goes from proposal to decision."""

import pytest

from congvu.documents.layout import read_back
from congvu.oversight.models_commendation import Commendation, CommendationState
from congvu.oversight.models_reviews import AccountabilityReview, ReviewState
from congvu.testing import working_item

pytestmark = pytest.mark.django_db


def test_a_review_from_evidence_to_a_decision_through_the_pages(province, at_morning, client_of):
    item = working_item(province)
    inspector, head = client_of(province.inspector), client_of(province.construction_head)
    page = inspector.get(f"/ky-luat/mo/item/{item.pk}/")
    assert page.status_code == 200 and "Hoàng Văn Viên" in page.content.decode()
    opened = inspector.post(f"/ky-luat/mo/item/{item.pk}/", {"subject": "official", "reason": "Chậm trễ"})
    review = AccountabilityReview.objects.get()
    assert opened.status_code == 302 and opened["Location"] == f"/ky-luat/{review.pk}/"
    detail = head.get(f"/ky-luat/{review.pk}/").content.decode()
    assert "Khiển trách, Cảnh cáo, Buộc thôi việc" in detail and "172/2025" in detail
    assert head.post(f"/ky-luat/{review.pk}/hop/", {
        "meeting_on": "03/03/2026", "meeting_place": "Phòng họp", "meeting_chair": "Nguyễn Văn Dựng",
        "parties": "Lãnh đạo Sở", "self_criticism": "Nhận khuyết điểm"}).status_code == 302
    concluded = head.post(f"/ky-luat/{review.pk}/ket-luan/", {
        "conclusion": "Vi phạm thời hạn", "proposed_form": "khien_trach", "violation_on": "15/01/2026"})
    assert concluded.status_code == 302
    assert head.post(f"/ky-luat/{review.pk}/quyet-dinh/", {"form": "khien_trach"}).status_code == 302
    review.refresh_from_db()
    assert review.state == ReviewState.DECIDED
    officer = client_of(province.construction_officer)
    assert "01/QĐ-SXD" in officer.get("/ho-so/").content.decode()
    letter = read_back(b"".join(officer.get(f"/ky-luat/{review.pk}/quyet-dinh.docx").streaming_content))
    assert letter.title == "QUYẾT ĐỊNH"
    assert client_of(province.finance_head).get(f"/ky-luat/{review.pk}/").status_code == 404


def test_a_refused_form_is_shown_with_its_rule(province, at_morning, client_of):
    item = working_item(province)
    inspector = client_of(province.inspector)
    inspector.post(f"/ky-luat/mo/item/{item.pk}/", {"subject": "official", "reason": "Chậm trễ"})
    review = AccountabilityReview.objects.get()
    inspector.post(f"/ky-luat/{review.pk}/hop/", {
        "meeting_on": "03/03/2026", "meeting_place": "P", "meeting_chair": "C", "parties": "A",
        "self_criticism": "S"})
    refused = inspector.post(f"/ky-luat/{review.pk}/ket-luan/", {
        "conclusion": "x", "proposed_form": "khien_trach", "violation_on": "01/01/2020"})
    assert refused.status_code == 400 and "R-1.7-LIMITATION" in refused.content.decode()


def test_a_commendation_from_proposal_to_decision_through_the_pages(province, at_morning, client_of):
    inspector, head = client_of(province.inspector), client_of(province.construction_head)
    assert inspector.get("/khen-thuong/?tu=01/01/2026&den=03/03/2026").status_code == 200
    proposed = inspector.post("/khen-thuong/de-nghi/", {
        "unit": province.construction.pk, "official": province.construction_officer.pk, "form": "giay_khen",
        "period_start": "01/01/2026", "period_end": "03/03/2026", "reason": "Đúng hạn"})
    found = Commendation.objects.get()
    assert proposed["Location"] == f"/khen-thuong/{found.pk}/"
    assert head.post(f"/khen-thuong/{found.pk}/duyet/", {"approve": "yes"}).status_code == 403
    assert inspector.post(f"/khen-thuong/{found.pk}/duyet/", {"approve": "yes"}).status_code == 302
    assert head.post(f"/khen-thuong/{found.pk}/quyet-dinh/").status_code == 302
    found.refresh_from_db()
    assert found.state == CommendationState.DECIDED
    assert "01/QĐ-SXD" in head.get(f"/ho-so/don-vi/{province.construction.pk}/").content.decode()
    assert client_of(province.finance_head).get(f"/ho-so/don-vi/{province.construction.pk}/").status_code == 403
