"""The work of clauses 1.3–2.3 done entirely through the API, as the e-office software would:
register → direct → assign → consult → reply, silence deemed agreed at the deadline → complete;
the Province's matters submitted and decided; every refusal a JSON body with its rule and clause."""

from datetime import datetime

import pytest
from django.db import connection

from congvu.api.tests.helpers import incoming_body
from congvu.consult.sweep import deem_overdue
from congvu.lib import clock
from congvu.lib.workdays import TZ

pytestmark = pytest.mark.django_db
# Asked on Tuesday 03/03/2026 with 5 working days: the last day is 10/03; deemed agreed from 24:00.
DAY_AFTER_DEADLINE = datetime(2026, 3, 11, 9, 0, tzinfo=TZ)


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.content.decode()
    return response.json()


def registered_and_assigned(p, api_as, matter) -> int:
    item = ok(api_as(p.construction_clerk).post("/api/incoming", incoming_body(p, matter_type=matter.pk)), 201)
    assert item["state"] == "registered" and item["holder_id"] == p.construction_head.pk
    head = api_as(p.construction_head)
    item = ok(head.post(f"/api/items/{item['id']}/direct",
                        {"lead_unit": p.construction.pk, "cooperating": [p.finance.pk], "note": "Kiểm tra hồ sơ"}))
    assert item["state"] == "directed" and item["cooperating_unit_ids"] == [p.finance.pk]
    item = ok(head.post(f"/api/items/{item['id']}/assign", {"holder": p.construction_officer.pk}))
    assert item["state"] == "in_progress" and item["holder_id"] == p.construction_officer.pk
    assert [s["kind"] for s in item["steps"]] == ["present", "assign", "handle"]
    return item["id"]


def test_register_direct_assign_consult_reply_sweep_complete(province, api_as):
    p = province
    item_id = registered_and_assigned(p, api_as, p.planning_approval)
    officer = api_as(p.construction_officer)
    consultation = ok(officer.post(f"/api/items/{item_id}/consultations", {
        "units": [p.finance.pk, p.transport.pk], "question": "Đề nghị cho ý kiến về chỉ tiêu sử dụng đất"}), 201)
    assert consultation["due_date"] == "2026-03-10" and len(consultation["requests"]) == 2
    finance_head = api_as(p.finance_head)
    mine = ok(finance_head.get("/api/consultation-requests"))
    assert mine["count"] == 1 and mine["requests"][0]["item_id"] == item_id
    request_id = mine["requests"][0]["id"]
    assigned = ok(finance_head.post(f"/api/consultation-requests/{request_id}/assign",
                                    {"holder": p.finance_officer.pk}))
    assert assigned["holder_id"] == p.finance_officer.pk
    answered = ok(api_as(p.finance_officer).post(f"/api/consultation-requests/{request_id}/reply",
                                                 {"position": "agree"}))
    assert answered["state"] == "answered" and answered["late"] is False

    with clock.travel_to(DAY_AFTER_DEADLINE):
        assert deem_overdue() == 1
        item = ok(officer.get(f"/api/items/{item_id}"))
        assert item["state"] == "in_progress"
        silent = next(r for r in item["consultations"][0]["requests"] if r["unit_id"] == p.transport.pk)
        assert silent["state"] == "deemed_agreed" and silent["notice"] is None and silent["notice_draft"] is True
        # Construction's head signs in one call: numbered in its outgoing register after the consultation
        # letter (01/SXD), dated today.
        signed = ok(api_as(p.construction_head).post(f"/api/consultation-requests/{silent['id']}/notice/sign", {}))
        assert signed["notice"] == "02/TB-SXD" and signed["notice_draft"] is False
        assert any(e["kind"] == "deemed_agreement" and e["rule_code"] == "R-2.2-DEEMED-AGREEMENT"
                   and e["clause"] == "2.2" for e in item["events"])
        done = ok(officer.post(f"/api/items/{item_id}/complete", {"result": "Đã phê duyệt quy hoạch"}))
    assert done["state"] == "completed" and done["result"] == "Đã phê duyệt quy hoạch"
    assert done["actions"] == []


