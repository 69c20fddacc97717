"""Every endpoint of the API, as every persona: who gets the answer (200/201), who is refused for who
they are (403), who is refused by the item's state or a rule (409: access was granted first), and
for whom an item or request they may not see does not exist (404).

One row per operation of the OpenAPI document (an operation added without a row fails the first
test), called with a well-formed body as the anonymous caller and as each persona of
congvu.testing.PERSONAS with a token of their own, in a fresh province with one walked item
(congvu.testing.walked_item). The pages are walked the same way in congvu/web/tests/test_access_walk.py."""

from datetime import date

import pytest

from congvu.api.api import api
from congvu.api.tests.helpers import EDXML
from congvu.oversight import commendation, reviews
from congvu.oversight.tests.makers import assigned_report, sent_directive
from congvu.oversight.tests.makers_backlog import backlog_ids
from congvu.oversight.tests.makers_inspections import walked_inspection
from congvu.oversight.tests.report_makers import report_ids
from congvu.testing import PERSONAS, Province, Walked, walked_item

pytestmark = pytest.mark.django_db
ANONYMOUS = "anonymous"
WHO = (ANONYMOUS, *PERSONAS)

INCOMING = {"unit": "{construction}", "matter_type": "{building_permit}", "sender": "Công ty Sông Cầu",
            "subject": "Đề nghị cấp phép xây dựng"}
EDXML_FORM = {"message": EDXML, "unit": "{construction}", "matter_type": "{building_permit}"}
MEETING = {"held_on": "2026-03-02", "attendees": "Hai thủ trưởng", "outcome": "agreed"}
EVERY_OFFICIAL = (401, 403, 200, 200, 200, 200, 200, 200)
PLAN = {"kind": "routine", "title": "Kiểm tra định kỳ", "period_from": "2026-01-01", "period_to": "2026-02-28",
        "unit_ids": ["{construction}"]}
DRAW = {"title": "Kiểm tra đột xuất", "period_from": "2026-01-01", "period_to": "2026-02-28", "units": 1}
FINDING = {"category": "positive", "unit_id": "{construction}", "summary": "Giải quyết đúng hạn"}
MEASURE = {"finding_id": "{finding}", "kind": "reminder", "days": 5}
REVIEW_MEETING = {"meeting_on": "2026-03-03", "meeting_place": "Phòng họp", "meeting_chair": "Giám đốc Sở",
                  "parties": "Lãnh đạo Sở, chuyên viên", "self_criticism": "Nhận khuyết điểm"}
PROPOSAL = {"unit": "{construction}", "official": "{officer}", "form": "giay_khen", "period_start": "2026-01-01",
            "period_end": "2026-03-03", "reason": "Giải quyết đúng hạn"}
# The walked item is being consulted on (Finance has not answered): directing, assigning, submitting
# and completing it are refused by its state (409) to those allowed to act on it — and only to them.

