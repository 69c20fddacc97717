"""The demo shows what the national document axis brought (issue 14): a revoked document whose item
stopped, an updated one with its old values in the trail, a replacement linked to what it replaced,
and statuses received for deemed-agreement notices."""

import pytest

from congvu.documents.models import EdxmlReceipt, ReceivedStatus, StoredAttachment
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
