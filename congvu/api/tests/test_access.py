"""Every endpoint refuses the anonymous caller (401) and the outsider — signed in, but serving in no
unit — (403), whatever ids they name; tokens are stored hashed and stop working once revoked."""

import pytest
from django.test import Client
from django.utils.crypto import get_random_string

from congvu.api.actions import digest, issue_token, revoke_token
from congvu.api.api import api
from congvu.api.models import ApiToken
from congvu.api.tests.helpers import EDXML, ApiClient
from congvu.oversight.tests.makers import assigned_report, sent_directive
from congvu.oversight.tests.makers_inspections import walked_inspection
from congvu.oversight.tests.report_makers import report_ids
from congvu.testing import consulted_item, make_official

pytestmark = pytest.mark.django_db

# Every operation of the API, with a body that would be well-formed.
ENDPOINTS = [
    ("get", "/api/me", None),
    ("get", "/api/units", None),
    ("get", "/api/units/{unit}/officials", None),
    ("get", "/api/matter-types", None),
    ("get", "/api/deadline?from=2026-03-03&days=5", None),
    ("get", "/api/figures", None),
    ("get", "/api/figures/step-delays?from=2026-03-01&to=2026-03-31", None),
    ("get", "/api/items", None),
    ("get", "/api/items/{item}", None),
    ("post", "/api/incoming", {"unit": "{unit}", "matter_type": 1, "sender": "A", "subject": "B"}),
    ("post", "/api/incoming/edxml", {"message": EDXML, "unit": "{unit}", "matter_type": 1}),
    ("post", "/api/items/{item}/direct", {"lead_unit": "{unit}"}),
    ("post", "/api/items/{item}/assign", {"holder": 1}),
    ("post", "/api/items/{item}/transfer", {"to_unit": "{unit}"}),
    ("post", "/api/items/{item}/return", {"grounds": "not_ours"}),
    ("post", "/api/items/{item}/submit", {}),
    ("post", "/api/items/{item}/province-decision", {"decision": "Đồng ý"}),
    ("post", "/api/items/{item}/send-back", {"grounds": "incomplete", "explanation": "Thiếu hồ sơ"}),
    ("post", "/api/items/{item}/return-found-wrong", {"explanation": "Thuộc thẩm quyền"}),
    ("post", "/api/items/{item}/complete", {"result": "Xong"}),
    ("post", "/api/items/{item}/extend", {"new_due": "2026-04-30", "reason": "Chờ hồ sơ"}),
    ("post", "/api/items/{item}/consultations", {"units": ["{unit}"], "question": "Ý kiến?"}),
    ("get", "/api/consultation-requests", None),
    ("get", "/api/outbox", None),
    ("get", "/api/outbox/{unit}", None),
    ("get", "/api/consultation-requests/{request}", None),
    ("post", "/api/consultation-requests/{request}/assign", {"holder": 1}),
    ("post", "/api/consultation-requests/{request}/reply", {"position": "agree"}),
    ("post", "/api/consultation-requests/{request}/send-back", {"grounds": "not_related", "reason": "Không liên quan"}),
    ("post", "/api/consultation-requests/{request}/notice/sign", {}),
    ("post", "/api/consultation-requests/{request}/reconciliation",
     {"held_on": "2026-03-03", "attendees": "A, B", "outcome": "agreed"}),
    ("get", "/api/oversight/overrides", None),
    ("post", "/api/oversight/overrides/{item}/resolve", {"resolution": "confirmed"}),
    ("get", "/api/oversight/authority-figures", None),
    ("get", "/api/oversight/dashboard?period=quarter&quarter=1&year=2026", None),
    ("get", "/api/oversight/signals?period=custom&from=2026-01-01&to=2026-03-31", None),
    ("get", "/api/directives", None),
    ("post", "/api/directives/{directive}/acknowledge", {}),
    ("get", "/api/oversight/inspections", None),
    ("post", "/api/oversight/inspections", {"kind": "routine", "title": "Định kỳ", "period_from": "2026-01-01",
                                            "period_to": "2026-02-28", "unit_ids": [1]}),
    ("post", "/api/oversight/inspections/surprise", {"title": "Đột xuất", "period_from": "2026-01-01",
                                                     "period_to": "2026-02-28", "units": 1}),
    ("get", "/api/oversight/inspections/{inspection}", None),
    ("post", "/api/oversight/inspections/{inspection}/open", {}),
    ("post", "/api/oversight/inspections/{inspection}/findings", {"category": "positive", "unit_id": 1,
                                                                  "summary": "Tốt"}),
    ("post", "/api/oversight/inspections/{inspection}/measures", {"finding_id": 1, "kind": "reminder", "days": 5}),
    ("post", "/api/oversight/inspections/{inspection}/conclude", {"conclusion": "Kết luận"}),
    ("post", "/api/oversight/inspections/{inspection}/measures/{measure}/follow-up", {"status": "done"}),
    ("get", "/api/oversight/reviews", None),
    ("get", "/api/oversight/reviews/{review}", None),
    ("post", "/api/oversight/reviews", {"source": "item", "source_id": 1, "subject": "unit"}),
    ("post", "/api/oversight/reviews/{review}/meeting",
     {"meeting_on": "2026-03-03", "meeting_place": "A", "meeting_chair": "B", "parties": "C", "self_criticism": "D"}),
    ("post", "/api/oversight/reviews/{review}/conclusion", {"conclusion": "Rút kinh nghiệm"}),
    ("post", "/api/oversight/reviews/{review}/decision", {"form": "khien_trach"}),
    ("get", "/api/oversight/commendations", None),
    ("get", "/api/oversight/commendations/candidates?from=2026-01-01&to=2026-03-03", None),
    ("get", "/api/oversight/commendations/{review}", None),
    ("post", "/api/oversight/commendations", {"unit": "{unit}", "form": "giay_khen_tap_the",
                                             "period_start": "2026-01-01", "period_end": "2026-03-03",
                                             "reason": "Đúng hạn"}),
    ("post", "/api/oversight/commendations/{review}/approval", {"approve": True}),
    ("post", "/api/oversight/commendations/{review}/decision", {}),
    ("get", "/api/oversight/backlog-rounds", None),
    ("post", "/api/oversight/backlog-rounds", {"title": "Rà soát", "cutoff": "2026-03-03", "plans_due": "2026-03-10"}),
    ("get", "/api/oversight/backlog-rounds/{round}", None),
    ("post", "/api/oversight/backlog-entries/{entry}/plan",
     {"decision_date": "2026-03-20", "cause": "workload", "responsible": 1}),
    ("get", "/api/oversight/xes?from=2026-01-01&to=2026-03-03", None),
    ("get", "/api/oversight/reports/periods", None),
    ("post", "/api/oversight/reports/periods", {"kind": "month", "year": 2026, "number": 3, "due_on": "2026-03-17"}),
    ("post", "/api/oversight/reports/periods/{period}/compile", {}),
    ("get", "/api/oversight/reports/unit-reports", None),
    ("get", "/api/oversight/reports/unit-reports/{unit_report}", None),
    ("post", "/api/oversight/reports/unit-reports/{unit_report}/narrative", {"results": "x"}),
    ("post", "/api/oversight/reports/unit-reports/{unit_report}/submit", {}),
    ("get", "/api/oversight/public-reports", None),
    ("get", "/api/oversight/public-reports/{public_report}", None),
    ("post", "/api/oversight/public-reports/{public_report}/assign", {"unit": "{unit}"}),
    ("post", "/api/oversight/public-reports/{public_report}/answer", {"answer": "x"}),
    ("post", "/api/oversight/public-reports/{public_report}/close", {"public_answer": "x"}),
]


