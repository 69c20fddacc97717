"""Receiving one edXML message (the import page and `POST /api/incoming/edxml` both come here):

- a new document (business type 0) is registered like any incoming document, its attachments stored
  as files of their own, the message kept as its original;
- a revocation (1) marks the registered document revoked and stops its work item, the reason in the
  trail; nothing is deleted;
- an update (2) amends the registered fields, the old and new values in the trail; an update of a
  revoked document, or of one whose work is closed, is refused (`congvu.documents.edxml_rules`);
- a replacement (3) registers the new document and links it to the one it replaces (an event on
  the replaced document's item says so);
- a status message is attached to the document congvu sent that it answers (a notice, or any
  document in the outbox: congvu.documents.outgoing).

A message about a document congvu never registered, or a status about a notice it never issued, is
refused naming the document and where in the message it is named."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db.models import Q

from congvu.consult.incoming import consult_from_incoming, follow_reply_date, withdraw_with_letter
from congvu.consult.models import Notice
from congvu.documents import edxml_rules, edxml_signature
from congvu.documents.edxml import BusinessType, IncomingMessage
from congvu.documents.edxml_status import StatusMessage
from congvu.documents.models import EdxmlReceipt, OutboxKind, OutboxMessage, ReceivedStatus, StoredAttachment
from congvu.lib import clock
from congvu.lib.clock import today
from congvu.lib.refusals import InvalidInput
from congvu.org.models import Official, Unit
from congvu.registry.models import MatterType
from congvu.registry.serving import is_clerk_or_leader
from congvu.work.access import deny, registering_unit_ids
from congvu.work.actions import action, close_step, enforce, lock, register_incoming, save
from congvu.work.models import EventKind, IncomingDocument, State, WorkItem
from congvu.work.trail import append_event

MESSAGE_WHERE = "edXMLHeader/MessageHeader/Code"
REPLACED_WHERE = "edXMLHeader/TraceHeaderList/Bussiness/ReplacementInfoList/ReplacementInfo/DocumentId"
STATUS_WHERE = "edXMLHeader/Status/ResponseFor/Code"


class UnknownDocument(InvalidInput):
    """The message is about a document (or notice) congvu has no record of."""

    code = "EDXML-UNKNOWN-DOCUMENT"

    def __init__(self, what_vi: str, what_en: str, where: str) -> None:
        super().__init__(f"{what_vi} (vị trí trong bản tin: {where})", f"{what_en} (in the message at: {where})")
        self.where = where


@dataclass(frozen=True)
class Received:
    outcome: str  # registered | revoked | updated | replaced | status
    document: IncomingDocument | None = None
    item: WorkItem | None = None
    status: ReceivedStatus | None = None


@action
def receive_document(*, actor: Official, message: IncomingMessage, original: ContentFile, original_name: str,
                     unit: Unit | None = None, matter_type: MatterType | None = None) -> Received:
    """Act on a document message as its business type says; `unit` and `matter_type` are needed only
    for what is registered (new and replacement)."""
    _require_some_register(actor)
    kind = message.business.doc_type
    if kind is BusinessType.REVOCATION:
        return _revoke(actor, message, registered_document(actor, message))
    if kind is BusinessType.UPDATE:
        return _amend(actor, message, registered_document(actor, message))
    replaced = replaced_document(actor, message) if kind is BusinessType.REPLACEMENT else None
    if unit is None or matter_type is None:
        raise InvalidInput("Cần chọn đơn vị nhận và loại việc để vào sổ văn bản này.",
                           "Choose the receiving unit and the matter type to register this document.")
    item = register_incoming(
        actor=actor, unit=unit, matter_type=matter_type, sender=message.sender_name, subject=message.subject,
        notation=message.notation, issued_on=message.promulgated_on, doc_type=message.doc_type_name or "Công văn",
        reply_due=message.due_on, priority=message.priority, original=original, original_name=original_name,
    )
    document = item.incoming
    # The register matched the sender by name; the axis names it by organ code (a reply date asked).
    if message.sender_id:
        consult_from_incoming(item, document, actor, organ_code=message.sender_id)
    original.seek(0)
    _keep(document, message, original.read(), replaced)
    if replaced is None:
        return Received("registered", document, item)
    for old_item in WorkItem.objects.filter(incoming=replaced):
        old_item = lock(old_item)
        append_event(old_item, EventKind.REPLACED, actor=actor, unit=document.unit, data={
            "replaced_by": f"{document.incoming_number}/{document.year}", "notation": document.notation,
            "reason": message.business.reason,
        })
        save(old_item)
    return Received("replaced", document, item)


def _keep(document: IncomingDocument, message: IncomingMessage, data: bytes, replaced: IncomingDocument | None) -> None:
    """The receipt (DocumentId, business type, signature verdict) and each attachment as a file."""
    checked = edxml_signature.check(data, message.signed)
    EdxmlReceipt.objects.create(
        document=document, edxml_id=message.document_id[:200], sender_organ_id=message.sender_id[:60],
        business_type=int(message.business.doc_type), signature=checked.verdict, signer=checked.signer,
        replaces=replaced,
    )
    for position, attachment in enumerate(message.attachments, 1):
        stored = StoredAttachment(document=document, position=position, name=attachment.name[:255],
                                  content_type=attachment.content_type[:120],
                                  description=attachment.description[:500], size=attachment.size)
        stored.file.save(attachment.name[-100:] or f"dinh-kem-{position}", ContentFile(attachment.data), save=False)
        stored.save()


def registered_document(actor: Official, message: IncomingMessage) -> IncomingDocument:
    """The document the message is about, in a register the actor may write in: by its DocumentId,
    else by its number/notation, sender and date."""
    units = registering_unit_ids(actor)
    found = _by_document_id(message.document_id, units)
    if found is None:
        found = IncomingDocument.objects.filter(
            unit_id__in=units, notation=message.notation, sender=message.sender_name,
            issued_on=message.promulgated_on,
        ).order_by("-year", "-incoming_number").first()
    if found is None:
        raise UnknownDocument(
            f"Văn bản số {message.notation} ngày {_day(message.promulgated_on)} của {message.sender_name} chưa "
            "được vào sổ văn bản đến nào của bạn, nên không thể thu hồi hoặc cập nhật",
            f"Document {message.notation} of {_day(message.promulgated_on)} from {message.sender_name} is in none "
            "of your incoming registers, so it cannot be revoked or updated", MESSAGE_WHERE)
    return found


def replaced_document(actor: Official, message: IncomingMessage) -> IncomingDocument:
    units = registering_unit_ids(actor)
    for document_id in message.business.replaces:
        found = _by_document_id(document_id, units)
        if found is not None:
            return found
    named = ", ".join(message.business.replaces)
    raise UnknownDocument(f"Văn bản bị thay thế «{named}» chưa được vào sổ văn bản đến nào của bạn",
                          f"The replaced document “{named}” is in none of your incoming registers", REPLACED_WHERE)


def _by_document_id(document_id: str, unit_ids: Iterable[int]) -> IncomingDocument | None:
    if not document_id:
        return None
    receipt = EdxmlReceipt.objects.filter(edxml_id=document_id, document__unit_id__in=unit_ids).select_related(
        "document").order_by("-document__year", "-document__incoming_number").first()
    return receipt.document if receipt else None


def _day(day) -> str:
    return f"{day:%d/%m/%Y}" if day else "?"


def _require_some_register(actor: Official) -> None:
    """Access before anything is looked up: only a unit's clerk, head or deputy receives messages."""
    if not registering_unit_ids(actor):
        raise deny("nhận bản tin edXML", "receive edXML messages")


