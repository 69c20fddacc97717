"""Access is checked before any rule: whoever may not take an action is refused for who they are
(403 on the page, 403 or 404 in the API) and leaves nothing in the item's trail: a refused attempt
written to the trail counts against the lead unit, so a stranger must not be able to write one.

Every action, through the web form and through its API endpoint, is tried by five officials who may
not take it: an outsider, the head of a consulted unit, a clerk, an officer who does not hold the
work, and the head of an unrelated unit. An action that has no page or no endpoint yet (deciding an
extension in the API, Home Affairs' finding on a send-back in either) is tried through its action
function instead, the one door both would go through."""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import pytest
from django.test import Client

from congvu.api.actions import issue_token
from congvu.consult import actions as consult
from congvu.consult import sweep as consult_sweep
from congvu.consult.models import ConsultationRequest, ConsultationSendBackGrounds, Notice, ReplyPosition, RequestState
from congvu.lib import clock
from congvu.lib.refusals import AccessDenied
from congvu.lib.workdays import TZ
from congvu.org.models import Official, Title
from congvu.registry.queries import current_calendar
from congvu.testing import Province, consulted_item, make_official, working_item
from congvu.work import actions
from congvu.work.models import Event, ExtensionRequest, ExtensionStatus, State, WorkItem

pytestmark = pytest.mark.usefixtures("at_morning")
# Finance's request asked at MORNING (Tuesday 03/03/2026, 5 working days) ran out at 10/03 24:00.
PAST_REPLY_DUE = datetime(2026, 3, 11, 0, 0, tzinfo=TZ)


@dataclass
class World:
    p: Province
    other_officer: Official  # of the lead unit, not holding the work
    registered: WorkItem     # waiting for its direction
    working: WorkItem        # in progress; Finance was consulted and agreed
    submitted: WorkItem      # at the Province; Finance was consulted and agreed
    request: ConsultationRequest  # Finance's pending request on a third item, also put to Transport
    extension: ExtensionRequest   # Construction's, past its own limit: pending at the Province office
    notice: Notice                # unsigned draft: Finance stayed silent, Construction's head signs it
    sent_back: ConsultationRequest  # Finance sent it back; Home Affairs has not found on it yet


def asked_item(p: Province, units: list, answer: bool) -> WorkItem:
    """A working item on which `units` were asked; with `answer`, each agreed."""
    item = working_item(p)
    consultation = consult.ask(item, actor=p.construction_officer, units=units, question="Ý kiến về nguồn vốn")
    if answer:
        for request in consultation.requests.all():
            consult.reply(request, actor=p.finance_head, position=ReplyPosition.AGREE)
    item.refresh_from_db()
    return item


def deemed_notice(p: Province) -> Notice:
    """Finance stayed silent on Construction's request: the sweep drafted Construction's notice.
    Made before any other request of the world is pending, so the sweep deems only this one."""
    consulted_item(p)
    with clock.travel_to(PAST_REPLY_DUE):
        consult_sweep.deem_overdue()
    return Notice.objects.get()


def pending_extension(p: Province) -> ExtensionRequest:
    """A planning approval (no extension without the level above) on which Finance agreed; its lead
    unit's head asked for a week more: the Province office decides."""
    item = asked_item(p, [p.finance], answer=True)
    actions.extend_deadline(item, actor=p.construction_head, reason="Họp liên ngành",
                            new_due=current_calendar().add_working_days(item.due_date, 7))
    return ExtensionRequest.objects.get(item=item)


def sent_back_request(p: Province) -> ConsultationRequest:
    item, request = consulted_item(p)
    return consult.send_back(request, actor=p.finance_head, grounds=ConsultationSendBackGrounds.NOT_RELATED,
                             reason="Không liên quan đến tài chính")


@pytest.fixture
def world(province) -> World:
    p = province
    notice = deemed_notice(p)
    registered = actions.register_incoming(actor=p.construction_clerk, unit=p.construction,
                                           matter_type=p.building_permit, sender="Công ty A", subject="Cấp phép")
    submitted = asked_item(p, [p.finance], answer=True)
    consult.submit_to_province(submitted, actor=p.construction_officer, summary="Tờ trình")
    asking = asked_item(p, [p.finance, p.transport], answer=False)
    return World(
        p=p, other_officer=make_official("sxd.officer2", "Trương Văn Khác", p.construction, Title.OFFICER),
        registered=registered, working=asked_item(p, [p.finance], answer=True),
        submitted=WorkItem.objects.get(pk=submitted.pk),
        request=ConsultationRequest.objects.get(item=asking, unit=p.finance),
        extension=pending_extension(p), notice=notice, sent_back=sent_back_request(p),
    )


