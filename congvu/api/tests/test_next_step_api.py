"""The API catches up with the item page (issue 12): directing and assigning in one call when the
director names the officer, and the viewer's next step in every item answer, the same step the page
puts in front under "Bước tiếp theo"."""

import re
from datetime import date

import pytest

from congvu.api.tests.helpers import incoming_body
from congvu.consult import actions as consult
from congvu.consult.models import ConsultationRequest
from congvu.consult.sweep import deem_overdue
from congvu.lib import clock
from congvu.testing import PERSONAS, WALK_JANUARY, walked_item, working_item
from congvu.work import actions as work
from congvu.work.models import Event, EventKind, Outcome, State, WorkItem

pytestmark = pytest.mark.django_db
PAGE_STEP = re.compile(r'id="next-step-title">Bước tiếp theo: ([^<]+)</h2>')
REPLY_FORM = re.compile(r'action="/xin-y-kien/\d+/tra-loi/"')


def registered(p, api_as) -> int:
    response = api_as(p.construction_clerk).post("/api/incoming", incoming_body(p))
    assert response.status_code == 201, response.content.decode()
    return response.json()["id"]


def item_events(item_id: int) -> list[tuple[str, str]]:
    return list(Event.objects.filter(item_id=item_id).order_by("seq").values_list("kind", "outcome"))


def test_naming_the_officer_directs_and_assigns_in_one_call(province, api_as):
    p = province
    item_id = registered(p, api_as)
    answer = api_as(p.construction_head).post(f"/api/items/{item_id}/direct", {
        "lead_unit": p.construction.pk, "holder": p.construction_officer.pk, "cooperating": [p.finance.pk]})
    assert answer.status_code == 200, answer.content.decode()
    body = answer.json()
    assert (body["state"], body["holder_id"]) == ("in_progress", p.construction_officer.pk)
    assert [s["kind"] for s in body["steps"]] == ["present", "assign", "handle"]
    assert item_events(item_id)[-2:] == [(EventKind.DIRECT, Outcome.DONE), (EventKind.ASSIGN, Outcome.DONE)]
    assert body["next_step"] is None  # the head has nothing left to do: the officer handles it
    officer_view = api_as(p.construction_officer).get(f"/api/items/{item_id}").json()
    assert officer_view["next_step"]["code"] == "complete"


@pytest.mark.parametrize("lead, officer", [("construction", "finance_officer"), ("finance", "construction_officer")])
def test_an_officer_outside_the_lead_unit_is_refused_and_nothing_changes(province, api_as, lead, officer):
    p = province
    item_id = registered(p, api_as)
    before = item_events(item_id)
    for language in ("vi", "en"):
        refused = api_as(p.construction_head, language).post(f"/api/items/{item_id}/direct", {
            "lead_unit": getattr(p, lead).pk, "holder": getattr(p, officer).pk})
        assert refused.status_code == 409, refused.content.decode()
        body = refused.json()
        assert body["message_vi"] and body["message_en"]
        assert body["message"] == body[f"message_{language}"]
    item = WorkItem.objects.get(pk=item_id)
    assert (item.state, item.holder_id) == (State.REGISTERED, p.construction_head.pk)
    after = item_events(item_id)[len(before):]
    # Neither the direction nor the assignment stayed; each refused attempt is on the trail.
    assert [outcome for _kind, outcome in after] == [Outcome.REFUSED, Outcome.REFUSED]


def test_the_same_refusal_as_the_action_itself_for_an_officer_of_another_unit(province, api_as):
    p = province
    item_id = registered(p, api_as)
    refused = api_as(p.construction_head).post(f"/api/items/{item_id}/direct", {
        "lead_unit": p.construction.pk, "holder": p.finance_officer.pk})
    assert (refused.json()["code"], refused.json()["clause"]) == ("R-1.3-STEP-HOLDER", "1.3")


def test_an_unknown_officer_is_404_and_directing_without_one_leaves_the_assignment(province, api_as):
    p = province
    item_id = registered(p, api_as)
    head = api_as(p.construction_head)
    assert head.post(f"/api/items/{item_id}/direct", {"lead_unit": p.construction.pk, "holder": 99999}
                     ).status_code == 404
    directed = head.post(f"/api/items/{item_id}/direct", {"lead_unit": p.construction.pk}).json()
    assert directed["state"] == "directed"
    assert directed["next_step"]["code"] == "assign"


