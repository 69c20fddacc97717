"""Work items: the list an official may see, one item with its whole story, and every action on it.
Each action endpoint parses its body, resolves the ids, calls the one action in
`congvu.work.actions` / `congvu.consult.actions`, and answers with the item as it now stands."""

from django.http import HttpRequest
from ninja import Path, Query, Router, Status

from congvu.api import resolve, serialize
from congvu.api.errors import ACTION, FILTERED, ONE_OBJECT
from congvu.api.fields import MAX_ID
from congvu.api.inputs import (
    AssignIn,
    CompleteIn,
    ConsultIn,
    DecisionIn,
    DirectIn,
    ExtendIn,
    IncomingIn,
    ItemFilters,
    ReturnIn,
    SendBackIn,
    SubmitIn,
    TransferIn,
)
from congvu.api.routers.common import answers, caller, post_action, then
from congvu.api.routers.consultations import REQUEST_ACTIONS
from congvu.api.schemas import ConsultationOut, ItemDetail, ItemPage
from congvu.consult import actions as consult
from congvu.oversight.listing import Filters, apply, text_matches
from congvu.work import actions
from congvu.work.access import visible_items
from congvu.work.direct_assign import direct_and_assign
from congvu.work.models import WorkItem

router = Router(tags=["Công việc"])


# What can be done with an item an answer returns (the paths below, and the item itself).
ITEM_ACTIONS = ("get_item", "direct", "assign", "transfer", "return_document", "submit", "province_decision",
                "send_back", "complete", "extend", "ask")


def next_on_item(status: int = 200) -> dict:
    return then(status, "item_id", "$response.body#/id", ITEM_ACTIONS)


def ItemId():  # noqa: N802 - used like a type in the signatures: item_id: int = ItemId()
    return Path(..., ge=1, le=MAX_ID, description="Số hiệu công việc")


def filtered(items, f: ItemFilters):
    """The same filters, with the same meaning, as the web's item list (congvu.oversight.listing)."""
    wanted = Filters(q=(f.q or "").strip(), unit=f.unit, state=f.state or "", matter_type=f.matter_type,
                     due_from=f.due_from, due_to=f.due_to, holder=f.holder)
    return apply(items, wanted, text_matches(wanted.q))


@router.get("/items", response=answers(ItemPage, FILTERED), summary="Công việc tôi được xem (lọc, phân trang)")
def list_items(request: HttpRequest, filters: Query[ItemFilters]):
    # visible_items() may join co-operating units (DISTINCT): page over ids, then load the page.
    ids = filtered(visible_items(caller(request)), filters).order_by("due_at", "id").values_list("pk", flat=True)
    count = ids.count()
    page = list(ids[filters.offset: filters.offset + filters.limit])
    by_id = {row["id"]: row for row in serialize.item_rows(WorkItem.objects.filter(pk__in=page))}
    return {"count": count, "limit": filters.limit, "offset": filters.offset, "items": [by_id[pk] for pk in page]}


@router.get("/items/{item_id}", response=answers(ItemDetail, ONE_OBJECT),
            summary="Một công việc: các bước, nhật ký (kể cả từ chối, Thủ trưởng quyết định thực hiện), xin ý kiến")
def get_item(request: HttpRequest, item_id: int = ItemId()):
    official = caller(request)
    return serialize.item_detail(resolve.item(official, item_id).pk, official)


@router.post("/incoming", response=answers(ItemDetail, ACTION, 201), openapi_extra=next_on_item(201),
             summary="Vào sổ văn bản đến (mở công việc)")
def register_incoming(request: HttpRequest, payload: IncomingIn):
    official = caller(request)
    item = actions.register_incoming(
        actor=official, unit=resolve.unit(payload.unit, "unit"), matter_type=resolve.matter_type(payload.matter_type),
        sender=payload.sender, subject=payload.subject, notation=payload.notation, issued_on=payload.issued_on,
        doc_type=payload.doc_type, reply_due=payload.reply_due, priority=payload.priority,
        requester_unit=resolve.unit_or_none(payload.requester_unit, "requester_unit"),
    )
    return Status(201, serialize.item_detail(item.pk, official))