@dataclass(frozen=True)
class Attempt:
    """One action as a page posts it and as the API is called for it."""

    name: str
    target: str  # which item of the world, or "request", or another record of the world on an item
    web: str | None  # the form's address; {item}, {request}, {extension}, {notice}, {deemed} are filled in
    web_data: dict
    api: str | None
    api_body: dict
    act: Callable[[World, Official], object] | None = None  # the action itself, where a channel is missing

    def item_of(self, w: World) -> WorkItem:
        target = w.request if self.target == "request" else getattr(w, self.target)
        target = target.request if isinstance(target, Notice) else target  # a notice is on a request
        return target if isinstance(target, WorkItem) else WorkItem.objects.get(pk=target.item_id)


def units(w: World) -> dict:
    return {"construction": w.p.construction.pk, "finance": w.p.finance.pk, "transport": w.p.transport.pk,
            "officer": w.p.construction_officer.pk, "finance_officer": w.p.finance_officer.pk}


ATTEMPTS = [
    Attempt("direct", "registered", "/cong-viec/{item}/chi-dao/", {"lead_unit": "{construction}", "due_date": ""},
            "/api/items/{item}/direct", {"lead_unit": "{construction}"}),
    Attempt("assign", "working", "/cong-viec/{item}/phan-cong/", {"holder": "{officer}", "due_date": ""},
            "/api/items/{item}/assign", {"holder": "{officer}"}),
    Attempt("transfer", "working", "/cong-viec/{item}/chuyen/", {"to_unit": "{finance}"},
            "/api/items/{item}/transfer", {"to_unit": "{finance}"}),
    Attempt("return", "working", "/cong-viec/{item}/tra-lai/", {"grounds": "not_ours", "named_unit": "{finance}"},
            "/api/items/{item}/return", {"grounds": "not_ours", "named_unit": "{finance}"}),
    Attempt("submit", "working", "/cong-viec/{item}/trinh-tinh/", {"summary": "Tờ trình"},
            "/api/items/{item}/submit", {"summary": "Tờ trình"}),
    Attempt("decide", "submitted", "/cong-viec/{item}/quyet-dinh-tinh/", {"decision": "Đồng ý"},
            "/api/items/{item}/province-decision", {"decision": "Đồng ý"}),
    Attempt("send_back", "submitted", "/cong-viec/{item}/tra-lai-to-trinh/",
            {"grounds": "incomplete", "explanation": "Thiếu hồ sơ"},
            "/api/items/{item}/send-back", {"grounds": "incomplete", "explanation": "Thiếu hồ sơ"}),
    Attempt("complete", "working", "/cong-viec/{item}/hoan-thanh/", {"result": "Xong"},
            "/api/items/{item}/complete", {"result": "Xong"}),
    Attempt("extend", "working", "/cong-viec/{item}/gia-han/", {"new_due": "30/04/2026", "reason": "Chờ hồ sơ"},
            "/api/items/{item}/extend", {"new_due": "2026-04-30", "reason": "Chờ hồ sơ"}),
    Attempt("ask", "working", "/cong-viec/{item}/xin-y-kien/",
            {"units": ["{transport}"], "question": "Ý kiến?", "reply_days": "5"},
            "/api/items/{item}/consultations", {"units": ["{transport}"], "question": "Ý kiến?"}),
    Attempt("assign_request", "request", "/xin-y-kien/{request}/phan-cong/", {"holder": "{finance_officer}"},
            "/api/consultation-requests/{request}/assign", {"holder": "{finance_officer}"}),
    Attempt("reply", "request", "/xin-y-kien/{request}/tra-loi/", {"position": "agree"},
            "/api/consultation-requests/{request}/reply", {"position": "agree"}),
    Attempt("reconcile", "request", "/xin-y-kien/{request}/lam-viec-truc-tiep/",
            {"held_on": "03/03/2026", "attendees": "Hai giám đốc", "outcome": "agreed"},
            "/api/consultation-requests/{request}/reconciliation",
            {"held_on": "2026-03-03", "attendees": "Hai giám đốc", "outcome": "agreed"}),
    Attempt("decide_extension", "extension", "/cong-viec/{item}/gia-han/{extension}/quyet-dinh/",
            {"approve": "yes", "reason": "Đồng ý gia hạn"}, None, {},
            lambda w, actor: actions.decide_extension(w.extension, actor=actor, approve=True, reason="Đồng ý")),
    Attempt("sign_notice", "notice", "/thong-bao/{notice}/ky-ban-hanh/", {},
            "/api/consultation-requests/{deemed}/notice/sign", {}),
    Attempt("find_on_send_back", "sent_back", None, {}, None, {},
            lambda w, actor: consult.find_on_send_back(w.sent_back, actor=actor, upheld=False)),
]
CHANNELS = {"web": lambda a: a.web, "api": lambda a: a.api, "action": lambda a: a.act}
CASES = [(channel, a) for channel, has in CHANNELS.items() for a in ATTEMPTS if has(a)]
PERSONAS = ["outsider", "consulted_head", "clerk", "officer_not_holding", "other_head"]


