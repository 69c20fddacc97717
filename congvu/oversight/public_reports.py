"""Reports from the public (clause 1.7): filed with no account, received by Home Affairs, assigned
to the unit concerned with a deadline of CONGVU_PUBLIC_REPORT_DAYS working days, answered by the
unit's leaders, closed by Home Affairs with the answer the reporter reads by their tracking code.

Each action is one transaction and writes one `PublicReportStep` (the report's append-only trail);
access is decided before the state. The reporter's contact details are for Home Affairs only
(`sees_contact`): the unit's pages and every public answer leave them out."""

import secrets
from datetime import date

from django.conf import settings
from django.core.files.base import File
from django.db.models import QuerySet
from django.urls import reverse

from congvu.lib import clock
from congvu.lib.clock import today
from congvu.lib.refusals import AccessDenied, InvalidInput, InvalidState
from congvu.org.models import Official, Unit
from congvu.org.notify import notify
from congvu.oversight.access import KEEPERS, keeps_register
from congvu.oversight.models_public import PublicReport, PublicReportStep, ReportAbout, ReportKind, ReportState
from congvu.oversight.record import record_event
from congvu.registry.queries import current_calendar
from congvu.registry.serving import head_of, is_leader
from congvu.work.actions import action

# Crockford's base32: no I, L, O or U, so a code read over the phone is not misheard.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 50 random bits
MAX_DESCRIPTION = 5000


def new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not PublicReport.objects.filter(code=code).exists():
            return code


def normalised_code(typed: str) -> str:
    """What the reporter typed, as stored: spaces and dashes dropped, upper case, O→0, I/L→1."""
    cleaned = "".join(typed.split()).replace("-", "").upper()
    return cleaned.translate(str.maketrans("OIL", "011"))


def find_by_code(typed: str) -> PublicReport | None:
    code = normalised_code(typed)
    if len(code) != CODE_LENGTH:
        return None
    return PublicReport.objects.filter(code=code).first()


def sees_contact(official: Official) -> bool:
    return keeps_register(official)


def handling_days() -> int:
    return settings.CONGVU_PUBLIC_REPORT_DAYS


def _step(report: PublicReport, actor: Official | None, note: str = "") -> None:
    """Each step of a citizen's report, also in its record trail (the reporter's contact details never go there)."""
    PublicReportStep.objects.create(report=report, state=report.state, actor=actor, at=clock.now(), note=note)
    record_event(report, f"public_report_{report.state}", actor=actor, unit=report.assigned_unit,
                 data={"state": report.state, "note": note})


def _keepers() -> QuerySet[Official]:
    return Official.objects.filter(role__in=KEEPERS, user__is_active=True)


@action
def file_report(*, kind: str, about: str, description: str, unit: Unit | None = None, official_named: str = "",
                dossier_reference: str = "", reporter_name: str = "", reporter_contact: str = "",
                attachment: File | None = None) -> PublicReport:
    """A citizen's report: checked, given its tracking code, and announced to Home Affairs."""
    check_report(kind, about, description, unit, official_named, dossier_reference)
    report = PublicReport(
        code=new_code(), kind=kind, about=about, unit=unit, official_named=official_named.strip(),
        dossier_reference=dossier_reference.strip(), description=description.strip(),
        reporter_name=reporter_name.strip(), reporter_contact=reporter_contact.strip(), received_at=clock.now())
    if attachment is not None:
        report.attachment.save(getattr(attachment, "name", "tep").rsplit("/", 1)[-1], attachment, save=False)
    report.save()
    _step(report, None)
    notify(_keepers(), f"Phản ánh mới của người dân ({report.get_kind_display()}): mã {report.code}",
           reverse("public_report_detail", args=[report.pk]))
    return report


def check_report(kind: str, about: str, description: str, unit: Unit | None, official_named: str,
                 dossier_reference: str) -> None:
    if kind not in ReportKind.values or about not in ReportAbout.values:
        raise InvalidInput("Hãy chọn loại phản ánh và đối tượng bị phản ánh.",
                           "Choose what is reported and about whom.")
    if not description.strip():
        raise InvalidInput("Hãy mô tả sự việc.", "Describe what happened.")
    if len(description) > MAX_DESCRIPTION:
        raise InvalidInput(f"Nội dung dài quá {MAX_DESCRIPTION} ký tự; hãy rút gọn.",
                           f"The description is longer than {MAX_DESCRIPTION} characters; shorten it.")
    missing = {ReportAbout.UNIT: unit is None, ReportAbout.OFFICIAL: not official_named.strip(),
               ReportAbout.DOSSIER: not dossier_reference.strip()}[about]
    if missing:
        raise InvalidInput({
            ReportAbout.UNIT: "Hãy chọn cơ quan, đơn vị bị phản ánh.",
            ReportAbout.OFFICIAL: "Hãy ghi họ tên hoặc chức danh của cán bộ bị phản ánh.",
            ReportAbout.DOSSIER: "Hãy ghi số biên nhận hồ sơ.",
        }[about], "Say whom or what the report is about.")


