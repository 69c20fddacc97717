"""The consultation pages (clauses 2.2 and 2.3): the ask and heads'-meeting forms on the item page,
the notice, attachment and shared-original downloads, the consulted unit's requests page with its
assign and reply forms, and the official's notifications.

An official the action refuses for who they are (AccessDenied) gets the 403 page, like an outsider:
only a refusal of the rules or of the input is shown in the form.

Each form works with and without JavaScript, like the item page's action forms: htmx posts it and
swaps in the answer (the form again with its errors or refusal, or the refreshed item or request on
success); a plain POST redirects on success and re-renders the whole page otherwise."""

from collections.abc import Callable
from dataclasses import replace

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congvu.consult import actions
from congvu.consult.access import may_see_consultation, may_see_request
from congvu.consult.available import Viewer
from congvu.consult.display import one_request, request_shown
from congvu.consult.models import Consultation, ConsultationRequest, Notice
from congvu.documents import notice_pdf, notices
from congvu.documents.pdf import PdfUnavailable
from congvu.lib.clock import today
from congvu.lib.filetypes import safe_content_type
from congvu.lib.ids import parse_id
from congvu.lib.refusals import AccessDenied, ActionRefused
from congvu.org import actions as org_actions
from congvu.org.models import Official
from congvu.registry.serving import unit_ids_of
from congvu.web.consult_list import SCOPES, request_list, scope_of
from congvu.web.pages import FormPanel, denied, form_again, is_htmx, item_seen_whole, official_required, refusal_denied
from congvu.web.panels_consult import (
    RequestCard,
    ask_form,
    assign_form,
    consultation_panel,
    reconcile_form,
    reply_form,
    request_card,
    request_cards,
)
from congvu.web.roles import sees_overview
from congvu.web.views_items import from_item_page, item_changed, item_context, reply_failed_on_item
from congvu.web.views_lists import query_without
from congvu.work.access import access_item, require_holder_or_leader, require_leader
from congvu.work.models import WorkItem


def _not_yours_to_see() -> AccessDenied:
    return AccessDenied("Bạn không có quyền xem yêu cầu xin ý kiến này.", "You may not see this consultation request.")


# The item page's side: ask, record the heads' meeting ----------------------------------------------


@require_POST
@official_required
@item_seen_whole
def ask(request: HttpRequest, item: WorkItem) -> HttpResponse:
    try:  # who may ask is judged before what they posted (issue 7: access before any input or rule)
        require_holder_or_leader(request.official, item, "xin ý kiến cho công việc này", "consult on this item")
    except AccessDenied as refusal:
        return refusal_denied(request, refusal)
    form = ask_form(item, request.POST, request.FILES)
    refusal = None
    if form.is_valid():
        data = form.cleaned_data
        upload = data["attachment"]
        try:
            consultation = actions.ask(
                item, actor=request.official, units=data["units"], question=data["question"], proposal=data["proposal"],
                reply_days=data["reply_days"], attachment=ContentFile(upload.read()) if upload else None,
                attachment_name=upload.name if upload else "", shares_original=data.get("shares_original", False),
                override_reason=data["override_reason"],
            )
        except AccessDenied as refusal:
            return refusal_denied(request, refusal)
        except ActionRefused as exc:
            refusal = exc
        else:
            units = ", ".join(r.unit.name for r in consultation.requests.select_related("unit").order_by("unit__name"))
            text = _("Done: the opinion of %(units)s was asked, to reply by %(due)s.") % {
                "units": units, "due": f"{consultation.due_date:%d/%m/%Y}"}
            return item_changed(request, item, text)
    panel = FormPanel(form, refusal, open=True)
    overridable = panel.rule_refusal is not None and panel.rule_refusal.overridable
    panel.show_override = (overridable and Viewer(request.official, item).leads_lead_unit) or bool(
        form.data.get("override_reason"))
    if is_htmx(request):
        return form_again(request, "web/consult/partials/ask_form.html", item, {"ask": panel}, panel)
    return _item_page(request, item, consultation_panel(request.official, item, ask=panel))


