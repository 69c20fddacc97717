"""Home Affairs' queue "Thủ trưởng quyết định thực hiện — chờ xem xét" (/tong-hop/quyet-dinh-thuc-hien/):
every head's override of a 2.1 or 1.4 refusal waits here until Home Affairs confirms it, records that
the registry was corrected, or keeps it as evidence for the accountability review. The same page
lists returned documents, which Home Affairs or the Province office may find wrongly returned, and
what counts against each unit for its use of authority. Linked from the overview (/tong-hop/)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congvu.lib.refusals import AccessDenied, ActionRefused
from congvu.oversight import actions
from congvu.oversight.models import Resolution
from congvu.oversight.queries import authority_figures, overrides_to_review, reviewed_overrides
from congvu.web.pages import denied, official_required, refusal_denied
from congvu.web.roles import sees_overview
from congvu.work.models import Event, EventKind, State, WorkItem

SHOWN = 50


def returned_items():
    """Returned documents, newest first, marked when a return was already found wrong."""
    found = Event.objects.filter(kind=EventKind.RETURN_FOUND_WRONG).values("item_id")
    return (WorkItem.objects.filter(state=State.RETURNED).exclude(pk__in=found)
            .select_related("holder_unit", "matter_type").order_by("-created_at", "-id"))


@official_required
def queue(request: HttpRequest) -> HttpResponse:
    if not sees_overview(request.official):
        return denied(request, _("Only Home Affairs and the Province office see the figures of every unit."))
    waiting = overrides_to_review()
    return render(request, "web/authority_queue.html", {
        "waiting": list(waiting[:SHOWN]), "waiting_count": waiting.count(),
        "reviewed": list(reviewed_overrides()[:SHOWN]), "returned": list(returned_items()[:SHOWN]),
        "figures": authority_figures(), "resolutions": Resolution.choices,
        "may_review": actions.may_review_overrides(request.official),
        "may_find": actions.may_find_return_wrong(request.official), "shown": SHOWN,
    })


def _act(request: HttpRequest, perform, done: str) -> HttpResponse:
    try:
        perform()
    except AccessDenied as refusal:
        return refusal_denied(request, refusal)
    except ActionRefused as refusal:
        messages.error(request, refusal.message(get_language() or "vi"))
    else:
        messages.success(request, done)
    return redirect("authority_queue")


@require_POST
@official_required
def resolve(request: HttpRequest, event_id: int) -> HttpResponse:
    return _act(request, lambda: actions.resolve_override(
        event_id, actor=request.official, resolution=request.POST.get("resolution", ""),
        note=request.POST.get("note", "")), _("The head's decision was reviewed."))


@require_POST
@official_required
def find_return_wrong(request: HttpRequest, item_id: int) -> HttpResponse:
    return _act(request, lambda: actions.record_return_found_wrong(
        item_id, actor=request.official, explanation=request.POST.get("explanation", "")),
        _("The return was found wrong; it counts against the returning unit."))
