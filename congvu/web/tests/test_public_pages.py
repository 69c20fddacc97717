"""Issue 11's pages by the test client: the public report form's abuse resistance (rate limit per
address, honeypot, the sum, size limits), its refusals in Vietnamese that keep what was typed, the
lookup by code; who sees the reporter's contact details; the directives' pages."""

import re

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from congvu.oversight import public_reports
from congvu.oversight.models_directives import Acknowledgement
from congvu.oversight.models_public import PublicReport, ReportAbout, ReportState
from congvu.oversight.models_reviews import AccountabilityReview
from congvu.oversight.tests.makers import assigned_report, filed_report, sent_directive
from congvu.web.public_limits import CHALLENGE_SALT, FILING

pytestmark = pytest.mark.django_db
URL = "/cong-khai/phan-anh/"


def solved(client: Client) -> dict:
    """The form's sum as a person would answer it, read from the page the client was given."""
    page = client.get(URL).content.decode()
    token = re.search(r'name="challenge" value="([^"]+)"', page).group(1)
    numbers = signing.loads(token, salt=CHALLENGE_SALT)
    return {"challenge": token, "answer": str(numbers["a"] + numbers["b"])}


def report_data(province, **changes) -> dict:
    return {"kind": "delay", "about": "unit", "unit": province.construction.pk,
            "description": "Hồ sơ cấp phép nộp từ tháng trước vẫn chưa có kết quả.",
            "reporter_name": "Trần Văn Dân", "reporter_contact": "dan@example.vn", **changes}


def test_a_citizen_files_a_report_with_no_account_and_gets_a_code(province):
    client = Client()
    response = client.post(URL, {**report_data(province), **solved(client)})
    assert response.status_code == 201
    report = PublicReport.objects.get()
    assert report.code in response.content.decode() and report.reporter_contact == "dan@example.vn"
    lookup = client.get(f"{URL}tra-cuu/?ma={report.code.lower()}", HTTP_ACCEPT_LANGUAGE="en")
    assert lookup.status_code == 200 and "Đã tiếp nhận" in lookup.content.decode()
    assert lookup["Content-Language"] == "vi"
    assert "dan@example.vn" not in lookup.content.decode()