def on_item(path: str, name: str, body: type, summary: str, act) -> None:
    """POST /items/{item_id}/`path`: `act(item, caller, payload)`, answered with the item as it now stands."""
    post_action(router, f"/items/{{item_id}}/{path}", name=name, summary=summary, body=body,
                object_id=("item_id", ItemId()), find=resolve.item, act=act,
                answer=lambda item, official: serialize.item_detail(item.pk, official),
                response=answers(ItemDetail, ACTION), openapi_extra=next_on_item())


def direct(item: WorkItem, actor, payload: DirectIn) -> None:
    given = {"lead_unit": resolve.unit(payload.lead_unit, "lead_unit"),
             "cooperating": resolve.units(payload.cooperating, "cooperating"),
             "due_date": resolve.calendar_date(payload.due_date, "due_date"), "note": payload.note,
             "override_reason": payload.override_reason}
    if payload.holder is None:
        actions.direct(item, actor=actor, **given)
    else:  # the officer named: directed and assigned in one step, both in the trail or neither (issue 12)
        direct_and_assign(item, actor=actor, holder=resolve.official(payload.holder, "holder"), **given)


def assign(item: WorkItem, actor, payload: AssignIn) -> None:
    holder = resolve.official(payload.holder, "holder") if payload.holder is not None else None
    actions.assign(item, actor=actor, holder=holder, due_date=resolve.calendar_date(payload.due_date, "due_date"),
                   note=payload.note)


on_item("direct", "direct", DirectIn, "Chỉ đạo: đơn vị chủ trì, phối hợp, hạn; nêu cán bộ (holder) thì phân công luôn",
        direct)
on_item("assign", "assign", AssignIn, "Phân công một cán bộ giữ bước xử lý", assign)
on_item("transfer", "transfer", TransferIn, "Chuyển đơn vị có thẩm quyền (transferred_to_id: công việc mới)",
        lambda item, actor, p: actions.transfer(item, actor=actor, to_unit=resolve.unit(p.to_unit, "to_unit"),
                                                reason=p.reason, override_reason=p.override_reason))
on_item("return", "return_document", ReturnIn, "Trả lại văn bản (Mục 2.1)",
        lambda item, actor, p: actions.return_document(
            item, actor=actor, grounds=p.grounds, named_unit=resolve.unit_or_none(p.named_unit, "named_unit"),
            reason=p.reason, override_reason=p.override_reason))
on_item("submit", "submit", SubmitIn, "Trình UBND tỉnh (Mục 1.4, 2.3)",
        lambda item, actor, p: consult.submit_to_province(item, actor=actor, summary=p.summary,
                                                          override_reason=p.override_reason))
on_item("province-decision", "province_decision", DecisionIn, "Văn phòng UBND tỉnh ghi nhận quyết định của tỉnh",
        lambda item, actor, p: actions.record_province_decision(item, actor=actor, decision=p.decision))
on_item("send-back", "send_back", SendBackIn, "Văn phòng UBND tỉnh trả lại tờ trình cho đơn vị (Mục 1.4)",
        lambda item, actor, p: actions.send_back_submission(item, actor=actor, grounds=p.grounds,
                                                            explanation=p.explanation))
on_item("complete", "complete", CompleteIn, "Hoàn thành, ghi kết quả",
        lambda item, actor, p: actions.complete(item, actor=actor, result=p.result, override_reason=p.override_reason,
                                                delay_cause=p.delay_cause, delay_note=p.delay_note))
on_item("extend", "extend", ExtendIn, "Gia hạn (Mục 1.5)",
        lambda item, actor, p: actions.extend_deadline(
            item, actor=actor, new_due=resolve.calendar_date(p.new_due, "new_due"), reason=p.reason))


@router.post("/items/{item_id}/consultations", response=answers(ConsultationOut, ACTION, 201),
             openapi_extra=then(201, "request_id", "$response.body#/requests/0/id", REQUEST_ACTIONS),
             summary="Xin ý kiến các đơn vị liên quan (Mục 2.2)")
def ask(request: HttpRequest, payload: ConsultIn, item_id: int = ItemId()):
    item = resolve.item(caller(request), item_id)
    consultation = consult.ask(item, actor=caller(request), units=resolve.units(payload.units, "units"),
                               question=payload.question, proposal=payload.proposal, reply_days=payload.reply_days,
                               shares_original=payload.shares_original, override_reason=payload.override_reason)
    return Status(201, serialize.consultation_detail(consultation.pk))