# Columns: anonymous, outsider, consulted unit, clerk, officer, head, Province office, Home Affairs.
ENDPOINTS: dict[str, tuple[str, str, dict | None, tuple[int, ...]]] = {
    "me": ("get", "/api/me", None, EVERY_OFFICIAL),
    "units": ("get", "/api/units", None, EVERY_OFFICIAL),
    "matter_types": ("get", "/api/matter-types", None, EVERY_OFFICIAL),
    "deadline": ("get", "/api/deadline?from=2026-03-03&days=5", None, EVERY_OFFICIAL),
    # A unit's officials: its own people and the overseers.
    "unit_officials": ("get", "/api/units/{construction}/officials", None, (401, 403, 403, 200, 200, 200, 200, 200)),
    "figures": ("get", "/api/figures", None, (401, 403, 403, 403, 403, 403, 200, 200)),
    # The edXML outbox: each registrar sees their unit's messages (none here: the walked item came by hand,
    # so no message #1 exists for anyone; who sees which is tested in congvu/api/tests/test_outbox.py).
    "outbox_list": ("get", "/api/outbox", None, EVERY_OFFICIAL),
    "outbox_message": ("get", "/api/outbox/1", None, (401, 403, 404, 404, 404, 404, 404, 404)),
    "step_delay_figures": ("get", "/api/figures/step-delays?from=2026-03-01&to=2026-03-31", None,
                           (401, 403, 403, 403, 403, 403, 200, 200)),
    # Lists show each one what they may see; the consulted unit sees the item as consulted.
    "list_items": ("get", "/api/items", None, EVERY_OFFICIAL),
    "get_item": ("get", "/api/items/{item}", None, EVERY_OFFICIAL),
    "list_requests": ("get", "/api/consultation-requests", None, EVERY_OFFICIAL),
    "get_request": ("get", "/api/consultation-requests/{request}", None, EVERY_OFFICIAL),
    "register_incoming": ("post", "/api/incoming", INCOMING, (401, 403, 403, 201, 403, 201, 403, 403)),
    "receive_edxml": ("post", "/api/incoming/edxml", EDXML_FORM, (401, 403, 403, 201, 403, 201, 403, 403)),
    "direct": ("post", "/api/items/{item}/direct", {"lead_unit": "{construction}"},
               (401, 403, 403, 403, 403, 409, 403, 403)),
    "assign": ("post", "/api/items/{item}/assign", {"holder": "{officer}"}, (401, 403, 403, 403, 403, 409, 403, 403)),
    # Construction is competent for the matter: the head may not push it away (rule 2.1, 409).
    "transfer": ("post", "/api/items/{item}/transfer", {"to_unit": "{finance}"},
                 (401, 403, 403, 403, 403, 409, 403, 403)),
    "return_document": ("post", "/api/items/{item}/return", {"grounds": "not_ours", "named_unit": "{finance}"},
                        (401, 403, 403, 403, 403, 409, 403, 403)),
    "submit": ("post", "/api/items/{item}/submit", {}, (401, 403, 403, 403, 409, 409, 403, 403)),
    "province_decision": ("post", "/api/items/{item}/province-decision", {"decision": "Đồng ý"},
                          (401, 403, 403, 403, 403, 403, 409, 403)),
    # The Province office sends a submission back; the walked item is not one (409).
    "send_back": ("post", "/api/items/{item}/send-back", {"grounds": "incomplete", "explanation": "Thiếu hồ sơ"},
                  (401, 403, 403, 403, 403, 403, 409, 403)),
    # Home Affairs or the Province office find a return wrong; the walked item was not returned (409).
    "return_found_wrong": ("post", "/api/items/{item}/return-found-wrong", {"explanation": "Thuộc thẩm quyền"},
                           (401, 403, 403, 403, 403, 403, 409, 409)),
    # Heads' decisions to review: the overseers see the queue, Home Affairs resolves (no such entry: 404).
    "list_overrides": ("get", "/api/oversight/overrides", None, (401, 403, 403, 403, 403, 403, 200, 200)),
    "resolve_override": ("post", "/api/oversight/overrides/{item}/resolve", {"resolution": "confirmed"},
                         (401, 403, 403, 403, 403, 403, 403, 404)),
    "authority_figures_per_unit": ("get", "/api/oversight/authority-figures", None,
                                   (401, 403, 403, 403, 403, 403, 200, 200)),
    # Issue 10: the dashboard for the overseers; the signals also for a head (their own unit's).
    "oversight_dashboard": ("get", "/api/oversight/dashboard?period=quarter&quarter=1&year=2026", None,
                            (401, 403, 403, 403, 403, 403, 200, 200)),
    "oversight_signals": ("get", "/api/oversight/signals?period=year&year=2026", None,
                          (401, 403, 200, 403, 403, 200, 200, 200)),
    "complete": ("post", "/api/items/{item}/complete", {"result": "Đã giải quyết"},
                 (401, 403, 403, 403, 409, 409, 403, 403)),
    # The holder may ask for an extension (a rule refuses an officer's own: 409); the head grants it.
    "extend": ("post", "/api/items/{item}/extend", {"new_due": "2026-04-30", "reason": "Chờ hồ sơ"},
               (401, 403, 403, 403, 409, 200, 403, 403)),
    "ask": ("post", "/api/items/{item}/consultations", {"units": ["{transport}"], "question": "Ý kiến?"},
            (401, 403, 403, 403, 201, 201, 403, 403)),
    # Finance's request: its head assigns and answers it; nobody else, not even who sees the item whole.
    "assign_request": ("post", "/api/consultation-requests/{request}/assign", {"holder": "{finance_officer}"},
                       (401, 403, 200, 403, 403, 403, 403, 403)),
    "reply": ("post", "/api/consultation-requests/{request}/reply", {"position": "agree"},
              (401, 403, 200, 403, 403, 403, 403, 403)),
    # Finance's head may send its request back; nobody else.
    "send_back_request": ("post", "/api/consultation-requests/{request}/send-back",
                  {"grounds": "not_related", "reason": "Không thuộc chức năng của Sở"},
                  (401, 403, 200, 403, 403, 403, 403, 403)),
    # Transport's deemed agreement: its notice is signed by Construction's head (already signed: 409);
    # Finance may not even see Transport's request (404).
    "sign_notice": ("post", "/api/consultation-requests/{deemed}/notice/sign", {},
                    (401, 403, 404, 403, 403, 409, 403, 403)),
    # The heads' meeting is recorded by the lead unit's head.
    "reconcile": ("post", "/api/consultation-requests/{request}/reconciliation", MEETING,
                  (401, 403, 403, 403, 403, 201, 403, 403)),
    # Issue 11: the directive was sent to Construction. Its people acknowledge it; Home Affairs sees
    # it (it keeps the register) but was not sent it: 403; to the others it does not exist.
    "list_directives": ("get", "/api/directives", None, EVERY_OFFICIAL),
    "acknowledge_directive": ("post", "/api/directives/{directive}/acknowledge", {},
                              (401, 403, 404, 200, 200, 200, 404, 403)),
    # Issue 10: an opened inspection of every unit, a finding about Construction's officer with a measure.
    # Inspected units' heads and the official found about see it; only Home Affairs acts.
    "list_inspections": ("get", "/api/oversight/inspections", None, EVERY_OFFICIAL),
    "plan_an_inspection": ("post", "/api/oversight/inspections", PLAN, (401, 403, 403, 403, 403, 403, 403, 201)),
    "draw_surprise_inspection": ("post", "/api/oversight/inspections/surprise", DRAW,
                                 (401, 403, 403, 403, 403, 403, 403, 201)),
    "get_inspection": ("get", "/api/oversight/inspections/{inspection}", None,
                       (401, 403, 200, 404, 200, 200, 200, 200)),
    "open_an_inspection": ("post", "/api/oversight/inspections/{inspection}/open", {},
                           (401, 403, 403, 404, 403, 403, 403, 409)),
    "record_inspection_finding": ("post", "/api/oversight/inspections/{inspection}/findings", FINDING,
                                  (401, 403, 403, 404, 403, 403, 403, 200)),
    "decide_inspection_measure": ("post", "/api/oversight/inspections/{inspection}/measures", MEASURE,
                                  (401, 403, 403, 404, 403, 403, 403, 200)),
    "conclude_inspection": ("post", "/api/oversight/inspections/{inspection}/conclude", {"conclusion": "Kết luận"},
                            (401, 403, 403, 404, 403, 403, 403, 200)),
    # The inspection is not concluded yet: a measure is followed up after the conclusion (409).
    "follow_up_measure": ("post", "/api/oversight/inspections/{inspection}/measures/{measure}/follow-up",
                          {"status": "done"}, (401, 403, 403, 404, 403, 403, 403, 409)),
    # Issue 10 (1.7, 1.8): a review of Construction's officer, opened by Home Affairs, and a Giấy khen
    # proposed for him. Each sees their own: Home Affairs all, Construction's head his unit's, the
    # officer his own; to the others they do not exist (404). Only Home Affairs opens a review or
    # approves; the unit's head conducts the review and signs for his unit, where the state allows
    # (the review is only opened, the proposal not yet approved: 409).
    "list_reviews": ("get", "/api/oversight/reviews", None, EVERY_OFFICIAL),
    "get_review": ("get", "/api/oversight/reviews/{review}", None, (401, 403, 404, 404, 200, 200, 404, 200)),
    "open_review": ("post", "/api/oversight/reviews", {"source": "item", "source_id": "{item}", "subject": "unit",
                                                       "reason": "Chậm trễ"}, (401, 403, 403, 403, 403, 403, 403, 201)),
    "record_review_meeting": ("post", "/api/oversight/reviews/{review}/meeting", REVIEW_MEETING,
                              (401, 403, 404, 404, 403, 200, 404, 200)),
    "conclude_review": ("post", "/api/oversight/reviews/{review}/conclusion", {"conclusion": "Rút kinh nghiệm"},
                        (401, 403, 404, 404, 403, 409, 404, 409)),
    "decide_discipline": ("post", "/api/oversight/reviews/{review}/decision", {"form": "khien_trach"},
                          (401, 403, 404, 404, 403, 409, 404, 403)),
    "list_commendations": ("get", "/api/oversight/commendations", None, EVERY_OFFICIAL),
    "commendation_candidates": ("get", "/api/oversight/commendations/candidates?from=2026-01-01&to=2026-03-03", None,
                                (401, 403, 403, 403, 403, 403, 403, 200)),
    "get_commendation": ("get", "/api/oversight/commendations/{commendation}", None,
                         (401, 403, 404, 404, 200, 200, 404, 200)),
    "propose_commendation": ("post", "/api/oversight/commendations", PROPOSAL,
                             (401, 403, 403, 403, 403, 201, 403, 201)),
    "approve_commendation": ("post", "/api/oversight/commendations/{commendation}/approval", {"approve": True},
                             (401, 403, 404, 404, 403, 403, 404, 200)),
    "decide_commendation": ("post", "/api/oversight/commendations/{commendation}/decision", {},
                            (401, 403, 404, 404, 403, 409, 404, 403)),
    # The backlog review: Home Affairs opens rounds; Construction's head records its entries' plans; the
    # overseers see every round but record no plan; the others see no part of this one (404).
    "list_backlog_rounds": ("get", "/api/oversight/backlog-rounds", None, EVERY_OFFICIAL),
    "open_backlog_round": ("post", "/api/oversight/backlog-rounds",
                           {"title": "Rà soát quý I", "cutoff": "2026-03-03", "plans_due": "2026-03-10"},
                           (401, 403, 403, 403, 403, 403, 403, 201)),
    "get_backlog_round": ("get", "/api/oversight/backlog-rounds/{round}", None,
                          (401, 403, 404, 404, 404, 200, 200, 200)),
    "record_backlog_plan": ("post", "/api/oversight/backlog-entries/{entry}/plan",
                            {"decision_date": "2026-03-20", "cause": "workload", "responsible": "{officer}"},
                            (401, 403, 404, 404, 404, 200, 403, 403)),
    # The trail as XES: Home Affairs' analysts only.
    "export_xes": ("get", "/api/oversight/xes?from=2026-01-01&to=2026-03-03", None,
                   (401, 403, 403, 403, 403, 403, 403, 200)),
    # Periodic reports (clause 3): Home Affairs opens and compiles (February is past its due date);
    # Construction's February report: its officials read and draft it, its head submits it.
    "list_report_periods": ("get", "/api/oversight/reports/periods", None, (401, 403, 403, 403, 403, 403, 403, 200)),
    "open_report_period": ("post", "/api/oversight/reports/periods",
                           {"kind": "month", "year": 2026, "number": 3, "due_on": "2026-03-17"},
                           (401, 403, 403, 403, 403, 403, 403, 201)),
    "compile_province_report": ("post", "/api/oversight/reports/periods/{period}/compile", {},
                                (401, 403, 403, 403, 403, 403, 403, 200)),
    "list_unit_reports": ("get", "/api/oversight/reports/unit-reports", None, EVERY_OFFICIAL),
    "get_unit_report": ("get", "/api/oversight/reports/unit-reports/{unit_report}", None,
                        (401, 403, 404, 200, 200, 200, 404, 200)),
    "save_unit_report_narrative": ("post", "/api/oversight/reports/unit-reports/{unit_report}/narrative",
                                   {"results": "Đã giải quyết 12 hồ sơ."}, (401, 403, 404, 200, 200, 200, 404, 403)),
    "submit_unit_report": ("post", "/api/oversight/reports/unit-reports/{unit_report}/submit", {},
                           (401, 403, 404, 403, 403, 200, 404, 403)),
    # Issue 11: a citizen's report Home Affairs assigned to Construction. Home Affairs sees every report
    # (assigning it again: 409) and closes it; Construction's people read it, its head answers it.
    "list_public_reports": ("get", "/api/oversight/public-reports", None, EVERY_OFFICIAL),
    "get_public_report": ("get", "/api/oversight/public-reports/{public_report}", None,
                          (401, 403, 404, 200, 200, 200, 404, 200)),
    "assign_public_report": ("post", "/api/oversight/public-reports/{public_report}/assign",
                             {"unit": "{construction}"}, (401, 403, 404, 403, 403, 403, 404, 409)),
    "answer_public_report": ("post", "/api/oversight/public-reports/{public_report}/answer",
                             {"answer": "Đã kiểm điểm cán bộ."}, (401, 403, 404, 403, 403, 200, 404, 403)),
    "close_public_report": ("post", "/api/oversight/public-reports/{public_report}/close",
                            {"public_answer": "Đơn vị đã chấn chỉnh."}, (401, 403, 404, 403, 403, 403, 404, 200)),
}


