"""Consultation requests addressed to my units: list, name who prepares the reply, reply, and the
heads' meeting over a disagreement (clauses 2.2 and 2.3)."""

from django.http import HttpRequest
from ninja import Path, Query, Router, Status

from congvu.api import resolve, serialize
from congvu.api.errors import ACTION, FILTERED, ONE_OBJECT
from congvu.api.fields import MAX_ID
from congvu.api.inputs import ConsultationSendBackIn, ReconciliationIn, ReplyIn, RequestAssignIn, RequestFilters
from congvu.api.routers.common import answers, caller, post_action
from congvu.api.schemas import ReconciliationOut, RequestOut, RequestPage
from congvu.consult import actions as consult
from congvu.consult.models import Notice
from congvu.consult.queries import requests_to_unit
from congvu.lib.clock import today
from congvu.lib.refusals import InvalidState
from congvu.registry.serving import is_leader, unit_ids_of
from congvu.work.access import deny

router = Router(tags=["Xin ý kiến"])
# What can be done with a consultation request an answer names.
REQUEST_ACTIONS = ("get_request", "assign_request", "reply", "send_back_request", "sign_notice", "reconcile")


def RequestId():  # noqa: N802 - used like a type in the signatures
    return Path(..., ge=1, le=MAX_ID, description="Số hiệu yêu cầu xin ý kiến")


@router.get("/consultation-requests", response=answers(RequestPage, FILTERED),
            summary="Yêu cầu xin ý kiến gửi đến các đơn vị của tôi")
def list_requests(request: HttpRequest, filters: Query[RequestFilters]):
    found = requests_to_unit(unit_ids_of(caller(request), today())).select_related("notice__unit")
    if filters.state:
        found = found.filter(state=filters.state)
    found = found.order_by("state", "due_at", "id")
    page = found[filters.offset: filters.offset + filters.limit]
    return {"count": found.count(), "limit": filters.limit, "offset": filters.offset,
            "requests": [serialize.request_row(r) for r in page]}


@router.get("/consultation-requests/{request_id}", response=answers(RequestOut, ONE_OBJECT),
            summary="Một yêu cầu xin ý kiến")
def get_request(request: HttpRequest, request_id: int = RequestId()):
    return serialize.request_detail(resolve.request(caller(request), request_id).pk)


def on_request(path: str, name: str, body: type, summary: str, act) -> None:
    """POST /consultation-requests/{request_id}/`path`: `act(request, caller, payload)`, answered with the
    request as it now stands."""
    post_action(router, f"/consultation-requests/{{request_id}}/{path}", name=name, summary=summary, body=body,
                object_id=("request_id", RequestId()), find=resolve.request, act=act,
                answer=lambda found, official: serialize.request_detail(found.pk),
                response=answers(RequestOut, ACTION))


on_request("assign", "assign_request", RequestAssignIn, "Lãnh đạo đơn vị được lấy ý kiến giao người chuẩn bị trả lời",
           lambda found, actor, p: consult.assign_request(found, actor=actor,
                                                          holder=resolve.official(p.holder, "holder")))
on_request("reply", "reply", ReplyIn, "Trả lời: đồng ý / đồng ý có bổ sung / không đồng ý, có lý do (Mục 2.2)",
           lambda found, actor, p: consult.reply(found, actor=actor, position=p.position, reasons=p.reasons))
on_request("send-back", "send_back_request", ConsultationSendBackIn,
           "Đơn vị được lấy ý kiến trả lại yêu cầu, nêu căn cứ: không liên quan hoặc là việc của "
           "chính đơn vị xin ý kiến (Mục 2.2)",
           lambda found, actor, p: consult.send_back(found, actor=actor, grounds=p.grounds, reason=p.reason))


@router.post("/consultation-requests/{request_id}/notice/sign", response=answers(RequestOut, ACTION),
             summary="Thủ trưởng (hoặc cấp phó) đơn vị xin ý kiến ký ban hành thông báo coi như đồng ý: "
                     "lấy số trong sổ văn bản đi, ghi ngày ký (ngày làm việc)")
def sign_notice(request: HttpRequest, request_id: int = RequestId()):
    found = resolve.request(caller(request), request_id)
    notice = Notice.objects.filter(request=found).first()
    if not is_leader(caller(request), found.consultation.asking_unit_id, today()):
        raise deny("ký ban hành thông báo này", "sign this notice")  # who they are, before the state
    if notice is None:
        raise InvalidState("Yêu cầu này không có dự thảo thông báo.", "This request has no draft notice.")
    consult.sign_notice(notice, actor=caller(request))
    return serialize.request_detail(found.pk)


@router.post("/consultation-requests/{request_id}/reconciliation", response=answers(ReconciliationOut, ACTION, 201),
             summary="Ghi nhận cuộc làm việc trực tiếp giữa thủ trưởng (Mục 2.3)")
def reconcile(request: HttpRequest, payload: ReconciliationIn, request_id: int = RequestId()):
    found = resolve.request(caller(request), request_id)
    meeting = consult.record_reconciliation(
        found, actor=caller(request), held_on=payload.held_on, attendees=payload.attendees,
        outcome=payload.outcome, lead_view=payload.lead_view, other_view=payload.other_view,
    )
    return Status(201, serialize.reconciliation_row(meeting))
