"""The edXML message (QCVN 102:2016) of a document congvu issues and sends over the national axis.

Pure Python, no Django models: `congvu.documents.outgoing` builds a `Sending` from the issued letter
and the units, and the tests read the bytes back with congvu's own reader (`congvu.documents.edxml`).
The message is the standard's envelope as the root: `MessageHeader` with `From`, one `To` per
recipient, `DocumentId`, `Code`, `PromulgationInfo`, `DocumentType`, `Subject`, `Content`,
`SignerInfo`, `DueDate`, `OtherInfo`, `SteeringType`; `TraceHeaderList` with the sender's trace and
the business type (0, a new document); the body's manifest and the signed PDF in base64."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from xml.etree.ElementTree import Element

from congvu.documents.edxml import Organ, Signer
from congvu.documents.edxml_doctypes import ADMINISTRATIVE, OTHER
from congvu.documents.edxml_write import FileToAttach, _add, _attach, _bytes, _q
from congvu.lib.text import printable

# OtherInfo/Priority, the reverse of congvu.documents.edxml.PRIORITY_BY_CODE.
PRIORITY_CODES = {"normal": 0, "urgent": 1, "express": 2, "flash": 3}


@dataclass(frozen=True)
class Sending:
    """One issued document as it travels: who sends it to whom, how it is numbered, and its file."""

    sender: Organ
    recipients: tuple[Organ, ...]
    number: int
    notation: str  # "TB-SXD": what follows the number after "Số: 05/"
    place: str
    promulgated_on: date
    type_name: str  # "Thông báo", "Quyết định", "Công văn"
    subject: str
    content: str
    signer: Signer
    sent_at: datetime
    attachments: tuple[FileToAttach, ...]
    due_on: date | None = None
    priority: str = "normal"
    type_detail: str = OTHER  # DocumentType/TypeDetail (congvu.documents.edxml_doctypes)

    @property
    def code_number(self) -> str:
        return f"{self.number:02d}"  # Decree 30: numbers under 10 with a leading 0, as printed

    @property
    def code(self) -> str:
        """"05/TB-SXD", as printed after "Số:"; statuses answering it name it so (ResponseFor/Code)."""
        return f"{self.code_number}/{self.notation}"

    @property
    def document_id(self) -> str:
        """The standard's DocumentId: sender, date, number/notation."""
        return f"{self.sender.organ_id},{self.promulgated_on:%Y/%m/%d},{self.code}"


def _text(parent: Element, name: str, text: str) -> Element:
    # Names and texts come from officials: no control characters (XML 1.0 allows none).
    return _add(parent, name, printable(text))


def _organ(parent: Element, name: str, organ: Organ) -> None:
    element = _add(parent, name)
    _text(element, "OrganId", organ.organ_id)
    _text(element, "OrganName", organ.name)
    if organ.in_charge:
        _text(element, "OrganizationInCharge", organ.in_charge)


def document_message(sending: Sending) -> bytes:
    """The message as UTF-8 bytes with its XML declaration."""
    envelope = Element(_q("edXMLEnvelope"))
    header = _add(envelope, "edXMLHeader")
    message = _add(header, "MessageHeader")
    _organ(message, "From", sending.sender)
    for recipient in sending.recipients:
        _organ(message, "To", recipient)
    _text(message, "DocumentId", sending.document_id)
    _add(message, "Code", CodeNumber=sending.code_number, CodeNotation=sending.notation)
    _add(message, "PromulgationInfo", Place=printable(sending.place),
         PromulgationDate=f"{sending.promulgated_on:%Y/%m/%d}")
    _add(message, "DocumentType", Type=ADMINISTRATIVE, TypeDetail=sending.type_detail, TypeName=sending.type_name)
    _text(message, "Subject", sending.subject)
    _text(message, "Content", sending.content)
    signer = sending.signer
    _add(message, "SignerInfo", Competence=printable(signer.competence), Position=printable(signer.position),
         FullName=printable(signer.full_name))
    if sending.due_on:
        _add(message, "DueDate", f"{sending.due_on:%Y/%m/%d}")
    _add(message, "OtherInfo", Priority=str(PRIORITY_CODES.get(sending.priority, 0)))
    _add(message, "SteeringType", "0")
    traces = _add(header, "TraceHeaderList")
    _add(traces, "TraceHeader", OrganId=sending.sender.organ_id, Timestamp=f"{sending.sent_at:%Y/%m/%d %H:%M:%S}")
    _add(traces, "Bussiness", BussinessDocType="0")
    body = _add(envelope, "edXMLBody")
    manifest = _add(body, "edXMLManifest")
    _attach(manifest, body, sending.attachments)
    return _bytes(envelope)