def _require_registrar(actor: Official, document: IncomingDocument) -> None:
    if not is_clerk_or_leader(actor, document.unit, today()):
        raise deny("ghi nhận bản tin về văn bản đến này", "record a message about this incoming document")


def _revoke(actor: Official, message: IncomingMessage, document: IncomingDocument) -> Received:
    _require_registrar(actor, document)
    reason = message.business.reason or "Không nêu lý do"
    if document.revoked_on is None:
        document.revoked_on, document.revocation_reason = today(), reason[:500]
        document.save(update_fields=["revoked_on", "revocation_reason"])
    item = None
    for item in WorkItem.objects.filter(incoming=document):
        item = lock(item)
        was = item.state
        if item.is_open:
            item.state = State.REVOKED
            close_step(item)
        withdrawn = withdraw_with_letter(item)
        append_event(item, EventKind.REVOKE, actor=actor, unit=document.unit, data={
            "reason": reason, "state_before": was, "document_id": message.document_id, "staff": message.business.staff,
            "requests_withdrawn": withdrawn,
        })
        save(item, "state")
    return Received("revoked", document, item)


def _amended_values(document: IncomingDocument, message: IncomingMessage) -> dict[str, object]:
    return {
        "sender": message.sender_name, "subject": message.subject, "notation": message.notation,
        "issued_on": message.promulgated_on, "doc_type": message.doc_type_name or document.doc_type,
        "reply_due": message.due_on, "priority": message.priority,
    }


