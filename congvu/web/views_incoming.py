"""The incoming register (sổ văn bản đến): register a document, list a unit's register, download
the original."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import OuterRef, Prefetch, Subquery
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from congvu.documents.xlsx_export import MAX_ROWS, Column, Sheet, xlsx_response
from congvu.lib.choices import label_of
from congvu.lib.clock import today
from congvu.lib.filetypes import safe_content_type
from congvu.lib.refusals import AccessDenied, ActionRefused
from congvu.lib.replica import replica_reads
from congvu.registry.serving import unit_ids_of
from congvu.web.forms import RegisterIncomingForm
from congvu.web.list_filters import RegisterFilterForm
from congvu.web.pages import denied, official_required
from congvu.web.roles import may_register, registering_units
from congvu.web.views_lists import query_without
from congvu.work import actions
from congvu.work.access import may_read_document
from congvu.work.models import IncomingDocument, State, WorkItem

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
    """The incoming register of the official's own units, newest first, narrowed by the filters in the
    query string; ?format=xlsx downloads the filtered register."""
    units = unit_ids_of(request.official, today())
    form = RegisterFilterForm(request.GET)
    documents = form.applied(IncomingDocument.objects.filter(unit__in=units)).order_by(
        "-year", "-incoming_number", "unit__name")
    if request.GET.get("format") == "xlsx" and not form.ignored:
        return export_register(documents)
    documents = documents.select_related("unit").prefetch_related(
        Prefetch("items", queryset=WorkItem.objects.order_by("pk"), to_attr="item_list"))
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "web/register_list.html", {
        "page": page, "show_unit": len(units) > 1, "may_register": may_register(request.official),
        "form": form, "query": query_without(request.GET, "trang", "format"),
    })


N = gettext_noop  # a header, translated when the sheet is written
REGISTER_COLUMNS = (
    (N("Incoming no."), 12), (N("Received"), 13), (N("Unit"), 30), (N("Sender"), 36),
    (N("Number and notation"), 18), (N("Date of the document"), 13), (N("Subject"), 60), (N("State"), 22),
    (N("Work item"), 10),
)


@replica_reads()
def export_register(documents) -> HttpResponse:
    """The filtered register as an .xlsx sheet in Vietnamese; every text is a literal cell (the writer
    stores a text that starts like a formula as text: congvu.documents.xlsx_export)."""
    first_items = WorkItem.objects.filter(incoming=OuterRef("pk")).order_by("pk")
    rows = (
        (f"{number}/{year}", received, unit, sender, notation, issued, subject,
         label_of(State, state) if state else "", item or "")
        for number, year, received, unit, sender, notation, issued, subject, state, item in documents.annotate(
            first_state=Subquery(first_items.values("state")[:1]), first_item=Subquery(first_items.values("pk")[:1]),
        ).values_list("incoming_number", "year", "received_on", "unit__name", "sender", "notation", "issued_on",
                      "subject", "first_state", "first_item")[:MAX_ROWS + 1].iterator(chunk_size=2000)
    )
    with translation.override("vi"):
        sheet = Sheet(_("Incoming register"), [Column(_(header), width) for header, width in REGISTER_COLUMNS],
                      rows, truncated_note=_("The list stops at %(n)s rows: narrow the filters to export the rest.")
                      % {"n": f"{MAX_ROWS:,}".replace(",", ".")})
        return xlsx_response(f"so-van-ban-den-{today():%d-%m-%Y}.xlsx", [sheet])


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
