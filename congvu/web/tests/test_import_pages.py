"""The import pages, through HTTP as a clerk uses them: an edXML message is previewed, then
registered with the message kept as the original; an Excel list registers every row or none.
Anonymous visitors are sent to sign in and outsiders are refused on every URL."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from congvu.documents.excel_import import DATA_SHEET
from congvu.lib import clock
from congvu.testing import MORNING
from congvu.web.views_imports import PENDING_DIR
from congvu.work.models import IncomingDocument, Priority, WorkItem

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parents[2] / "documents" / "tests" / "samples"  # the edXML readers' own samples
PERMIT_ROW = ("Báo cáo tình hình cấp phép xây dựng quý I", "Văn phòng UBND tỉnh", "125/VP-KT", "02/03/2026",
              "cap-phep-xay-dung", "16/03/2026", "Khẩn")


def upload(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else (SAMPLES / name).read_bytes())


def preview(client: Client, p, name: str = "ubnd-tinh-giao-nhiem-vu.edxml", data: bytes | None = None, **changes):
    form = {"unit": p.construction.pk, "matter_type": p.building_permit.pk, **changes,
            "message": upload(name, data)}
    return client.post("/van-ban-den/nhap-edxml/", form)


def token_of(page) -> str:
    return page.context["form"]["token"].value()


def confirm(client: Client, p, token: str, **changes):
    return client.post("/van-ban-den/nhap-edxml/xac-nhan/",
                       {"token": token, "unit": p.construction.pk, "matter_type": p.building_permit.pk, **changes})


def xlsx(*rows: tuple, base: bytes) -> SimpleUploadedFile:
    book = load_workbook(io.BytesIO(base))
    for number, values in enumerate(rows, 2):
        for column, value in enumerate(values, 1):
            book[DATA_SHEET].cell(row=number, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("danh-sach-cong-viec.xlsx", buffer.getvalue())


def template_of(client: Client) -> bytes:
    response = client.get("/van-ban-den/nhap-excel/mau.xlsx")
    assert response.status_code == 200
    return response.content


URLS = ["/van-ban-den/nhap-edxml/", "/van-ban-den/nhap-edxml/xac-nhan/", "/van-ban-den/nhap-excel/",
        "/van-ban-den/nhap-excel/mau.xlsx", "/van-ban-den/1/dinh-kem/1/"]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_anonymous_visitor_is_sent_to_sign_in_on_every_import_url(province, url, method):
    response = getattr(Client(), method)(url)
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/?next=")


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_outsider_is_refused_every_import_url_in_vietnamese(province, client_of, url, method):
    response = getattr(client_of(province.outsider), method)(url)
    assert response.status_code == 403
    reason = "Bạn không có quyền xem văn bản này." if "dinh-kem" in url else "Chỉ văn thư, thủ trưởng hoặc cấp phó"
    assert reason in response.content.decode()


def test_an_officer_who_is_not_clerk_or_leader_may_not_import(province, client_of):
    officer = client_of(province.construction_officer)
    for url in URLS[:4]:
        response = officer.get(url)
        assert response.status_code == 403, url
        assert "Chỉ văn thư, thủ trưởng hoặc cấp phó" in response.content.decode()


# --- edXML ---------------------------------------------------------------------------------------

def test_the_preview_shows_the_header_before_anything_is_registered(province, client_of):
    page = preview(client_of(province.construction_clerk), province)
    assert page.status_code == 200
    html = page.content.decode()
    for shown in ("Ủy ban nhân dân tỉnh Phú Yên", "123/UBND-KT", "02/03/2026", "Công văn", "16/03/2026",
                  "V/v rà soát, đề xuất tháo gỡ vướng mắc", "Thường", "Lê Tấn Hổ", "123-UBND-KT.pdf",
                  "Phu-luc-danh-muc-ho-so.pdf", "Tệp đính kèm (2)", "Kiểm tra bản tin trước khi vào sổ"):
        assert shown in html, shown
    assert IncomingDocument.objects.count() == 0


def test_confirming_registers_one_document_keeps_the_message_as_original_and_opens_the_item(province, client_of):
    clerk = client_of(province.construction_clerk)
    token = token_of(preview(clerk, province))
    response = confirm(clerk, province, token)
    item = WorkItem.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cong-viec/{item.pk}/"
    document = item.incoming
    assert (document.sender, document.notation, document.issued_on, document.doc_type) == (
        "Ủy ban nhân dân tỉnh Phú Yên", "123/UBND-KT", MORNING.date().replace(day=2), "Công văn")
    assert document.subject.startswith("V/v rà soát") and document.reply_due.isoformat() == "2026-03-16"
    assert document.priority == Priority.NORMAL and document.incoming_number == 1
    assert item.matter_type == province.building_permit and item.holder == province.construction_head
    with document.original.open("rb") as kept:
        assert kept.read() == (SAMPLES / "ubnd-tinh-giao-nhiem-vu.edxml").read_bytes()
    assert document.original.name.endswith(".edxml")
    assert "Đã vào sổ, số đến 1." in clerk.get(response["Location"]).content.decode()


def test_an_urgent_dispatch_is_registered_as_flash(province, client_of):
    clerk = client_of(province.construction_clerk)
    confirm(clerk, province, token_of(preview(clerk, province, "cong-dien-hoa-toc.edxml")))
    document = IncomingDocument.objects.get()
    assert document.priority == Priority.FLASH and document.doc_type == "Công điện" and document.reply_due is None


def test_the_clerk_may_reclassify_on_the_preview_before_confirming(province, client_of):
    clerk = client_of(province.construction_clerk)
    confirm(clerk, province, token_of(preview(clerk, province)), matter_type=province.delegated_matter.pk)
    assert WorkItem.objects.get().matter_type == province.delegated_matter


def test_a_confirmed_upload_cannot_be_registered_twice(province, client_of):
    clerk = client_of(province.construction_clerk)
    token = token_of(preview(clerk, province))
    confirm(clerk, province, token)
    again = confirm(clerk, province, token)
    assert again.status_code == 302 and again["Location"] == "/van-ban-den/nhap-edxml/"
    assert IncomingDocument.objects.count() == 1
    assert default_storage.listdir(PENDING_DIR)[1] == []


def test_an_upload_never_confirmed_is_dropped_after_a_day(province, client_of):
    clerk = client_of(province.construction_clerk)
    stale = token_of(preview(clerk, province))
    with clock.travel_to(MORNING + timedelta(days=2)):
        preview(clerk, province, "cong-dien-hoa-toc.edxml")
        assert len(default_storage.listdir(PENDING_DIR)[1]) == 1
        response = confirm(clerk, province, stale)
    assert response["Location"] == "/van-ban-den/nhap-edxml/" and IncomingDocument.objects.count() == 0
    assert "đã hết hạn chờ" in clerk.get(response["Location"]).content.decode()


def test_registering_the_same_message_again_is_flagged_on_the_preview(province, client_of):
    clerk = client_of(province.construction_clerk)
    confirm(clerk, province, token_of(preview(clerk, province)))
    html = preview(clerk, province).content.decode()
    assert "đã có trong sổ" in html and "số đến 1/2026" in html


def test_another_official_cannot_confirm_someone_elses_upload(province, client_of):
    token = token_of(preview(client_of(province.construction_clerk), province))
    response = confirm(client_of(province.construction_head), province, token)
    assert response.status_code == 302 and IncomingDocument.objects.count() == 0


def test_a_forged_token_registers_nothing(province, client_of):
    response = confirm(client_of(province.construction_clerk), province, "edxml-cho-xac-nhan/../../etc/passwd")
    assert response.status_code == 302 and IncomingDocument.objects.count() == 0


def test_a_clerk_cannot_register_into_another_units_register(province, client_of):
    clerk = client_of(province.construction_clerk)
    token = token_of(preview(clerk, province))
    refused = confirm(clerk, province, token, unit=province.finance.pk)
    assert refused.status_code == 200 and "is-invalid" in refused.content.decode()
    assert IncomingDocument.objects.count() == 0


@pytest.mark.parametrize(("name", "message"), [
    ("broken/missing-subject.edxml", "thiếu trích yếu văn bản"),
    ("broken/bad-base64.edxml", "không phải base64 hợp lệ"),
    ("broken/billion-laughs.edxml", "DOCTYPE"),
    ("broken/wrong-root.xml", "phần tử gốc là «VanBanDen»"),
])
def test_a_malformed_message_is_shown_in_vietnamese_and_nothing_is_registered(province, client_of, name, message):
    page = preview(client_of(province.construction_clerk), province, name=Path(name).name,
                   data=(SAMPLES / name).read_bytes())
    html = page.content.decode()
    assert page.status_code == 200 and message in html and "Không có gì được vào sổ." in html
    assert IncomingDocument.objects.count() == 0 and WorkItem.objects.count() == 0
    assert not default_storage.exists(PENDING_DIR) or default_storage.listdir(PENDING_DIR)[1] == []


def test_a_file_that_is_not_an_edxml_message_is_refused_by_its_name(province, client_of):
    page = preview(client_of(province.construction_clerk), province, name="cong-van.pdf", data=b"%PDF-1.4")
    assert "Hãy chọn bản tin edXML" in page.content.decode() and IncomingDocument.objects.count() == 0


def test_a_subject_longer_than_the_register_holds_is_refused_before_the_preview(province, client_of):
    data = (SAMPLES / "cong-dien-hoa-toc.edxml").read_text(encoding="utf-8").replace(
        "Về việc chủ động ứng phó", "Về việc " + "rất " * 130 + "chủ động ứng phó").encode()
    html = preview(client_of(province.construction_clerk), province, "cong-dien-hoa-toc.edxml", data).content.decode()
    assert "tối đa 500" in html and "MessageHeader/Subject" in html


def test_each_attachment_downloads_from_the_kept_message_for_the_unit_and_not_for_an_outsider(province, client_of):
    clerk = client_of(province.construction_clerk)
    confirm(clerk, province, token_of(preview(clerk, province)))
    document = IncomingDocument.objects.get()
    url = f"/van-ban-den/{document.pk}/dinh-kem/2/"
    response = client_of(province.construction_officer).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="Phu-luc-danh-muc-ho-so.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4\n% Phu luc danh muc ho so ton dong")
    assert client_of(province.outsider).get(url).status_code == 403
    assert client_of(province.finance_head).get(url).status_code == 403
    assert clerk.get(f"/van-ban-den/{document.pk}/dinh-kem/3/").status_code == 404


def test_the_pages_speak_english_after_switching(province, client_of):
    clerk = client_of(province.construction_clerk)
    clerk.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Import an edXML message" in clerk.get("/van-ban-den/nhap-edxml/").content.decode()
    assert "Import assigned tasks from Excel" in clerk.get("/van-ban-den/nhap-excel/").content.decode()
    html = preview(clerk, province, name="missing-subject.edxml",
                   data=(SAMPLES / "broken/missing-subject.edxml").read_bytes()).content.decode()
    assert "Invalid edXML message: the subject (Subject) is missing" in html


# --- Excel ---------------------------------------------------------------------------------------

def test_the_template_downloads_as_xlsx_with_the_registrys_matter_codes(province, client_of):
    response = client_of(province.construction_clerk).get("/van-ban-den/nhap-excel/mau.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "mau-nhap-cong-viec.xlsx" in response["Content-Disposition"]
    codes = load_workbook(io.BytesIO(response.content))["Danh mục loại việc"]
    assert {row[0].value for row in codes.iter_rows(min_row=2)} == {
        "cap-phep-xay-dung", "phe-duyet-quy-hoach", "dieu-chinh-gia-vat-lieu", "hoa-giai-dat-dai"}


def test_the_filled_template_uploads_and_registers_every_row(province, client_of):
    clerk = client_of(province.construction_clerk)
    rows = [PERMIT_ROW, ("Góp ý quy hoạch khu dân cư Hòa Vinh", "Sở Tài chính", "", "", "phe-duyet-quy-hoach", "", ""),
            ("Công bố giá vật liệu tháng 3", "UBND tỉnh", "30/UBND-KT", "01/03/2026", "dieu-chinh-gia-vat-lieu", "",
             "Hỏa tốc")]
    response = clerk.post("/van-ban-den/nhap-excel/", {
        "unit": province.construction.pk, "sheet": xlsx(*rows, base=template_of(clerk))})
    assert response.status_code == 302 and response["Location"] == "/van-ban-den/"
    documents = list(IncomingDocument.objects.order_by("incoming_number"))
    assert [d.incoming_number for d in documents] == [1, 2, 3]
    assert [d.subject for d in documents] == [row[0] for row in rows]
    assert [d.priority for d in documents] == [Priority.URGENT, Priority.NORMAL, Priority.FLASH]
    assert [d.items.get().matter_type.code for d in documents] == [row[4] for row in rows]
    assert "Đã vào sổ 3 văn bản, số đến từ 1 đến 3." in clerk.get("/van-ban-den/").content.decode()


def test_one_bad_row_shows_errors_per_row_and_registers_nothing(province, client_of):
    clerk = client_of(province.construction_clerk)
    bad = ("Kiểm tra công trình", "", "", "31/02/2026", "khong-co-ma-nay", "", "")
    page = clerk.post("/van-ban-den/nhap-excel/", {
        "unit": province.construction.pk, "sheet": xlsx(PERMIT_ROW, bad, PERMIT_ROW, base=template_of(clerk))})
    html = page.content.decode()
    assert page.status_code == 200 and "1 dòng có lỗi. Không có gì được vào sổ." in html
    assert html.count("<td>3</td>") == 3
    for message in ("Thiếu nơi gửi.", "Ngày «31/02/2026» không hợp lệ", "Mã loại việc «khong-co-ma-nay» không có"):
        assert message in html, message
    assert IncomingDocument.objects.count() == 0 and WorkItem.objects.count() == 0


def test_a_file_that_is_not_xlsx_is_refused_clearly(province, client_of):
    clerk = client_of(province.construction_clerk)
    by_name = clerk.post("/van-ban-den/nhap-excel/", {
        "unit": province.construction.pk, "sheet": SimpleUploadedFile("danh-sach.xls", b"\xd0\xcf\x11\xe0")})
    assert "Chỉ nhận tệp .xlsx" in by_name.content.decode()
    by_content = clerk.post("/van-ban-den/nhap-excel/", {
        "unit": province.construction.pk, "sheet": SimpleUploadedFile("danh-sach.xlsx", b"Trich yeu;Noi gui\n")})
    assert "không phải bảng tính Excel .xlsx" in by_content.content.decode()
    assert IncomingDocument.objects.count() == 0


def test_a_list_for_a_unit_whose_head_is_missing_is_refused_with_its_rule_and_row(province, client_of):
    """The registration itself refuses (no head to present to, clause 1.3): reported against the row."""
    from congvu.org.models import Position, Title
    from congvu.registry import snapshot

    clerk = client_of(province.construction_clerk)
    base = template_of(clerk)
    with snapshot.loading():  # an update sends no signal
        Position.objects.filter(unit=province.construction, title__in=(Title.HEAD, Title.DEPUTY)).update(
            valid_to=MORNING.date().replace(day=1))
    page = clerk.post("/van-ban-den/nhap-excel/", {
        "unit": province.construction.pk, "sheet": xlsx(PERMIT_ROW, PERMIT_ROW, base=base)})
    html = page.content.decode()
    assert "R-1.3-STEP-HOLDER" in html and "<td>2</td>" in html
    assert IncomingDocument.objects.count() == 0 and WorkItem.objects.count() == 0


def test_a_sheet_with_a_control_character_is_refused_on_the_page_not_with_a_server_error(province, client_of):
    from congvu.documents.tests.test_excel_import import rewritten

    clerk = client_of(province.construction_clerk)
    sheet = xlsx(PERMIT_ROW, ("Kiểm tra PLACEHOLDER",) + PERMIT_ROW[1:], base=template_of(clerk))
    data = rewritten(sheet.read(), "xl/worksheets/sheet1.xml", b"PLACEHOLDER", b"&#x1b;")
    page = clerk.post("/van-ban-den/nhap-excel/", {
        "unit": province.construction.pk, "sheet": SimpleUploadedFile("danh-sach-cong-viec.xlsx", data)})
    assert page.status_code == 200
    assert "Không đọc được tệp Excel từ dòng 3 trở đi" in page.content.decode()
    assert IncomingDocument.objects.count() == 0


def test_an_edxml_message_with_millions_of_elements_is_refused_on_the_page(province, client_of):
    message = (SAMPLES / "so-tai-chinh-khan.edxml").read_bytes().replace(
        b"</edXML:Content>", b"</edXML:Content>" + b"<x/>" * 1_000_000, 1)
    page = preview(client_of(province.construction_clerk), province, "ban-tin.edxml", message)
    assert page.status_code == 200 and "hơn 20.000 phần tử XML" in page.content.decode()
    assert IncomingDocument.objects.count() == 0
