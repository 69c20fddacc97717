"""Importing incoming documents: an edXML message of the national document axis (upload → preview →
confirm, the message kept as the document's original) and an Excel list of assigned tasks
(template, upload, every row checked, then all rows registered in one transaction or none).

Only a unit's clerk, head or deputy may import, into that unit's register; the actions check it again."""

import hashlib
import io
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps
from pathlib import PurePath

from django.contrib import messages
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from congvu.documents import edxml, edxml_signature, excel_import
from congvu.documents.actions import Registration, RowRefused, register_all
from congvu.documents.edxml_receive import (
    Received,
    UnknownDocument,
    answered_document,
    receive_document,
    receive_status,
    registered_document,
    replaced_document,
)
from congvu.documents.edxml_status import StatusMessage, read, status_label
from congvu.documents.models import StoredAttachment
from congvu.documents.originals import edxml_attachments
from congvu.lib import clock
from congvu.lib.clock import today
from congvu.lib.refusals import ActionRefused
from congvu.org.models import Official, Unit
from congvu.registry.models import MatterType
from congvu.web.forms_imports import EdxmlConfirmForm, EdxmlUploadForm, ExcelUploadForm
from congvu.web.pages import denied, official_required
from congvu.web.roles import registering_units
from congvu.work.access import may_read_document
from congvu.work.models import IncomingDocument

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# An uploaded message waits here between the preview and the confirmation; a day later it is dropped.
PENDING_DIR = "edxml-cho-xac-nhan"
PENDING_FOR = timedelta(days=1)
_PENDING_NAME = re.compile(r"([0-9]{14})-[0-9a-f]{32}\.edxml")
_SALT = "congvu.documents.edxml-pending"
MAX_PROBLEMS_SHOWN = 300
# Attachments are served as downloads; only these types keep their own Content-Type.
SAFE_TYPES = {"application/pdf", "application/msword", "application/zip", "image/png", "image/jpeg", "image/tiff",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.ms-excel",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def registrar_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in as an official who may write in some unit's register (its clerk, head or deputy); the
    view gets those units after the request. Anyone else gets the refusal page."""

    @official_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        units = registering_units(request.official)
        if not units.exists():
            return denied(request, _("Only a unit's clerk, head or deputy registers its incoming documents."))
        return view(request, units, *args, **kwargs)

    return wrapper


# --- edXML ---------------------------------------------------------------------------------------

@registrar_required
def edxml_upload(request: HttpRequest, units: QuerySet[Unit]) -> HttpResponse:
    """Read the file first; what it is (a new document, a revocation, an update, a replacement or a
    status) and the choices it needs are on the preview."""
    form = EdxmlUploadForm(request.POST or None, request.FILES or None)
    error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["message"]
        data = upload.read()
        try:
            message = _readable(data)
        except edxml.EdxmlError as exc:
            error = exc
        else:
            confirm = EdxmlConfirmForm(units=units, registers=_registers(message),
                                       initial={"token": _keep_pending(request.official, upload.name, data)})
            return _preview(request, message, confirm, PurePath(upload.name).name, data)
    return render(request, "web/imports/edxml_upload.html", {"form": form, "error": error})


@registrar_required
def edxml_confirm(request: HttpRequest, units: QuerySet[Unit]) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    pending = _pending(request.official, request.POST.get("token", ""))
    if pending is None:
        messages.error(request, _("This upload has expired or was already registered: upload the message again."))
        return redirect("edxml_upload")
    try:
        message = _readable(pending.data)  # read again: the preview was shown from this very file
    except edxml.EdxmlError as error:
        return render(request, "web/imports/edxml_upload.html", {"form": EdxmlUploadForm(), "error": error})
    form = EdxmlConfirmForm(request.POST, units=units, registers=_registers(message))
    if not form.is_valid():  # the file stays pending: the token is in the form shown again
        return _preview(request, message, form, pending.name, pending.data)
    try:
        received = _receive(request.official, message, pending, form.cleaned_data)
    except ActionRefused as refusal:
        return _preview(request, message, form, pending.name, pending.data, refusal=refusal)
    default_storage.delete(pending.path)
    return _after(request, received)


def _registers(message: edxml.IncomingMessage | StatusMessage) -> bool:
    return isinstance(message, edxml.IncomingMessage) and message.business.doc_type in (
        edxml.BusinessType.NEW, edxml.BusinessType.REPLACEMENT)


def _receive(official: Official, message, pending: "Pending", data: dict) -> Received:
    if isinstance(message, StatusMessage):
        return receive_status(actor=official, status=message, original=ContentFile(pending.data))
    return receive_document(actor=official, message=message, original=ContentFile(pending.data),
                            original_name=pending.name, unit=data.get("unit"), matter_type=data.get("matter_type"))


def _after(request: HttpRequest, received: Received) -> HttpResponse:
    if received.outcome == "status":
        status = received.status
        messages.success(request, _("Status “%(status)s” recorded on notice %(notice)s.") % {
            "status": status_label(status.status_code, get_language() or "vi"),
            "notice": status.notice or status.sent.notation})
        if status.notice is None:  # a document sent over the axis other than a notice: no item page
            return redirect("register_list")
        return redirect("item", item_id=status.notice.request.item_id)
    document = received.document
    done = {
        "registered": _("Registered as incoming number %(number)s."),
        "replaced": _("Registered as incoming number %(number)s, replacing the earlier document."),
        "revoked": _("Incoming document number %(number)s is marked revoked; its work was stopped."),
        "updated": _("Incoming document number %(number)s was updated; the old values are in its history."),
    }[received.outcome]
    messages.success(request, done % {"number": document.incoming_number})
    if received.item is None:
        return redirect("register_list")
    return redirect("item", item_id=received.item.pk)


def _preview(request: HttpRequest, message, form: EdxmlConfirmForm, name: str, data: bytes,
             refusal: ActionRefused | None = None) -> HttpResponse:
    """What the message is and what confirming it will do; a message about a document congvu never
    registered (or a notice it never issued) is refused here already, with nothing to confirm."""
    context = {"message": message, "form": form, "file_name": name, "refusal": refusal, "kind": _kind(message)}
    try:
        context.update(_target(request.official, message))
    except UnknownDocument as unknown:
        context["unknown"] = unknown
    if isinstance(message, edxml.IncomingMessage):
        context["signature"] = edxml_signature.check(data, message.signed)
        if context["kind"] == "new":
            context["already_registered"] = IncomingDocument.objects.filter(
                unit__in=form.fields["unit"].queryset, notation=message.notation, sender=message.sender_name,
                issued_on=message.promulgated_on,
            ).select_related("unit").order_by("-year", "-incoming_number")
    return render(request, "web/imports/edxml_preview.html", context)


def _kind(message) -> str:
    if isinstance(message, StatusMessage):
        return "status"
    return {edxml.BusinessType.NEW: "new", edxml.BusinessType.REVOCATION: "revocation",
            edxml.BusinessType.UPDATE: "update", edxml.BusinessType.REPLACEMENT: "replacement"}[
        message.business.doc_type]


def _target(official: Official, message) -> dict:
    """The recorded document (or notice) the message acts on, for the preview to name."""
    if isinstance(message, StatusMessage):
        notice, sent = answered_document(message)
        return {"notice": notice or sent.notation, "status_name": status_label(message.status_code,
                                                                               get_language() or "vi")}
    kind = message.business.doc_type
    if kind in (edxml.BusinessType.REVOCATION, edxml.BusinessType.UPDATE):
        return {"target": registered_document(official, message)}
    if kind is edxml.BusinessType.REPLACEMENT:
        return {"target": replaced_document(official, message)}
    return {}


def _readable(data: bytes) -> edxml.IncomingMessage | StatusMessage:
    """The parsed message, refused also when a value would not fit its column of the register."""
    message = read(data)
    if isinstance(message, StatusMessage):
        return message
    values = (("sender", message.sender_name, "From/OrganName"), ("notation", message.notation, "Code"),
              ("doc_type", message.doc_type_name, "DocumentType/TypeName"), ("subject", message.subject, "Subject"))
    for field_name, value, element in values:
        limit = IncomingDocument._meta.get_field(field_name).max_length
        if len(value) > limit:
            raise edxml.EdxmlError(
                f"giá trị dài {len(value)} ký tự, sổ văn bản đến chỉ ghi được tối đa {limit}",
                f"the value is {len(value)} characters long; the register holds at most {limit}",
                f"edXMLHeader/MessageHeader/{element}",
            )
    return message


@dataclass(frozen=True)
class Pending:
    path: str
    name: str
    data: bytes


def _keep_pending(official: Official, name: str, data: bytes) -> str:
    """Store the upload until it is confirmed; the signed token names it and whose it is."""
    _drop_stale_pending()
    stamp = clock.now().strftime("%Y%m%d%H%M%S")
    path = default_storage.save(f"{PENDING_DIR}/{stamp}-{uuid.uuid4().hex}.edxml", ContentFile(data))
    return signing.dumps({"path": path, "official": official.pk, "name": PurePath(name).name,
                          "sha256": hashlib.sha256(data).hexdigest()}, salt=_SALT)


def _pending(official: Official, token: str) -> Pending | None:
    """The upload behind the token, if it is this official's and still waiting unchanged."""
    try:
        info = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    path = info.get("path", "")
    if info.get("official") != official.pk or not path.startswith(f"{PENDING_DIR}/"):
        return None
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as stored:
        data = stored.read()
    if hashlib.sha256(data).hexdigest() != info.get("sha256"):
        return None
    return Pending(path, info.get("name") or "ban-tin.edxml", data)


def _drop_stale_pending() -> None:
    """Uploads never confirmed are removed after a day (by the name's timestamp, on congvu's clock)."""
    if not default_storage.exists(PENDING_DIR):
        return
    oldest = (clock.now() - PENDING_FOR).strftime("%Y%m%d%H%M%S")
    for name in default_storage.listdir(PENDING_DIR)[1]:
        match = _PENDING_NAME.fullmatch(name)
        if match and match.group(1) < oldest:
            default_storage.delete(f"{PENDING_DIR}/{name}")


@official_required
def edxml_attachment(request: HttpRequest, document_id: int, index: int) -> HttpResponse:
    """One attachment of a document registered from an edXML message: the file stored for it, or (for
    a document registered before attachments were stored) read from the kept original."""
    document = IncomingDocument.objects.filter(pk=document_id).first()
    if document is None or not may_read_document(request.official, document):
        return denied(request, _("You may not see this document."))
    stored = StoredAttachment.objects.filter(document=document, position=index).first()
    if stored is not None:
        return _download(stored.file.open("rb"), stored.name, stored.content_type)
    attachments = edxml_attachments(document)
    if not 1 <= index <= len(attachments):
        raise Http404
    attachment = attachments[index - 1]
    return _download(io.BytesIO(attachment.data), attachment.name, attachment.content_type)


def _download(stream, name: str, content_type: str) -> FileResponse:
    content_type = content_type if content_type in SAFE_TYPES else "application/octet-stream"
    return FileResponse(stream, as_attachment=True, filename=name, content_type=content_type)


# --- Excel ---------------------------------------------------------------------------------------

@registrar_required
def excel_template(request: HttpRequest, _units: QuerySet[Unit]) -> HttpResponse:
    matters = MatterType.objects.order_by("field", "name").values_list("code", "name", "field", "time_limit_days")
    response = HttpResponse(excel_import.build_template(matters), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-cong-viec.xlsx"'
    return response


@registrar_required
def excel_upload(request: HttpRequest, units: QuerySet[Unit]) -> HttpResponse:
    form = ExcelUploadForm(request.POST or None, request.FILES or None, units=units)
    problems: list[excel_import.Problem] = []
    if request.method == "POST" and form.is_valid():
        problems = _import_sheet(request, form.cleaned_data)
        if not problems:
            return redirect("register_list")
    language = get_language() or "vi"
    shown = [(p, p.message(language)) for p in problems[:MAX_PROBLEMS_SHOWN]]
    return render(request, "web/imports/excel_upload.html", {
        "form": form, "problems": shown, "problem_count": len(problems),
        "rows_with_problems": len({p.row for p in problems if p.row}), "max_rows": excel_import.max_rows(),
    })


def _import_sheet(request: HttpRequest, data: dict) -> list[excel_import.Problem]:
    """Read, check and register the sheet; the problems found (nothing registered), or none."""
    try:
        reading = excel_import.read(data["sheet"].read(), {m.code: m for m in MatterType.objects.all()}, today())
    except excel_import.FileRefused as refused:
        return [refused.problem]
    if reading.problems:
        return list(reading.problems)
    try:
        items = register_all(actor=request.official, unit=data["unit"], registrations=[
            Registration(row=r.row, matter_type=r.matter_type, sender=r.sender, subject=r.subject, notation=r.notation,
                         issued_on=r.issued_on, reply_due=r.reply_due, priority=r.priority)
            for r in reading.rows
        ])
    except RowRefused as refusal:
        return [excel_import.Problem(refusal.row, "", refusal.message_vi, refusal.message_en,
                                     code=refusal.code, clause=refusal.clause)]
    numbers = [item.incoming.incoming_number for item in items]
    messages.success(request, _("Registered %(count)s documents, incoming numbers %(first)s to %(last)s.") % {
        "count": len(items), "first": min(numbers), "last": max(numbers)})
    return []