def test_the_next_step_has_its_code_and_both_labels_in_the_readers_language(province, api_as):
    p = province
    item_id = registered(p, api_as)
    vietnamese = api_as(p.construction_head).get(f"/api/items/{item_id}").json()["next_step"]
    english = api_as(p.construction_head, "en").get(f"/api/items/{item_id}").json()["next_step"]
    assert vietnamese == {"code": "direct", "label": "Cho ý kiến chỉ đạo",
                          "label_vi": "Cho ý kiến chỉ đạo", "label_en": "Direct"}
    assert english == {**vietnamese, "label": "Direct"}
    assert api_as(p.construction_clerk).get(f"/api/items/{item_id}").json()["next_step"] is None


def disagreed(p) -> WorkItem:
    """A Province matter Finance disagreed with in time: the lead unit's head meets Finance's first."""
    item = working_item(p, p.planning_approval)
    consult.ask(item, actor=p.construction_officer, units=[p.finance], question="Nguồn vốn?", reply_days=3)
    consult.reply(ConsultationRequest.objects.get(item=item), actor=p.finance_head, position="disagree",
                  reasons="Chưa bố trí được vốn")
    return item


def owed(p) -> WorkItem:
    item = working_item(p, cooperating=[p.finance])
    consult.ask(item, actor=p.construction_officer, units=[p.finance], question="Ý kiến về nguồn vốn")
    return item


def just_registered(p) -> WorkItem:
    return work.register_incoming(actor=p.construction_clerk, unit=p.construction, matter_type=p.building_permit,
                                  sender="Công ty TNHH Sông Cầu", subject="Giấy phép xây dựng nhà xưởng")


def directed(p) -> WorkItem:
    item = just_registered(p)
    return work.direct(item, actor=p.construction_head, lead_unit=p.construction)


def extension_asked(p) -> WorkItem:
    """Construction extends by itself as far as the building permit lets it, then asks the Province office."""
    item = just_registered(p)
    work.extend_deadline(item, actor=p.construction_head, new_due=date(2026, 4, 14), reason="Chờ bổ sung hồ sơ")
    work.extend_deadline(item, actor=p.construction_head, new_due=date(2026, 4, 30), reason="Chờ thẩm định")
    return item


def notice_unsigned(p) -> WorkItem:
    """Transport stayed silent in January: the sweep drafted the notice Construction's head signs."""
    with clock.travel_to(WALK_JANUARY):
        item = working_item(p)
        consult.ask(item, actor=p.construction_officer, units=[p.transport], question="Ý kiến về giao thông")
    deem_overdue()
    return item


# Who has a step in front on each item (everyone else: none).
EXPECTED = {"registered": {"head": "direct"}, "directed": {"head": "assign"},
            "walked": {"consulted unit": "reply"}, "owed a reply": {"consulted unit": "reply"},
            "disagreed": {"head": "reconcile", "officer": "submit"},
            "extension asked": {"head": "direct", "Province office": "decide_extension"},
            "notice unsigned": {"head": "sign_notice", "officer": "submit"}}
ITEMS = {"registered": just_registered, "directed": directed, "walked": lambda p: walked_item(p).item,
         "owed a reply": owed, "disagreed": disagreed, "extension asked": extension_asked,
         "notice unsigned": notice_unsigned}


@pytest.mark.parametrize("case", list(ITEMS))
def test_the_api_and_the_page_put_the_same_step_in_front_for_every_persona(province, client_of, api_as, case):
    item = ITEMS[case](province)
    seen = {}
    for who, name in PERSONAS.items():
        official = getattr(province, name)
        answer = api_as(official).get(f"/api/items/{item.pk}")
        if answer.status_code in (403, 404):
            continue  # the outsider sees neither the page nor the item
        step = answer.json()["next_step"]
        page = client_of(official).get(f"/cong-viec/{item.pk}/").content.decode()
        if answer.json()["view"] == "consulted":
            # A unit only consulted gets its requests' page, the reply form open where it owes one.
            assert (step and step["code"]) == ("reply" if REPLY_FORM.search(page) else None), who
        else:
            assert PAGE_STEP.findall(page) == ([step["label_vi"]] if step else []), who
        seen[who] = step and step["code"]
    assert {who: code for who, code in seen.items() if code} == EXPECTED[case]
