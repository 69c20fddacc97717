"""The deemed-agreement notice as a signed PDF: the .docx of record converted (congvu.documents.pdf)
and signed with the issuing unit's certificate when the administrator has given it one
(congvu.documents.signing). Made by a step of the every-minute sweep after the .docx, or at the
latest when someone downloads the notice. Once made, it goes over the national axis to the silent unit
and to Home Affairs (its "Nơi nhận") as an edXML message with the PDF attached
(congvu.documents.outgoing), right after it is made or by the sweep's next round."""

import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q

from congvu.consult.models import Notice
from congvu.documents import notices
from congvu.documents.models import NoticePdf
from congvu.documents.outgoing import Issued, send_outgoing, sent_sources
from congvu.documents.pdf import PdfUnavailable, soffice
from congvu.documents.signing import issue_pdf
from congvu.lib import clock
from congvu.lib.isolation import each_on_its_own
from congvu.org.models import Unit

log = logging.getLogger("congvu.outbox")


def pdf_name(notice: Notice) -> str:
    return notices.file_name(notice).removesuffix(".docx") + ".pdf"


def make(notice: Notice) -> NoticePdf:
    """The notice's PDF, made now if it has none (once: the content never changes)."""
    existing = NoticePdf.objects.filter(notice=notice).first()
    if existing:
        return existing
    notices.render(notice)
    with notice.file.open("rb") as docx:
        issued = issue_pdf(docx.read(), notice.unit, reason=f"Ban hành {notice}", location=notice.unit.name)
    made = NoticePdf(notice=notice, signed_by=issued.signed_by, created_at=clock.now())
    made.file.save(pdf_name(notice), ContentFile(issued.data), save=False)
    try:
        with transaction.atomic():
            made.save()
    except IntegrityError:  # another server made it first: theirs stands, ours is removed
        made.file.delete(save=False)
        return NoticePdf.objects.get(notice=notice)
    try:
        send(notice, issued.data)
    except OSError:  # the outbox folder cannot be written: the PDF stands; the sweep sends it next round
        log.exception("notice %s: not sent over the axis", notice.pk)
    return made


def recipients(notice: Notice) -> list[Unit]:
    """The notice's "Nơi nhận" on the axis: the silent unit, and Home Affairs (to monitor)."""
    silent = notice.request.unit
    home_affairs = (Unit.objects.filter(is_home_affairs=True).exclude(Q(pk=silent.pk) | Q(pk=notice.unit_id))
                    .order_by("code").first())
    return [silent, home_affairs] if home_affairs else [silent]


def send(notice: Notice, pdf: bytes):
    """The signed PDF over the axis as an edXML message (once; see congvu.documents.outgoing)."""
    document = Issued(source=notice, unit=notice.unit, letter=notices.letter_of(notice), file_name=pdf_name(notice))
    return send_outgoing(document, pdf, recipients(notice), actor=notice.signer)


def send_pending(limit: int = 50) -> int:
    """Send the notices whose PDF was made but not sent (a server stopped in between; made before
    sending existed)."""
    pending = (Notice.objects.filter(pdf__isnull=False).exclude(pk__in=sent_sources(Notice))
               .select_related("unit", "request__unit", "signer", "pdf").order_by("id")[:limit])
    return each_on_its_own("gửi thông báo qua trục", "thông báo", pending, send_stored)


def send_stored(notice: Notice) -> None:
    with notice.pdf.file.storage.open(notice.pdf.file.name, "rb") as stored:
        send(notice, stored.read())


def make_pending(limit: int = 20) -> int | str:
    """PDFs for up to `limit` notices that have a .docx and no PDF yet (LibreOffice takes about a
    second each; the rest wait for the next round). Without LibreOffice: nothing, and the reason."""
    try:
        soffice()
    except PdfUnavailable:
        return "chưa cài LibreOffice, bỏ qua"
    pending = (Notice.objects.exclude(file="").filter(pdf__isnull=True).select_related("unit").order_by("id")[:limit])
    return each_on_its_own("tạo PDF thông báo", "thông báo", pending, make)