def test_the_public_pages_are_vietnamese_whatever_the_browser_asks(province):
    page = Client().get(URL, HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert '<html lang="vi">' in page.content.decode() and "Gửi phản ánh" in page.content.decode()


def test_a_wrong_sum_refuses_keeping_every_typed_field_and_asks_a_new_sum(province):
    client = Client()
    data = {**report_data(province), **solved(client)}
    data["answer"] = str(int(data["answer"]) + 1)
    response = client.post(URL, data)
    page = response.content.decode()
    assert response.status_code == 400 and not PublicReport.objects.exists()
    assert "Kết quả phép tính chưa đúng" in page
    assert "Hồ sơ cấp phép nộp từ tháng trước vẫn chưa có kết quả." in page and 'value="dan@example.vn"' in page
    assert data["challenge"] not in page  # a new sum: the old token cannot be replayed on the page


def test_a_forged_or_missing_challenge_is_refused(province):
    response = Client().post(URL, {**report_data(province), "challenge": "forged", "answer": "5"})
    assert response.status_code == 400 and not PublicReport.objects.exists()


def test_the_honeypot_field_filled_in_refuses_the_report(province):
    client = Client()
    response = client.post(URL, {**report_data(province), **solved(client), "website": "http://spam.example"})
    assert response.status_code == 400 and not PublicReport.objects.exists()
    assert "Hãy để trống ô cuối cùng" in response.content.decode()


def test_the_report_must_name_whom_it_is_about_in_vietnamese(province):
    client = Client()
    response = client.post(URL, {**report_data(province, about="official", unit=""), **solved(client)})
    assert response.status_code == 400 and "Hãy ghi họ tên hoặc chức danh" in response.content.decode()


def test_text_and_attachment_sizes_are_limited(province, settings):
    settings.CONGVU_MAX_UPLOAD_MB = 1
    client = Client()
    too_long = client.post(URL, {**report_data(province, description="x" * 5001), **solved(client)})
    assert too_long.status_code == 400 and "dài quá 5000 ký tự" in too_long.content.decode()
    big = SimpleUploadedFile("anh.jpg", b"x" * (1024 * 1024 + 1), content_type="image/jpeg")
    too_big = client.post(URL, {**report_data(province), **solved(client), "attachment": big})
    assert too_big.status_code == 400 and "lớn hơn 1 MB" in too_big.content.decode()
    assert "Tệp đính kèm cần được chọn lại" in too_big.content.decode()
    assert not PublicReport.objects.exists()


def test_one_address_files_at_most_five_reports_an_hour_others_still_can(province):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(FILING.most):
        assert client.post(URL, {**report_data(province), **solved(client)}).status_code == 201
    refused = client.post(URL, {**report_data(province), **solved(client)})
    assert refused.status_code == 429 and "quá nhiều yêu cầu" in refused.content.decode()
    assert "Hồ sơ cấp phép nộp từ tháng trước" in refused.content.decode()  # what was typed is kept
    other = Client(REMOTE_ADDR="203.0.113.8")
    assert other.post(URL, {**report_data(province), **solved(other)}).status_code == 201
    assert PublicReport.objects.count() == FILING.most + 1


def test_an_unknown_code_is_said_so(province):
    response = Client().get(f"{URL}tra-cuu/?ma=ABCDEFGHJK")
    assert response.status_code == 404 and "Không tìm thấy phản ánh" in response.content.decode()


def test_the_reporters_contact_is_shown_to_home_affairs_only(province, client_of):
    report = assigned_report(province)
    page = client_of(province.inspector).get(f"/phan-anh/{report.pk}/").content.decode()
    assert "0905 123 456" in page and "Nguyễn Thị Dân" in page
    for unit_person in (province.construction_head, province.construction_officer):
        page = client_of(unit_person).get(f"/phan-anh/{report.pk}/").content.decode()
        assert "0905 123 456" not in page and "Nguyễn Thị Dân" not in page
        assert "Cán bộ một cửa" in page


def test_the_unit_answers_and_home_affairs_closes_on_the_pages(province, client_of):
    report = assigned_report(province)
    officer = client_of(province.construction_officer).get(f"/phan-anh/{report.pk}/").content.decode()
    assert 'value="answer"' not in officer  # an officer reads it; the leaders answer
    answered = client_of(province.construction_head).post(f"/phan-anh/{report.pk}/",
                                                          {"step": "answer", "answer": "Đã kiểm tra."})
    assert answered.status_code == 302
    closed = client_of(province.inspector).post(f"/phan-anh/{report.pk}/",
                                                {"step": "close", "public_answer": "Đã chấn chỉnh."})
    assert closed.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.CLOSED
    lookup = Client().get(f"{URL}tra-cuu/?ma={report.code}").content.decode()
    assert "Đã chấn chỉnh." in lookup and "Đã kiểm tra." not in lookup


def test_the_home_page_offers_the_directive_to_acknowledge(province, client_of):
    directive = sent_directive(province)
    client = client_of(province.construction_officer)
    home = client.get("/").content.decode()
    assert "Văn bản chỉ đạo cần quán triệt" in home and "280/CĐ-TTg" in home
    assert client.post(f"/chi-dao/{directive.pk}/quan-triet/", {"next": "home"})["Location"] == "/"
    assert Acknowledgement.objects.filter(official=province.construction_officer).exists()
    assert "Văn bản chỉ đạo cần quán triệt" not in client.get("/").content.decode()


def test_a_head_sees_who_has_not_acknowledged_and_home_affairs_the_completion(province, client_of):
    directive = sent_directive(province, units=[province.construction, province.finance])
    client_of(province.construction_officer).post(f"/chi-dao/{directive.pk}/quan-triet/")
    head = client_of(province.construction_head).get(f"/chi-dao/{directive.pk}/").content.decode()
    assert "Bùi Thị Sổ" in head and "Hoàng Văn Viên" not in head.split('id="not-acknowledged"')[1]
    assert "Ngô Văn Tài" not in head  # Finance's people are not his to see
    overseer = client_of(province.inspector).get(f"/chi-dao/{directive.pk}/").content.decode()
    assert "Sở Tài chính" in overseer and "Sở Xây dựng" in overseer and 'id="completion"' in overseer


def test_a_unit_person_is_shown_the_reports_their_unit_must_handle(province, client_of):
    assigned_report(province)
    home = client_of(province.construction_officer).get("/").content.decode()
    assert 'id="public-reports-to-handle"' in home
    assert 'id="public-reports-to-handle"' not in client_of(province.finance_head).get("/").content.decode()


def test_every_page_links_a_citizen_to_the_report_form(province):
    """A citizen who reaches any page of congvu (the sign-in page first) finds where to report."""
    page = Client().get("/dang-nhap/", follow=True).content.decode()
    assert 'href="/cong-khai/phan-anh/"' in page and "Phản ánh hành vi nhũng nhiễu, chậm trễ của cán bộ" in page


def test_home_affairs_opens_a_review_or_plans_an_inspection_from_a_report_about_an_official(province, client_of):
    """Clause 1.7: Home Affairs assigns a report, or opens a review or an inspection from it. A report
    about an official (by title) is tied to a unit once assigned; the review and the plan start there."""
    about_an_official = filed_report(province, about=ReportAbout.OFFICIAL, unit=None, official_named="Cán bộ một cửa")
    report = public_reports.assign_report(about_an_official, actor=province.inspector, unit=province.construction)
    inspector = client_of(province.inspector)
    page = inspector.get(f"/phan-anh/{report.pk}/").content.decode()
    assert f'href="/ky-luat/mo/public_report/{report.pk}/"' in page
    opened = inspector.post(f"/ky-luat/mo/public_report/{report.pk}/", {"subject": "unit", "reason": "Theo phản ánh."})
    assert opened.status_code == 302
    review = AccountabilityReview.objects.get(source_kind="public_report", source_id=report.pk)
    assert review.unit == province.construction and report.code in str(review.evidence)
    assert f"/ky-luat/{review.pk}/" in inspector.get(f"/phan-anh/{report.pk}/").content.decode()
    plan = inspector.get(f"/kiem-tra/ke-hoach/?phan-anh={report.pk}").content.decode()
    assert report.code in plan and f'value="{province.construction.pk}" selected' in plan
    # An id no database could hold, or written in other digits, fills nothing in and breaks nothing.
    arabic_indic = str(report.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    for odd in (arabic_indic, "99999999999999999999", "0"):
        answer = inspector.get(f"/kiem-tra/ke-hoach/?phan-anh={odd}")
        assert answer.status_code == 200 and report.code not in answer.content.decode()
    for unit_person in (province.construction_head, province.construction_officer):
        assert "open-review" not in client_of(unit_person).get(f"/phan-anh/{report.pk}/").content.decode()