@require_POST
@official_required
def reconcile(request: HttpRequest, request_id: int) -> HttpResponse:
    consult_request = ConsultationRequest.objects.select_related("unit").filter(pk=request_id).first()
    try:
        item = access_item(request.official, consult_request.item_id if consult_request else 0)
        require_leader(request.official, item.lead_unit_id, "ghi nhận cuộc làm việc giữa thủ trưởng",
                       "record the heads' meeting")
    except AccessDenied as refusal:
        return refusal_denied(request, refusal)
    form = reconcile_form(consult_request, request.POST)
    refusal = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_reconciliation(
                consult_request, actor=request.official, held_on=data["held_on"], attendees=data["attendees"],
                outcome=data["outcome"], lead_view=data["lead_view"], other_view=data["other_view"],
            )
        except AccessDenied as refusal:
            return refusal_denied(request, refusal)
        except ActionRefused as exc:
            refusal = exc
        else:
            return item_changed(request, item, _("Done: the heads' meeting with %(unit)s was recorded.") % {
                "unit": consult_request.unit.name})
    panel = FormPanel(form, refusal, open=True)
    if is_htmx(request):
        return form_again(request, "web/consult/partials/reconcile_form.html", item,
                           {"meeting": (consult_request, panel)}, panel)
    return _item_page(request, item, consultation_panel(request.official, item, reconcile=(consult_request.pk, panel)))


def _item_page(request: HttpRequest, item: WorkItem, panel) -> HttpResponse:
    return render(request, "web/item.html", item_context(request, item, consultation=panel))


# The deemed-agreement notice: signed in one click, drafts listed for Home Affairs ------------------


@require_POST
@official_required
def sign_notice(request: HttpRequest, notice_id: int) -> HttpResponse:
    """The asking unit's head or deputy signs the draft: numbered, dated today, its file ready."""
    notice = Notice.objects.select_related("request").filter(pk=notice_id).first()
    if notice is None or not may_see_request(request.official, notice.request):
        return refusal_denied(request, AccessDenied("Bạn không có quyền ký thông báo này.",
                                                    "You may not sign this notice."))
    item = notice.request.item
    try:
        signed = actions.sign_notice(notice, actor=request.official)
    except AccessDenied as refusal:
        return refusal_denied(request, refusal)
    except ActionRefused as refusal:
        messages.error(request, f"{refusal.message(get_language() or 'vi')} [{getattr(refusal, 'code', '')}]")
        return redirect("item", item_id=item.pk)
    messages.success(request, _("Done: notice No. %(number)s was signed and issued on %(day)s.") % {
        "number": signed.notation, "day": f"{signed.issued_on:%d/%m/%Y}"})
    return redirect("item", item_id=item.pk)


@official_required
def unsigned_notices(request: HttpRequest) -> HttpResponse:
    """Home Affairs' list of deemed-agreement notices still unsigned, oldest first."""
    if not sees_overview(request.official):
        return denied(request, _("Only Home Affairs and the Province office see the figures of every unit."))
    drafts = (Notice.objects.filter(number__isnull=True)
              .select_related("unit", "request__unit", "request__item", "request__consultation")
              .order_by("drafted_at", "id"))
    return render(request, "web/consult/unsigned_notices.html", {"drafts": drafts, "today": today()})


# Downloads ----------------------------------------------------------------------------------------


