"""The periodic reports' pages (clause 3). Home Affairs: the periods, opening one, completion per
unit, urging the late, compiling and downloading the province report. A unit: its reports, the
form (figures read-only, the narrative its officials draft), submitted by its head."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from congvu.documents import issued_pdf
from congvu.documents.report_docs import file_stem, files_of
from congvu.lib.refusals import AccessDenied, ActionRefused
from congvu.org.models import Role
from congvu.oversight import access, reports
from congvu.oversight.models_reports import PeriodState, ProvinceReport, ReportingPeriod, UnitReport
from congvu.oversight.report_figures import FIGURE_KEYS
from congvu.web.forms_reports import NarrativeForm, OpenPeriodForm
from congvu.web.issued_files import pdf_download
from congvu.web.pages import denied, official_required, refusal_denied, refused, visible_or_404
from congvu.web.roles import serves_anywhere

DOWNLOADS = {"docx": "docx", "xlsx": "xlsx"}
# The Government Office's figures as the report form labels them (FIGURE_KEYS' order).
FIGURE_LABELS = {
    "assigned": gettext_lazy("Work received in the period"),
    "on_time": gettext_lazy("Completed on time"),
    "extended": gettext_lazy("Completed after an extension"),
    "late": gettext_lazy("Completed late"),
    "within": gettext_lazy("Open, within the deadline"),
    "overdue": gettext_lazy("Open, overdue"),
    "deemed_agreements": gettext_lazy("Deemed agreements (did not reply in time)"),
    "extensions": gettext_lazy("Extensions granted"),
    "passed_on": gettext_lazy("Passed on to another unit (transferred or returned)"),
}


@official_required
def period_list(request: HttpRequest) -> HttpResponse:
    official = request.official
    keeper = access.keeps_reports(official)
    if not keeper and not serves_anywhere(official):
        return denied(request, _("You serve in no unit that reports."))
    return render_list(request, OpenPeriodForm() if official.role == Role.HOME_AFFAIRS else None)


def render_list(request: HttpRequest, form: OpenPeriodForm | None, refusal: ActionRefused | None = None,
                status: int = 200) -> HttpResponse:
    official = request.official
    keeper = access.keeps_reports(official)
    return render(request, "web/reports/list.html", {
        "keeper": keeper, "form": form, "refusal": refusal,
        "periods": list(ReportingPeriod.objects.all()) if keeper else [],
        "mine": list(reports.reports_of(official)),
    }, status=status)


@official_required
@require_POST
def period_open(request: HttpRequest) -> HttpResponse:
    try:
        reports.require_home_affairs(request.official)
    except AccessDenied as refused:
        return refusal_denied(request, refused)
    form = OpenPeriodForm(request.POST)
    if not form.is_valid():
        return render_list(request, form, status=400)
    try:
        period = reports.open_period(actor=request.official, **form.cleaned_data)
    except ActionRefused as refused:
        return render_list(request, form, refused, status=409)
    return redirect("report_period", period.pk)


def kept_period(request: HttpRequest, period_id: int) -> ReportingPeriod:
    """The period, for Home Affairs (and administrators) only; anyone else finds nothing."""
    if not access.keeps_reports(request.official):
        raise Http404
    return get_object_or_404(ReportingPeriod, pk=period_id)


@official_required
def period_detail(request: HttpRequest, period_id: int, refusal: ActionRefused | None = None,
                  status: int = 200) -> HttpResponse:
    period = kept_period(request, period_id)
    rows = reports.completion(period)
    compiled = ProvinceReport.objects.filter(period=period).select_related("unit").first()
    return render(request, "web/reports/period.html", {
        "period": period, "rows": rows, "compiled": compiled, "refusal": refusal,
        "report_pdf": issued_pdf.shown("province-report", compiled) if compiled else None,
        "submitted": sum(r.is_submitted for r in rows), "may_act": request.official.role == Role.HOME_AFFAIRS,
    }, status=status)


def period_action(request: HttpRequest, period_id: int, act) -> HttpResponse:
    period = kept_period(request, period_id)
    return refused(request, lambda: act(period),
                   lambda refusal: period_detail(request, period.pk, refusal=refusal, status=409)
                   ) or redirect("report_period", period.pk)


@official_required
@require_POST
def period_urge(request: HttpRequest, period_id: int) -> HttpResponse:
    return period_action(request, period_id,
                         lambda period: reports.urge_late_reports(actor=request.official, period=period))


@official_required
@require_POST
def period_compile(request: HttpRequest, period_id: int) -> HttpResponse:
    return period_action(request, period_id,
                         lambda period: files_of(reports.compile_report(period, actor=request.official)))


@official_required
def period_download(request: HttpRequest, period_id: int, kind: str) -> HttpResponse:
    period = kept_period(request, period_id)
    report = ProvinceReport.objects.filter(period=period).select_related("unit").first()
    if report is not None and kind == "pdf":
        return pdf_download("province-report", report)
    if report is None or kind not in DOWNLOADS:
        raise Http404
    stored = getattr(files_of(report), DOWNLOADS[kind])
    return FileResponse(stored.open("rb"), as_attachment=True, filename=f"{file_stem(report)}.{kind}")


def visible_report(request: HttpRequest, report_id: int) -> UnitReport:
    return visible_or_404(request, UnitReport.objects.select_related("period", "unit"), report_id,
                          access.may_see_report)


@official_required
def unit_report(request: HttpRequest, report_id: int) -> HttpResponse:
    """GET the form; POST saves the narrative (the unit's officials)."""
    report = visible_report(request, report_id)
    if request.method != "POST":
        return render_report(request, report, NarrativeForm(initial={
            "results": report.results, "difficulties": report.difficulties, "proposals": report.proposals}))
    form = NarrativeForm(request.POST)
    if not form.is_valid():
        return render_report(request, report, form, status=400)
    return refused(request, lambda: reports.save_narrative(report, actor=request.official, **form.cleaned_data),
                   lambda refusal: render_report(request, report, form, refusal, status=409)
                   ) or redirect("unit_report", report.pk)


@official_required
@require_POST
def unit_report_submit(request: HttpRequest, report_id: int) -> HttpResponse:
    report = visible_report(request, report_id)

    def again(refusal: ActionRefused) -> HttpResponse:
        report.refresh_from_db()
        return render_report(request, report, None, refusal, status=409)

    return refused(request, lambda: reports.submit_report(report, actor=request.official), again
                   ) or redirect("unit_report", report.pk)


def render_report(request: HttpRequest, report: UnitReport, form: NarrativeForm | None,
                  refusal: ActionRefused | None = None, status: int = 200) -> HttpResponse:
    official = request.official
    editable = (not report.is_submitted and report.period.state == PeriodState.OPEN
                and access.may_draft(official, report))
    if form is None and editable:
        form = NarrativeForm(initial={"results": report.results, "difficulties": report.difficulties,
                                      "proposals": report.proposals})
    filled = reports.live_or_frozen(report)
    return render(request, "web/reports/unit.html", {
        "report": report, "period": report.period, "form": form if editable else None, "refusal": refusal,
        "figures": [(FIGURE_LABELS[key], filled["figures"].get(key, 0)) for key in FIGURE_KEYS],
        "overdue_rate": filled["overdue_rate"], "signals": filled["signals"], "backlog": filled["backlog"],
        "may_submit": editable and reports.may_submit(official, report),
    }, status=status)
