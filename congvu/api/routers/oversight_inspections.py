"""Inspections of official duties (clause 1.6): plans, surprise draws with their seed, the decision,
findings with their evidence, measures, the conclusion — the same actions and the same visibility as
the pages under /kiem-tra/ (`congvu.oversight.access`): an inspection one may not see
answers 404, like one that does not exist."""

from datetime import date
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema, Status

from congvu.api.errors import ACTION, AUTH, ONE_OBJECT, not_found
from congvu.api.fields import MAX_ID, BodyInt, InputDate, Text
from congvu.api.routers.common import answers, caller
from congvu.org.models import Official, Unit
from congvu.oversight import access, inspections
from congvu.oversight.models_inspections import (
    FindingCategory,
    Inspection,
    InspectionKind,
    Measure,
    MeasureKind,
    MeasureStatus,
)

router = Router(tags=["Kiểm tra công vụ"])
InspectionId = Path(..., ge=1, le=MAX_ID, description="Số hiệu cuộc kiểm tra")
Ids = list[BodyInt(ge=1, le=MAX_ID)]


class InspectionFindingOut(Schema):
    id: int
    category: str
    unit_id: int
    official_id: int | None
    summary: str
    item_ids: list[int]
    event_ids: list[int]
    measures: list[dict]


class InspectionOut(Schema):
    id: int
    kind: str
    state: str
    title: str
    theme: str
    period_from: date
    period_to: date
    unit_ids: list[int]
    decision: str = Field("", description="Số quyết định kiểm tra, ví dụ 05/QĐ-SNV; rỗng khi chưa ban hành")
    conclusion: str = ""
    seed: str = Field("", description="Mã khởi tạo của lần chọn mẫu (chỉ Sở Nội vụ, Văn phòng UBND tỉnh thấy)")
    population_digest: str = ""
    drawn: dict = Field(default_factory=dict, description="{units|officials|items: [[số hiệu, trọng số], …]}")
    findings: list[InspectionFindingOut] = []


class InspectionPlanIn(Schema):
    kind: Literal[tuple(k for k in InspectionKind.values if k != InspectionKind.SURPRISE)]
    title: Text(300, required=True)
    theme: Text(300) = ""
    period_from: InputDate
    period_to: InputDate
    unit_ids: Ids = Field(..., min_length=1, max_length=500)
    team_ids: Ids = Field(default_factory=list, max_length=50)


class SurpriseDrawIn(Schema):
    title: Text(300, required=True)
    period_from: InputDate
    period_to: InputDate
    units: BodyInt(ge=1, le=inspections.MAX_SAMPLE)
    officials: BodyInt(ge=0, le=inspections.MAX_SAMPLE) = 0
    items: BodyInt(ge=0, le=inspections.MAX_SAMPLE) = 0
    seed: Text(64) = ""
    team_ids: Ids = Field(default_factory=list, max_length=50)


class InspectionFindingIn(Schema):
    category: Literal[tuple(FindingCategory.values)]
    unit_id: BodyInt(ge=1, le=MAX_ID)
    official_id: BodyInt(ge=1, le=MAX_ID) | None = None
    summary: Text(2000, required=True)
    item_ids: Ids = Field(default_factory=list, max_length=200)
    event_ids: Ids = Field(default_factory=list, max_length=500)


class InspectionMeasureIn(Schema):
    finding_id: BodyInt(ge=1, le=MAX_ID)
    kind: Literal[tuple(MeasureKind.values)]
    days: BodyInt(ge=1, le=inspections.MAX_MEASURE_DAYS)
    note: Text(2000) = ""


class InspectionConclusionIn(Schema):
    conclusion: Text(10000, required=True)


class MeasureFollowUpIn(Schema):
    status: Literal[MeasureStatus.DONE.value, MeasureStatus.NOT_DONE.value]
    note: Text(2000) = ""


def inspection_row(inspection: Inspection, official: Official) -> dict:
    draw = access.sees_draw(official)
    return {
        "id": inspection.pk, "kind": inspection.kind, "state": inspection.state, "title": inspection.title,
        "theme": inspection.theme, "period_from": inspection.period_from, "period_to": inspection.period_to,
        "unit_ids": sorted(inspection.units.values_list("pk", flat=True)),
        "decision": f"{inspection.decision_number:02d}/QĐ" if inspection.decision_number else "",
        "conclusion": f"{inspection.conclusion_number:02d}/KL" if inspection.conclusion_number else "",
        "seed": inspection.seed if draw else "", "population_digest": inspection.population_digest if draw else "",
        "drawn": inspection.drawn if draw else {},
        "findings": [{"id": f.pk, "category": f.category, "unit_id": f.unit_id, "official_id": f.official_id,
                      "summary": f.summary, "item_ids": f.item_ids, "event_ids": f.event_ids,
                      "measures": [{"id": m.pk, "kind": m.kind, "due_on": m.due_on.isoformat(), "status": m.status}
                                   for m in f.measures.all()]}
                     for f in access.visible_findings(official, inspection)],
    }


def visible(request: HttpRequest, pk: int) -> Inspection:
    found = Inspection.objects.filter(pk=pk).first()
    if found is None or not access.may_see_inspection(caller(request), found):
        raise not_found("cuộc kiểm tra", "inspection", pk)
    return found


def units_of(ids: list[int]) -> list[Unit]:
    return list(Unit.objects.filter(pk__in=ids))


