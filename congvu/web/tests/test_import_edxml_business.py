"""The edXML import page for what issue 14 adds, through HTTP as a clerk uses it: the file is read
first and the matter type chosen on the preview (a missing choice keeps the file); the preview says
what a revocation, update, replacement or status does and to which document, and refuses one about a
document never registered; the item page shows the revocation, the stored attachments and the signature;
the consultation panel shows the statuses received for a notice."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from congvu.consult import sweep as consult_sweep
from congvu.documents.models import StoredAttachment
from congvu.lib import clock
from congvu.work.models import IncomingDocument, State, WorkItem

pytestmark = pytest.mark.django_db
BUSINESS = Path(__file__).parents[2] / "documents" / "tests" / "samples" / "business"
UPLOAD, CONFIRM = "/van-ban-den/nhap-edxml/", "/van-ban-den/nhap-edxml/xac-nhan/"


def preview(client, name: str):
    return client.post(UPLOAD, {"message": SimpleUploadedFile(name, (BUSINESS / name).read_bytes())})


def token_of(page) -> str:
    return page.context["form"]["token"].value()


def register(client, p, name="moi.edxml"):
    return client.post(CONFIRM, {"token": token_of(preview(client, name)), "unit": p.construction.pk,
                                 "matter_type": p.building_permit.pk})


def test_the_upload_asks_only_for_the_file_and_the_preview_for_the_matter_type(province, client_of):
    clerk = client_of(province.construction_clerk)
    upload_page = clerk.get(UPLOAD).content.decode()
    assert 'name="message"' in upload_page and 'name="matter_type"' not in upload_page
    page = preview(clerk, "moi.edxml")
    assert page.status_code == 200 and 'name="matter_type"' in page.content.decode()


def test_a_missing_matter_type_keeps_the_file_and_the_same_upload_then_registers(province, client_of):
    clerk = client_of(province.construction_clerk)
    token = token_of(preview(clerk, "moi.edxml"))
    again = clerk.post(CONFIRM, {"token": token, "unit": province.construction.pk})
    html = again.content.decode()
    assert again.status_code == 200 and "is-invalid" in html and "moi.edxml" in html
    assert token_of(again) == token and IncomingDocument.objects.count() == 0
    done = clerk.post(CONFIRM, {"token": token, "unit": province.construction.pk,
                                "matter_type": province.building_permit.pk})
    assert done.status_code == 302 and IncomingDocument.objects.get().notation == "45/STC-QLGCS"


def test_a_registered_documents_attachments_are_stored_files_listed_and_downloadable(province, client_of):
    clerk = client_of(province.construction_clerk)
    item_url = register(clerk, province)["Location"]
    document = IncomingDocument.objects.get()
    assert StoredAttachment.objects.filter(document=document).count() == 2
    html = clerk.get(item_url).content.decode()
    assert "bang-tong-hop.pdf" in html and f"/van-ban-den/{document.pk}/dinh-kem/2/" in html
    assert "Không có chữ ký số" in html
    response = client_of(province.construction_officer).get(f"/van-ban-den/{document.pk}/dinh-kem/2/")
    assert response.status_code == 200 and response["Content-Type"] == "application/octet-stream"
    assert b"".join(response.streaming_content) == "Ghi chú: số liệu quý I.\n".encode()
    assert client_of(province.outsider).get(f"/van-ban-den/{document.pk}/dinh-kem/1/").status_code == 403


def test_a_revocation_is_previewed_naming_the_document_then_stops_its_item(province, client_of):
    clerk = client_of(province.construction_clerk)
    item_url = register(clerk, province)["Location"]
    page = preview(clerk, "thu-hoi.edxml")
    html = page.content.decode()
    assert 'data-kind="revocation"' in html and "văn bản đến số 1/2026" in html and "ban hành nhầm" in html
    assert 'name="matter_type"' not in html
    done = clerk.post(CONFIRM, {"token": token_of(page)})
    assert done.status_code == 302 and done["Location"] == item_url
    assert WorkItem.objects.get().state == State.REVOKED
    shown = clerk.get(item_url).content.decode()
    assert "Nơi gửi thu hồi ngày 03/03/2026" in shown and "ban hành nhầm" in shown


def test_an_update_changes_the_fields_and_the_item_page_shows_the_new_due_date(province, client_of):
    clerk = client_of(province.construction_clerk)
    register(clerk, province)
    page = preview(clerk, "cap-nhat.edxml")
    assert 'data-kind="update"' in page.content.decode()
    clerk.post(CONFIRM, {"token": token_of(page)})
    document = IncomingDocument.objects.get()
    assert document.reply_due.isoformat() == "2026-03-27" and "quý II" in document.subject


def test_a_replacement_is_registered_and_both_item_pages_link_the_documents(province, client_of):
    clerk = client_of(province.construction_clerk)
    old_url = register(clerk, province)["Location"]
    page = preview(clerk, "thay-the.edxml")
    assert 'data-kind="replacement"' in page.content.decode()
    new_url = clerk.post(CONFIRM, {"token": token_of(page), "unit": province.construction.pk,
                                   "matter_type": province.building_permit.pk})["Location"]
    assert "Thay thế văn bản đến số 1/2026" in clerk.get(new_url).content.decode()
    assert "Được thay thế bằng văn bản đến số 2/2026" in clerk.get(old_url).content.decode()


def test_a_message_about_a_document_never_registered_is_refused_on_the_preview(province, client_of):
    page = preview(client_of(province.construction_clerk), "thu-hoi-khong-co.edxml")
    html = page.content.decode()
    assert "cv-edxml-unknown" in html and "99/STC-NS" in html and "edXMLHeader/MessageHeader/Code" in html
    assert f'action="{CONFIRM}"' not in html


def test_a_status_message_is_shown_on_the_item_page_beside_its_notice(province, consulted, client_of):
    with clock.travel_to(consulted.finance.due_at + timedelta(minutes=1)):
        consult_sweep.deem_overdue()
    clerk = client_of(province.construction_clerk)
    page = preview(clerk, "trang-thai-03.edxml")
    assert 'data-kind="status"' in page.content.decode() and "01/TB-SXD" in page.content.decode()
    done = clerk.post(CONFIRM, {"token": token_of(page)})
    assert done["Location"] == f"/cong-viec/{consulted.item.pk}/"
    html = client_of(province.construction_officer).get(done["Location"]).content.decode()
    assert 'data-status="03"' in html and "Đã tiếp nhận, vào sổ — Sở Tài chính tỉnh Phú Yên" in html


def test_the_preview_shows_the_signatures_verdict_against_the_trust_store(province, client_of, settings, tmp_path):
    from congvu.documents.tests import signing

    ca = signing.authority()
    settings.CONGVU_EDXML_TRUST_STORE = str(signing.trust_store(tmp_path / "trust", ca))
    signed = signing.sign((BUSINESS / "moi.edxml").read_bytes(), signing.signer(ca))
    clerk = client_of(province.construction_clerk)
    page = clerk.post(UPLOAD, {"message": SimpleUploadedFile("ky-so.edxml", signed)})
    html = page.content.decode()
    assert "cv-signature-valid" in html and "Chữ ký số hợp lệ" in html and "Sở Tài chính tỉnh Phú Yên" in html
    altered = signed.replace("quý I/2026".encode(), "quý IV/2026".encode())
    html = clerk.post(UPLOAD, {"message": SimpleUploadedFile("sua.edxml", altered)}).content.decode()
    assert "cv-signature-invalid" in html and "Chữ ký số không hợp lệ" in html