def call(client: ApiClient, method: str, path: str, body: dict | None, ids: dict):
    path = path.format(**ids)
    if body is None:
        return client.client.get(path, headers=client.headers)
    body = {k: ([ids["unit"]] if v == ["{unit}"] else ids["unit"] if v == "{unit}" else v) for k, v in body.items()}
    return client.post(path, body)


@pytest.fixture
def ids(province):
    item, request = consulted_item(province)
    return {"item": item.pk, "request": request.pk, "unit": province.finance.pk,
            "directive": sent_directive(province).pk, **walked_inspection(province), "review": 1,
            "round": 1, "entry": 1, **report_ids(province), "public_report": assigned_report(province).pk}


def test_the_list_of_endpoints_above_is_every_operation_of_the_api():
    schema = api.get_openapi_schema(path_prefix="/api/")
    operations = {(method, path) for path, ops in schema["paths"].items() for method in ops}
    listed = {(m, p.split("?")[0].replace("{unit}", "{unit_id}").replace("{item}", "{item_id}")
               .replace("{request}", "{request_id}").replace("overrides/{item_id}", "overrides/{event_id}")
               .replace("{directive}", "{directive_id}").replace("{inspection}", "{inspection_id}")
               .replace("{measure}", "{measure_id}")
               .replace("reviews/{review}", "reviews/{review_id}").replace("{review}", "{commendation_id}")
               .replace("{round}", "{round_id}").replace("{entry}", "{entry_id}")
               .replace("{period}", "{period_id}").replace("{unit_report}", "{report_id}")
               .replace("{public_report}", "{report_id}"))
              for m, p, _ in ENDPOINTS}
    listed = {(m, "/api/outbox/{message_id}" if p == "/api/outbox/{unit_id}" else p) for m, p in listed}
    assert listed == operations


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
def test_an_anonymous_caller_gets_401_with_a_json_reason(province, ids, api_as, method, path, body):
    response = call(api_as(None), method, path, body, ids)
    assert response.status_code == 401
    assert response.json()["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
def test_the_outsider_is_refused_everywhere_with_403(province, ids, api_as, method, path, body):
    response = call(api_as(province.outsider), method, path, body, ids)
    assert response.status_code == 403
    assert response.json()["code"] == "ACCESS-DENIED"
    assert "không được sử dụng" in response.json()["message"]


def test_an_account_with_no_official_is_refused(province, django_user_model):
    user = django_user_model.objects.create_user("robot", password="x-robot-2026")
    client = Client()
    client.force_login(user)
    response = client.get("/api/me")
    assert response.status_code == 403 and "chưa gắn với cán bộ" in response.json()["message"]


def test_a_wrong_or_revoked_token_is_401(province, api_as):
    token, clear = issue_token(official=province.construction_clerk, name="e-office")
    assert ApiClient(clear).get("/api/me").status_code == 200
    assert ApiClient(clear + "x").get("/api/me").status_code == 401
    revoke_token(token)
    assert ApiClient(clear).get("/api/me").status_code == 401


def test_only_the_hash_of_a_token_is_stored_and_its_use_is_noted(province):
    token, clear = issue_token(official=province.construction_clerk, name="e-office")
    assert clear.startswith("cv_") and len(clear) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == digest(clear) and clear not in {stored.key_hash, stored.prefix, stored.name}
    assert stored.last_used_at is None
    ApiClient(clear).get("/api/me")
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_a_signed_in_session_reads_and_writes_with_csrf(province):
    client = Client(enforce_csrf_checks=True)
    client.force_login(province.construction_clerk.user)
    assert client.get("/api/me").json()["full_name"] == "Bùi Thị Sổ"
    body = {"unit": province.construction.pk, "matter_type": province.building_permit.pk,
            "sender": "Công ty A", "subject": "Đề nghị"}
    refused = client.post("/api/incoming", body, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "ACCESS-DENIED"
    token = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")  # what a page's CSRF cookie would hold
    client.cookies["csrftoken"] = token
    accepted = client.post("/api/incoming", body, content_type="application/json", headers={"X-CSRFToken": token})
    assert accepted.status_code == 201


def test_a_position_that_ended_ends_api_access(province, api_as):
    retired = make_official("retired", "Người Đã Nghỉ", province.finance, "officer")
    retired.positions.update(valid_to="2025-12-31")
    assert api_as(retired).get("/api/me").status_code == 403
