"""Documents congvu issues go out over the national document axis: one edXML message (QCVN 102:2016)
each, with the signed PDF attached, written to the outbox for the province's axis gateway.

The contract, for every kind of issued document (the deemed-agreement notice today; inspection and
discipline decisions and reports at their merge):

1. Render the .docx from a `congvu.documents.letters.Letter` and make its PDF with
   `congvu.documents.signing.issue_pdf(docx, unit, reason=…)` (signed with the unit's certificate).
2. Call `send_outgoing(Issued(source=<the saved record>, unit=<issuing unit>, letter=<the Letter>,
   file_name="quyet-dinh-05-QD-SNV-2026.pdf"), pdf, to_units=[…], actor=<who signed>)` once the
   document is signed and its PDF exists — inside the action that issues it, or from a sweep step
   that finds issued records with no sending yet (`sent_sources`), as the notices do.

For a Home Affairs case (an inspection, review, report…: a record with a record trail) pass
`record_trail=True`: the sending is then also the event "sent_over_axis" in the case's record trail
(congvu.oversight.record), in the same transaction.

It is idempotent: one sending per `source` record (a unique constraint, so a second call, a second
round or a second server returns the first sending and writes no second file). The caller has checked
access (only the signer's unit issues its documents); recipients are congvu units, named on the axis
by their `code` (the administrator sets it to the organ code, e.g. `000.00.12.H53`). A status that a
recipient sends back naming the document (`ResponseFor/Code` "05/QD-SNV" and its date) is attached to
the sending (`ReceivedStatus.sent`) by `congvu.documents.edxml_receive.receive_status`; a page
shows them with `sending_of(record)` and its `statuses_received`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, models, transaction

from congvu.documents import outbox
from congvu.documents.edxml import Organ, Signer
from congvu.documents.edxml_doctypes import kind_of
from congvu.documents.edxml_send import Sending, document_message
from congvu.documents.edxml_write import FileToAttach
from congvu.documents.letters import Letter, signature_lines
from congvu.documents.models import OutboxKind, OutboxMessage
from congvu.lib import clock
from congvu.lib.workdays import TZ
from congvu.org.models import Official, Unit
from congvu.oversight.record import record_event

PDF = "application/pdf"
SENT_OVER_AXIS = "sent_over_axis"


@dataclass(frozen=True)
class Issued:
    """An issued document as congvu sends it. `source` is the saved record it was issued from (one
    sending each); `letter` what was printed: number, notation, date, subject, text, signer."""

    source: models.Model
    unit: Unit
    letter: Letter
    file_name: str
    due_on: date | None = None
    priority: str = "normal"  # a congvu.work.models.Priority value
    # The Home Affairs case whose record trail says it went out (`record_trail=True`), when that is
    # not `source` itself: an inspection issues two documents, each its own `SignedDocument` source.
    case: models.Model | None = None


def source_key(source: models.Model) -> tuple[str, int]:
    return source._meta.label_lower, source.pk


def sent_sources(model: type[models.Model]) -> models.QuerySet:
    """The ids of `model`'s records already sent (for a sweep step's `exclude(pk__in=…)`)."""
    return OutboxMessage.objects.filter(kind=OutboxKind.DOCUMENT, source_model=model._meta.label_lower).values(
        "source_id")


def sending_of(source: models.Model) -> OutboxMessage | None:
    """The record's sending over the axis, if it went out (for its page: when, to whom, and the
    statuses its recipients sent back, `statuses_received`)."""
    model, pk = source_key(source)
    return (OutboxMessage.objects.filter(kind=OutboxKind.DOCUMENT, source_model=model, source_id=pk)
            .prefetch_related("statuses_received").first())


def organ(unit: Unit) -> Organ:
    parent = unit.parent.name if unit.parent_id else ""
    return Organ(organ_id=unit.code, name=unit.name, in_charge=parent)


def signer_of(letter: Letter) -> Signer:
    """SignerInfo as the signature block prints it: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" / the name."""
    lines = signature_lines(letter)
    competence = " ".join(lines[:-1])  # "KT. GIÁM ĐỐC"; "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH" for a commune's deputy
    return Signer(competence=competence, position=lines[-1], full_name=letter.signer_name)


def message_of(document: Issued, pdf: bytes, to_units: Sequence[Unit]) -> Sending:
    letter = document.letter
    notation = letter.body_abbrev if letter.is_cong_van else f"{letter.type_abbrev}-{letter.body_abbrev}"
    kind = kind_of(letter.type_abbrev, letter.doc_type_title)
    return Sending(
        sender=organ(document.unit), recipients=tuple(organ(unit) for unit in to_units),
        number=letter.number, notation=notation, place=letter.place, promulgated_on=letter.issued_on,
        type_name=kind.name, type_detail=kind.detail, subject=letter.subject,
        content="\n".join(letter.paragraphs), signer=signer_of(letter), sent_at=clock.now().astimezone(TZ),
        attachments=(FileToAttach(document.file_name, PDF, pdf, letter.subject),),
        due_on=document.due_on, priority=document.priority,
    )


def send_outgoing(document: Issued, pdf: bytes, to_units: Sequence[Unit], *, actor: Official | None,
                  record_trail: bool = False) -> OutboxMessage:
    """Write the document's edXML message, its PDF attached, to the outbox; return its row (the first
    one if it was sent before). `actor` is who issued it (None from a sweep); `to_units` must not be
    empty: a document sent to nobody is a mistake of the caller's."""
    if not to_units:
        raise ValueError("an outgoing document needs at least one recipient")
    model, pk = source_key(document.source)
    existing = sending_of(document.source)
    if existing is not None:
        return existing
    sending = message_of(document, pdf, to_units)
    name = f"van-ban-{model.replace('.', '-')}-{pk}.edxml"
    to = ",".join(recipient.organ_id for recipient in sending.recipients)
    row = OutboxMessage(
        kind=OutboxKind.DOCUMENT, unit=document.unit, to_organ_id=to[:400],
        file_name=name, created_at=clock.now(), notation=sending.code[:100], issued_on=sending.promulgated_on,
        subject=sending.subject[:500], source_model=model, source_id=pk, sent_by=actor,
    )
    try:
        # The row first, as for statuses: a second server's insert fails on `one_sending_per_document`,
        # so the file is written once; if writing the file fails, the row goes too.
        with transaction.atomic():
            row.save()
            if record_trail:
                record_event(document.case or document.source, SENT_OVER_AXIS, actor=actor, unit=document.unit, data={
                    "notation": sending.code, "to": [r.organ_id for r in sending.recipients], "file": name})
            outbox.write_file(name, document_message(sending))
    except IntegrityError:
        return OutboxMessage.objects.get(kind=OutboxKind.DOCUMENT, source_model=model, source_id=pk)
    return row
