"""The demo shows what the national document axis brought (issue 14): a revoked document whose item
stopped, an updated one with its old values in the trail, a replacement linked to what it replaced,
statuses received for deemed-agreement notices, and what congvu sent back: statuses 13/15/16 and a
signed notice as edXML with its PDF."""

import io
import shutil

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from congvu.documents import edxml, outbox
from congvu.documents.models import EdxmlReceipt, OutboxKind, OutboxMessage, ReceivedStatus, StoredAttachment
from congvu.lib import clock
from congvu.ops.demo import build_demo
from congvu.testing import MORNING
from congvu.work.models import Event, IncomingDocument, State, WorkItem
from congvu.work.trail import verify


@pytest.fixture
def demo(db):
    with clock.travel_to(MORNING):
        return build_demo(items=40)


def test_the_demo_has_a_revoked_an_updated_and_a_replaced_document_and_received_statuses(demo):
    revoked = IncomingDocument.objects.get(notation="118/STC-QLGCS")
    assert revoked.revoked_on == MORNING.date() and "ban hành nhầm" in revoked.revocation_reason
    assert WorkItem.objects.get(incoming=revoked).state == State.REVOKED
    updated = WorkItem.objects.get(incoming__notation="121/STC-QLGCS")
    change = Event.objects.get(item=updated, kind="amend").data["changes"]["subject"]
    assert change == ["V/v góp ý phương án bố trí vốn sửa chữa trụ sở",
                      "V/v góp ý phương án bố trí vốn sửa chữa, cải tạo trụ sở"]
    replacement = EdxmlReceipt.objects.get(document__notation="129/STC-QLGCS")
    assert replacement.replaces.notation == "125/STC-QLGCS"
    assert StoredAttachment.objects.filter(document=revoked).exists()
    assert set(ReceivedStatus.objects.values_list("status_code", flat=True)) == {"01", "03"}
    assert verify() == []


def test_the_demo_outbox_answers_revocation_and_updates_and_carries_a_signed_notice(demo):
    sent = set(OutboxMessage.objects.filter(kind=OutboxKind.STATUS).values_list("status_code", flat=True))
    assert {"01", "03", "13", "15", "16"} <= sent
    rejected = OutboxMessage.objects.get(status_code="16")
    assert rejected.document.notation == "118/STC-QLGCS"  # the update came after the revocation
    assert Event.objects.filter(item__incoming=rejected.document, rule_code="R-EDXML-UPDATE-CLOSED").exists()
    if not shutil.which("soffice"):
        pytest.skip("the signed notice needs LibreOffice")
    [notice] = OutboxMessage.objects.filter(kind=OutboxKind.DOCUMENT, source_model="consult.notice")
    message = edxml.parse((outbox.folder() / notice.file_name).read_bytes())
    assert message.notation == notice.notation and message.attachments[0].content_type == "application/pdf"
    assert PdfFileReader(io.BytesIO(message.attachments[0].data)).embedded_signatures  # signed
    assert ReceivedStatus.objects.filter(sent=notice).exists()  # its recipient's answers attach to the sending