def test_a_province_matter_with_a_disagreement_is_reconciled_submitted_and_decided(province, api_as):
    p = province
    item_id = registered_and_assigned(p, api_as, p.planning_approval)
    officer, head = api_as(p.construction_officer), api_as(p.construction_head)
    consultation = ok(officer.post(f"/api/items/{item_id}/consultations",
                                   {"units": [p.finance.pk], "question": "Nguồn vốn?", "reply_days": 3}), 201)
    request_id = consultation["requests"][0]["id"]
    ok(api_as(p.finance_head).post(f"/api/consultation-requests/{request_id}/reply",
                                   {"position": "disagree", "reasons": "Chưa bố trí được vốn"}))
    refused = officer.post(f"/api/items/{item_id}/submit", {"summary": "Tờ trình"})
    assert refused.status_code == 409 and refused.json()["code"] == "R-2.3-RECONCILE-FIRST"
    meeting = ok(head.post(f"/api/consultation-requests/{request_id}/reconciliation", {
        "held_on": "2026-03-03", "attendees": "Giám đốc Sở Xây dựng, Giám đốc Sở Tài chính",
        "outcome": "still_differ", "lead_view": "Bố trí vốn năm 2027", "other_view": "Chưa có vốn"}), 201)
    assert meeting["outcome"] == "still_differ" and meeting["held_on"] == "2026-03-03"
    submitted = ok(officer.post(f"/api/items/{item_id}/submit", {"summary": "Tờ trình"}))
    assert submitted["state"] == "submitted" and "Chưa có vốn" in submitted["remaining_differences"]
    decided = ok(api_as(p.office_head).post(f"/api/items/{item_id}/province-decision",
                                            {"decision": "Giao Sở Xây dựng hoàn thiện"}))
    assert decided["state"] == "decided_by_province" and decided["holder_id"] == p.construction_officer.pk
    assert ok(officer.post(f"/api/items/{item_id}/complete", {"result": "Đã ban hành"}))["state"] == "completed"


def test_a_rule_refusal_is_409_with_code_and_clause_in_both_languages_and_on_the_trail(province, api_as):
    p = province
    item = ok(api_as(p.construction_clerk).post("/api/incoming", incoming_body(p)), 201)
    path = f"/api/items/{item['id']}/transfer"
    vietnamese = api_as(p.construction_head).post(path, {"to_unit": p.finance.pk})
    english = api_as(p.construction_head, "en").post(path, {"to_unit": p.finance.pk})
    for response in (vietnamese, english):
        assert response.status_code == 409
        body = response.json()
        assert (body["code"], body["clause"]) == ("R-2.1-OWN-COMPETENCE-TRANSFER", "2.1")
        assert body["message_vi"].startswith("Không được chuyển công việc thuộc thẩm quyền")
        assert body["message_en"].startswith("Work within the unit's own competence")
    assert vietnamese.json()["message"] == vietnamese.json()["message_vi"]
    assert english.json()["message"] == english.json()["message_en"]
    trail = ok(api_as(p.construction_head).get(f"/api/items/{item['id']}"))["events"]
    refusals = [e for e in trail if e["outcome"] == "refused"]
    assert len(refusals) == 2 and refusals[0]["rule_code"] == "R-2.1-OWN-COMPETENCE-TRANSFER"
    assert refusals[0]["clause"] == "2.1" and "Mục 2.1" in refusals[0]["message"]


def test_a_head_overrides_an_overridable_refusal_with_a_reason_recorded_on_the_trail(province, api_as):
    p = province
    item = ok(api_as(p.construction_clerk).post("/api/incoming", incoming_body(p)), 201)
    moved = ok(api_as(p.construction_head).post(f"/api/items/{item['id']}/transfer", {
        "to_unit": p.finance.pk, "override_reason": "Dự án dùng vốn ngân sách, Sở Tài chính thẩm định"}))
    assert moved["state"] == "transferred" and moved["transferred_to_id"] is not None
    override = next(e for e in moved["events"] if e["outcome"] == "override")
    assert override["rule_code"] == "R-2.1-OWN-COMPETENCE-TRANSFER" and override["reason"].startswith("Dự án")
    successor = ok(api_as(p.finance_head).get(f"/api/items/{moved['transferred_to_id']}"))
    assert successor["transferred_from_id"] == item["id"] and successor["lead_unit_id"] == p.finance.pk