@official_required
def notice_file(request: HttpRequest, notice_id: int) -> HttpResponse:
    """The deemed-agreement notice as its (signed) PDF, made now if the sweep left it to a later batch;
    `?dang=docx` gives the editable .docx, and so does a server without LibreOffice."""
    notice = Notice.objects.select_related("unit", "request").filter(pk=notice_id).first()
    if notice is None or not may_see_request(request.official, notice.request):
        return refusal_denied(request, AccessDenied("Bạn không có quyền xem thông báo này.",
                                                    "You may not see this notice."))
    if not notice.is_signed:
        raise Http404  # a draft has no number, no date and no file until its head signs it
    notices.render(notice)
    if request.GET.get("dang") != "docx":
        try:
            made = notice_pdf.make(notice)
        except PdfUnavailable:
            pass
        else:
            return FileResponse(made.file.open("rb"), as_attachment=True, filename=notice_pdf.pdf_name(notice),
                                content_type="application/pdf")
    return FileResponse(notice.file.open("rb"), as_attachment=True, filename=notices.file_name(notice),
                        content_type=notices.DOCX)


@official_required
def attachment(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = Consultation.objects.filter(pk=consultation_id).first()
    if consultation is None or not may_see_consultation(request.official, consultation):
        return refusal_denied(request, _not_yours_to_see())
    if not consultation.attachment:
        raise Http404
    return _download(consultation.attachment)


@official_required
def shared_original(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """The item's incoming original, for the units a consultation asks when the asking unit shared it
    (those who see the item whole download it from the register)."""
    consultation = Consultation.objects.select_related("item__incoming").filter(pk=consultation_id).first()
    if consultation is None or not may_see_consultation(request.official, consultation):
        return refusal_denied(request, _not_yours_to_see())
    document = consultation.item.incoming
    if not consultation.shares_original or document is None or not document.original:
        raise Http404
    return _download(document.original)


def _download(stored: FieldFile) -> FileResponse:
    """An uploaded file, always as an attachment and with an allow-listed type, never as a page."""
    name = stored.name.rsplit("/", 1)[-1]
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name, content_type=safe_content_type(name))


# The consulted unit's side: its requests, assign, reply -------------------------------------------


@official_required
def requests_page(request: HttpRequest) -> HttpResponse:
    if not unit_ids_of(request.official, today()):
        return denied(request, _("You serve in no unit, so no consultation request is addressed to you."))
    return _requests_page(request)


def _requests_page(request: HttpRequest, replace: RequestCard | None = None) -> HttpResponse:
    raw = request.GET.get("cong-viec", "")
    item_id = parse_id(raw)
    # Whose requests and which page of the settled ones (congvu/web/consult_list.py, issue 12).
    listed = request_list(request.official, scope_of(request.GET.get("ai")), item_id, request.GET.get("trang"))
    return render(request, "web/consult/requests.html", {
        "pending": request_cards(request.official, listed.pending, replace),
        "settled": request_cards(request.official, list(listed.settled), replace), "item_id": item_id,
        "scope": listed.scope, "scopes": SCOPES, "settled_page": listed.settled,
        "query": query_without(request.GET, "trang"),
        # Said, not silently dropped: the page then shows every request.
        "bad_item_id": raw if raw and item_id is None else "",
    })


def _own_request(request: HttpRequest, request_id: int) -> ConsultationRequest | None:
    consult_request = one_request(request_id)
    if consult_request is None or not may_see_request(request.official, consult_request):
        return None
    return consult_request


@require_POST
@official_required
def assign(request: HttpRequest, request_id: int) -> HttpResponse:
    def act(consult_request: ConsultationRequest, data: dict) -> str:
        actions.assign_request(consult_request, actor=request.official, holder=data["holder"])
        return _("Assigned to %(name)s.") % {"name": data["holder"].full_name}

    def who_may(consult_request: ConsultationRequest) -> None:
        require_leader(request.official, consult_request.unit_id, "phân công trả lời yêu cầu này",
                       "assign this request")

    return _card_form(request, request_id, assign_form, act, "assign", who_may)


@require_POST
@official_required
def reply(request: HttpRequest, request_id: int) -> HttpResponse:
    def act(consult_request: ConsultationRequest, data: dict) -> str:
        answered = actions.reply(consult_request, actor=request.official, position=data["position"],
                                 reasons=data["reasons"])
        if answered.late:
            return _("Your reply was recorded as late: it counts as agreement (clause 2.2).")
        return _("Your reply was recorded.")

    def who_may(consult_request: ConsultationRequest) -> None:
        if consult_request.holder_id != request.official.pk:
            require_leader(request.official, consult_request.unit_id, "trả lời yêu cầu này", "answer this request")

    return _card_form(request, request_id, reply_form, act, "reply", who_may)


def _card_form(request: HttpRequest, request_id: int, make_form: Callable, act: Callable[..., str],
               panel: str, who_may: Callable[[ConsultationRequest], None]) -> HttpResponse:
    """One form of a request card (`panel`: "assign" or "reply"): `who_may(request)` raises AccessDenied for
    whoever may not take it (judged before the form is read); `act(request, cleaned data)` returns the
    text to flash on success; otherwise the card comes back with the form, its errors or its refusal."""
    consult_request = _own_request(request, request_id)
    if consult_request is None:
        return refusal_denied(request, _not_yours_to_see())
    try:
        who_may(consult_request)
    except AccessDenied as refusal:
        return refusal_denied(request, refusal)
    form = make_form(consult_request, request.POST)
    refusal = None
    if form.is_valid():
        try:
            text = act(consult_request, form.cleaned_data)
        except AccessDenied as refusal:
            return refusal_denied(request, refusal)
        except ActionRefused as exc:
            refusal = exc
        else:
            return _card_succeeded(request, request_id, text)
    card = request_card(request_shown(request.official, consult_request))
    return _card_failed(request, replace(card, **{panel: FormPanel(form, refusal, open=True)}))


def _card_succeeded(request: HttpRequest, request_id: int, text: str) -> HttpResponse:
    if from_item_page(request):  # the reply form on the item page (issue 12): back to the item
        return item_changed(request, one_request(request_id).item, text)
    if not is_htmx(request):
        messages.success(request, text)
        return redirect(reverse("consult_requests") + f"#yeu-cau-{request_id}")
    card = request_card(request_shown(request.official, one_request(request_id)))
    card.flash = text
    return render(request, "web/consult/partials/request_card.html", {"card": card})


def _card_failed(request: HttpRequest, card: RequestCard) -> HttpResponse:
    if from_item_page(request):
        return reply_failed_on_item(request, card)
    if is_htmx(request):
        return render(request, "web/consult/partials/request_card.html", {"card": card})
    return _requests_page(request, replace=card)


# The official's notifications ---------------------------------------------------------------------


def _serves_somewhere(official: Official) -> bool:
    return official.sees_everything or bool(unit_ids_of(official, today()))


@official_required
def notifications(request: HttpRequest) -> HttpResponse:
    if not _serves_somewhere(request.official):
        return denied(request, _("You hold no position in any unit, so nothing is notified to you."))
    mine = request.official.notifications.order_by("-created_at", "-id")
    page = Paginator(mine, 50).get_page(request.GET.get("trang"))
    return render(request, "web/consult/notifications.html", {
        "page": page, "unread": mine.filter(read_at__isnull=True).count(),
    })


@require_POST
@official_required
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark one notification read; with `mo`, then open the page it points to."""
    if not _serves_somewhere(request.official):
        return denied(request, _("You hold no position in any unit, so nothing is notified to you."))
    try:
        notification = org_actions.mark_read(notification_id, actor=request.official)
    except AccessDenied as refusal:
        return refusal_denied(request, refusal)
    target = notification.url
    if request.POST.get("mo") and target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect(target)
    return redirect("my_notifications")


@require_POST
@official_required
def notifications_all_read(request: HttpRequest) -> HttpResponse:
    if not _serves_somewhere(request.official):
        return denied(request, _("You hold no position in any unit, so nothing is notified to you."))
    org_actions.mark_all_read(actor=request.official)
    return redirect("my_notifications")
