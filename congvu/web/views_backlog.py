"""The backlog review's pages (clause 1.5): the rounds, one round (Home Affairs: progress per unit and
every entry; a unit's head: their unit's entries with a plan form each; an official: the plans
naming them), opening a round, recording a plan."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congvu.lib.clock import today
from congvu.lib.refusals import AccessDenied, ActionRefused
from congvu.oversight import access, backlog
from congvu.oversight.models_backlog import BacklogRound
from congvu.registry.serving import leader_unit_ids_of
from congvu.web.forms_backlog import OpenRoundForm, PlanForm
from congvu.web.pages import denied, official_required, refusal_denied
from congvu.web.roles import serves_anywhere


@official_required
def round_list(request: HttpRequest, form: OpenRoundForm | None = None, refusal: ActionRefused | None = None,
               status: int = 200) -> HttpResponse:
    official = request.official
    if not serves_anywhere(official):
        return denied(request, _("You hold no post, so there is no backlog of yours to review."))
    opener = backlog.opens_rounds(official)
    return render(request, "web/backlog/list.html", {
        "rounds": list(access.visible_backlog_rounds(official)), "opener": opener, "refusal": refusal,
        "form": form or (OpenRoundForm(initial={"cutoff": today()}) if opener else None),
    }, status=status)


@official_required
@require_POST
def round_open(request: HttpRequest) -> HttpResponse:
    official = request.official
    if not backlog.opens_rounds(official):
        return denied(request, _("Only the Department of Home Affairs opens a backlog review."))
    form = OpenRoundForm(request.POST)
    if not form.is_valid():
        return round_list(request, form=form, status=400)
    try:
        opened = backlog.open_round(actor=official, **form.cleaned_data)
    except ActionRefused as refused:
        return round_list(request, form=form, refusal=refused, status=400)
    return redirect("backlog_round", opened.pk)


def render_round(request: HttpRequest, round_: BacklogRound, *, forms: dict | None = None,
                 refusal: ActionRefused | None = None, status: int = 200) -> HttpResponse:
    official = request.official
    entries = list(access.visible_backlog_entries(official, round_))
    led = leader_unit_ids_of(official, today())
    forms = forms or {}
    for entry in entries:
        if entry.unit_id in led:
            entry.form = forms.get(entry.pk) or PlanForm(unit_id=entry.unit_id, prefix=f"e{entry.pk}", initial={
                "decision_date": entry.decision_date, "cause": entry.cause,
                "responsible": entry.responsible_id, "note": entry.note})
    everything = access.sees_all_rounds(official)
    return render(request, "web/backlog/round.html", {
        "round": round_, "entries": entries, "refusal": refusal, "everything": everything,
        "progress": backlog.progress(round_.entries.all() if everything else
                                     round_.entries.filter(unit_id__in=led)),
    }, status=status)


@official_required
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = backlog.round_for(request.official, round_id)
    if round_ is None:
        raise Http404
    return render_round(request, round_)


@official_required
@require_POST
def plan_record(request: HttpRequest, entry_id: int) -> HttpResponse:
    official = request.official
    entry = backlog.entry_for(official, entry_id)
    if entry is None:
        raise Http404
    if entry.unit_id not in leader_unit_ids_of(official, today()):
        return denied(request, _("Only the head or a deputy of the unit holding the item records its plan."))
    form = PlanForm(request.POST, unit_id=entry.unit_id, prefix=f"e{entry.pk}")
    if not form.is_valid():
        return render_round(request, entry.round, forms={entry.pk: form}, status=400)
    try:
        backlog.record_plan(entry, actor=official, **form.cleaned_data)
    except ActionRefused as refused:
        if isinstance(refused, AccessDenied):
            return refusal_denied(request, refused)
        return render_round(request, entry.round, forms={entry.pk: form}, refusal=refused, status=400)
    return redirect(reverse("backlog_round", args=[entry.round_id]) + f"#muc-{entry.pk}")
