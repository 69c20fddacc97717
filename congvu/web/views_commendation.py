"""The commendation pages (clause 1.8): the candidates of a period with their evidence and the
proposals (Home Affairs; a unit's head sees and proposes for their own unit), one proposal with its
approval and decision, and the decision's .docx. Every change is an action of
`congvu.oversight.commendation`."""

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from congvu.documents import issued_pdf
from congvu.lib.clock import today
from congvu.lib.refusals import AccessDenied, ActionRefused
from congvu.org.models import Official, Unit
from congvu.oversight import commendation
from congvu.oversight.access import keeps_reviews, led_unit_ids, sees_every_unit, visible_commendations
from congvu.oversight.commendation_candidates import (
    MIN_COMPLETED,
    MIN_ON_TIME_PERCENT,
    official_candidates,
    unit_candidates,
)
from congvu.oversight.commendation_forms import AWARD_FORMS, forms_for
from congvu.oversight.models_commendation import Commendation, CommendationState
from congvu.web.forms_reviews import ApprovalForm, PeriodForm, ProposeForm
from congvu.web.pages import official_required, refusal_denied
from congvu.web.views_reviews import decision_download

MIN_YEAR, MAX_YEAR = 2000, 2999


def default_period() -> tuple[date, date]:
    """The year so far: commendation is usually yearly."""
    day = today()
    return date(day.year, 1, 1), day


@official_required
def commendation_list(request: HttpRequest) -> HttpResponse:
    official = request.official
    period = PeriodForm(request.GET or None)
    start, end = period.cleaned_data.values() if period.is_valid() else default_period()
    if end < start or start.year < MIN_YEAR or end.year > MAX_YEAR:  # nonsense: the year so far, not a 500
        start, end = default_period()
    everyone = sees_every_unit(official)
    led = led_unit_ids(official)
    candidates = []
    if everyone or led:
        found = unit_candidates(start, end) + official_candidates(start, end)
        candidates = [c for c in found if everyone or c.unit_id in led]
    return render(request, "web/commendation/list.html", {
        "commendations": visible_commendations(official)[:200], "candidates": candidates,
        "period_form": period if period.is_bound else PeriodForm(initial={"tu": start, "den": end}),
        "start": start, "end": end, "proposes": keeps_reviews(official) or bool(led),
        "collective_forms": forms_for(True), "individual_forms": forms_for(False),
        "min_completed": MIN_COMPLETED, "min_on_time": MIN_ON_TIME_PERCENT,
    })


@official_required
@require_POST
def commendation_propose(request: HttpRequest) -> HttpResponse:
    form = ProposeForm(request.POST)
    if not (keeps_reviews(request.official) or led_unit_ids(request.official)):
        return refusal_denied(request, AccessDenied("Bạn không có quyền đề nghị khen thưởng.",
                                                    "You may not propose a commendation."))
    if not form.is_valid():
        return redirect("commendation_list")
    data = form.cleaned_data
    unit = Unit.objects.filter(pk=data["unit"]).first()
    official = Official.objects.filter(pk=data["official"]).first() if data["official"] else None
    if unit is None:
        raise Http404
    evidence = next((c.evidence for c in (official_candidates if official else unit_candidates)(
        data["period_start"], data["period_end"]) if c.unit_id == unit.pk and c.official_id == data["official"]), [])
    try:
        found = commendation.propose_commendation(
            actor=request.official, unit=unit, official=official, form=data["form"], period_start=data["period_start"],
            period_end=data["period_end"], reason=data["reason"], evidence=evidence)
    except AccessDenied as refused:
        return refusal_denied(request, refused)
    except ActionRefused as refused:
        return render(request, "web/commendation/refused.html", {"refusal": refused}, status=400)
    return redirect("commendation", found.pk)


def seen(request: HttpRequest, commendation_id: int) -> Commendation:
    found = visible_commendations(request.official).filter(pk=commendation_id).first()
    if found is None:
        raise Http404
    return found


@official_required
def commendation_detail(request: HttpRequest, commendation_id: int) -> HttpResponse:
    found = seen(request, commendation_id)
    return render_detail(request, found)


def render_detail(request: HttpRequest, found: Commendation, refusal: ActionRefused | None = None,
                  status: int = 200) -> HttpResponse:
    official = request.official
    decides = (found.state == CommendationState.APPROVED
               and commendation.deciding_unit(found).pk in led_unit_ids(official))
    return render(request, "web/commendation/detail.html", {
        "found": found, "form": AWARD_FORMS.get(found.form), "refusal": refusal,
        "approves": keeps_reviews(official) and found.state == CommendationState.PROPOSED,
        "approval_form": ApprovalForm(), "decides": decides,
        "decision_pdf": issued_pdf.shown("commendation-decision", found) if found.decision_notation else None,
    }, status=status)


@official_required
@require_POST
def commendation_step(request: HttpRequest, commendation_id: int, step: str) -> HttpResponse:
    found = seen(request, commendation_id)
    try:
        if step == "duyet":
            if not keeps_reviews(request.official):
                raise AccessDenied("Chỉ Sở Nội vụ duyệt đề nghị khen thưởng.", "Only Home Affairs approves.")
            form = ApprovalForm(request.POST)
            if not form.is_valid():
                return render_detail(request, found, status=400)
            commendation.approve_commendation(found, actor=request.official, **form.cleaned_data)
        elif step == "quyet-dinh":
            commendation.decide_commendation(found, actor=request.official)
        else:
            raise Http404
    except AccessDenied as refused:
        return refusal_denied(request, refused)
    except ActionRefused as refused:
        return render_detail(request, seen(request, commendation_id), refused, status=400)
    return redirect("commendation", found.pk)


@official_required
def commendation_file(request: HttpRequest, commendation_id: int) -> HttpResponse:
    found = seen(request, commendation_id)
    return decision_download(request, found, found.state == CommendationState.DECIDED, "commendation-decision")
