"""The accountability review pages (clause 1.7): Home Affairs' list with the evidence to review, the
opening form, one review with the step its reader may take next (meeting, conclusion, decision), the
decision's .docx; and the records: "Hồ sơ của tôi" and a unit's record. Who sees what is
`congvu.oversight.access`; every change is an action of `congvu.oversight.reviews`."""

import io

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from congvu.documents import issued_pdf
from congvu.documents.review_docs import decision_docx, file_name
from congvu.lib.clock import today
from congvu.lib.refusals import AccessDenied, ActionRefused
from congvu.org.models import Unit
from congvu.oversight import reviews
from congvu.oversight.access import (
    keeps_reviews,
    led_unit_ids,
    sees_unit_record,
    visible_commendations,
    visible_reviews,
)
from congvu.oversight.discipline import FORMS
from congvu.oversight.models import OverrideReview, Resolution
from congvu.oversight.models_commendation import Commendation
from congvu.oversight.models_reviews import AccountabilityReview, ReviewState
from congvu.oversight.queries import deemed_agreements, overdue_items
from congvu.oversight.review_sources import SOURCES, source
from congvu.web.forms_reviews import ConclusionForm, DecisionForm, ExtendForm, MeetingForm, OpenReviewForm
from congvu.web.issued_files import pdf_download, wants_pdf
from congvu.web.pages import denied, official_required, refusal_denied

EVIDENCE_ROWS = 10
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_download(data: bytes, name: str) -> FileResponse:
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=name, content_type=DOCX)


def decision_download(request: HttpRequest, found: AccountabilityReview | Commendation, decided: bool,
                      pdf_kind: str) -> FileResponse:
    """A review's or a commendation's decision as .docx, or (`?dang=pdf`) the signed PDF the sweep made;
    before it is decided there is none (404)."""
    if not decided:
        raise Http404
    if wants_pdf(request):
        return pdf_download(pdf_kind, found)
    return docx_download(decision_docx(found), file_name(found))


def evidence_to_review() -> dict:
    """What Home Affairs may open a review from (the newest first, ten of each)."""
    opened = AccountabilityReview.objects.values_list("source_kind", "source_id")
    taken: dict[str, set[int]] = {}
    for kind, pk in opened:
        taken.setdefault(kind, set()).add(pk)
    kept = (OverrideReview.objects.filter(resolution=Resolution.KEPT_FOR_REVIEW).select_related("unit", "item")
            .exclude(pk__in=taken.get("kept_override", set())).order_by("-resolved_at")[:EVIDENCE_ROWS])
    deemed = deemed_agreements().exclude(pk__in=taken.get("deemed_agreement", set()))[:EVIDENCE_ROWS]
    overdue = overdue_items().exclude(pk__in=taken.get("overdue_item", set()))[:EVIDENCE_ROWS]
    return {"kept": kept, "deemed": deemed, "overdue": overdue}


@official_required
def review_list(request: HttpRequest) -> HttpResponse:
    official = request.official
    keeper = keeps_reviews(official)
    return render(request, "web/reviews/list.html", {
        "reviews": visible_reviews(official)[:200], "keeper": keeper,
        **(evidence_to_review() if keeper else {}),
    })


@official_required
def review_open(request: HttpRequest, kind: str, source_id: int) -> HttpResponse:
    official = request.official
    if not keeps_reviews(official):
        return denied(request, "Chỉ Sở Nội vụ mở kiểm điểm trách nhiệm.")
    if kind not in SOURCES:
        raise Http404
    try:
        found = source(kind, source_id)
    except ActionRefused:
        raise Http404 from None
    form = OpenReviewForm(request.POST or None, initial={"subject": "official" if found.official else "unit",
                                                         "reason": found.summary})
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            review = reviews.open_review(kind, source_id, actor=official, **form.cleaned_data)
        except ActionRefused as refused:
            refusal = refused
        else:
            return redirect("review", review.pk)
    return render(request, "web/reviews/open.html", {
        "source": found, "kind": SOURCES[kind], "form": form, "refusal": refusal,
    }, status=400 if request.method == "POST" else 200)


def seen_review(request: HttpRequest, review_id: int) -> AccountabilityReview:
    found = visible_reviews(request.official).filter(pk=review_id).first()
    if found is None:
        raise Http404
    return found


