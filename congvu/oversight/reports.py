"""Periodic reports to the Province (clause 3), every change one action (`congvu.work.actions.action`:
one transaction; access, then the rules, then the change, then the event in the record trail):

- `open_period`: Home Affairs opens a month, quarter, six months or year, due on a working day;
  every reporting unit gets its draft.
- `save_narrative`: an official of the unit writes the results, difficulties and proposals.
- `submit_report`: the unit's head (or deputy) submits it; its figures are frozen then.
- `urge_late_reports`: units still not submitted after the due date are urged (đôn đốc), counted.
- `compile_report`: Home Affairs compiles the province report, numbered in its outgoing register,
  dated on a working day; everything it prints is frozen in it. Its .docx and .xlsx are rendered
  from that by `congvu.documents.report_docs`."""

from datetime import date

from django.db.models import QuerySet
from django.urls import reverse

from congvu.consult.models import OutgoingRegister
from congvu.consult.notices import full_name, place_of, signature
from congvu.lib import clock
from congvu.lib.clock import today
from congvu.lib.refusals import AccessDenied, InvalidInput, InvalidState
from congvu.org.models import Official, Role, Unit, UnitKind
from congvu.org.notify import notify
from congvu.oversight import report_rules as rules
from congvu.oversight.access import may_draft
from congvu.oversight.inspections import home_affairs
from congvu.oversight.models_reports import (
    PeriodState,
    ProvinceReport,
    ReportingPeriod,
    UnitReport,
    UnitReportState,
)
from congvu.oversight.record import record_event
from congvu.oversight.report_figures import prefilled, province_totals
from congvu.registry.queries import current_calendar
from congvu.registry.serving import head_of, is_leader, unit_ids_of
from congvu.work.actions import action, take_numbers

# The units that report to Home Affairs: departments, the Province office, communes and wards.
REPORTING_KINDS = (UnitKind.DEPARTMENT, UnitKind.PROVINCE_OFFICE, UnitKind.COMMUNE)


def require_home_affairs(official: Official) -> None:
    if official.role != Role.HOME_AFFAIRS:
        raise AccessDenied("Chỉ Sở Nội vụ mở kỳ báo cáo và tổng hợp báo cáo của tỉnh.",
                           "Only the Department of Home Affairs opens reporting periods and compiles the report.")


def reporting_units(on: date) -> QuerySet[Unit]:
    return Unit.objects.filter(kind__in=REPORTING_KINDS, valid_from__lte=on).exclude(valid_to__lt=on).order_by("name")


def report_url(report: UnitReport) -> str:
    return reverse("unit_report", args=[report.pk])


@action
def open_period(*, actor: Official, kind: str, year: int, number: int, due_on: date) -> ReportingPeriod:
    require_home_affairs(actor)
    starts_on, ends_on = rules.cut_off(kind, year, number)
    rules.check_due_window(due_on, ends_on)
    calendar = current_calendar()
    if not calendar.first_day <= starts_on <= due_on <= calendar.last_day:
        raise InvalidInput("Kỳ báo cáo nằm ngoài lịch làm việc đã có.",
                           "The reporting period lies outside the working calendar.")
    rules.check_due_day(due_on, ends_on, calendar.is_working_day(due_on),
                        calendar.working_days_between(ends_on, due_on))
    if ReportingPeriod.objects.filter(kind=kind, year=year, number=number).exists():
        raise InvalidState("Kỳ báo cáo này đã được mở.", "This reporting period is already open.")
    period = ReportingPeriod.objects.create(kind=kind, year=year, number=number, starts_on=starts_on, ends_on=ends_on,
                                            due_on=due_on, opened_by=actor, opened_at=clock.now())
    units = list(reporting_units(today()))
    UnitReport.objects.bulk_create(UnitReport(period=period, unit=u) for u in units)
    record_event(period, "report_period_opened", actor=actor, unit=None, data={
        "kind": kind, "year": year, "number": number, "starts_on": starts_on.isoformat(),
        "ends_on": ends_on.isoformat(), "due_on": due_on.isoformat(), "units": len(units)})
    reports = UnitReport.objects.filter(period=period).select_related("unit")
    for report in reports:
        notify([head_of(report.unit_id, today())], f"Sở Nội vụ đề nghị báo cáo {period.label} "
               f"(số liệu đến ngày {ends_on:%d/%m/%Y}), gửi trước hết ngày {due_on:%d/%m/%Y}.", report_url(report))
    return period


