"""What every page view shares, written once: who may open a page at all (`official_required`), the
403 page (`denied`, `refusal_denied`), an object the official may see or the 404 (`visible_or_404`),
the answer to a refused action (`refused`), the item a view is about (`item_seen_whole`), whether
htmx asked (`is_htmx`), a form shown with the refusal it got (`FormPanel`), and the answer to a
posted form that failed (`form_again`).

A form posted with htmx is swapped in place: on failure the form again with its errors or refusal
(and, when a rule refused it, the item's trail refreshed out of band, since the refused attempt was
written there); a plain POST re-renders the whole page instead (each view knows which)."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from congvu.lib.refusals import AccessDenied, ActionRefused, RuleViolation
from congvu.org.models import Official, Unit
from congvu.web.signed_in import signed_in_official
from congvu.web.timeline import event_rows
from congvu.work.access import access_item
from congvu.work.models import WorkItem

if TYPE_CHECKING:
    from congvu.web.item_actions import ItemAction

View = Callable[..., HttpResponse]


def denied(request: HttpRequest, message: str) -> HttpResponse:
    """403 with the reason in the reader's language, never a bare error page or a 500."""
    return render(request, "web/denied.html", {"message": message}, status=403)


def refusal_denied(request: HttpRequest, refusal: ActionRefused) -> HttpResponse:
    return denied(request, refusal.message(get_language() or "vi"))


def visible_or_404(request: HttpRequest, objects: type[Model] | QuerySet, pk: int,
                   may_see: Callable[[Official, Model], bool]):
    """Object `pk` if the official may see it; otherwise the 404 of one that does not exist (ids reveal nothing)."""
    found = get_object_or_404(objects, pk=pk)
    if not may_see(request.official, found):
        raise Http404
    return found


def refused(request: HttpRequest, act: Callable[[], object],
            again: Callable[[ActionRefused], HttpResponse]) -> HttpResponse | None:
    """Run a posted action. None when it is done; refused, the answer: access, the 403 page; a rule
    or the state, `again(refusal)` (the page again, with the refusal)."""
    try:
        act()
    except AccessDenied as refusal:
        return refusal_denied(request, refusal)
    except ActionRefused as refusal:
        return again(refusal)
    return None


def item_seen_whole(view: View) -> View:
    """For a view of `item_id` (under `official_required`): the view gets the item, if the official
    sees it whole, in place of its id; anyone else the 403 page, before anything else is read."""

    @wraps(view)
    def wrapper(request: HttpRequest, item_id: int, *args, **kwargs) -> HttpResponse:
        try:
            item = access_item(request.official, item_id)
        except AccessDenied as refusal:
            return refusal_denied(request, refusal)
        return view(request, item, *args, **kwargs)

    return wrapper


def official_required(view: View) -> View:
    """Signed in and linked to an official: every page acts as a named person (clause 1.3).
    The official is put on the request for the view."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        official = signed_in_official(request)
        if official is None:
            return denied(request, _("Your account is not linked to an official, so it cannot handle work."))
        request.official = official
        return view(request, *args, **kwargs)

    return wrapper


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@dataclass
class FormPanel:
    """One form on a page, with the refusal it got, if any. `action` is the item action the form
    calls (`congvu.web.item_actions.ItemAction`) on the item page's action panels; the consultation
    forms have none."""

    form: forms.Form
    refusal: ActionRefused | None = None
    show_override: bool = False
    open: bool = False
    action: "ItemAction | None" = None
    # The competent unit a competence refusal offers to transfer the work to, in one click.
    transfer_to: Unit | None = None

    @property
    def rule_refusal(self) -> RuleViolation | None:
        return self.refusal if isinstance(self.refusal, RuleViolation) else None


def form_again(request: HttpRequest, template: str, item: WorkItem, context: dict, panel: FormPanel) -> HttpResponse:
    """The posted form (htmx) with its errors; a rule refusal was written to the trail, so that is
    refreshed too, out of band."""
    context = {**context, "item": item, "trail_oob": panel.rule_refusal is not None}
    if context["trail_oob"]:
        context["events"] = event_rows(item)
    return render(request, template, context)
