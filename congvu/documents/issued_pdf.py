"""The decisions, conclusions and reports Home Affairs' cases issue (`congvu.documents.issued_kinds`) as
signed PDFs sent over the national axis, exactly as the deemed-agreement notice is
(congvu.documents.notice_pdf): the .docx of record converted and signed with the issuing unit's
certificate (`signing.issue_pdf`), kept as a `SignedDocument`, then sent with
`outgoing.send_outgoing` to the units concerned, the sending an event of the case's record trail.

LibreOffice takes ~8 s a page on the busy development machine, so this is not done in the request that
issues the document: a step of the every-minute sweep makes the PDFs (`make_pending`, a batch a
round), another sends those a stopped server left unsent (`send_pending`). The page of each case
shows the PDF, unsigned or signed and by whom, and the statuses its recipients sent back (`shown`)."""

import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction

from congvu.documents.issued_kinds import KINDS, IssuedKind
from congvu.documents.models import OutboxMessage, SignedDocument
from congvu.documents.outgoing import Issued, send_outgoing, sending_of, sent_sources
from congvu.documents.pdf import PdfUnavailable, soffice
from congvu.documents.signing import issue_pdf
from congvu.lib import clock
from congvu.lib.isolation import Rows

log = logging.getLogger("congvu.outbox")


def notation_of(kind: IssuedKind, record: models.Model) -> str:
    letter = kind.letter(record)
    return f"{letter.number:02d}/{letter.type_abbrev}-{letter.body_abbrev}"


def pdf_name(kind: IssuedKind, record: models.Model) -> str:
    return kind.docx_name(record).removesuffix(".docx") + ".pdf"


def made_for(kind: IssuedKind, record: models.Model) -> SignedDocument | None:
    return SignedDocument.objects.filter(source_model=record._meta.label_lower, source_id=record.pk,
                                         kind=kind.slug).select_related("unit").first()


def make(kind: IssuedKind, record: models.Model) -> SignedDocument:
    """The document's signed PDF, made now if it has none (once: the wording never changes), then sent."""
    existing = made_for(kind, record)
    if existing:
        return existing
    unit, _ = kind.issuer(record)
    notation = notation_of(kind, record)
    issued = issue_pdf(kind.docx(record), unit, reason=f"Ban hành {notation}", location=unit.name)
    made = SignedDocument(source_model=record._meta.label_lower, source_id=record.pk, kind=kind.slug, unit=unit,
                          notation=notation, signed_by=issued.signed_by, created_at=clock.now())
    made.file.save(pdf_name(kind, record), ContentFile(issued.data), save=False)
    try:
        with transaction.atomic():
            made.save()
    except IntegrityError:  # another server made it first: theirs stands, ours is removed
        made.file.delete(save=False)
        return made_for(kind, record)
    try:
        send(kind, record, made, issued.data)
    except OSError:  # the outbox folder cannot be written: the PDF stands; the sweep sends it next round
        log.exception("%s %s: not sent over the axis", kind.slug, record.pk)
    return made


def send(kind: IssuedKind, record: models.Model, made: SignedDocument, pdf: bytes) -> OutboxMessage | None:
    """The signed PDF over the axis to the units concerned (once); None when none is registered."""
    to_units = kind.recipients(record)
    if not to_units:
        return None
    _, actor = kind.issuer(record)
    document = Issued(source=made, case=record, unit=made.unit, letter=kind.letter(record),
                      file_name=pdf_name(kind, record))
    return send_outgoing(document, pdf, to_units, actor=actor, record_trail=True)


def not_made(kind: IssuedKind) -> models.QuerySet:
    made = SignedDocument.objects.filter(source_model=kind.model._meta.label_lower, kind=kind.slug)
    return kind.model.objects.filter(kind.issued).exclude(pk__in=made.values("source_id")).order_by("pk")


def make_pending(limit: int = 20) -> int | str:
    """Signed PDFs for up to `limit` issued documents that have none yet, kind after kind (~8 s each
    with LibreOffice: the rest wait for the next round). Without LibreOffice: nothing, and the reason."""
    try:
        soffice()
    except PdfUnavailable:
        return "chưa cài LibreOffice, bỏ qua"
    rows, count = Rows("tạo PDF văn bản ban hành", "văn bản"), 0
    for kind in KINDS.values():
        for record in not_made(kind)[: limit - count]:
            with rows.each(f"{kind.slug} {record.pk}"):
                make(kind, record)
                count += 1
        if count >= limit:
            break
    return rows.report(count)


def send_pending(limit: int = 50) -> int:
    """Send the PDFs made but not sent (a server stopped in between; the outbox could not be written)."""
    pending = SignedDocument.objects.exclude(pk__in=sent_sources(SignedDocument)).select_related("unit").order_by("id")
    rows, count = Rows("gửi văn bản ban hành qua trục", "văn bản"), 0
    # Not `[:limit]`: a document with no recipient registered (a report while no Province committee
    # exists) stays unsent, and 50 of those would otherwise hide the ones that can go.
    for made in pending.iterator():
        if count >= limit:
            break
        with rows.each(made.pk):
            kind = KINDS[made.kind]
            record = kind.model.objects.get(pk=made.source_id)
            with made.file.open("rb") as stored:
                if send(kind, record, made, stored.read()) is not None:
                    count += 1
    return rows.report(count)


@dataclass(frozen=True)
class Shown:
    """What a case's page shows of one issued document: its PDF (None until the sweep made it) and
    its sending over the axis with the statuses sent back (None until sent)."""

    made: SignedDocument | None
    sending: OutboxMessage | None


def shown(slug: str, record: models.Model) -> Shown:
    made = made_for(KINDS[slug], record)
    return Shown(made, sending_of(made) if made is not None else None)
