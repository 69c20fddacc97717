"""The incoming register (sổ văn bản đến): register a document, list a unit's register, download
the original."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from congvu.lib.clock import today
from congvu.lib.filetypes import safe_content_type
from congvu.lib.refusals import AccessDenied, ActionRefused
from congvu.registry.serving import unit_ids_of
from congvu.web.forms import RegisterIncomingForm
from congvu.web.pages import denied, official_required
from congvu.web.roles import registering_units
from congvu.work import actions
from congvu.work.access import may_read_document
from congvu.work.models import IncomingDocument, WorkItem

PAGE_SIZE = 25


@official_required
def register(request: HttpRequest) -> HttpResponse:
    units = registering_units(request.official)
    if not units.exists():
        return denied(request, _("Only a unit's clerk, head or deputy registers its incoming documents."))
    form = RegisterIncomingForm(request.POST or None, request.FILES or None, units=units)
    refusal = None
    if request.method == "POST" and form.is_valid():
        same = already_registered(form.cleaned_data)
        if same and not request.POST.get("register_anyway"):
            # Like the edXML import's preview: the clerk sees the earlier entry and confirms, or stops.
            return render(request, "web/register.html", {"form": form, "already_registered": same})
        try:
            item = _register(request, form.cleaned_data)
        except ActionRefused as exc:
            refusal = exc
        else:
            messages.success(request, _("Registered as incoming number %(number)s.") % {
                "number": item.incoming.incoming_number})
            return redirect("item", item_id=item.pk)
    return render(request, "web/register.html", {"form": form, "refusal": refusal})


def already_registered(data: dict):
    """The documents of the receiving unit's register with the same sender, number and date (a paper
    document registered twice, or the edXML message of one already typed in). Only when the number is
    given: without it, sender and date alone name many different documents."""
    if not data.get("notation"):
        return []
    return list(IncomingDocument.objects.filter(
        unit=data["unit"], notation__iexact=data["notation"].strip(), sender__iexact=data["sender"].strip(),
        issued_on=data.get("issued_on"),
    ).select_related("unit").order_by("-year", "-incoming_number")[:5])


def _register(request: HttpRequest, data: dict) -> WorkItem:
    # The upload itself goes to storage: it is copied in chunks (or its temporary file moved), never
    # read whole into memory; the form and the action both hold it to CONGVU_MAX_UPLOAD_MB.
    upload = data.get("original")
    return actions.register_incoming(
        actor=request.official, unit=data["unit"], matter_type=data["matter_type"], sender=data["sender"],
        subject=data["subject"], notation=data["notation"], issued_on=data["issued_on"],
        doc_type=data["doc_type"], reply_due=data["reply_due"], priority=data["priority"],
        requester_unit=data["requester_unit"], original=upload, original_name=upload.name if upload else "",
    )


@official_required
def register_list(request: HttpRequest) -> HttpResponse:
    """The incoming register of the official's own units, newest first."""
    units = unit_ids_of(request.official, today())
    documents = (
        IncomingDocument.objects.filter(unit__in=units).select_related("unit")
        .prefetch_related(Prefetch("items", queryset=WorkItem.objects.order_by("pk"), to_attr="item_list"))
        .order_by("-year", "-incoming_number", "unit__name")
    )
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "web/register_list.html", {
        "page": page, "show_unit": len(units) > 1, "may_register": registering_units(request.official).exists(),
    })


@official_required
def original(request: HttpRequest, document_id: int) -> HttpResponse:
    """The original file, for whoever may see an item born from the document (or serves in its unit)."""
    document = IncomingDocument.objects.filter(pk=document_id).first()
    if document is None or not may_read_document(request.official, document):
        refusal = AccessDenied("Bạn không có quyền xem văn bản này.", "You may not see this document.")
        return denied(request, refusal.message(get_language() or "vi"))
    if not document.original:
        raise Http404
    name = document.original.name.rsplit("/", 1)[-1]
    return FileResponse(document.original.open("rb"), as_attachment=True, filename=name,
                        content_type=safe_content_type(name))
