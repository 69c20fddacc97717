"""No input reaches the database in a form it would choke on, and every answer is JSON: overflowing,
negative and garbage ids, dates that are not ISO or not real, control characters, over-long text,
broken or oversized or non-JSON bodies all get a 4xx with a JSON reason, never a 500 or an HTML page.
What the OpenAPI document declares is refused with 422; what only the registry, the calendar or the
clock can refuse, with 404 (a missing object) or 409."""

import json

import pytest
from django.test import Client

from congvu.api.actions import issue_token
from congvu.api.fields import MAX_ID
from congvu.api.tests.helpers import incoming_body
from congvu.testing import consulted_item, working_item

pytestmark = pytest.mark.django_db
TOO_BIG = 2**63
WAY_TOO_BIG = 10**40
ARABIC_TWELVE = "١٢"  # digits Python's int() reads, and the API must not


@pytest.mark.parametrize("path", [
    "/api/items/{id}", "/api/consultation-requests/{id}", "/api/units/{id}/officials",
])
@pytest.mark.parametrize(("given", "status"), [
    (TOO_BIG, 422), (WAY_TOO_BIG, 422), (-1, 422), (0, 422), ("abc", 422), ("1.5", 422), (ARABIC_TWELVE, 422),
    ("１２", 422), (MAX_ID, 404), (123456789, 404),
])
def test_an_overflowing_or_garbage_id_is_a_4xx_not_a_500(province, api_as, path, given, status):
    response = api_as(province.construction_head).get(path.format(id=given))
    assert response.status_code == status
    assert response.json()["code"] in ("INVALID-INPUT", "NOT-FOUND")


@pytest.mark.parametrize("name", ["holder", "unit", "matter_type", "limit", "offset"])
@pytest.mark.parametrize("given", [TOO_BIG, WAY_TOO_BIG, -1, ARABIC_TWELVE, "１２", "1e3", "abc"])
def test_an_overflowing_negative_or_non_ascii_id_in_a_query_is_422(province, api_as, name, given):
    response = api_as(province.construction_head).get("/api/items", **{name: given})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == f"query.{name}"


def test_an_overflowing_id_in_an_action_path_or_body_is_422(province, api_as):
    item, request = consulted_item(province)
    head = api_as(province.construction_head)
    assert head.post(f"/api/items/{TOO_BIG}/complete", {"result": "x"}).status_code == 422
    assert head.post(f"/api/items/{MAX_ID}/complete", {"result": "x"}).status_code == 404
    assert head.post(f"/api/items/{item.pk}/extend", {"new_due": "2026-04-30", "reason": "x",
                                                      "junk": TOO_BIG}).status_code == 200  # extra fields ignored
    refused = head.post("/api/incoming", incoming_body(province, matter_type=WAY_TOO_BIG))
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "body.matter_type"
    assert head.post("/api/incoming", incoming_body(province, unit=-4)).status_code == 422


@pytest.mark.parametrize("given", ["4", True, ARABIC_TWELVE, 4.5, [4]])
def test_an_id_in_a_body_is_a_json_integer_not_text_or_a_boolean(province, api_as, given):
    response = api_as(province.construction_clerk).post("/api/incoming", incoming_body(province, unit=given))
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "body.unit"


def test_an_integral_number_is_an_integer_as_json_schema_says(province, api_as):
    response = api_as(province.construction_clerk).post(
        "/api/incoming", incoming_body(province, unit=float(province.construction.pk)))
    assert response.status_code == 201


@pytest.mark.parametrize("given", ["30/02/2026", "2026-02-30", "32/01/2026", "tomorrow", "2026/03/05", "",
                                   "03-03-2026", 20260303, None, "0000-01-01", "01/01/0000",
                                   "30/04/2026",  # dd/mm/yyyy is for pages; the API speaks ISO 8601
                                   "20260430", "2026-W18-4", "2026-04-30T00:00:00", " 2026-04-30", "２０２６-04-30"])
