"""Receiving edXML messages of each business type and status messages (issue 14): a revocation stops
the registered document's item, an update amends its fields with the old values in the trail, a
replacement registers the new document linked to the old one, a status is attached to congvu's notice.
The messages are the fixtures in samples/business/ (written by make_business_samples.py)."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from congvu.consult import sweep as consult_sweep
from congvu.consult.models import Notice
from congvu.documents.edxml_receive import UnknownDocument, receive_document, receive_status
from congvu.documents.edxml_status import StatusMessage, read
from congvu.documents.models import EdxmlReceipt, ReceivedStatus, SignatureVerdict, StoredAttachment
from congvu.lib import clock
from congvu.lib.refusals import AccessDenied
from congvu.work import trail
from congvu.work.models import Event, IncomingDocument, State, WorkItem

pytestmark = pytest.mark.django_db
BUSINESS = Path(__file__).parent / "samples" / "business"


def data(name: str) -> bytes:
    return (BUSINESS / name).read_bytes()


def receive(p, name: str, actor=None):
    raw = data(name)
    return receive_document(actor=actor or p.construction_clerk, message=read(raw), original=ContentFile(raw),
                            original_name=name, unit=p.construction, matter_type=p.building_permit)


def test_a_new_document_is_registered_with_its_attachments_stored_as_files(province, at_morning):
    received = receive(province, "moi.edxml")
    assert received.outcome == "registered" and received.item.state == State.REGISTERED
    document = received.document
    assert (document.notation, document.reply_due) == ("45/STC-QLGCS", date(2026, 3, 20))
    receipt = EdxmlReceipt.objects.get(document=document)
    assert receipt.edxml_id == "000.00.07.H48,2026/02/27,45/STC-QLGCS"
    assert receipt.signature == SignatureVerdict.ABSENT
    stored = list(StoredAttachment.objects.filter(document=document))
    assert [(a.name, a.content_type, a.size) for a in stored] == [
        ("bang-tong-hop.pdf", "application/pdf", len(data_of(stored[0]))), ("ghi-chu.txt", "text/plain", 30)]
    assert data_of(stored[0]).startswith(b"%PDF-1.4") and stored[0].description == "Bảng tổng hợp dự toán"


def data_of(stored: StoredAttachment) -> bytes:
    with stored.file.open("rb") as handle:
        return handle.read()


def test_the_gateways_wrapper_is_registered_the_same_way(province, at_morning):
    received = receive(province, "moi-dang-cong.edxml")
    assert received.document.notation == "45/STC-QLGCS" and received.document.attachments.count() == 2


def test_a_revocation_stops_the_item_keeps_everything_and_records_the_reason(province, at_morning):
    first = receive(province, "moi.edxml")
    received = receive(province, "thu-hoi.edxml")
    assert received.outcome == "revoked" and received.document == first.document
    document = IncomingDocument.objects.get(pk=first.document.pk)
    assert document.revoked_on == date(2026, 3, 3) and "ban hành nhầm" in document.revocation_reason
    item = WorkItem.objects.get(pk=first.item.pk)
    assert item.state == State.REVOKED and not item.is_open
    event = Event.objects.get(item=item, kind="revoke")
    assert event.data["reason"].startswith("Văn bản ban hành nhầm") and event.data["state_before"] == "registered"
    assert IncomingDocument.objects.count() == 1 and document.attachments.count() == 2  # nothing deleted, none added
    assert trail.verify() == []


def test_an_update_amends_the_registered_fields_and_keeps_the_old_values_in_the_trail(province, at_morning):
    first = receive(province, "moi.edxml")
    received = receive(province, "cap-nhat.edxml")
    assert received.outcome == "updated"
    document = IncomingDocument.objects.get(pk=first.document.pk)
    assert document.reply_due == date(2026, 3, 27) and "quý I và quý II" in document.subject
    item = WorkItem.objects.get(pk=first.item.pk)
    assert item.title == document.subject and item.state == State.REGISTERED
    changes = Event.objects.get(item=item, kind="amend").data["changes"]
    assert changes["reply_due"] == ["2026-03-20", "2026-03-27"]
    assert changes["subject"][0].endswith("quý I/2026") and set(changes) == {"subject", "reply_due"}
    assert IncomingDocument.objects.count() == 1


def test_a_replacement_registers_the_new_document_linked_to_the_one_it_replaces(province, at_morning):
    first = receive(province, "moi.edxml")
    received = receive(province, "thay-the.edxml")
    assert received.outcome == "replaced" and received.document.notation == "52/STC-QLGCS"
    assert EdxmlReceipt.objects.get(document=received.document).replaces == first.document
    assert list(first.document.replaced_by.values_list("document", flat=True)) == [received.document.pk]
    event = Event.objects.get(item=first.item, kind="replaced")
    assert event.data["replaced_by"] == f"{received.document.incoming_number}/2026"
    assert trail.verify() == []


@pytest.mark.parametrize("name", ["thu-hoi.edxml", "cap-nhat.edxml", "thay-the.edxml", "thu-hoi-khong-co.edxml"])
def test_a_message_about_a_document_never_registered_is_refused_naming_it_and_where(province, at_morning, name):
    with pytest.raises(UnknownDocument) as refused:
        receive(province, name)
    assert "/STC-" in refused.value.message_vi and "edXMLHeader/" in refused.value.message_vi
    assert IncomingDocument.objects.count() == 0


def test_a_revocation_from_someone_outside_the_register_is_refused_as_unknown(province, at_morning):
    receive(province, "moi.edxml")
    with pytest.raises((UnknownDocument, AccessDenied)):
        receive(province, "thu-hoi.edxml", actor=province.finance_officer)
    assert WorkItem.objects.get().state == State.REGISTERED


def notice_issued(consulted) -> Notice:
    with clock.travel_to(consulted.finance.due_at + timedelta(minutes=1)):
        consult_sweep.deem_overdue()
    return Notice.objects.get(request=consulted.finance)


@pytest.mark.parametrize("code", ["01", "03", "06"])
def test_a_status_message_is_attached_to_the_notice_it_answers(province, consulted, code):
    notice = notice_issued(consulted)
    raw = data(f"trang-thai-{code}.edxml")
    status = read(raw)
    assert isinstance(status, StatusMessage) and status.response_for.code == "01/TB-SXD"
    received = receive_status(actor=province.construction_clerk, status=status, original=ContentFile(raw))
    assert received.status.notice == notice and received.status.status_code == code
    assert ReceivedStatus.objects.get().sender_name == "Sở Tài chính tỉnh Phú Yên"


def test_a_status_about_a_notice_congvu_never_issued_is_refused(province, consulted):
    raw = data("trang-thai-01.edxml")
    with pytest.raises(UnknownDocument) as refused:
        receive_status(actor=province.construction_clerk, status=read(raw), original=ContentFile(raw))
    assert "01/TB-SXD" in refused.value.message_vi and "ResponseFor/Code" in refused.value.message_vi
