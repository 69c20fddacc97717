"""No input reaches the database in a form it would choke on: overflowing and garbage ids, unreal
dates, NUL characters, over-long text and broken JSON all get a 4xx with a JSON reason, never a 500."""

import json

import pytest

from congvu.api.fields import MAX_ID
from congvu.api.tests.helpers import consulted_item, incoming_body

pytestmark = pytest.mark.django_db
TOO_BIG = 2**63
WAY_TOO_BIG = 10**40


@pytest.mark.parametrize("path", [
    "/api/items/{id}", "/api/consultation-requests/{id}", "/api/units/{id}/officials",
])
@pytest.mark.parametrize(("given", "status"), [
    (TOO_BIG, 422), (WAY_TOO_BIG, 422), (-1, 422), (0, 422), ("abc", 422), ("1.5", 422), ("١٢", 422),
    (MAX_ID, 404), (123456789, 404),
])
def test_an_overflowing_or_garbage_id_is_a_4xx_not_a_500(province, api_as, path, given, status):
    response = api_as(province.construction_head).get(path.format(id=given))
    assert response.status_code == status
    assert response.json()["code"] in ("INVALID-INPUT", "NOT-FOUND")


def test_an_overflowing_id_in_an_action_path_or_body_is_422(province, api_as):
    item, request = consulted_item(province)
    head = api_as(province.construction_head)
    assert head.post(f"/api/items/{TOO_BIG}/complete", {"result": "x"}).status_code == 422
    assert head.post(f"/api/items/{MAX_ID}/complete", {"result": "x"}).status_code == 404
    assert head.post(f"/api/items/{item.pk}/extend", {"new_due": "2026-04-30", "reason": "x",
                                                      "junk": TOO_BIG}).status_code == 200  # extra fields ignored
    refused = head.post("/api/incoming", incoming_body(province, matter_type=WAY_TOO_BIG))
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "body.matter_type"
    assert head.post("/api/incoming", incoming_body(province, requester_unit=MAX_ID)).status_code == 422
    assert head.get("/api/items", holder=TOO_BIG).status_code == 422
    assert head.get("/api/items", offset=10**7).status_code == 422


@pytest.mark.parametrize("given", ["30/02/2026", "2026-02-30", "32/01/2026", "tomorrow", "2026/03/05", "",
                                   "03-03-2026", 20260303, None, "01/01/0000"])
def test_a_date_that_is_not_a_real_dd_mm_yyyy_or_iso_date_is_422(province, api_as, given):
    item, _ = consulted_item(province)
    response = api_as(province.construction_head).post(f"/api/items/{item.pk}/extend",
                                                       {"new_due": given, "reason": "Chờ hồ sơ"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "INVALID-INPUT" and body["errors"][0]["field"] == "body.new_due"
    assert body["message_vi"].startswith("Dữ liệu gửi lên không hợp lệ")


@pytest.mark.parametrize("given", ["01/01/2099", "9999-12-31", "01/01/1900", "2035-12-20"])
def test_a_date_outside_the_working_calendar_is_422_not_a_500(province, api_as, given):
    item, _ = consulted_item(province)
    response = api_as(province.construction_head).post(f"/api/items/{item.pk}/extend",
                                                       {"new_due": given, "reason": "Chờ hồ sơ"})
    assert response.status_code == 422 and "lịch làm việc" in response.json()["message"]


@pytest.mark.parametrize(("changes", "field"), [
    ({"subject": "a\x00b"}, "body.subject"),
    ({"subject": "x" * 501}, "body.subject"),
    ({"subject": ""}, "body.subject"),
    ({"sender": "\ud800"}, "body.sender"),
    ({"priority": "very"}, "body.priority"),
    ({"unit": "Sở Xây dựng"}, "body.unit"),
    ({"unit": None}, "body.unit"),
    ({"issued_on": "hôm qua"}, "body.issued_on"),
])
def test_bad_text_and_choices_are_422_naming_the_field(province, api_as, changes, field):
    response = api_as(province.construction_clerk).post("/api/incoming", incoming_body(province, **changes))
    assert response.status_code == 422
    assert field in [e["field"] for e in response.json()["errors"]]


def test_nul_in_a_search_is_422_on_every_database(province, api_as):
    response = api_as(province.construction_clerk).get("/api/items", q="a\x00b")
    assert response.status_code == 422 and response.json()["errors"][0]["type"] == "text_nul"


@pytest.mark.parametrize("raw", ["{bad json", "[1, 2]", '"text"', "", "null", json.dumps({"unit": 1e400})])
def test_a_body_that_is_not_the_expected_json_object_is_a_4xx_with_a_json_reason(province, api_as, raw):
    client = api_as(province.construction_clerk)
    response = client.client.post("/api/incoming", raw, content_type="application/json", headers=client.headers)
    assert response.status_code in (400, 422)
    assert response.json()["message_en"]


def test_an_unknown_unit_or_official_in_a_body_is_422(province, api_as):
    item, request = consulted_item(province)
    head = api_as(province.construction_head)
    wrong_unit = head.post(f"/api/items/{item.pk}/consultations", {"units": [987654], "question": "?"})
    assert wrong_unit.status_code == 422 and "#987654" in wrong_unit.json()["message"]
    wrong_person = api_as(province.finance_head).post(f"/api/consultation-requests/{request.pk}/assign",
                                                      {"holder": 987654})
    assert wrong_person.status_code == 422


def test_an_unknown_address_under_api_is_a_json_404(province, api_as):
    response = api_as(province.construction_clerk).get("/api/khong-co")
    assert response.status_code == 404 and response.json()["code"] == "NOT-FOUND"


def test_english_field_messages_with_accept_language_en(province, api_as):
    response = api_as(province.construction_clerk, "en").post("/api/incoming", incoming_body(province, subject=""))
    body = response.json()
    assert body["message"] == body["message_en"] and "body.subject: may not be empty" in body["message"]
