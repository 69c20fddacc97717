"""The edXML outbox through the API: a unit's registrars see its statuses and fetch them as XML."""

import pytest

from congvu.documents import outbox
from congvu.documents.tests.test_outbox import SENT, from_the_axis


@pytest.fixture
def sent(province, settings, tmp_path):
    settings.EDXML_OUTBOX = str(tmp_path / "outbox")
    item = from_the_axis(province)
    outbox.emit_statuses()
    return item


def test_the_clerk_lists_the_units_statuses_and_reads_one_as_xml(province, api_as, sent):
    clerk = api_as(province.construction_clerk)
    listed = clerk.get("/api/outbox").json()
    assert [(m["status_code"], m["status_label"], m["to_organ_id"]) for m in listed] == [
        ("01", "Đã đến", SENT.sender_id), ("03", "Đã tiếp nhận", SENT.sender_id)]
    assert clerk.get("/api/outbox", after_id=listed[0]["id"]).json() == listed[1:]
    answer = clerk.get(f"/api/outbox/{listed[1]['id']}")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/xml"
    assert b"<edXML:StatusCode>03</edXML:StatusCode>" in b"".join(answer.streaming_content).replace(b"ns0:", b"edXML:")


def test_another_units_clerk_sees_nothing_of_it(province, api_as, sent):
    other = api_as(province.finance_head)
    assert other.get("/api/outbox").json() == []
    first = sent.incoming.statuses_sent.first()
    assert other.get(f"/api/outbox/{first.pk}").status_code == 404