def _amend(actor: Official, message: IncomingMessage, document: IncomingDocument) -> Received:
    _require_registrar(actor, document)
    items = [lock(item) for item in WorkItem.objects.filter(incoming=document).order_by("pk")]
    _check_update(actor, document, items)
    changes = {}
    for field, new in _amended_values(document, message).items():
        old = getattr(document, field)
        if old != new:
            changes[field] = [_plain(old), _plain(new)]
            setattr(document, field, new)
    if changes:
        document.save(update_fields=list(changes))
    item = None
    for item in items:
        fields = []
        if "subject" in changes and item.title == changes["subject"][0]:
            item.title, fields = document.subject, ["title"]
        moved = follow_reply_date(item, document) if "reply_due" in changes else 0
        append_event(item, EventKind.AMEND, actor=actor, unit=document.unit, data={
            "changes": changes, "reason": message.business.reason, "document_id": message.document_id,
            **({"requests_moved": moved} if moved else {}),
        })
        save(item, *fields)
    return Received("updated", document, item)


def _check_update(actor: Official, document: IncomingDocument, items: list[WorkItem]) -> None:
    """A revoked document, or one whose work is closed, is not updated: refused, the refusal in the
    item's trail, and answered to the sender as status 16 by the outbox."""
    if not items:
        edxml_rules.check_update(document.notation, revoked_on=document.revoked_on, item_state=None, item_open=True)
    for item in items:
        enforce(lambda item=item: edxml_rules.check_update(
            document.notation, revoked_on=document.revoked_on, item_state=item.state, item_open=item.is_open),
            item=item, actor=actor, unit=document.unit)


def _plain(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value


# --- status messages -----------------------------------------------------------------------------

@action
def receive_status(*, actor: Official, status: StatusMessage, original: ContentFile) -> Received:
    """Attach a status message to the document congvu sent that it answers: a notice (number/TB-unit
    abbreviation, and its date) or any other document sent over the axis (congvu.documents.outgoing)."""
    _require_some_register(actor)
    notice, sent = answered_document(status)
    unit = notice.unit if notice else sent.unit
    if not is_clerk_or_leader(actor, unit, today()):
        raise deny("ghi nhận trạng thái của văn bản đi này", "record a status of this outgoing document")
    received = ReceivedStatus(
        notice=notice, sent=sent, status_code=status.status_code, description=status.description[:1000],
        sender_organ_id=status.sender.organ_id[:60], sender_name=status.sender.name[:250], staff=status.staff[:250],
        sent_at=status.sent_at, received_at=clock.now(), received_by=actor, unit=unit,
    )
    original.seek(0)
    received.message.save(f"trang-thai-{status.status_code}.edxml", ContentFile(original.read()), save=False)
    received.save()
    return Received("status", status=received)


def answered_document(status: StatusMessage) -> tuple[Notice | None, OutboxMessage | None]:
    """The notice the status answers, else the document sent over the axis; each with its sending."""
    notice = answered_notice(status)
    if notice is not None:
        return notice, _sending(status, source_model="consult.notice", source_id=notice.pk)
    sent = _sending(status)
    if sent is None:
        code, day = status.response_for.code, status.response_for.promulgated_on
        raise UnknownDocument(f"Không có văn bản đi số {code} ngày {_day(day)} do congvu ban hành",
                              f"congvu issued no outgoing document {code} of {_day(day)}", STATUS_WHERE)
    return None, sent


def _sending(status: StatusMessage, **source: object) -> OutboxMessage | None:
    number, _, notation = status.response_for.code.partition("/")
    if not number.isdigit() or not notation:
        return None
    spellings = {f"{int(number):02d}/{notation}", f"{int(number)}/{notation}"}
    sent = OutboxMessage.objects.filter(kind=OutboxKind.DOCUMENT, notation__in=spellings, **source)
    if status.response_for.promulgated_on:
        sent = sent.filter(issued_on=status.response_for.promulgated_on)
    return sent.select_related("unit").order_by("-issued_on", "-id").first()


def answered_notice(status: StatusMessage) -> Notice | None:
    code = status.response_for.code
    number, _, notation = code.partition("/")
    kind, _, abbrev = notation.partition("-")
    if not (number.isdigit() and kind.upper() == "TB" and abbrev):
        return None
    notices = Notice.objects.filter(Q(unit__abbrev__iexact=abbrev), number=int(number)).select_related("unit")
    if status.response_for.promulgated_on:
        notices = notices.filter(issued_on=status.response_for.promulgated_on)
    return notices.order_by("-year").first()
