"""The item page (header, timeline, action forms) and the one endpoint every action form posts to.

Those who see the item whole get the page; a unit only consulted on it gets its consultation view
(congvu.web.panels_consult.consulted_view); anyone else, and anyone an action refuses for who they
are, gets the 403 page. An action form works with and without JavaScript: htmx posts it and swaps in
the answer (the form again with the refusal or errors, or the whole refreshed item on success); a
plain POST redirects back to the item on success and re-renders the page with the form's errors
otherwise. The page is composed here from what each area provides: work's item, steps and trail,
the consultation area's `congvu.consult.display`, and `congvu.consult.available` for the forms."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congvu.consult.access import Sight, sight_of
from congvu.consult.available import Viewer, may_take
from congvu.lib.refusals import AccessDenied, ActionRefused
from congvu.org import actions as org_actions
from congvu.org.models import Unit
from congvu.web.forms import ExtensionDecisionForm
from congvu.web.item_actions import BY_SLUG, ItemAction, available_actions
from congvu.web.item_next import action_column, owed_replies
from congvu.web.pages import FormPanel, form_again, is_htmx, item_seen_whole, official_required, refusal_denied
from congvu.web.panels_consult import ConsultationPanel, RequestCard, consultation_panel, consulted_view
from congvu.web.timeline import event_rows, step_rows, working_days_overdue
from congvu.work import actions
from congvu.work.access import deny, visible_items
from congvu.work.models import ExtensionRequest, ExtensionStatus, State, WorkItem
from congvu.work.queries import holder_when_late
from congvu.work.rules import FOREIGN_COMPETENCE


@official_required
def item_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    try:
        item, sight = sight_of(request.official, item_id)
    except AccessDenied as refusal:
        return refusal_denied(request, refusal)
    # Opening the item is reading what its notifications announced (issue 12).
    org_actions.mark_read_on_opening(actor=request.official, url=reverse("item", args=[item.pk]))
    if sight == Sight.CONSULTED:
        return render(request, "web/consult/consulted_item.html", consulted_view(request.official, item))
    return render(request, "web/item.html", item_context(request, item))


def item_context(request: HttpRequest, item: WorkItem, replace: FormPanel | None = None,
                 consultation: ConsultationPanel | None = None, replies: list[RequestCard] | None = None) -> dict:
    """Everything the item page shows; `replace` (an action form), `consultation` (the
    consultation panel with a posted form) or `replies` (the owed replies, one just posted) is shown
    with its errors."""
    item = WorkItem.objects.select_related(
        "matter_type", "lead_unit", "holder", "holder_unit", "incoming", "transferred_from"
    ).get(pk=item.pk)
    viewer = Viewer(request.official, item)
    panels = [FormPanel(a.form(item), action=a) for a in available_actions(viewer)]
    if replace is not None:
        # Shown even when the page would not offer this action, so the refusal is never lost.
        panels = [replace if p.action.slug == replace.action.slug else p for p in panels]
        if replace not in panels:
            panels.insert(0, replace)
    consultation = consultation or consultation_panel(request.official, item)
    extension = extension_context(request, item)
    column = action_column(viewer, panels, consultation, may_decide_extension=extension["extension_form"] is not None,
                           replace=replace, replies=replies)
    # Only a transfer makes a successor, and it leaves the item transferred: no query for the others.
    successor = WorkItem.objects.filter(transferred_from=item).first() if item.state == State.TRANSFERRED else None
    return {
        "item": item, "panels": panels,
        "cooperating": list(item.cooperating_units.order_by("name")),
        "days_overdue": working_days_overdue(item.due_date) if item.is_open else 0,
        "late_step": holder_when_late(item), "steps": step_rows(item), "events": event_rows(item),
        "document": item.incoming,
        "consultation": consultation, "column": column,
        "successor": successor, "successor_visible": bool(successor and sees(request, successor.pk)),
        "predecessor_visible": bool(item.transferred_from_id and sees(request, item.transferred_from_id)),
        **extension,
    }


def sees(request: HttpRequest, item_id: int) -> bool:
    """May the viewer open this linked item whole? (`visible_items` is built only when an item is linked.)"""
    return visible_items(request.official).filter(pk=item_id).exists()


def pending_extension(item: WorkItem) -> ExtensionRequest | None:
    return (ExtensionRequest.objects.filter(item=item, status=ExtensionStatus.PENDING)
            .select_related("requested_by", "unit").first())


def extension_context(request: HttpRequest, item: WorkItem, form: ExtensionDecisionForm | None = None,
                      refusal: ActionRefused | None = None) -> dict:
    """The extension awaiting the level above, and its decision form for whoever may decide it."""
    pending = pending_extension(item)
    may_decide = pending is not None and actions.may_decide_extension(request.official, pending)
    return {"extension_request": pending, "extension_refusal": refusal,
            "extension_form": (form or ExtensionDecisionForm(auto_id="gia-han-duyet-%s")) if may_decide else None}


@require_POST
@official_required
@item_seen_whole
def extension_decision(request: HttpRequest, item: WorkItem, request_id: int) -> HttpResponse:
    """The level above approves or refuses a requested extension (clause 1.5)."""
    pending = ExtensionRequest.objects.filter(pk=request_id, item=item).first()
    if pending is None:
        raise Http404
    if not actions.may_decide_extension(request.official, pending):
        return refusal_denied(request, deny("quyết định gia hạn này", "decide this extension"))
    form = ExtensionDecisionForm(request.POST, auto_id="gia-han-duyet-%s")
    refusal = None
    if form.is_valid():
        try:
            actions.decide_extension(pending, actor=request.official, approve=form.cleaned_data["approve"],
                                     reason=form.cleaned_data["reason"])
        except AccessDenied as denied_:
            return refusal_denied(request, denied_)
        except ActionRefused as exc:
            refusal = exc
        else:
            text = (_("The extension was approved.") if form.cleaned_data["approve"]
                    else _("The extension was refused."))
            messages.success(request, text)
            return redirect("item", item_id=item.pk)
    context = {**item_context(request, item), **extension_context(request, item, form, refusal)}
    return render(request, "web/item.html", context)


@require_POST
@official_required
@item_seen_whole
def item_action(request: HttpRequest, item: WorkItem, slug: str) -> HttpResponse:
    """Parse the form, call the action, show the outcome. An outsider is refused before anything else."""
    action = BY_SLUG.get(slug)
    if action is None:
        raise Http404
    form = action.form(item, request.POST)
    refusal = None
    if not form.is_valid() and not may_take(Viewer(request.official, item), action.transition):
        # Someone who may not act learns nothing of their input (issue 7): a valid form goes on to the
        # action, whose refusal names what they may not do; an invalid one is refused here alike.
        return refusal_denied(request, deny(f"thực hiện việc “{action.title}” với công việc này",
                                            f"take the step “{action.title}” on this item"))
    if form.is_valid():
        try:
            result = action.perform(item, request.official, form.cleaned_data)
        except AccessDenied as refusal:
            return refusal_denied(request, refusal)
        except ActionRefused as exc:
            refusal = exc
        else:
            return _succeeded(request, item, action, result)
    return _failed(request, item, FormPanel(form, refusal, open=True, action=action))


def _succeeded(request: HttpRequest, item: WorkItem, action: ItemAction, result: WorkItem) -> HttpResponse:
    if result.pk != item.pk:
        text = _("Transferred: the work continues as item #%(number)s at %(unit)s.") % {
            "number": result.pk, "unit": result.lead_unit}
    elif action.slug == "chi-dao" and result.state == State.IN_PROGRESS:  # the officer was named too
        text = _("Done: directed and assigned to %(name)s.") % {"name": result.holder.full_name}
    elif action.slug == "gia-han" and pending_extension(item) is not None:
        text = _("The extension goes past what the unit may grant itself: it was requested of the level above.")
    else:
        text = _("Done: %(action)s.") % {"action": action.title}
    return item_changed(request, item, text)


def item_changed(request: HttpRequest, item: WorkItem, text: str) -> HttpResponse:
    """An action on the item succeeded (from its page or its consultation forms): back to the item
    with `text` (redirect), or with htmx the whole refreshed item swapped in."""
    if not is_htmx(request):
        messages.success(request, text)
        return redirect("item", item_id=item.pk)
    context = {**item_context(request, item), "flash": text}
    response = render(request, "web/partials/item_body.html", context)
    # The form asked to swap only itself; on success the whole item (state, timeline, next actions) changed.
    response["HX-Retarget"] = "#item-body"
    response["HX-Reswap"] = "outerHTML"
    return response


# A reply to a consultation posted from the item page (issue 12) -----------------------------------
# The consultation's reply view (`congvu.web.views_consult.reply`) answers here when the form says it
# came from the item page: back to the item, not to the requests page.

FROM_ITEM = "tu-trang"


def from_item_page(request: HttpRequest) -> bool:
    return request.POST.get(FROM_ITEM) == "cong-viec"


def reply_failed_on_item(request: HttpRequest, card: RequestCard) -> HttpResponse:
    """The reply form again, with its errors or refusal, where it was posted."""
    item = card.request.item
    if is_htmx(request):
        return render(request, "web/partials/item_reply.html", {"card": card, "item": item})
    replies = owed_replies(Viewer(request.official, item), replace=card)
    return render(request, "web/item.html", item_context(request, item, replies=replies))


def transfer_offer(panel: FormPanel, viewer: Viewer, item: WorkItem) -> Unit | None:
    """The competent unit to transfer to, when the refusal names one and the viewer may transfer."""
    refusal = panel.rule_refusal
    if refusal is None or refusal.code != FOREIGN_COMPETENCE.code or not refusal.competent_unit_id:
        return None
    if refusal.competent_unit_id == item.holder_unit_id or "chuyen" not in {a.slug for a in available_actions(viewer)}:
        return None
    return Unit.objects.filter(pk=refusal.competent_unit_id).first()


def _failed(request: HttpRequest, item: WorkItem, panel: FormPanel) -> HttpResponse:
    viewer = Viewer(request.official, item)
    overridable = panel.rule_refusal is not None and panel.rule_refusal.overridable and panel.action.overridable
    panel.show_override = (overridable and viewer.may_override) or bool(panel.form.data.get("override_reason"))
    panel.transfer_to = transfer_offer(panel, viewer, item)
    if is_htmx(request):
        return form_again(request, "web/partials/action_panel.html", item, {"panel": panel}, panel)
    return render(request, "web/item.html", item_context(request, item, replace=panel))