def operations() -> set[str]:
    return {op["operationId"] for ops in api.get_openapi_schema()["paths"].values() for op in ops.values()}


def filled(value, walked: Walked, p: Province):
    """A path or body with the walked scenario's ids in place of its {names}."""
    if isinstance(value, dict):
        return {key: filled(v, walked, p) for key, v in value.items()}
    if isinstance(value, list):
        return [filled(v, walked, p) for v in value]
    if not isinstance(value, str) or "{" not in value:
        return value
    ids = {"item": walked.item.pk, "request": walked.request.pk, "deemed": walked.deemed.pk,
           "construction": p.construction.pk,
           "finance": p.finance.pk, "transport": p.transport.pk, "officer": p.construction_officer.pk,
           "finance_officer": p.finance_officer.pk, "building_permit": p.building_permit.pk,
           "directive": directive_of(p), **walked_inspection(p), "review": review_of(p, walked),
           "commendation": commendation_of(p), **backlog_ids(p), **reports_of(p),
           "public_report": public_report_of(p)}
    text = value.format(**ids)
    return int(text) if value.startswith("{") and value.endswith("}") else text


def directive_of(p: Province) -> int:
    """Issue 11's directive, sent to Construction once per province."""
    if not hasattr(p, "directive_id"):
        p.directive_id = sent_directive(p).pk
    return p.directive_id


