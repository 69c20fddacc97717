"""The edXML outbox: status messages for incoming documents that came over the national axis.

The sender of a document over the axis expects to hear what became of it (QCVN 102:2016 `Status`).
congvu derives the statuses from the item's trail rather than from hooks in the actions: the trail is
the record of what happened, the actions stay free of transport concerns, and a status missed while
the sweep was down is written on its next round. Each status is a file in the outbox folder
(`CONGVU_EDXML_OUTBOX`, default `$CONGVU_DATA_DIR/outbox`), written whole and then renamed so the
gateway never picks up half a file, and a row (`OutboxMessage`) that the API lists.

| trail event             | status written                         |
|-------------------------|----------------------------------------|
| registered              | 01 received, then 03 accepted          |
| directed to a lead unit | 04 assigned                            |
| assigned to an officer  | 05 processing                          |
| completed               | 06 finished                            |
| returned to the sender  | 02 rejected                            |
| revoked by the sender   | 13 revoked (thu hồi accepted)          |
| updated by the sender   | 15 update accepted                     |
| update refused          | 16 update rejected, with the reason    |

The refused update is the trail's `refused` event of rule `R-EDXML-UPDATE-CLOSED`
(congvu.documents.edxml_rules): its message is the reason the sender reads.

Documents congvu issues go to the same folder and listing: congvu.documents.outgoing.
"""

import os
from pathlib import Path

from django.conf import settings
from django.db.models import Exists, OuterRef, Q

from congvu.documents import edxml
from congvu.documents.edxml_out import DESCRIPTIONS, ResponseFor, Status, StatusCode, status_message
from congvu.documents.edxml_rules import UPDATE_OF_CLOSED
from congvu.documents.models import OutboxMessage
from congvu.lib import clock
from congvu.lib.isolation import Rows
from congvu.lib.workdays import TZ
from congvu.work.models import Event, EventKind, IncomingDocument, Outcome

STATUSES = {
    EventKind.REGISTER: (StatusCode.RECEIVED, StatusCode.ACCEPTED),
    EventKind.DIRECT: (StatusCode.ASSIGNED,),
    EventKind.ASSIGN: (StatusCode.PROCESSING,),
    EventKind.COMPLETE: (StatusCode.FINISHED,),
    EventKind.RETURN: (StatusCode.REJECTED,),
    EventKind.REVOKE: (StatusCode.REVOKED,),
    EventKind.AMEND: (StatusCode.UPDATE_ACCEPTED,),
}
# Refusals the sender is told of, by rule code.
REFUSALS = {UPDATE_OF_CLOSED.code: StatusCode.UPDATE_REJECTED}
EDXML_SUFFIXES = (".xml", ".edxml")


def folder() -> Path:
    path = Path(settings.EDXML_OUTBOX or settings.DATA_DIR / "outbox")
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def came_over_the_axis() -> Q:
    return Q(item__incoming__original__iendswith=EDXML_SUFFIXES[0]) | Q(
        item__incoming__original__iendswith=EDXML_SUFFIXES[1])


def pending_events(limit: int):
    """Done events of the kinds above, and refusals the sender is told of, on items of axis documents,
    with no status written yet."""
    written = OutboxMessage.objects.filter(event=OuterRef("pk"))
    answered = Q(kind__in=list(STATUSES), outcome=Outcome.DONE) | Q(
        kind=EventKind.REFUSED, outcome=Outcome.REFUSED, rule_code__in=list(REFUSALS))
    return (Event.objects.filter(came_over_the_axis(), answered)
            .exclude(Exists(written)).select_related("item__incoming__unit", "actor", "unit")
            .order_by("id")[:limit])


def response_for(document: IncomingDocument) -> ResponseFor:
    """Who sent the document and how they numbered it, read from the kept original message."""
    with document.original.open("rb") as stored:
        message = edxml.parse(stored.read(edxml.max_message_bytes() + 1))
    return ResponseFor(organ_id=message.sender_id, code=message.notation or document.notation,
                       promulgated_on=message.promulgated_on or document.issued_on,
                       document_id=message.document_id)


def write_file(name: str, data: bytes) -> None:
    target = folder() / name
    partial = target.with_suffix(".part")
    with open(partial, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    partial.replace(target)


def codes_for(event: Event) -> tuple[str, ...]:
    if event.outcome == Outcome.REFUSED:
        return (REFUSALS[event.rule_code],)
    return STATUSES[event.kind]


def description(event: Event, code: str) -> str:
    """The standard's wording; a rejection says why, as the refusal did."""
    reason = event.data.get("message", "") if event.outcome == Outcome.REFUSED else ""
    return f"{DESCRIPTIONS[code]}: {reason}" if reason else DESCRIPTIONS[code]


def emit(event: Event) -> int:
    document = event.item.incoming
    answered = response_for(document)
    unit = document.unit
    at = event.at.astimezone(TZ)
    codes = codes_for(event)
    for code in codes:
        name = f"status-{document.pk}-{event.pk}-{code}.edxml"
        # The row first: on a second server the same insert waits for this transaction and then fails
        # on `one_status_per_event`, so the file is written once; if writing fails, the row goes too.
        OutboxMessage.objects.create(event=event, document=document, unit=unit, status_code=code,
                                     to_organ_id=answered.organ_id, file_name=name, created_at=clock.now())
        write_file(name, status_message(Status(
            response_for=answered, from_organ_id=unit.code, from_name=unit.name, code=code, at=at,
            description=description(event, code), staff=event.actor.full_name if event.actor else "",
            department=event.unit.name if event.unit else "",
        )))
    return len(codes)


def emit_statuses(limit: int = 500) -> int:
    """Write the statuses not yet written (up to `limit` events a round), each event on its own."""
    rows, count = Rows("trạng thái edXML", "sự kiện"), 0
    for event in pending_events(limit):
        with rows.each(event.pk):
            count += emit(event)
    return rows.report(count)

