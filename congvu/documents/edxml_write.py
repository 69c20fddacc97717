"""Write edXML messages (QCVN 102:2016) of each kind congvu reads: a document (new, revocation,
update, replacement), with attachments in base64, and a status message. The test fixtures and the
demo are built with it, and congvu's own reader reads them back; the envelope is the standard's
(`edXML:edXMLEnvelope` as the root) or the gateways' wrapper (`edXML` root, `AttachmentEncoded`
beside the envelope)."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import date, datetime
from xml.etree.ElementTree import Element, SubElement, indent, register_namespace, tostring

from congvu.documents.edxml import NS, BusinessType
from congvu.documents.edxml_doctypes import ADMINISTRATIVE, detail_of
from congvu.lib.workdays import TZ

register_namespace("edXML", NS)


@dataclass(frozen=True)
class FileToAttach:
    name: str
    content_type: str
    data: bytes
    description: str = ""


@dataclass(frozen=True)
class DocumentToSend:
    sender_id: str
    sender_name: str
    number: str
    notation: str
    promulgated_on: date
    subject: str
    doc_type_name: str = "Công văn"
    content: str = ""
    due_on: date | None = None
    priority: int = 0
    business: BusinessType = BusinessType.NEW
    reason: str = ""
    replaces: tuple[str, ...] = ()  # DocumentIds
    attachments: tuple[FileToAttach, ...] = ()
    recipient_id: str = "000.00.14.H48"
    recipient_name: str = "Sở Xây dựng"
    sent_at: datetime = field(default_factory=lambda: datetime(2026, 3, 2, 8, 0, tzinfo=TZ))

    @property
    def document_id(self) -> str:
        """The standard's DocumentId: sender, date, number/notation."""
        return f"{self.sender_id},{self.promulgated_on:%Y/%m/%d},{self.number}/{self.notation}"


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _add(parent: Element, name: str, text: str | None = None, **children: str) -> Element:
    element = SubElement(parent, _q(name))
    if text is not None:
        element.text = text
    for child, value in children.items():
        SubElement(element, _q(child)).text = value
    return element


def document(doc: DocumentToSend, *, gateway_shape: bool = False) -> bytes:
    """One document message, its attachments base64 in the body (or beside the envelope)."""
    root = Element(_q("edXML")) if gateway_shape else None
    envelope = SubElement(root, _q("edXMLEnvelope")) if root is not None else Element(_q("edXMLEnvelope"))
    header = _add(envelope, "edXMLHeader")
    message = _add(header, "MessageHeader")
    _add(message, "From", OrganId=doc.sender_id, OrganName=doc.sender_name, OrganizationInCharge="UBND tỉnh")
    _add(message, "To", OrganId=doc.recipient_id, OrganName=doc.recipient_name)
    _add(message, "DocumentId", doc.document_id)
    _add(message, "Code", CodeNumber=doc.number, CodeNotation=doc.notation)
    _add(message, "PromulgationInfo", Place="Phú Yên", PromulgationDate=f"{doc.promulgated_on:%Y/%m/%d}")
    _add(message, "DocumentType", Type=ADMINISTRATIVE, TypeDetail=detail_of(doc.doc_type_name),
         TypeName=doc.doc_type_name)
    _add(message, "Subject", doc.subject)
    _add(message, "Content", doc.content)
    _add(message, "SignerInfo", Competence="KT. GIÁM ĐỐC", Position="PHÓ GIÁM ĐỐC", FullName="Nguyễn Văn An")
    if doc.due_on:
        _add(message, "DueDate", f"{doc.due_on:%Y/%m/%d}")
    _add(message, "OtherInfo", Priority=str(doc.priority), PageAmount="1")
    _add(message, "SteeringType", "0")
    _trace(header, doc)
    body = _add(envelope, "edXMLBody")
    manifest = _add(body, "edXMLManifest")
    holder = _add(root, "AttachmentEncoded") if root is not None else body
    _attach(manifest, holder, doc.attachments)
    return _bytes(root if root is not None else envelope)


def _attach(manifest: Element, holder: Element, attachments: list[FileToAttach]) -> None:
    """Each file listed in the manifest and carried, base64, in `holder` (cid:1, cid:2 … link the two)."""
    for index, attached in enumerate(attachments, 1):
        content_id = f"cid:{index}"
        _add(manifest, "Reference", ContentId=content_id, AttachmentName=attached.name,
             Description=attached.description, ContentType=attached.content_type)
        _add(holder, "Attachment", ContentId=content_id, AttachmentName=attached.name,
             ContentType=attached.content_type, ContentTransferEncoded=_base64(attached.data))


def _trace(header: Element, doc: DocumentToSend) -> None:
    traces = _add(header, "TraceHeaderList")
    _add(traces, "TraceHeader", OrganId=doc.sender_id, Timestamp=f"{doc.sent_at:%Y/%m/%d %H:%M:%S}")
    business = _add(traces, "Bussiness", BussinessDocType=str(int(doc.business)))
    if doc.reason:
        _add(business, "BussinessDocReason", doc.reason)
    if doc.replaces:
        replacements = _add(business, "ReplacementInfoList")
        for document_id in doc.replaces:
            info = _add(replacements, "ReplacementInfo", DocumentId=document_id)
            _add(info, "OrganIdList", OrganId=doc.recipient_id)
    _add(business, "StaffInfo", Department="Văn phòng", Staff="Lê Thị Văn Thư")
    _add(business, "Paper", "0")


@dataclass(frozen=True)
class StatusToSend:
    sender_id: str
    sender_name: str
    status_code: str
    answered_organ_id: str
    answered_code: str  # "05/TB-SNV"
    answered_on: date
    description: str = ""
    sent_at: datetime = field(default_factory=lambda: datetime(2026, 3, 2, 9, 30, tzinfo=TZ))


def status(st: StatusToSend) -> bytes:
    envelope = Element(_q("edXMLEnvelope"))
    header = _add(envelope, "edXMLHeader")
    element = _add(header, "Status")
    _add(element, "ResponseFor", OrganId=st.answered_organ_id, Code=st.answered_code,
         PromulgationDate=f"{st.answered_on:%Y/%m/%d}",
         DocumentId=f"{st.answered_organ_id},{st.answered_on:%Y/%m/%d},{st.answered_code}")
    _add(element, "From", OrganId=st.sender_id, OrganName=st.sender_name)
    _add(element, "StatusCode", st.status_code)
    _add(element, "Description", st.description)
    _add(element, "Timestamp", f"{st.sent_at:%Y/%m/%d %H:%M:%S}")
    _add(element, "StaffInfo", Department="Văn phòng", Staff="Trần Văn Thư", Mobile="", Email="")
    _add(_add(header, "TraceHeaderList"), "TraceHeader", OrganId=st.sender_id,
         Timestamp=f"{st.sent_at:%Y/%m/%d %H:%M:%S}")
    _add(envelope, "edXMLBody")
    return _bytes(envelope)


def _base64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _bytes(root: Element) -> bytes:
    indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode").encode("utf-8")