def detail_context(request: HttpRequest, review: AccountabilityReview, bound: dict | None = None) -> dict:
    official = request.official
    facts = reviews.discipline_facts(review)
    offered = facts.forms if facts else ()
    conducts = reviews.may_conduct(official, review)
    bound = bound or {}
    steps = {
        "meeting": conducts and review.state in (ReviewState.OPEN, ReviewState.MEETING_HELD),
        "conclusion": conducts and review.state == ReviewState.MEETING_HELD,
        "decision": review.state == ReviewState.DISCIPLINE_PROPOSED and review.official_id != official.pk
        and reviews.deciding_unit(review).pk in led_unit_ids(official),
        "extend": keeps_reviews(official) and not review.processing_extended
        and review.state in (ReviewState.OPEN, ReviewState.MEETING_HELD, ReviewState.DISCIPLINE_PROPOSED),
    }
    return {
        "review": review, "facts": facts, "steps": steps, "source_kind": SOURCES.get(review.source_kind),
        "proposed": FORMS.get(review.proposed_form), "decided": FORMS.get(review.decided_form),
        "meeting_form": bound.get("meeting") or MeetingForm(initial={"meeting_on": today()}),
        "conclusion_form": bound.get("conclusion") or ConclusionForm(forms_offered=offered),
        "decision_form": bound.get("decision") or DecisionForm(forms_offered=offered,
                                                               initial={"form": review.proposed_form}),
        "extend_form": bound.get("extend") or ExtendForm(),
        "decision_pdf": (issued_pdf.shown("discipline-decision", review)
                         if review.state == ReviewState.DECIDED else None),
    }


@official_required
def review_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    review = seen_review(request, review_id)
    return render(request, "web/reviews/detail.html", detail_context(request, review))


STEPS = {"hop": "meeting", "ket-luan": "conclusion", "quyet-dinh": "decision", "gia-han": "extend"}


def _bound_form(step: str, review: AccountabilityReview, data) -> object:
    facts = reviews.discipline_facts(review)
    offered = facts.forms if facts else ()
    return {"meeting": lambda: MeetingForm(data), "conclusion": lambda: ConclusionForm(data, forms_offered=offered),
            "decision": lambda: DecisionForm(data, forms_offered=offered), "extend": lambda: ExtendForm(data)}[step]()


ACTIONS = {"meeting": reviews.record_meeting, "conclusion": reviews.conclude_review,
           "decision": reviews.decide_discipline, "extend": reviews.extend_processing}


@official_required
@require_POST
def review_step(request: HttpRequest, review_id: int, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404
    review, name = seen_review(request, review_id), STEPS[step]
    form = _bound_form(name, review, request.POST)
    refusal = None
    if form.is_valid():
        try:
            ACTIONS[name](review, actor=request.official, **form.cleaned_data)
        except AccessDenied as refused:
            return refusal_denied(request, refused)
        except ActionRefused as refused:
            refusal = refused
        else:
            return redirect("review", review.pk)
    elif not (reviews.may_conduct(request.official, review) or keeps_reviews(request.official)
              or reviews.deciding_unit(review).pk in led_unit_ids(request.official)):
        return denied(request, "Bạn không có quyền thực hiện bước này.")
    context = detail_context(request, seen_review(request, review_id), {name: form})
    return render(request, "web/reviews/detail.html", {**context, "refusal": refusal}, status=400)


@official_required
def review_file(request: HttpRequest, review_id: int) -> HttpResponse:
    review = seen_review(request, review_id)
    return decision_download(request, review, review.state == ReviewState.DECIDED, "discipline-decision")


@official_required
def my_record(request: HttpRequest) -> HttpResponse:
    """"Hồ sơ của tôi": my reviews, discipline and commendations; the units I lead; the registers."""
    official = request.official
    return render(request, "web/reviews/my_record.html", {
        "reviews": visible_reviews(official).filter(official=official),
        "commendations": visible_commendations(official).filter(official=official),
        "units": Unit.objects.filter(pk__in=led_unit_ids(official)).order_by("name"),
        "keeper": keeps_reviews(official),
    })


@official_required
def unit_record(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=unit_id)
    if not sees_unit_record(request.official, unit.pk):
        return denied(request, "Chỉ Sở Nội vụ, lãnh đạo UBND tỉnh và lãnh đạo đơn vị xem hồ sơ của đơn vị.")
    return render(request, "web/reviews/unit_record.html", {
        "unit": unit, "reviews": visible_reviews(request.official).filter(unit=unit),
        "commendations": visible_commendations(request.official).filter(unit=unit),
    })
