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
from congvu.api.routers.common import answers, caller, then
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


def done(request: HttpRequest, item: WorkItem):
    return serialize.item_detail(item.pk, caller(request))


@router.post("/items/{item_id}/direct", response=answers(ItemDetail, ACTION), openapi_extra=next_on_item(),
             summary="Chỉ đạo: đơn vị chủ trì, phối hợp, hạn; nêu cán bộ (holder) thì phân công luôn")
def direct(request: HttpRequest, payload: DirectIn, item_id: int = ItemId()):
    item = resolve.item(caller(request), item_id)
    given = {"lead_unit": resolve.unit(payload.lead_unit, "lead_unit"),
             "cooperating": resolve.units(payload.cooperating, "cooperating"),
             "due_date": resolve.calendar_date(payload.due_date, "due_date"), "note": payload.note,
             "override_reason": payload.override_reason}
    if payload.holder is None:
        actions.direct(item, actor=caller(request), **given)
    else:  # the officer named: directed and assigned in one step, both in the trail or neither (issue 12)
        direct_and_assign(item, actor=caller(request), holder=resolve.official(payload.holder, "holder"), **given)
    return done(request, item)


@router.post("/items/{item_id}/assign", response=answers(ItemDetail, ACTION), openapi_extra=next_on_item(),
             summary="Phân công một cán bộ giữ bước xử lý")
def assign(request: HttpRequest, payload: AssignIn, item_id: int = ItemId()):
    item = resolve.item(caller(request), item_id)
    holder = resolve.official(payload.holder, "holder") if payload.holder is not None else None
    actions.assign(item, actor=caller(request), holder=holder,
                   due_date=resolve.calendar_date(payload.due_date, "due_date"), note=payload.note)
    return done(request, item)


@router.post("/items/{item_id}/transfer", response=answers(ItemDetail, ACTION), openapi_extra=next_on_item(),
             summary="Chuyển đơn vị có thẩm quyền (transferred_to_id: công việc mới)")
def transfer(request: HttpRequest, payload: TransferIn, item_id: int = ItemId()):
    item = resolve.item(caller(request), item_id)
    actions.transfer(item, actor=caller(request), to_unit=resolve.unit(payload.to_unit, "to_unit"),
                     reason=payload.reason, override_reason=payload.override_reason)
    return done(request, item)


@router.post("/items/{item_id}/return", response=answers(ItemDetail, ACTION), openapi_extra=next_on_item(),
             summary="Trả lại văn bản (Mục 2.1)")
def return_document(request: HttpRequest, payload: ReturnIn, item_id: int = ItemId()):
    item = resolve.item(caller(request), item_id)
    actions.return_document(item, actor=caller(request), grounds=payload.grounds,
                            named_unit=resolve.unit_or_none(payload.named_unit, "named_unit"),
                            reason=payload.reason, override_reason=payload.override_reason)
    return done(request, item)


@router.post("/items/{item_id}/submit", response=answers(ItemDetail, ACTION), openapi_extra=next_on_item(),
             summary="Trình UBND tỉnh (Mục 1.4, 2.3)")
def submit(request: HttpRequest, payload: SubmitIn, item_id: int = ItemId()):
    item = resolve.item(caller(request), item_id)
    consult.submit_to_province(item, actor=caller(request), summary=payload.summary,
                               override_reason=payload.override_reason)
    return done(request, item)


@router.post("/items/{item_id}/province-decision", response=answers(ItemDetail, ACTION), openapi_extra=next_on_item(),
             summary="Văn phòng UBND tỉnh ghi nhận quyết định của tỉnh")
def province_decision(request: HttpRequest, payload: DecisionIn, item_id: int = ItemId()):
    item = resolve.item(caller(request), item_id)
    actions.record_province_decision(item, actor=caller(request), decision=payload.decision)
    return done(request, item)


@router.post("/items/{item_id}/send-back", response=answers(ItemDetail, ACTION), openapi_extra=next_on_item(),
             summary="Văn phòng UBND tỉnh trả lại tờ trình cho đơn vị (Mục 1.4)")
def send_back(request: HttpRequest, payload: SendBackIn, item_id: int = ItemId()):
    item = resolve.item(caller(request), item_id)
    actions.send_back_submission(item, actor=caller(request), grounds=payload.grounds,
                                 explanation=payload.explanation)
    return done(request, item)


@router.post("/items/{item_id}/complete", response=answers(ItemDetail, ACTION), openapi_extra=next_on_item(),
             summary="Hoàn thành, ghi kết quả")
def complete(request: HttpRequest, payload: CompleteIn, item_id: int = ItemId()):
    item = resolve.item(caller(request), item_id)
    actions.complete(item, actor=caller(request), result=payload.result, override_reason=payload.override_reason,
                     delay_cause=payload.delay_cause, delay_note=payload.delay_note)
    return done(request, item)


@router.post("/items/{item_id}/extend", response=answers(ItemDetail, ACTION), openapi_extra=next_on_item(),
             summary="Gia hạn (Mục 1.5)")
def extend(request: HttpRequest, payload: ExtendIn, item_id: int = ItemId()):
    item = resolve.item(caller(request), item_id)
    actions.extend_deadline(item, actor=caller(request), new_due=resolve.calendar_date(payload.new_due, "new_due"),
                            reason=payload.reason)
    return done(request, item)


@router.post("/items/{item_id}/consultations", response=answers(ConsultationOut, ACTION, 201),
             openapi_extra=then(201, "request_id", "$response.body#/requests/0/id", REQUEST_ACTIONS),
             summary="Xin ý kiến các đơn vị liên quan (Mục 2.2)")
def ask(request: HttpRequest, payload: ConsultIn, item_id: int = ItemId()):
    item = resolve.item(caller(request), item_id)
    consultation = consult.ask(item, actor=caller(request), units=resolve.units(payload.units, "units"),
                               question=payload.question, proposal=payload.proposal, reply_days=payload.reply_days,
                               shares_original=payload.shares_original, override_reason=payload.override_reason)
    return Status(201, serialize.consultation_detail(consultation.pk))