def may_submit(official: Official, report: UnitReport) -> bool:
    return is_leader(official, report.unit_id, today())


def lock_report(report: UnitReport | int) -> UnitReport:
    pk = report.pk if isinstance(report, UnitReport) else report
    return UnitReport.objects.select_for_update().select_related("period", "unit").get(pk=pk)


def require_draft(report: UnitReport) -> None:
    if report.period.state != PeriodState.OPEN:
        raise InvalidState("Kỳ báo cáo đã được tổng hợp: báo cáo không thay đổi được nữa.",
                           "The period is compiled: its reports can no longer change.")
    if report.is_submitted:
        raise InvalidState("Báo cáo đã được gửi: số liệu và nội dung đã được chốt.",
                           "The report is submitted: its figures and text are frozen.")


@action
def save_narrative(report: UnitReport | int, *, actor: Official, results: str = "", difficulties: str = "",
                   proposals: str = "") -> UnitReport:
    """An official of the unit drafts the narrative (saving again replaces it)."""
    report = lock_report(report)
    if not may_draft(actor, report):
        raise AccessDenied("Chỉ cán bộ của đơn vị soạn báo cáo của đơn vị.",
                           "Only the unit's officials draft its report.")
    require_draft(report)
    texts = {"results": results.strip(), "difficulties": difficulties.strip(), "proposals": proposals.strip()}
    rules.check_narrative_lengths(texts)
    for field, text in texts.items():
        setattr(report, field, text)
    report.drafted_by, report.drafted_at = actor, clock.now()
    report.save(update_fields=[*texts, "drafted_by", "drafted_at"])
    record_event(report, "unit_report_drafted", actor=actor, unit=report.unit,
                 data={field: len(text) for field, text in texts.items()})
    return report


@action
def submit_report(report: UnitReport | int, *, actor: Official) -> UnitReport:
    """The head (or a deputy) submits: the figures are frozen now, whatever happens after."""
    report = lock_report(report)
    if not may_submit(actor, report):
        raise AccessDenied("Chỉ thủ trưởng (hoặc cấp phó) của đơn vị gửi báo cáo của đơn vị.",
                           "Only the unit's head (or a deputy) submits its report.")
    require_draft(report)
    rules.check_submittable(report.results)
    day = today()
    report.figures = prefilled(report.period, [report.unit_id])[report.unit_id]
    report.state, report.submitted_by = UnitReportState.SUBMITTED, actor
    report.submitted_at, report.submitted_on = clock.now(), day
    report.save(update_fields=["figures", "state", "submitted_by", "submitted_at", "submitted_on"])
    record_event(report, "unit_report_submitted", actor=actor, unit=report.unit, data={
        "submitted_on": day.isoformat(), "late": report.submitted_late, "figures": report.figures["figures"]})
    return report


def late_reports(on: date) -> QuerySet[UnitReport]:
    """Drafts of open periods whose due date has passed."""
    return UnitReport.objects.filter(state=UnitReportState.DRAFT, period__state=PeriodState.OPEN,
                                     period__due_on__lt=on).select_related("period", "unit")


@action
def urge_late_reports(*, actor: Official | None = None, period: ReportingPeriod | None = None) -> int:
    """Urge (đôn đốc) every unit late with its report: a notification to its head, a record event,
    counted. At most once a working day per report, so the every-minute sweep may call it (actor None:
    the system) as Home Affairs may by hand. Returns how many were urged."""
    if actor is not None:
        require_home_affairs(actor)
    day, calendar = today(), current_calendar()
    if not calendar.is_working_day(day):
        return 0
    late = late_reports(day).exclude(urged_on=day)
    if period is not None:
        late = late.filter(period=period)
    urged = 0
    for report in late.select_for_update(skip_locked=True, of=("self",)):
        report.urged_count, report.urged_on = report.urged_count + 1, day
        report.save(update_fields=["urged_count", "urged_on"])
        record_event(report, "unit_report_urged", actor=actor, unit=report.unit,
                     data={"count": report.urged_count, "due_on": report.period.due_on.isoformat()})
        notify([head_of(report.unit_id, day)], f"Đôn đốc (lần {report.urged_count}): {report.unit.name} chưa gửi "
               f"báo cáo {report.period.label}, hạn đến hết ngày {report.period.due_on:%d/%m/%Y}.", report_url(report))
        urged += 1
    return urged