def public_report_of(p: Province) -> int:
    """Issue 11's citizen's report, assigned to Construction once per province."""
    if not hasattr(p, "public_report_id"):
        p.public_report_id = assigned_report(p).pk
    return p.public_report_id


def review_of(p: Province, walked: Walked) -> int:
    """Issue 10's review of Construction's officer, from the walked item, once per province."""
    if not hasattr(p, "review_id"):
        p.review_id = reviews.open_review("item", walked.item.pk, actor=p.inspector, subject="official",
                                          reason="Chậm trễ").pk
    return p.review_id


def commendation_of(p: Province) -> int:
    if not hasattr(p, "commendation_id"):
        p.commendation_id = commendation.propose_commendation(
            actor=p.inspector, unit=p.construction, official=p.construction_officer, form="giay_khen",
            period_start=date(2026, 1, 1), period_end=date(2026, 3, 3), reason="Đúng hạn").pk
    return p.commendation_id
def reports_of(p: Province) -> dict[str, int]:
    """The periodic reports' ids, made once per province."""
    if not hasattr(p, "report_ids"):
        p.report_ids = report_ids(p)
    return p.report_ids


def test_every_operation_of_the_api_is_walked():
    assert set(ENDPOINTS) == operations()


@pytest.mark.parametrize("operation", sorted(ENDPOINTS))
def test_each_persona_gets_the_answer_the_endpoint_owes_them(province, api_as, operation):
    """The personas call in the columns' order, in one province: a success changes nothing that
    decides the next one's answer (each is refused for who they are before anything else)."""
    walked = walked_item(province)
    method, path, body, expected = ENDPOINTS[operation]
    url, body = filled(path, walked, province), filled(body, walked, province)
    got = {}
    for who in WHO:
        client = api_as(None if who == ANONYMOUS else getattr(province, PERSONAS[who]))
        got[who] = (client.post(url, body) if method == "post" else client.get(url)).status_code
    assert got == dict(zip(WHO, expected, strict=True))


# The API's own documentation: for officials, by token as by session; the docs page, read in a
# browser, sends an anonymous visitor to sign in.
DOCS = {"/api/openapi.json": EVERY_OFFICIAL, "/api/docs": (302, 403, 200, 200, 200, 200, 200, 200)}


@pytest.mark.parametrize("url", sorted(DOCS))
def test_each_persona_gets_the_answer_the_documentation_owes_them(province, api_as, url):
    got = {who: api_as(None if who == ANONYMOUS else getattr(province, PERSONAS[who])).get(url).status_code
           for who in WHO}
    assert got == dict(zip(WHO, DOCS[url], strict=True))
