"""The deemed-agreement notice as a signed PDF: the .docx of record converted (congvu.documents.pdf)
and signed with the issuing unit's certificate when the administrator has given it one
(congvu.documents.signing). Made by a step of the every-minute sweep after the .docx, or at the
latest when someone downloads the notice."""

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from congvu.consult.models import Notice
from congvu.documents import notices
from congvu.documents.models import NoticePdf, SigningCertificate
from congvu.documents.pdf import PdfUnavailable, docx_to_pdf, soffice
from congvu.documents.signing import sign
from congvu.lib import clock
from congvu.lib.isolation import Rows


def pdf_name(notice: Notice) -> str:
    return notices.file_name(notice).removesuffix(".docx") + ".pdf"


def make(notice: Notice) -> NoticePdf:
    """The notice's PDF, made now if it has none (once: the content never changes)."""
    existing = NoticePdf.objects.filter(notice=notice).first()
    if existing:
        return existing
    notices.render(notice)
    with notice.file.open("rb") as docx:
        pdf = docx_to_pdf(docx.read())
    certificate = SigningCertificate.objects.select_related("unit").filter(unit_id=notice.unit_id).first()
    signed_by = ""
    if certificate is not None:
        signed = sign(pdf, certificate, reason=f"Ban hành {notice}", location=notice.unit.name)
        pdf, signed_by = signed.data, signed.subject
    made = NoticePdf(notice=notice, signed_by=signed_by, created_at=clock.now())
    made.file.save(pdf_name(notice), ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            made.save()
    except IntegrityError:  # another server made it first: theirs stands, ours is removed
        made.file.delete(save=False)
        return NoticePdf.objects.get(notice=notice)
    return made


def make_pending(limit: int = 20) -> int | str:
    """PDFs for up to `limit` notices that have a .docx and no PDF yet (LibreOffice takes about a
    second each; the rest wait for the next round). Without LibreOffice: nothing, and the reason."""
    try:
        soffice()
    except PdfUnavailable:
        return "chưa cài LibreOffice, bỏ qua"
    pending = (Notice.objects.exclude(file="").filter(pdf__isnull=True).select_related("unit").order_by("id")[:limit])
    rows, count = Rows("tạo PDF thông báo", "thông báo"), 0
    for notice in pending:
        with rows.each(notice.pk):
            make(notice)
            count += 1
    return rows.report(count)