def frozen_unit(report: UnitReport, live: dict[int, dict]) -> dict:
    """One unit as the compiled report prints it: its snapshot if submitted, else the figures now."""
    return {"unit_id": report.unit_id, "unit": report.unit.name, "submitted": report.is_submitted,
            "submitted_on": report.submitted_on.isoformat() if report.submitted_on else None,
            "late": report.submitted_late, "urged": report.urged_count,
            **(report.figures if report.is_submitted else live[report.unit_id]),
            "results": report.results if report.is_submitted else "",
            "difficulties": report.difficulties if report.is_submitted else "",
            "proposals": report.proposals if report.is_submitted else ""}


@action
def compile_report(period: ReportingPeriod | int, *, actor: Official) -> ProvinceReport:
    """Home Affairs compiles the province report once every unit submitted or the due date passed."""
    require_home_affairs(actor)
    pk = period.pk if isinstance(period, ReportingPeriod) else period
    period = ReportingPeriod.objects.select_for_update().get(pk=pk)
    if period.state != PeriodState.OPEN:
        raise InvalidState("Báo cáo của kỳ này đã được tổng hợp.", "This period's report is already compiled.")
    day, calendar = today(), current_calendar()
    reports = list(period.unit_reports.select_related("unit").order_by("unit__name"))
    waiting = [r for r in reports if not r.is_submitted]
    if waiting and day <= period.due_on:
        raise InvalidState(f"Còn {len(waiting)} đơn vị chưa gửi báo cáo và chưa hết hạn "
                           f"({period.due_on:%d/%m/%Y}).",
                           f"{len(waiting)} units have not reported and the due date ({period.due_on:%d/%m/%Y}) "
                           "has not passed.")
    rules.check_issue_day(day, calendar.is_working_day(day), calendar.next_working_day(day))
    issuer = home_affairs()
    live = prefilled(period, [r.unit_id for r in waiting])
    units = [frozen_unit(r, live) for r in reports]
    number = take_numbers(issuer, day.year, OutgoingRegister.SERIES)
    # The Director signs (or the deputy standing in, KT.); with the post empty, whoever compiled it.
    signer = head_of(issuer, day) or actor
    content = {
        "period": period.label, "kind": period.kind, "starts_on": period.starts_on.isoformat(),
        "ends_on": period.ends_on.isoformat(), "due_on": period.due_on.isoformat(),
        "issuing_parent": issuer.parent.name.upper() if issuer.parent_id else "",
        "issuing_body": full_name(issuer.name).upper(), "issuer_name": issuer.name, "body_abbrev": issuer.abbrev,
        "place": place_of(issuer),
        "number": number, "issued_on": day.isoformat(), "units": units,
        "province": province_totals(units), **signature(issuer, signer, day),
    }
    report = ProvinceReport.objects.create(period=period, unit=issuer, number=number, year=day.year, issued_on=day,
                                           compiled_by=actor, compiled_at=clock.now(), content=content)
    period.state = PeriodState.COMPILED
    period.save(update_fields=["state"])
    record_event(period, "province_report_compiled", actor=actor, unit=issuer, data={
        "notation": report.notation, "issued_on": day.isoformat(), "units": len(units),
        "submitted": len(units) - len(waiting)})
    return report


# Reads ---------------------------------------------------------------------------------------------


def live_or_frozen(report: UnitReport) -> dict:
    """What the report page shows: the frozen snapshot once submitted, else the figures as now."""
    if report.is_submitted:
        return report.figures
    return prefilled(report.period, [report.unit_id])[report.unit_id]


def reports_of(official: Official) -> QuerySet[UnitReport]:
    """The reports of the units the official serves in, the open periods first."""
    return (UnitReport.objects.filter(unit_id__in=unit_ids_of(official, today()))
            .select_related("period", "unit").order_by("period__state", "-period__ends_on", "unit__name"))


def completion(period: ReportingPeriod) -> list[UnitReport]:
    """Every unit's report of the period, the drafts first (Home Affairs' table)."""
    return list(period.unit_reports.select_related("unit", "submitted_by").order_by("-state", "unit__name"))