def test_the_wrong_body_returns_a_document_on_stated_grounds(province, api_as):
    p = province
    item = ok(api_as(p.finance_head).post("/api/incoming", incoming_body(p, unit=p.finance.pk)), 201)
    path = f"/api/items/{item['id']}/return"
    refused = api_as(p.finance_head).post(path, {"grounds": "not_ours", "named_unit": p.transport.pk})
    assert refused.status_code == 409 and refused.json()["code"] == "R-2.1-RETURN-GROUNDS"
    returned = ok(api_as(p.finance_head).post(path, {"grounds": "not_ours", "named_unit": p.construction.pk}))
    assert returned["state"] == "returned"


def test_an_extension_is_approved_by_the_lead_units_head_with_a_reason(province, api_as):
    p = province
    item = ok(api_as(p.construction_clerk).post("/api/incoming", incoming_body(p)), 201)
    path = f"/api/items/{item['id']}/extend"
    refused = api_as(p.construction_head).post(path, {"new_due": "2026-03-20", "reason": "Chờ bổ sung hồ sơ"})
    assert refused.status_code == 409 and refused.json()["code"] == "R-1.5-EXTENSION"
    # Within the 10 working days the building permit lets Construction extend by itself; the legal
    # deadline stays (clause 1.5). Further, the extension waits for the Province office.
    extended = ok(api_as(p.construction_head).post(path, {"new_due": "2026-04-14", "reason": "Chờ bổ sung hồ sơ"}))
    assert (extended["due_date"], extended["legal_due_date"]) == ("2026-04-14", "2026-03-31")
    requested = ok(api_as(p.construction_head).post(path, {"new_due": "2026-04-30", "reason": "Chờ thẩm định"}))
    assert requested["due_date"] == "2026-04-14" and requested["events"][-1]["kind"] == "extension_request"


def test_an_action_the_caller_may_not_take_is_403_and_a_finished_item_409(province, api_as):
    p = province
    item = ok(api_as(p.construction_clerk).post("/api/incoming", incoming_body(p)), 201)
    denied = api_as(p.construction_officer).post(f"/api/items/{item['id']}/direct", {"lead_unit": p.construction.pk})
    assert denied.status_code == 403 and denied.json()["code"] == "ACCESS-DENIED"
    wrong_state = api_as(p.construction_head).post(f"/api/items/{item['id']}/complete", {"result": "Xong"})
    assert wrong_state.status_code == 409 and wrong_state.json()["code"] == "INVALID-STATE"


def test_the_item_offers_the_actions_its_reader_may_take(province, api_as):
    p = province
    item = ok(api_as(p.construction_clerk).post("/api/incoming", incoming_body(p)), 201)
    offered = ok(api_as(p.construction_head).get(f"/api/items/{item['id']}"))["actions"]
    assert {"direct", "transfer", "return", "extend"} <= set(offered)


def test_an_action_answers_with_the_item_without_asking_for_what_it_cannot_have(province, api_as):
    # The answer of every action is the whole item (issue 13): an item never consulted and never
    # transferred reads no consultations, meetings or successor: 3 statements fewer than before.
    p = province
    clerk = api_as(p.construction_clerk)
    ok(clerk.post("/api/incoming", incoming_body(p)), 201)  # the registry snapshot is built; not the point
    statements = []

    def counted(execute, sql, params, many, context):  # not CaptureQueriesContext: the action's SQL is
        statements.append(sql)                          # fastsql's, in the driver's style on SQLite
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        item = ok(clerk.post("/api/incoming", incoming_body(p)), 201)
    assert item["consultations"] == [] and item["reconciliations"] == [] and item["transferred_to_id"] is None
    assert len(statements) <= 19, statements  # 18 on PostgreSQL
