"""Citizens' reports of harassment, petty corruption and delay (clause 1.7), for the authenticated
side: Home Affairs lists, assigns and closes them, the assigned unit's leaders answer — the same
actions as the pages under /phan-anh/. Filing and the lookup by tracking code stay on the public
pages (no account). The reporter's name and contact are given to Home Affairs only."""

from datetime import date

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema

from congvu.api import resolve
from congvu.api.errors import ACTION, AUTH, ONE_OBJECT, not_found
from congvu.api.fields import MAX_ID, BodyId, BodyInt, LocalDateTime, Text
from congvu.api.routers.common import answers, caller
from congvu.lib.choices import label_of
from congvu.org.models import Official, Unit
from congvu.oversight import access, public_reports
from congvu.oversight.models_public import PublicReport, ReportKind, ReportState

router = Router(tags=["Giám sát"])
CAPPED = 500  # the newest reports; the queue page shows the same


class PublicReportOut(Schema):
    id: int
    code: str
    kind: str
    kind_label: str
    about: str
    unit_id: int | None
    official_named: str
    dossier_reference: str
    description: str
    state: str
    state_label: str
    received_at: LocalDateTime
    assigned_unit_id: int | None
    due_on: date | None
    unit_answer: str
    public_answer: str
    closed_at: LocalDateTime | None
    reporter_name: str | None = Field(None, description="Chỉ Sở Nội vụ được xem")
    reporter_contact: str | None = Field(None, description="Chỉ Sở Nội vụ được xem")


class PublicReportAssignIn(Schema):
    unit: BodyId = Field(description="Số hiệu đơn vị được giao xử lý")
    days: BodyInt(ge=1, le=60) | None = Field(None, description="Hạn xử lý (ngày làm việc); mặc định theo cấu hình")
    note: Text(2000) = ""


class PublicReportAnswerIn(Schema):
    answer: Text(5000, required=True)


class PublicReportCloseIn(Schema):
    public_answer: Text(5000, required=True)


def report_row(report: PublicReport, official: Official) -> dict:
    row = {f: getattr(report, f) for f in (
        "id", "code", "kind", "about", "unit_id", "official_named", "dossier_reference", "description", "state",
        "received_at", "assigned_unit_id", "due_on", "unit_answer", "public_answer", "closed_at")}
    row |= {"kind_label": label_of(ReportKind, report.kind), "state_label": label_of(ReportState, report.state)}
    if public_reports.sees_contact(official):
        row |= {"reporter_name": report.reporter_name, "reporter_contact": report.reporter_contact}
    return row


def seen(official: Official, pk: int) -> PublicReport:
    return resolve.seen(access.visible_public_reports(official), pk, "phản ánh của người dân", "public report")


REPORT_ID = Path(..., ge=1, le=MAX_ID, description="Số hiệu phản ánh")


@router.get("/oversight/public-reports", response=answers(list[PublicReportOut], AUTH),
            summary="Phản ánh của người dân: Sở Nội vụ xem tất cả, đơn vị xem các phản ánh được giao")
def list_public_reports(request: HttpRequest):
    official = caller(request)
    return [report_row(r, official) for r in access.visible_public_reports(official)[:CAPPED]]


@router.get("/oversight/public-reports/{report_id}", response=answers(PublicReportOut, ONE_OBJECT),
            summary="Một phản ánh của người dân")
def get_public_report(request: HttpRequest, report_id: int = REPORT_ID):
    official = caller(request)
    return report_row(seen(official, report_id), official)


def acted(request: HttpRequest, report_id: int, act, **fields) -> dict:
    """One action of `public_reports` on a report the caller sees (else 404), answered with the report."""
    official = caller(request)
    return report_row(act(seen(official, report_id), actor=official, **fields), official)


@router.post("/oversight/public-reports/{report_id}/assign", response=answers(PublicReportOut, ACTION),
             summary="Sở Nội vụ giao phản ánh cho đơn vị liên quan, với hạn xử lý tính theo ngày làm việc")
def assign_public_report(request: HttpRequest, payload: PublicReportAssignIn, report_id: int = REPORT_ID):
    seen(caller(request), report_id)  # an unseen report is 404 before the unit is looked at
    unit = Unit.objects.filter(pk=payload.unit).first()
    if unit is None:
        raise not_found("đơn vị", "unit", payload.unit)
    return acted(request, report_id, public_reports.assign_report, unit=unit, days=payload.days, note=payload.note)


@router.post("/oversight/public-reports/{report_id}/answer", response=answers(PublicReportOut, ACTION),
             summary="Lãnh đạo đơn vị được giao báo cáo kết quả xử lý phản ánh")
def answer_public_report(request: HttpRequest, payload: PublicReportAnswerIn, report_id: int = REPORT_ID):
    return acted(request, report_id, public_reports.answer_report, answer=payload.answer)


@router.post("/oversight/public-reports/{report_id}/close", response=answers(PublicReportOut, ACTION),
             summary="Sở Nội vụ kết thúc phản ánh với nội dung trả lời người phản ánh (xem bằng mã tra cứu)")
def close_public_report(request: HttpRequest, payload: PublicReportCloseIn, report_id: int = REPORT_ID):
    return acted(request, report_id, public_reports.close_report, public_answer=payload.public_answer)
