"""The backlog review (clause 1.5) and the trail's XES export, for Home Affairs and the units: the
same actions and reads as the pages under /ra-soat-ton-dong/ and /tong-hop/nhat-ky.xes."""

from datetime import date, timedelta

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status

from congvu.api.errors import ACTION, AUTH, FILTERED, ONE_OBJECT, not_found
from congvu.api.fields import MAX_ID, BodyId, BodyInt, InputDate, LocalDateTime, Text
from congvu.api.routers.common import answers, caller
from congvu.documents.xes import MAX_DAYS, Selection, may_export, xes_response
from congvu.lib.clock import today
from congvu.lib.refusals import AccessDenied, InvalidInput
from congvu.org.models import Official, Unit
from congvu.oversight import access, backlog
from congvu.oversight.models_backlog import BacklogCause, BacklogEntry, BacklogReason, BacklogRound

router = Router(tags=["Giám sát"])


class BacklogRoundIn(Schema):
    title: Text(200, required=True)
    cutoff: InputDate
    plans_due: InputDate
    long_running_days: BodyInt(ge=1, le=3650) = backlog.LONG_RUNNING_DAYS


class BacklogRoundOut(Schema):
    id: int
    title: str
    cutoff: date
    plans_due: date
    long_running_days: int
    opened_at: LocalDateTime


class UnitProgressOut(Schema):
    unit_id: int
    unit_name: str
    listed: int
    planned: int
    late: int


class BacklogEntryOut(Schema):
    id: int
    item_id: int
    item_title: str
    unit_id: int
    unit_name: str
    reason: BacklogReason
    decision_date: date | None
    cause: BacklogCause | None
    responsible_id: int | None
    note: str
    recorded_at: LocalDateTime | None
    recorded_late: bool


class BacklogRoundDetail(BacklogRoundOut):
    progress: list[UnitProgressOut]
    entries: list[BacklogEntryOut]


class BacklogPlanIn(Schema):
    decision_date: InputDate
    cause: BacklogCause
    responsible: BodyId = Field(description="Số hiệu cán bộ chịu trách nhiệm (thuộc đơn vị đang giữ công việc)")
    note: Text(2000) = ""


class XesFilter(Schema):
    since: InputDate | None = Field(None, alias="from", description="Từ ngày đăng ký (mặc định: 30 ngày trước)")
    until: InputDate | None = Field(None, alias="to", description="Đến ngày đăng ký (mặc định: hôm nay)")
    unit: int | None = Field(None, ge=1, le=MAX_ID, description="Chỉ các công việc đơn vị này chủ trì")


def round_row(r: BacklogRound) -> dict:
    return {f: getattr(r, f) for f in ("id", "title", "cutoff", "plans_due", "long_running_days", "opened_at")}


def entry_row(e: BacklogEntry) -> dict:
    return {"id": e.pk, "item_id": e.item_id, "item_title": e.item.title, "unit_id": e.unit_id,
            "unit_name": e.unit.name, "reason": e.reason, "decision_date": e.decision_date,
            "cause": e.cause or None, "responsible_id": e.responsible_id, "note": e.note,
            "recorded_at": e.recorded_at, "recorded_late": e.recorded_late}


def round_detail(official: Official, r: BacklogRound) -> dict:
    entries = access.visible_backlog_entries(official, r)
    return {**round_row(r), "progress": [vars(p) for p in backlog.progress(entries)],
            "entries": [entry_row(e) for e in entries]}


@router.get("/oversight/backlog-rounds", response=answers(list[BacklogRoundOut], AUTH),
            summary="Các đợt rà soát công việc tồn đọng mà tôi được xem (Mục 1.5)")
def list_backlog_rounds(request: HttpRequest):
    return [round_row(r) for r in access.visible_backlog_rounds(caller(request))[:200]]


@router.post("/oversight/backlog-rounds", response=answers(BacklogRoundDetail, ACTION, 201),
             summary="Sở Nội vụ mở đợt rà soát: liệt kê việc quá hạn, tồn đọng lâu của từng đơn vị")
def open_backlog_round(request: HttpRequest, payload: BacklogRoundIn):
    opened = backlog.open_round(actor=caller(request), title=payload.title, cutoff=payload.cutoff,
                                plans_due=payload.plans_due, long_running_days=payload.long_running_days)
    return Status(201, round_detail(caller(request), opened))


@router.get("/oversight/backlog-rounds/{round_id}", response=answers(BacklogRoundDetail, ONE_OBJECT),
            summary="Một đợt rà soát: tiến độ từng đơn vị và các việc tôi được xem, kèm kế hoạch")
def get_backlog_round(request: HttpRequest, round_id: int = Path(..., ge=1, le=MAX_ID)):
    found = backlog.round_for(caller(request), round_id)
    if found is None:
        raise not_found("đợt rà soát", "review round", round_id)
    return round_detail(caller(request), found)


@router.post("/oversight/backlog-entries/{entry_id}/plan", response=answers(BacklogEntryOut, ACTION),
             summary="Thủ trưởng ghi kế hoạch giải quyết việc tồn đọng: ngày, nguyên nhân, người chịu trách nhiệm")
def record_backlog_plan(request: HttpRequest, payload: BacklogPlanIn, entry_id: int = Path(..., ge=1, le=MAX_ID)):
    official = caller(request)
    entry = backlog.entry_for(official, entry_id)
    if entry is None:
        raise not_found("việc trong đợt rà soát", "backlog entry", entry_id)
    responsible = Official.objects.filter(pk=payload.responsible).first()
    if responsible is None:
        raise not_found("cán bộ", "official", payload.responsible)
    backlog.record_plan(entry, actor=official, decision_date=payload.decision_date, cause=payload.cause,
                        responsible=responsible, note=payload.note)
    return entry_row(BacklogEntry.objects.select_related("item", "unit").get(pk=entry.pk))


XES_ANSWER = {"responses": {200: {"description": "Nhật ký sự kiện XES (IEEE 1849-2016)",
                                  "content": {"application/xml": {"schema": {"type": "string"}}}}}}


@router.get("/oversight/xes", response=answers(str, FILTERED | {404, 409}), openapi_extra=XES_ANSWER,
            summary="Nhật ký công việc của một kỳ hoặc một đơn vị dạng XES để phân tích quy trình (Sở Nội vụ)")
def export_xes(request: HttpRequest, filters: Query[XesFilter]):
    if not may_export(caller(request)):
        raise AccessDenied("Chỉ Sở Nội vụ xuất nhật ký công việc để phân tích quy trình.",
                           "Only Home Affairs exports the trail for process mining.")
    until = filters.until or today()
    since = filters.since or until - timedelta(days=30)
    if since > until or (until - since).days > MAX_DAYS:
        raise InvalidInput("Khoảng thời gian phải từ 1 ngày đến một năm.", "The period must be one day to a year.")
    unit = None
    if filters.unit is not None:
        unit = Unit.objects.filter(pk=filters.unit).first()
        if unit is None:
            raise not_found("đơn vị", "unit", filters.unit)
    return xes_response(Selection(since, until, unit))