@router.get("/oversight/inspections", response=answers(list[InspectionOut], AUTH),
            summary="Các cuộc kiểm tra công vụ được xem (Sở Nội vụ: tất cả; đơn vị: khi đã công bố quyết định)")
def list_inspections(request: HttpRequest):
    official = caller(request)
    return [inspection_row(i, official) for i in access.visible_inspections(official)[:500]]


@router.post("/oversight/inspections", response=answers(InspectionOut, ACTION, 201),
             summary="Lập kế hoạch kiểm tra định kỳ hoặc chuyên đề (Sở Nội vụ)")
def plan_an_inspection(request: HttpRequest, payload: InspectionPlanIn):
    official = caller(request)
    inspection = inspections.plan_inspection(
        actor=official, kind=payload.kind, title=payload.title, theme=payload.theme, period_from=payload.period_from,
        period_to=payload.period_to, units=units_of(payload.unit_ids),
        team=Official.objects.filter(pk__in=payload.team_ids))
    return Status(201, inspection_row(inspection, official))


@router.post("/oversight/inspections/surprise", response=answers(InspectionOut, ACTION, 201),
             summary="Chọn mẫu kiểm tra đột xuất có trọng số theo rủi ro, với mã khởi tạo được lưu (Sở Nội vụ)")
def draw_surprise_inspection(request: HttpRequest, payload: SurpriseDrawIn):
    official = caller(request)
    inspection = inspections.draw_surprise(
        actor=official, title=payload.title, period_from=payload.period_from, period_to=payload.period_to,
        units=payload.units, officials=payload.officials, items=payload.items, seed=payload.seed,
        team=Official.objects.filter(pk__in=payload.team_ids))
    return Status(201, inspection_row(inspection, official))


@router.get("/oversight/inspections/{inspection_id}", response=answers(InspectionOut, ONE_OBJECT),
            summary="Một cuộc kiểm tra: quyết định, mẫu đã chọn, phát hiện kèm chứng cứ, biện pháp, kết luận")
def get_inspection(request: HttpRequest, inspection_id: int = InspectionId):
    return inspection_row(visible(request, inspection_id), caller(request))


@router.post("/oversight/inspections/{inspection_id}/open", response=answers(InspectionOut, ACTION),
             summary="Ban hành quyết định kiểm tra (số trong sổ văn bản đi của Sở Nội vụ, ngày làm việc)")
def open_an_inspection(request: HttpRequest, inspection_id: int = InspectionId):
    inspection = inspections.open_inspection(visible(request, inspection_id), actor=caller(request))
    return inspection_row(inspection, caller(request))


@router.post("/oversight/inspections/{inspection_id}/findings", response=answers(InspectionOut, ACTION),
             summary="Ghi phát hiện về đơn vị hoặc cán bộ, dẫn chứng hồ sơ và sự kiện trong nhật ký")
def record_inspection_finding(request: HttpRequest, payload: InspectionFindingIn,
                              inspection_id: int = InspectionId):
    inspection = visible(request, inspection_id)
    unit = Unit.objects.filter(pk=payload.unit_id).first()
    if unit is None:
        raise not_found("đơn vị", "unit", payload.unit_id)
    inspections.record_finding(
        inspection, actor=caller(request), category=payload.category, unit=unit, summary=payload.summary,
        official=Official.objects.filter(pk=payload.official_id).first() if payload.official_id else None,
        item_ids=payload.item_ids, event_ids=payload.event_ids)
    return inspection_row(inspection, caller(request))


@router.post("/oversight/inspections/{inspection_id}/measures", response=answers(InspectionOut, ACTION),
             summary="Quyết định biện pháp cho một phát hiện, với thời hạn theo dõi (ngày làm việc)")
def decide_inspection_measure(request: HttpRequest, payload: InspectionMeasureIn, inspection_id: int = InspectionId):
    inspection = visible(request, inspection_id)
    finding = inspection.findings.filter(pk=payload.finding_id).first()
    if finding is None:
        raise not_found("phát hiện", "finding", payload.finding_id)
    inspections.decide_measure(finding, actor=caller(request), kind=payload.kind, days=payload.days, note=payload.note)
    return inspection_row(inspection, caller(request))


@router.post("/oversight/inspections/{inspection_id}/conclude", response=answers(InspectionOut, ACTION),
             summary="Ban hành kết luận kiểm tra (số trong sổ văn bản đi của Sở Nội vụ)")
def conclude_inspection(request: HttpRequest, payload: InspectionConclusionIn, inspection_id: int = InspectionId):
    inspection = inspections.conclude(visible(request, inspection_id), actor=caller(request),
                                      conclusion=payload.conclusion)
    return inspection_row(inspection, caller(request))


@router.post("/oversight/inspections/{inspection_id}/measures/{measure_id}/follow-up",
             response=answers(InspectionOut, ACTION), summary="Ghi kết quả theo dõi thực hiện biện pháp")
def follow_up_measure(request: HttpRequest, payload: MeasureFollowUpIn, inspection_id: int = InspectionId,
                      measure_id: int = Path(..., ge=1, le=MAX_ID, description="Số hiệu biện pháp")):
    inspection = visible(request, inspection_id)
    measure = Measure.objects.filter(pk=measure_id, finding__inspection=inspection).first()
    if measure is None:
        raise not_found("biện pháp", "measure", measure_id)
    inspections.follow_up(measure, actor=caller(request), status=payload.status, note=payload.note)
    inspection.refresh_from_db()
    return inspection_row(inspection, caller(request))
