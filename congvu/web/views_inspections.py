"""The inspection pages (clause 1.6): the list (Home Affairs plans and draws; a head sees the opened
inspections of their unit, an official the findings about them), the plan and surprise-draw forms,
and one inspection: its decision, the draw with its seed and how to reproduce it, the findings with
their evidence, the measures, the conclusion. Who sees what: `congvu.oversight.access`."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congvu.documents import inspection_docs, issued_pdf
from congvu.lib import clock
from congvu.lib.ids import parse_id
from congvu.lib.refusals import ActionRefused
from congvu.org.models import Official, Unit
from congvu.oversight import access, inspections, risk
from congvu.oversight.models_inspections import Finding, Inspection, InspectionKind, InspectionState, Measure
from congvu.web.forms_inspections import ConclusionForm, DrawForm, FindingForm, FollowUpForm, MeasureForm, PlanForm
from congvu.web.issued_files import pdf_download, wants_pdf
from congvu.web.pages import official_required, refusal_denied, visible_or_404
from congvu.work.models import WorkItem

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_KINDS = {"quyet-dinh": "inspection-decision", "ket-luan": "inspection-conclusion"}  # issued_kinds' slugs


def refuse_non_inspector(request: HttpRequest) -> HttpResponse | None:
    try:
        inspections.require_inspector(request.official)
    except ActionRefused as refused:
        return refusal_denied(request, refused)
    return None


@official_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    official = request.official
    return render(request, "web/inspections/list.html", {
        "inspections": access.visible_inspections(official).prefetch_related("units"),
        "inspector": inspections.inspects(official), "my_findings": access.my_findings(official)})


def form_page(request: HttpRequest, form, template: str, act) -> HttpResponse:
    """GET shows the form; a valid POST acts and goes to the new inspection; a refusal is shown."""
    if denied := refuse_non_inspector(request):
        return denied
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            inspection = act(actor=request.official, **form.cleaned_data)
        except ActionRefused as refused:
            refusal = refused
        else:
            return redirect("inspection", inspection.pk)
    return render(request, template, {"form": form, "refusal": refusal, "formula": risk.FORMULA},
                  status=400 if request.method == "POST" else 200)


@official_required
def inspection_plan(request: HttpRequest) -> HttpResponse:
    return form_page(request, PlanForm(request.POST or None, initial=from_public_report(request)),
                     "web/inspections/plan.html", inspections.plan_inspection)


def from_public_report(request: HttpRequest) -> dict:
    """`?phan-anh=<id>` (from a citizen's report): a thematic inspection of the unit concerned,
    its title naming the report's tracking code, so the plan says where it came from. Only a report
    the official may see fills the plan in: the tracking code is the citizen's key to follow it."""
    report_id = parse_id(request.GET.get("phan-anh", ""))
    report = access.visible_public_reports(request.official).filter(pk=report_id).first() if report_id else None
    unit = report and (report.unit or report.assigned_unit)
    if unit is None:
        return {}
    return {"kind": InspectionKind.THEMATIC, "units": [unit.pk], "theme": report.get_kind_display(),
            "title": f"Kiểm tra theo phản ánh của người dân mã {report.code}"}


@official_required
def inspection_draw(request: HttpRequest) -> HttpResponse:
    return form_page(request, DrawForm(request.POST or None), "web/inspections/draw.html", inspections.draw_surprise)


def visible(request: HttpRequest, inspection_id: int) -> Inspection:
    return visible_or_404(request, Inspection, inspection_id, access.may_see_inspection)


@official_required
def inspection_detail(request: HttpRequest, inspection_id: int) -> HttpResponse:
    return render_detail(request, visible(request, inspection_id))


def drawn_rows(inspection: Inspection) -> list[tuple[str, list[dict]]]:
    """The drawn units, officials and items, in the order drawn, with their names and weights."""
    names = {"units": dict(Unit.objects.values_list("pk", "name")),
             "officials": dict(Official.objects.filter(pk__in=[m for m, _w in inspection.drawn.get("officials", [])])
                               .values_list("pk", "full_name")),
             "items": dict(WorkItem.objects.filter(pk__in=[m for m, _w in inspection.drawn.get("items", [])])
                           .values_list("pk", "title"))}
    labels = {"units": _("Units"), "officials": _("Officials"), "items": _("Items")}
    return [(labels[stratum], [{"id": m, "weight": w, "name": names[stratum].get(m, ""),
                                "url": reverse("item", args=[m]) if stratum == "items" else ""}
                               for m, w in inspection.drawn.get(stratum, [])])
            for stratum in ("units", "officials", "items")]


def render_detail(request: HttpRequest, inspection: Inspection, *, refusal: ActionRefused | None = None,
                  forms: dict | None = None, status: int = 200) -> HttpResponse:
    official = request.official
    inspector = inspections.inspects(official)
    state = inspection.state
    forms = forms or {}
    context = {
        "inspection": inspection, "inspector": inspector, "refusal": refusal, "sees_draw": access.sees_draw(official),
        "findings": access.visible_findings(official, inspection), "formula": risk.FORMULA,
        "units": inspection.units.order_by("name"), "team": inspection.team.order_by("full_name"),
        "decision": inspection_docs.issued(inspection, "quyet-dinh"),
        "conclusion_issued": inspection_docs.issued(inspection, "ket-luan"),
        "decision_pdf": issued_pdf.shown(PDF_KINDS["quyet-dinh"], inspection),
        "conclusion_pdf": issued_pdf.shown(PDF_KINDS["ket-luan"], inspection),
        "opened": state == InspectionState.OPENED, "concluded": state == InspectionState.CONCLUDED,
        "planned": state == InspectionState.PLANNED,
        "finding_form": forms.get("finding") or FindingForm(inspection) if inspector else None,
        "measure_form": MeasureForm(), "conclusion_form": forms.get("conclusion") or ConclusionForm(),
        "follow_up_form": FollowUpForm(), "drawn": drawn_rows(inspection) if access.sees_draw(official) else [],
        "late_measures": late_measures(inspection),
    }
    return render(request, "web/inspections/detail.html", context, status=status)


def late_measures(inspection: Inspection) -> set[int]:
    """The measures still pending after their follow-up deadline, flagged on the page."""
    day = clock.today()
    return {m.pk for m in Measure.objects.filter(finding__inspection=inspection) if m.is_late_on(day)}


def acting(request: HttpRequest, inspection_id: int, form_key: str, form, act) -> HttpResponse:
    """A Home Affairs action posted from the inspection page: 404 for an inspection one may not see,
    403 for one who does not inspect, 400 for a bad form, 409 for a refusal; else back to the page."""
    inspection = visible(request, inspection_id)
    if denied := refuse_non_inspector(request):
        return denied
    if form is not None and not form.is_valid():
        return render_detail(request, inspection, forms={form_key: form}, status=400)
    try:
        act(inspection, form.cleaned_data if form is not None else {})
    except ActionRefused as refused:
        return render_detail(request, inspection, refusal=refused, forms={form_key: form}, status=409)
    return redirect("inspection", inspection.pk)


@official_required
@require_POST
def inspection_open(request: HttpRequest, inspection_id: int) -> HttpResponse:
    return acting(request, inspection_id, "", None,
                  lambda i, _: inspections.open_inspection(i, actor=request.official))


@official_required
@require_POST
def inspection_finding(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = visible(request, inspection_id)
    form = FindingForm(inspection, request.POST)

    def act(i: Inspection, data: dict) -> Finding:
        return inspections.record_finding(i, actor=request.official, category=data["category"], unit=data["unit"],
                                          official=data["official"], summary=data["summary"],
                                          item_ids=data["items"], event_ids=data["events"])
    return acting(request, inspection_id, "finding", form, act)


@official_required
@require_POST
def inspection_measure(request: HttpRequest, inspection_id: int) -> HttpResponse:
    def act(i: Inspection, data: dict) -> Measure:
        finding = get_object_or_404(Finding, pk=data["finding"], inspection=i)
        return inspections.decide_measure(finding, actor=request.official, kind=data["kind"], days=data["days"],
                                          note=data["note"])
    return acting(request, inspection_id, "measure", MeasureForm(request.POST), act)


@official_required
@require_POST
def inspection_conclude(request: HttpRequest, inspection_id: int) -> HttpResponse:
    return acting(request, inspection_id, "conclusion", ConclusionForm(request.POST),
                  lambda i, data: inspections.conclude(i, actor=request.official, conclusion=data["conclusion"]))


@official_required
@require_POST
def measure_follow_up(request: HttpRequest, inspection_id: int, measure_id: int) -> HttpResponse:
    def act(i: Inspection, data: dict) -> Measure:
        measure = get_object_or_404(Measure, pk=measure_id, finding__inspection=i)
        return inspections.follow_up(measure, actor=request.official, status=data["status"], note=data["note"])
    return acting(request, inspection_id, "follow_up", FollowUpForm(request.POST), act)


@official_required
def inspection_document(request: HttpRequest, inspection_id: int, kind: str) -> HttpResponse:
    inspection = visible(request, inspection_id)
    if not inspection_docs.issued(inspection, kind):
        raise Http404
    if wants_pdf(request):
        return pdf_download(PDF_KINDS[kind], inspection)
    name, data = inspection_docs.render(inspection, kind)
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@official_required
def inspection_population(request: HttpRequest, inspection_id: int) -> HttpResponse:
    """The population snapshot the draw was made from (stratum, id, weight), to re-run it."""
    inspection = visible(request, inspection_id)
    if not access.sees_draw(request.official) or not inspection.population:
        raise Http404
    response = HttpResponse(inspection.population.open("rb").read(), content_type="text/tab-separated-values")
    response["Content-Disposition"] = f'attachment; filename="quan-the-{inspection.pk}.tsv"'
    return response