def _require_keeper(actor: Official) -> None:
    if not keeps_register(actor):
        raise AccessDenied("Chỉ Sở Nội vụ xử lý phản ánh của người dân.",
                           "Only the Department of Home Affairs handles the public's reports.")


def _require_state(report: PublicReport, *states: str) -> None:
    if report.state not in states:
        raise InvalidState(f"Phản ánh đang ở trạng thái “{report.get_state_display()}”; không thực hiện được.",
                           f"The report is “{report.state}”; this cannot be done now.")


def _locked(report: PublicReport) -> PublicReport:
    return PublicReport.objects.select_for_update().get(pk=report.pk)


@action
def assign_report(report: PublicReport, *, actor: Official, unit: Unit, days: int | None = None,
                  note: str = "") -> PublicReport:
    """Home Affairs gives the report to the unit concerned, due in `days` working days."""
    _require_keeper(actor)
    report = _locked(report)
    _require_state(report, ReportState.RECEIVED)
    days = handling_days() if days is None else days
    if days < 1:
        raise InvalidInput("Thời hạn xử lý phải ít nhất 1 ngày làm việc.", "Allow at least one working day.")
    report.state, report.assigned_unit = ReportState.ASSIGNED, unit
    report.due_on = current_calendar().add_working_days(today(), days)
    report.save()
    _step(report, actor, note)
    notify([head_of(unit, today())], f"Sở Nội vụ chuyển phản ánh của người dân mã {report.code}, hạn xử lý "
           f"{report.due_on:%d/%m/%Y}", reverse("public_report_detail", args=[report.pk]))
    return report


def may_answer(official: Official, report: PublicReport) -> bool:
    return report.assigned_unit_id is not None and is_leader(official, report.assigned_unit_id, today())


@action
def answer_report(report: PublicReport, *, actor: Official, answer: str) -> PublicReport:
    """The unit's leader reports how it was handled; Home Affairs reviews it before it is published."""
    report = _locked(report)
    if not may_answer(actor, report):
        raise AccessDenied("Chỉ lãnh đạo đơn vị được giao mới trả lời phản ánh này.",
                           "Only the leaders of the unit it was assigned to answer this report.")
    _require_state(report, ReportState.ASSIGNED)
    if not answer.strip():
        raise InvalidInput("Hãy ghi kết quả xử lý.", "Write how it was handled.")
    report.state, report.unit_answer = ReportState.ANSWERED, answer.strip()
    report.save()
    _step(report, actor, answer.strip())
    notify(_keepers(), f"Đơn vị đã trả lời phản ánh mã {report.code}",
           reverse("public_report_detail", args=[report.pk]))
    return report


@action
def close_report(report: PublicReport, *, actor: Official, public_answer: str) -> PublicReport:
    """Home Affairs closes the report with the answer the reporter reads (from any open state: a
    report outside the document's scope is closed without assigning it)."""
    _require_keeper(actor)
    report = _locked(report)
    _require_state(report, ReportState.RECEIVED, ReportState.ASSIGNED, ReportState.ANSWERED)
    if not public_answer.strip():
        raise InvalidInput("Hãy ghi nội dung trả lời người phản ánh.", "Write the answer to the reporter.")
    report.state, report.public_answer, report.closed_at = ReportState.CLOSED, public_answer.strip(), clock.now()
    report.save()
    _step(report, actor, public_answer.strip())
    return report


# The sweep -------------------------------------------------------------------------------------------


def remind_overdue(on: date | None = None) -> int:
    """Once a working day, remind the head of each unit whose assigned report is past its deadline."""
    on = on or today()
    calendar = current_calendar()
    if not calendar.is_working_day(on):
        return 0
    late = PublicReport.objects.filter(state=ReportState.ASSIGNED, due_on__lt=on).exclude(reminded_on=on)
    count = 0
    for report in late.select_related("assigned_unit"):
        notify([head_of(report.assigned_unit, on)], f"Quá hạn xử lý phản ánh của người dân mã {report.code} "
               f"(hạn {report.due_on:%d/%m/%Y})", reverse("public_report_detail", args=[report.pk]))
        PublicReport.objects.filter(pk=report.pk).update(reminded_on=on)
        count += 1
    return count
