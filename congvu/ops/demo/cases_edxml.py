"""The demo's documents received over the national document axis (issue 14), played through the
same receiving actions as the import page and the API, with messages written by congvu's own edXML
writer: a document the Department of Finance later revoked, one it updated (a new subject and reply
date, the old values in the trail), one it replaced, and status messages from the units a
deemed-agreement notice was sent to (received, accepted). Deterministic: everything is dated from
the build's "now"."""

from contextlib import suppress
from dataclasses import replace
from datetime import datetime, timedelta

from django.core.files.base import ContentFile

from congvu.consult.models import Notice
from congvu.documents import edxml_write as w
from congvu.documents import notice_pdf, outbox
from congvu.documents.edxml import BusinessType
from congvu.documents.edxml_receive import receive_document, receive_status
from congvu.documents.edxml_status import read
from congvu.documents.pdf import PdfUnavailable, soffice
from congvu.lib.refusals import RuleViolation
from congvu.ops.demo.catalog import PROVINCE_NAME
from congvu.ops.demo.signing_ca import give_certificate
from congvu.org.models import Official, Unit
from congvu.registry.models import MatterType
from congvu.registry.serving import head_of

# The axis writes the sender's name with its province; congvu knows the department as "Sở Tài chính" of
# this province, so the letters with a reply date open consultation requests (consult/incoming.py).
FINANCE = ("000.00.07.H48", f"Sở Tài chính {PROVINCE_NAME}")
CONSTRUCTION_CLERK = "vanthu.sxd"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def play(now: datetime) -> None:
    clerk = Official.objects.get(user__username=CONSTRUCTION_CLERK)
    unit = Unit.objects.get(code="sxd")
    matter = MatterType.objects.filter(competent_unit=unit).order_by("code").first()
    issued = now.date() - timedelta(days=6)
    base = w.DocumentToSend(
        *FINANCE, number="118", notation="STC-QLGCS", promulgated_on=issued, recipient_name=unit.name,
        subject="V/v đề nghị góp ý dự toán điều chỉnh giá vật liệu xây dựng quý I", priority=1,
        due_on=now.date() + timedelta(days=10),  # asks an opinion: a request, withdrawn with the revocation
        attachments=(w.FileToAttach("bang-tong-hop-du-toan.pdf", "application/pdf", PDF, "Bảng tổng hợp"),),
    )
    updated = replace(base, number="121", subject="V/v góp ý phương án bố trí vốn sửa chữa trụ sở")
    replaced = replace(base, number="125", subject="V/v cung cấp số liệu quyết toán công trình năm 2025")
    for doc in (base, updated, replaced):
        _receive(clerk, w.document(doc), unit, matter)
    _receive(clerk, w.document(replace(base, business=BusinessType.REVOCATION, attachments=(),
                                       reason="Văn bản ban hành nhầm đối tượng, thu hồi để ban hành lại")))
    _receive(clerk, w.document(replace(updated, business=BusinessType.UPDATE, attachments=(),
                                       subject="V/v góp ý phương án bố trí vốn sửa chữa, cải tạo trụ sở",
                                       due_on=now.date() + timedelta(days=14),
                                       reason="Bổ sung hạng mục cải tạo, gia hạn thời hạn góp ý")))
    _receive(clerk, w.document(replace(replaced, number="129", promulgated_on=now.date() - timedelta(days=2),
                                       business=BusinessType.REPLACEMENT, replaces=(replaced.document_id,),
                                       reason="Thay thế Công văn số 125/STC-QLGCS do sai số liệu")), unit, matter)
    with suppress(RuleViolation):  # an update of the revoked document: refused (in its trail), answered 16
        _receive(clerk, w.document(replace(base, business=BusinessType.UPDATE, attachments=(),
                                           reason="Điều chỉnh số liệu dự toán")))
    _send_first_notice()
    _statuses(now)
    outbox.emit_statuses()


def _receive(clerk: Official, data: bytes, unit: Unit | None = None, matter: MatterType | None = None) -> None:
    receive_document(actor=clerk, message=read(data), original=ContentFile(data), original_name="ban-tin.edxml",
                     unit=unit, matter_type=matter)


def _first_notices():
    signed = Notice.objects.filter(number__isnull=False).select_related("unit", "request__unit")
    return signed.order_by("issued_on", "unit__code", "number")[:3]


def _send_first_notice() -> None:
    """The first signed notice as a signed PDF, sent over the axis (only where LibreOffice is installed:
    a server without it keeps the .docx, as in production)."""
    first = _first_notices().first()
    try:
        soffice()
    except PdfUnavailable:
        return
    if first is not None:
        give_certificate(first.unit)
        notice_pdf.make(first)


def _statuses(now: datetime) -> None:
    """The first notices' recipients answered: received, then accepted into their register."""
    for notice in _first_notices():
        head = head_of(notice.unit, now.date())
        if head is None:
            continue
        to = notice.request.unit
        for code, text in (("01", "Đã nhận thông báo"), ("03", "Đã vào sổ văn bản đến")):
            status = w.StatusToSend(
                f"H48.{to.code}", to.name, code, answered_organ_id=f"H48.{notice.unit.code}",
                answered_code=f"{notice.number:02d}/TB-{notice.unit.abbrev}", answered_on=notice.issued_on,
                description=text, sent_at=now - timedelta(hours=2 if code == "01" else 1),
            )
            data = w.status(status)
            receive_status(actor=head, status=read(data), original=ContentFile(data))