def persona(w: World, name: str, attempt: Attempt) -> Official:
    """The official playing `name` for this attempt. On a consultation request, the consulted head is
    the head of the other unit consulted on the item, and the officer is one of the asked unit who
    does not hold the request; where the Province office decides (the Province's decision, a send-back,
    an extension past the lead unit's limit) the clerk is the Province office's. Who may act is never
    among them: the Province office's head, Construction's head for its notice, Home Affairs' inspector."""
    on_request = attempt.target == "request"
    return {
        "outsider": w.p.outsider,
        "consulted_head": w.p.transport_head if on_request else w.p.finance_head,
        "clerk": (w.p.office_clerk if attempt.name in ("decide", "send_back", "decide_extension")
                  else w.p.construction_clerk),
        "officer_not_holding": w.p.finance_officer if on_request else w.other_officer,
        "other_head": w.p.commune_head,
    }[name]


def filled(value, w: World, attempt: Attempt):
    ids = {**units(w), "item": attempt.item_of(w).pk, "request": w.request.pk, "extension": w.extension.pk,
           "notice": w.notice.pk, "deemed": w.notice.request_id}
    if isinstance(value, list):
        return [filled(v, w, attempt) for v in value]
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    return value.format(**ids) if isinstance(value, str) else value


def post_form(official: Official, attempt: Attempt, w: World):
    client = Client()
    client.force_login(official.user)
    return client.post(filled(attempt.web, w, attempt), {k: filled(v, w, attempt) for k, v in attempt.web_data.items()})


def call_api(official: Official, attempt: Attempt, w: World):
    token = issue_token(official=official, name="pytest")[1]
    body = {k: filled(v, w, attempt) for k, v in attempt.api_body.items()}
    return Client().post(filled(attempt.api, w, attempt), json.dumps(body), content_type="application/json",
                         headers={"Authorization": f"Bearer {token}"})


def trail(item: WorkItem) -> tuple[int, str, int]:
    item.refresh_from_db()
    return item.event_count, item.last_hash, Event.objects.filter(item=item).count()


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize(("channel", "attempt"), CASES, ids=[f"{c}-{a.name}" for c, a in CASES])
def test_who_may_not_act_is_refused_before_any_rule_and_leaves_no_trail(world, channel, attempt, who):
    official = persona(world, who, attempt)
    item = attempt.item_of(world)
    before = trail(item)
    if channel == "web":
        assert post_form(official, attempt, world).status_code == 403
    elif channel == "action":
        with pytest.raises(AccessDenied):
            attempt.act(world, official)
    else:
        response = call_api(official, attempt, world)
        assert response.status_code in (403, 404), response.content
        assert response.json()["code"] in ("ACCESS-DENIED", "NOT-FOUND")
    assert trail(item) == before
    assert WorkItem.objects.filter(transferred_from=item).count() == 0


WEB_ATTEMPTS = [a for c, a in CASES if c == "web"]


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize("attempt", WEB_ATTEMPTS, ids=[a.name for a in WEB_ATTEMPTS])
def test_who_may_not_act_is_refused_before_their_input_is_read(world, attempt, who):
    """An empty or malformed form from someone who may not act is refused for who they are (403), not
    answered with the form's errors: the input of a person without the right is never judged."""
    official = persona(world, who, attempt)
    client = Client()
    client.force_login(official.user)
    before = trail(attempt.item_of(world))
    assert client.post(filled(attempt.web, world, attempt), {"reason": "\x01"}).status_code == 403
    assert trail(attempt.item_of(world)) == before


def test_the_world_is_set_as_the_attempts_expect(world):
    """The refusals above are refusals of access, not of state: each item is where its actions apply."""
    assert world.registered.state == State.REGISTERED
    assert world.working.state == State.IN_PROGRESS and world.working.holder == world.p.construction_officer
    assert world.submitted.state == State.SUBMITTED
    assert world.request.state == "pending" and world.request.holder == world.p.finance_head
    assert world.extension.status == ExtensionStatus.PENDING
    assert not world.notice.is_signed and world.notice.unit == world.p.construction
    assert world.sent_back.state == RequestState.SENT_BACK and world.sent_back.send_back_upheld is None


# Who may take the three later actions, none of them a persona above.
MAY_ACT = {"decide_extension": "office_head", "sign_notice": "construction_head", "find_on_send_back": "inspector"}
THEIRS = [(channel, a) for channel, a in CASES if a.name in MAY_ACT]


@pytest.mark.parametrize(("channel", "attempt"), THEIRS, ids=[f"{c}-{a.name}" for c, a in THEIRS])
def test_the_one_who_may_act_gets_through_the_same_attempt(world, channel, attempt):
    """The refusals above are of the person: the same attempt by whoever may act is done, in the trail."""
    official = getattr(world.p, MAY_ACT[attempt.name])
    assert official not in {persona(world, who, attempt) for who in PERSONAS}
    item = attempt.item_of(world)
    before = trail(item)
    if channel == "web":
        assert post_form(official, attempt, world).status_code == 302
    elif channel == "action":
        attempt.act(world, official)
    else:
        response = call_api(official, attempt, world)
        assert response.status_code == 200, response.content
    assert trail(item)[0] == before[0] + 1
