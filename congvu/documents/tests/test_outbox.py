"""Statuses go back over the axis for documents that came over it (issue 14, edXML sending)."""

from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring
from django.core.files.base import ContentFile

from congvu.documents import edxml, outbox
from congvu.documents.edxml import NS
from congvu.documents.edxml_receive import receive_document
from congvu.documents.edxml_status import read as status_read
from congvu.documents.models import OutboxMessage
from congvu.lib.isolation import RowsFailed
from congvu.lib.refusals import RuleViolation
from congvu.ops import sweep
from congvu.work import actions
from congvu.work.models import IncomingDocument
from congvu.work.rules import ReturnGrounds

SAMPLES = Path(__file__).parent / "samples"
MESSAGE = (SAMPLES / "so-tai-chinh-khan.edxml").read_bytes()
SENT = edxml.parse(MESSAGE)


@pytest.fixture
def outbox_folder(settings, tmp_path):
    settings.EDXML_OUTBOX = str(tmp_path / "outbox")
    return tmp_path / "outbox"


def from_the_axis(p, unit=None, clerk=None, name="so-tai-chinh.edxml"):
    return actions.register_incoming(
        actor=clerk or p.construction_clerk, unit=unit or p.construction, matter_type=p.planning_approval,
        sender=SENT.sender_name, subject=SENT.subject, notation=SENT.notation, issued_on=SENT.promulgated_on,
        original=ContentFile(MESSAGE), original_name=name)


def read(folder: Path, name: str) -> dict[str, str]:
    """The elements the standard requires of a Status, by local name (namespace checked)."""
    root = fromstring((folder / name).read_bytes())
    assert root.tag == f"{{{NS}}}edXMLEnvelope"
    status = root.find(f"{{{NS}}}edXMLHeader/{{{NS}}}Status")
    fields = {}
    for path in ("ResponseFor/OrganId", "ResponseFor/Code", "ResponseFor/PromulgationDate", "ResponseFor/DocumentId",
                 "From/OrganId", "From/OrganName", "StatusCode", "Description", "Timestamp", "StaffInfo/Staff"):
        element = status.find("/".join(f"{{{NS}}}{part}" for part in path.split("/")))
        assert element is not None, path
        fields[path] = element.text or ""
    return fields


def codes(document) -> list[str]:
    return list(OutboxMessage.objects.filter(document=document).values_list("status_code", flat=True))


def test_each_step_of_an_axis_document_goes_back_to_its_sender_once(province, outbox_folder):
    p = province
    item = from_the_axis(p)
    actions.direct(item, actor=p.construction_head, lead_unit=p.construction)
    actions.assign(item, actor=p.construction_head, holder=p.construction_officer)
    assert outbox.emit_statuses() == 4
    actions.complete(item, actor=p.construction_officer, result="Đã phê duyệt")
    assert outbox.emit_statuses() == 1
    assert outbox.emit_statuses() == 0  # a second round (or a second server) writes nothing again
    assert codes(item.incoming) == ["01", "03", "04", "05", "06"]
    finished = read(outbox_folder, OutboxMessage.objects.get(status_code="06").file_name)
    assert finished["ResponseFor/OrganId"] == SENT.sender_id
    assert finished["ResponseFor/Code"] == SENT.notation
    assert finished["ResponseFor/PromulgationDate"] == f"{SENT.promulgated_on:%Y/%m/%d}"
    assert finished["From/OrganId"] == p.construction.code and finished["From/OrganName"] == p.construction.name
    assert finished["StatusCode"] == "06" and finished["Description"] == "Hoàn thành"
    assert finished["StaffInfo/Staff"] == p.construction_officer.full_name
    assert not list(outbox_folder.glob("*.part"))  # written whole, then renamed


def test_a_return_is_a_rejection_and_hand_registered_documents_send_nothing(province, outbox_folder):
    p = province
    item = from_the_axis(p, unit=p.finance, clerk=p.finance_head)
    actions.return_document(item, actor=p.finance_head, grounds=ReturnGrounds.NOT_OURS, named_unit=p.construction)
    by_hand = actions.register_incoming(actor=p.construction_clerk, unit=p.construction,
                                        matter_type=p.planning_approval, sender="Công ty A", subject="Đơn đề nghị")
    assert outbox.emit_statuses() == 3
    assert codes(item.incoming) == ["01", "03", "02"]
    assert codes(by_hand.incoming) == []


def test_a_document_whose_original_cannot_be_read_does_not_stop_the_others(province, outbox_folder):
    p = province
    broken = from_the_axis(p)
    broken.incoming.original.storage.delete(broken.incoming.original.name)
    sound = from_the_axis(p, unit=p.finance, clerk=p.finance_head, name="another.edxml")
    with pytest.raises(RowsFailed):
        outbox.emit_statuses()
    assert codes(sound.incoming) == ["01", "03"] and codes(broken.incoming) == []
    assert sorted(f.name for f in outbox_folder.iterdir()) == sorted(
        OutboxMessage.objects.values_list("file_name", flat=True))


def test_the_every_minute_sweep_writes_the_statuses(province, outbox_folder):
    from_the_axis(province)
    lines = [report.line for report in sweep.run_all()]
    assert "trạng thái edXML gửi trục: 2" in lines


BUSINESS = SAMPLES / "business"


def receive(p, name: str):
    raw = (BUSINESS / name).read_bytes()
    return receive_document(actor=p.construction_clerk, message=status_read(raw), original=ContentFile(raw),
                            original_name=name, unit=p.construction, matter_type=p.building_permit)


def test_a_revocation_is_answered_13_and_an_update_15(province, outbox_folder, at_morning):
    first = receive(province, "moi.edxml")
    receive(province, "cap-nhat.edxml")
    receive(province, "thu-hoi.edxml")
    assert outbox.emit_statuses() == 4
    assert codes(first.document) == ["01", "03", "15", "13"]
    revoked = read(outbox_folder, OutboxMessage.objects.get(status_code="13").file_name)
    assert revoked["Description"] == "Đã thu hồi" and revoked["ResponseFor/Code"] == "45/STC-QLGCS"
    assert read(outbox_folder, OutboxMessage.objects.get(status_code="15").file_name)["StatusCode"] == "15"


def test_an_update_of_finished_work_is_refused_in_the_trail_and_answered_16_with_the_reason(province, outbox_folder,
                                                                                           at_morning):
    p = province
    item = receive(p, "moi.edxml").item
    actions.direct(item, actor=p.construction_head, lead_unit=p.construction)
    actions.assign(item, actor=p.construction_head, holder=p.construction_officer)
    actions.complete(item, actor=p.construction_officer, result="Đã cấp phép")
    with pytest.raises(RuleViolation) as refused:
        receive(p, "cap-nhat.edxml")
    assert refused.value.code == "R-EDXML-UPDATE-CLOSED" and "công việc đã hoàn thành" in refused.value.message_vi
    assert IncomingDocument.objects.get().subject.endswith("quý I/2026")  # nothing amended
    outbox.emit_statuses()
    assert codes(item.incoming)[-1] == "16"
    rejected = read(outbox_folder, OutboxMessage.objects.get(status_code="16").file_name)
    assert rejected["Description"].startswith("Từ chối cập nhật: Không cập nhật văn bản 45/STC-QLGCS")
    assert "công việc đã hoàn thành" in rejected["Description"]
