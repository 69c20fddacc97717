"""`POST /api/incoming/edxml` (issue 14): one edXML message uploaded as multipart, in the OpenAPI
document; a new document is registered (201), a revocation or update acts on the registered one
(200), a status is attached to the notice; a bad or unknown message gets a 4xx naming where."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from congvu.documents import outbox
from congvu.documents.models import OutboxMessage
from congvu.testing import MORNING, deemed_and_signed
from congvu.work.models import IncomingDocument, State, WorkItem

pytestmark = pytest.mark.django_db
BUSINESS = Path(__file__).parents[2] / "documents" / "tests" / "samples" / "business"
BROKEN = BUSINESS.parent / "broken"
URL = "/api/incoming/edxml"


def upload(api, path: Path, **form):
    return api.client.post(URL, {"message": SimpleUploadedFile(path.name, path.read_bytes()), **form},
                           headers=api.headers)


def register(api, p, name="moi.edxml"):
    return upload(api, BUSINESS / name, unit=p.construction.pk, matter_type=p.building_permit.pk)


def test_a_new_document_is_registered_and_returned_with_its_item(province, api_as):
    response = register(api_as(province.construction_clerk), province)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["outcome"] == "registered" and body["document"]["notation"] == "45/STC-QLGCS"
    assert body["document"]["attachments"] == ["bang-tong-hop.pdf", "ghi-chu.txt"]
    assert body["item"]["state"] == "registered" and body["item"]["incoming"]["reply_due"] == "2026-03-20"


def test_the_gateways_wrapper_is_read_too(province, api_as):
    response = register(api_as(province.construction_clerk), province, "moi-dang-cong.edxml")
    assert response.status_code == 201 and response.json()["document"]["notation"] == "45/STC-QLGCS"


def test_a_revocation_and_an_update_act_on_the_registered_document(province, api_as):
    api = api_as(province.construction_clerk)
    register(api, province)
    updated = upload(api, BUSINESS / "cap-nhat.edxml")
    assert updated.status_code == 200 and updated.json()["outcome"] == "updated"
    assert updated.json()["item"]["incoming"]["reply_due"] == "2026-03-27"
    revoked = upload(api, BUSINESS / "thu-hoi.edxml")
    assert revoked.status_code == 200 and revoked.json()["document"]["revoked_on"] == "2026-03-03"
    assert revoked.json()["item"]["state"] == "revoked"
    assert WorkItem.objects.get().state == State.REVOKED and IncomingDocument.objects.count() == 1


def test_a_message_about_an_unknown_document_is_refused_with_where(province, api_as):
    response = upload(api_as(province.construction_clerk), BUSINESS / "thu-hoi-khong-co.edxml")
    assert 400 <= response.status_code < 500
    body = response.json()
    assert "99/STC-NS" in body["message"] and "edXMLHeader/MessageHeader/Code" in body["message"]


def test_a_malformed_message_is_refused_with_its_location(province, api_as):
    response = upload(api_as(province.construction_clerk), BROKEN / "missing-subject.edxml",
                      unit=province.construction.pk, matter_type=province.building_permit.pk)
    assert 400 <= response.status_code < 500 and "Subject" in response.json()["message"]
    assert IncomingDocument.objects.count() == 0


def test_a_new_document_without_unit_and_matter_type_is_refused(province, api_as):
    response = upload(api_as(province.construction_clerk), BUSINESS / "moi.edxml")
    assert 400 <= response.status_code < 500 and IncomingDocument.objects.count() == 0


def test_someone_who_may_not_register_there_is_refused_and_nothing_is_registered(province, api_as):
    response = register(api_as(province.finance_officer), province)
    assert response.status_code == 403 and IncomingDocument.objects.count() == 0


def test_a_status_message_is_attached_to_the_notice(province, consulted, api_as):
    deemed_and_signed(province, consulted.finance)
    response = upload(api_as(province.construction_clerk), BUSINESS / "trang-thai-03.edxml")
    assert response.status_code == 200, response.json()
    status = response.json()["status"]
    assert (status["notice"], status["status_code"], status["status"]) == ("02/TB-SXD", "03", "Đã tiếp nhận, vào sổ")
    assert MORNING  # the API tests stand at the province's morning; the notice was issued later that week


def test_the_endpoint_is_in_the_openapi_document_as_a_multipart_upload(province, api_as):
    schema = api_as(province.construction_clerk).get("/api/openapi.json").json()
    operation = schema["paths"]["/api/incoming/edxml"]["post"]
    assert "multipart/form-data" in operation["requestBody"]["content"]
    assert {"201", "200", "409"} <= set(operation["responses"])


def test_a_json_body_is_still_refused_elsewhere(province, api_as):
    api = api_as(province.construction_clerk)
    response = api.client.post("/api/incoming", {"x": SimpleUploadedFile("a.edxml", b"<a/>")}, headers=api.headers)
    assert response.status_code == 415


def test_an_official_who_registers_nowhere_is_refused_before_the_document_is_looked_up(province, api_as):
    response = upload(api_as(province.construction_officer), BUSINESS / "thu-hoi-khong-co.edxml")
    assert response.status_code == 403 and response.json()["code"] == "ACCESS-DENIED"


def test_an_update_after_the_revocation_is_refused_with_its_rule_and_answered_16(province, api_as):
    api = api_as(province.construction_clerk)
    register(api, province)
    upload(api, BUSINESS / "thu-hoi.edxml")
    refused = upload(api, BUSINESS / "cap-nhat.edxml")
    assert refused.status_code == 409, refused.json()
    assert refused.json()["code"] == "R-EDXML-UPDATE-CLOSED" and "thu hồi" in refused.json()["message"]
    assert "quý I và quý II" not in IncomingDocument.objects.get().subject  # nothing amended
    assert outbox.emit_statuses() == 4  # 01 received, 03 accepted, 13 revoked, 16 for the refused update
    assert list(OutboxMessage.objects.values_list("status_code", flat=True)) == ["01", "03", "13", "16"]