def test_a_date_that_is_not_a_real_iso_date_is_422(province, api_as, given):
    item, _ = consulted_item(province)
    response = api_as(province.construction_head).post(f"/api/items/{item.pk}/extend",
                                                       {"new_due": given, "reason": "Chờ hồ sơ"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "INVALID-INPUT" and body["errors"][0]["field"] == "body.new_due"
    assert body["message_vi"].startswith("Dữ liệu gửi lên không hợp lệ")


@pytest.mark.parametrize("given", ["2099-01-01", "9999-12-31", "1900-01-01", "2035-12-20", "0001-01-01"])
def test_a_date_outside_the_working_calendar_is_409_not_a_500(province, api_as, given):
    item, _ = consulted_item(province)
    response = api_as(province.construction_head).post(f"/api/items/{item.pk}/extend",
                                                       {"new_due": given, "reason": "Chờ hồ sơ"})
    assert response.status_code == 409 and "lịch làm việc" in response.json()["message"]


@pytest.mark.parametrize(("changes", "field", "kind"), [
    ({"subject": "a\x00b"}, "body.subject", "text_control"),
    ({"subject": "Đề nghị\x0b cấp phép"}, "body.subject", "text_control"),
    ({"notation": "15/\x1b2026"}, "body.notation", "text_control"),
    ({"subject": "x" * 501}, "body.subject", "string_too_long"),
    ({"subject": ""}, "body.subject", "string_too_short"),
    ({"subject": " \t\n\u3000"}, "body.subject", "text_blank"),
    ({"sender": "\ud800"}, "body.sender", "string_unicode"),
    ({"priority": "very"}, "body.priority", "enum"),
    ({"unit": "Sở Xây dựng"}, "body.unit", "int_type"),
    ({"unit": None}, "body.unit", "int_type"),
    ({"issued_on": "hôm qua"}, "body.issued_on", "date_format"),
])
def test_bad_text_and_choices_are_422_naming_the_field(province, api_as, changes, field, kind):
    response = api_as(province.construction_clerk).post("/api/incoming", incoming_body(province, **changes))
    assert response.status_code == 422
    assert (field, kind) in [(e["field"], e["type"]) for e in response.json()["errors"]]


def test_tabs_and_line_breaks_are_ordinary_text(province, api_as):
    body = incoming_body(province, subject="Đề nghị\tcấp phép\r\nnhà xưởng", notation="")
    assert api_as(province.construction_clerk).post("/api/incoming", body).status_code == 201


def test_a_control_character_in_a_search_is_422_on_every_database(province, api_as):
    response = api_as(province.construction_clerk).get("/api/items", q="a\x00b")
    assert response.status_code == 422 and response.json()["errors"][0]["type"] == "text_control"


def test_heads_who_still_differ_must_record_each_sides_view(province, api_as):
    _, request = consulted_item(province)
    response = api_as(province.construction_head).post(
        f"/api/consultation-requests/{request.pk}/reconciliation",
        {"held_on": "2026-03-03", "attendees": "Hai giám đốc", "outcome": "still_differ", "lead_view": "Giữ nguyên"})
    assert response.status_code == 422 and response.json()["errors"][0]["type"] == "views_required"


@pytest.mark.parametrize("raw", ["{bad json", "[1, 2]", '"text"', "", "null", json.dumps({"unit": 1e400})])
def test_a_body_that_is_not_the_expected_json_object_is_a_4xx_with_a_json_reason(province, api_as, raw):
    client = api_as(province.construction_clerk)
    response = client.client.post("/api/incoming", raw, content_type="application/json", headers=client.headers)
    assert response.status_code in (400, 422)
    assert response.json()["message_en"]


def test_malformed_json_is_a_json_400(province, api_as):
    client = api_as(province.construction_clerk)
    response = client.client.post("/api/incoming", "{bad", content_type="application/json", headers=client.headers)
    assert response.status_code == 400 and response.json()["code"] == "BAD-REQUEST"


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml",
                                          "multipart/form-data", "multipart/form-data; boundary=x", "text/json"])
def test_a_body_that_is_not_json_is_a_json_415(province, api_as, content_type):
    client = api_as(province.construction_clerk)
    response = client.client.post("/api/incoming", json.dumps(incoming_body(province)), content_type=content_type,
                                  headers=client.headers)
    assert response.status_code == 415 and response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "UNSUPPORTED-MEDIA-TYPE"


def test_json_with_a_charset_is_json(province, api_as):
    client = api_as(province.construction_clerk)
    response = client.client.post("/api/incoming", json.dumps(incoming_body(province)),
                                  content_type="application/json; charset=utf-8", headers=client.headers)
    assert response.status_code == 201


def test_an_oversized_body_is_a_json_413_not_djangos_html_page(province, api_as, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = api_as(province.construction_clerk).post("/api/incoming", incoming_body(province, notation="x" * 20_000))
    assert response.status_code == 413 and response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "TOO-LARGE"


def test_a_method_an_address_does_not_take_is_a_json_405_with_allow(province, api_as):
    client = api_as(province.construction_clerk)
    response = client.client.delete("/api/items", headers=client.headers)
    assert response.status_code == 405 and response["Allow"] == "GET"
    assert response.json()["code"] == "METHOD-NOT-ALLOWED"


def test_a_bug_is_a_json_500_and_is_logged(province, monkeypatch, caplog):
    def broken():
        raise RuntimeError("a bug")

    monkeypatch.setattr("congvu.api.routers.reads.unit_figures", broken)
    token = issue_token(official=province.inspector, name="pytest")[1]
    response = Client(raise_request_exception=False).get("/api/figures", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 500 and response.json()["code"] == "SERVER-ERROR"
    assert "a bug" in caplog.text


def test_an_unknown_unit_or_official_in_a_body_is_404_naming_the_field(province, api_as):
    item, request = consulted_item(province)
    head = api_as(province.construction_head)
    wrong_unit = head.post(f"/api/items/{item.pk}/consultations", {"units": [987654], "question": "?"})
    assert wrong_unit.status_code == 404 and wrong_unit.json()["message"].startswith("units:")
    assert "#987654" in wrong_unit.json()["message"]
    wrong_person = api_as(province.finance_head).post(f"/api/consultation-requests/{request.pk}/assign",
                                                      {"holder": 987654})
    assert wrong_person.status_code == 404 and wrong_person.json()["code"] == "NOT-FOUND"
    assert head.post("/api/incoming", incoming_body(province, requester_unit=MAX_ID)).status_code == 404


def test_a_reply_period_outside_the_working_regulation_is_409(province, api_as):
    item = working_item(province)
    response = api_as(province.construction_head).post(f"/api/items/{item.pk}/consultations",
                                                       {"units": [province.transport.pk], "question": "?",
                                                        "reply_days": 30})
    assert response.status_code == 409 and "Quy chế làm việc" in response.json()["message"]


def test_an_unknown_address_under_api_is_a_json_404(province, api_as):
    response = api_as(province.construction_clerk).get("/api/khong-co")
    assert response.status_code == 404 and response.json()["code"] == "NOT-FOUND"


def test_english_field_messages_with_accept_language_en(province, api_as):
    response = api_as(province.construction_clerk, "en").post("/api/incoming", incoming_body(province, subject=""))
    body = response.json()
    assert body["message"] == body["message_en"] and "body.subject: may not be empty" in body["message"]
