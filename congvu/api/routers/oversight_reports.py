"""Periodic reports to the Province (clause 3): Home Affairs opens periods and compiles the province
report; each unit reads its pre-filled report, drafts the narrative, and its head submits it. The same
actions as the pages under /bao-cao-dinh-ky/. The compiled report's files are downloaded from its page."""

from datetime import date
from typing import Literal

from django.http import HttpRequest
from ninja import Path, Router, Schema, Status

from congvu.api.errors import ACTION, AUTH, ONE_OBJECT, not_found
from congvu.api.fields import MAX_ID, BodyInt, InputDate, LocalDateTime, Text
from congvu.api.routers.common import answers, caller
from congvu.lib.refusals import AccessDenied
from congvu.oversight import access, reports
from congvu.oversight.models_reports import ReportingPeriod, UnitReport, UnitReportState
from congvu.oversight.report_rules import NARRATIVE_CAPS

router = Router(tags=["Báo cáo định kỳ"])


class ReportPeriodOut(Schema):
    id: int
    kind: str
    label: str
    year: int
    number: int
    starts_on: date
    ends_on: date
    due_on: date
    state: str
    units: int
    submitted: int
    province_report: str = ""


class ReportPeriodIn(Schema):
    kind: Literal["month", "quarter", "half", "year"]
    year: BodyInt(ge=2000, le=2100)
    number: BodyInt(ge=1, le=12)
    due_on: InputDate


class FigureLine(Schema):
    label: str
    value: str


class UnitReportOut(Schema):
    id: int
    period_id: int
    period: str
    unit_id: int
    unit_name: str
    state: str
    due_on: date
    figures: dict[str, int]
    overdue_rate: float
    figures_frozen: bool
    signals: list[FigureLine]
    backlog: list[FigureLine]
    results: str
    difficulties: str
    proposals: str
    submitted_at: LocalDateTime | None
    urged_count: int


class NarrativeIn(Schema):
    results: Text(NARRATIVE_CAPS["results"]) = ""
    difficulties: Text(NARRATIVE_CAPS["difficulties"]) = ""
    proposals: Text(NARRATIVE_CAPS["proposals"]) = ""


def period_row(period: ReportingPeriod) -> dict:
    rows = list(period.unit_reports.values_list("state", flat=True))
    compiled = getattr(period, "province_report", None)
    return {"id": period.pk, "kind": period.kind, "label": period.label, "year": period.year,
            "number": period.number, "starts_on": period.starts_on, "ends_on": period.ends_on,
            "due_on": period.due_on, "state": period.state, "units": len(rows),
            "submitted": sum(state == UnitReportState.SUBMITTED for state in rows),
            "province_report": compiled.notation if compiled else ""}


def report_row(report: UnitReport) -> dict:
    filled = reports.live_or_frozen(report)
    return {"id": report.pk, "period_id": report.period_id, "period": report.period.label,
            "unit_id": report.unit_id, "unit_name": report.unit.name, "state": report.state,
            "due_on": report.period.due_on, "figures": filled["figures"], "overdue_rate": filled["overdue_rate"],
            "figures_frozen": report.is_submitted, "signals": filled["signals"], "backlog": filled["backlog"],
            "results": report.results, "difficulties": report.difficulties, "proposals": report.proposals,
            "submitted_at": report.submitted_at, "urged_count": report.urged_count}


def require_keeper(request: HttpRequest) -> None:
    if not access.keeps_reports(caller(request)):
        raise AccessDenied("Chỉ Sở Nội vụ xem các kỳ báo cáo của tỉnh.",
                           "Only Home Affairs sees the province's reporting periods.")


def kept_period(request: HttpRequest, pk: int) -> ReportingPeriod:
    require_keeper(request)
    period = ReportingPeriod.objects.filter(pk=pk).first()
    if period is None:
        raise not_found("kỳ báo cáo", "reporting period", pk)
    return period


def visible_report(request: HttpRequest, pk: int) -> UnitReport:
    report = UnitReport.objects.select_related("period", "unit").filter(pk=pk).first()
    if report is None or not access.may_see_report(caller(request), report):
        raise not_found("báo cáo", "report", pk)
    return report


@router.get("/oversight/reports/periods", response=answers(list[ReportPeriodOut], AUTH),
            summary="Các kỳ báo cáo định kỳ và số đơn vị đã gửi (Sở Nội vụ)")
def list_report_periods(request: HttpRequest):
    require_keeper(request)
    return [period_row(p) for p in ReportingPeriod.objects.select_related("province_report__unit")[:200]]


@router.post("/oversight/reports/periods", response=answers(ReportPeriodOut, ACTION, 201),
             summary="Sở Nội vụ mở kỳ báo cáo (tháng, quý, 6 tháng, năm) với hạn gửi là một ngày làm việc")
def open_report_period(request: HttpRequest, payload: ReportPeriodIn):
    period = reports.open_period(actor=caller(request), kind=payload.kind, year=payload.year,
                                 number=payload.number, due_on=payload.due_on)
    return Status(201, period_row(period))


@router.post("/oversight/reports/periods/{period_id}/compile", response=answers(ReportPeriodOut, ACTION),
             summary="Sở Nội vụ tổng hợp báo cáo của tỉnh (đánh số trong sổ văn bản đi, chốt số liệu)")
def compile_province_report(request: HttpRequest,
                            period_id: int = Path(..., ge=1, le=MAX_ID, description="Số hiệu kỳ báo cáo")):
    period = kept_period(request, period_id)
    reports.compile_report(period, actor=caller(request))
    return period_row(ReportingPeriod.objects.get(pk=period.pk))


@router.get("/oversight/reports/unit-reports", response=answers(list[UnitReportOut], AUTH),
            summary="Báo cáo định kỳ của các đơn vị tôi công tác")
def list_unit_reports(request: HttpRequest):
    return [report_row(r) for r in reports.reports_of(caller(request))[:100]]


@router.get("/oversight/reports/unit-reports/{report_id}", response=answers(UnitReportOut, ONE_OBJECT),
            summary="Một báo cáo của đơn vị: số liệu (đã chốt khi gửi) và nội dung")
def get_unit_report(request: HttpRequest,
                    report_id: int = Path(..., ge=1, le=MAX_ID, description="Số hiệu báo cáo")):
    return report_row(visible_report(request, report_id))


@router.post("/oversight/reports/unit-reports/{report_id}/narrative", response=answers(UnitReportOut, ACTION),
             summary="Cán bộ của đơn vị soạn nội dung: kết quả; khó khăn, vướng mắc; đề xuất, kiến nghị")
def save_unit_report_narrative(request: HttpRequest, payload: NarrativeIn,
                               report_id: int = Path(..., ge=1, le=MAX_ID, description="Số hiệu báo cáo")):
    report = reports.save_narrative(visible_report(request, report_id), actor=caller(request),
                                    results=payload.results, difficulties=payload.difficulties,
                                    proposals=payload.proposals)
    return report_row(report)


@router.post("/oversight/reports/unit-reports/{report_id}/submit", response=answers(UnitReportOut, ACTION),
             summary="Thủ trưởng gửi báo cáo của đơn vị: số liệu được chốt từ lúc này")
def submit_unit_report(request: HttpRequest,
                       report_id: int = Path(..., ge=1, le=MAX_ID, description="Số hiệu báo cáo")):
    return report_row(reports.submit_report(visible_report(request, report_id), actor=caller(request)))
