"""Read an edXML message of the national document axis (QCVN 102:2016) into a plain record.

Pure Python on top of defusedxml: no Django models, so the import page, a future API endpoint and
the tests share it. The message comes from outside the province, so it is distrusted: any DOCTYPE
is refused (no entity expansion, no external entities, no "billion laughs"), its size is capped
before parsing (`CONGVU_EDXML_MAX_MB`), its elements are counted while parsing
(`CONGVU_EDXML_MAX_ELEMENTS`, and `MAX_DEPTH` levels of nesting), and every problem is reported in
Vietnamese and English with where it was found. XML 1.0 allows no C0 control character, not even
as "&#1;": such a message is refused by the parser with its line and column.

Two shapes occur in the field and both are read:
- the standard's envelope as the root: `edXML:edXMLEnvelope` (header, then a body holding the
  manifest and the attachments);
- the wrapper the axis gateways write: a root `edXML` holding the envelope, with the attachments
  in a sibling `AttachmentEncoded` (its children are often written without a namespace).
"""

from __future__ import annotations

import base64
import binascii
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.conf import settings

from congvu.documents.edxml_doctypes import name_of
from congvu.lib.refusals import InvalidInput

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
DSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
# A message nests about 8 levels deep (envelope, header, message header, From, …); far deeper is no
# message, only a way to make a parser work. Not a setting: no province has a reason to change it.
MAX_DEPTH = 40

# OtherInfo/Priority (QCVN 102:2016) → congvu.work.models.Priority values. The values are spelled out
# rather than imported so this module stays free of Django models; a test checks they are valid.
# 4 is "hỏa tốc hẹn giờ" (flash, to be delivered at a set hour): congvu treats it as flash.
PRIORITY_BY_CODE = {0: "normal", 1: "urgent", 2: "express", 3: "flash", 4: "flash"}

_DATE = re.compile(r"([0-9]{4})[/-]([0-9]{1,2})[/-]([0-9]{1,2})")


class EdxmlError(InvalidInput):
    """The message cannot be read; `message_vi`/`message_en` say what is wrong and where."""

    code = "EDXML-INVALID"

    def __init__(self, message_vi: str, message_en: str, where: str = "", where_en: str = "") -> None:
        where_en = where_en or where
        suffix_vi = f" (vị trí: {where})" if where else ""
        suffix_en = f" (at: {where_en})" if where_en else ""
        super().__init__(f"Bản tin edXML không hợp lệ: {message_vi}{suffix_vi}",
                         f"Invalid edXML message: {message_en}{suffix_en}")
        self.where = where


@dataclass(frozen=True)
class Organ:
    """A sending or receiving body (From / To)."""

    organ_id: str
    name: str
    in_charge: str = ""
    address: str = ""
    email: str = ""
    telephone: str = ""
    fax: str = ""
    website: str = ""


@dataclass(frozen=True)
class Signer:
    competence: str  # e.g. "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"
    position: str
    full_name: str


@dataclass(frozen=True)
class Attachment:
    content_id: str
    name: str
    content_type: str
    description: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)


class BusinessType(IntEnum):
    """TraceHeaderList/Bussiness/BussinessDocType (the standard spells it with two s)."""

    NEW = 0
    REVOCATION = 1  # thu hồi
    UPDATE = 2  # cập nhật
    REPLACEMENT = 3  # thay thế


@dataclass(frozen=True)
class Business:
    """What the message does to a document: a new one, or a revocation, update or replacement of one
    sent before; `replaces` names the replaced documents by their DocumentId (ReplacementInfo)."""

    doc_type: BusinessType = BusinessType.NEW
    reason: str = ""
    replaces: tuple[str, ...] = ()
    staff: str = ""


@dataclass(frozen=True)
class IncomingMessage:
    sender: Organ
    recipients: tuple[Organ, ...]
    document_id: str
    code_number: str
    code_notation: str
    place: str
    promulgated_on: date | None
    doc_type_code: str
    doc_type_name: str
    subject: str
    content: str
    signer: Signer | None
    due_on: date | None
    to_places: tuple[str, ...]
    priority_code: int
    steering_type: str
    sphere_of_promulgation: str
    typer_notation: str
    promulgation_amount: str
    page_amount: str
    trace_organ_ids: tuple[str, ...]
    signed: bool  # an XML-DSig Signature is present (verified by congvu.documents.edxml_signature)
    attachments: tuple[Attachment, ...]
    business: Business = field(default_factory=Business)

    @property
    def sender_id(self) -> str:
        return self.sender.organ_id

    @property
    def sender_name(self) -> str:
        return self.sender.name

    @property
    def notation(self) -> str:
        """"123/UBND-KT": the number and the notation as the document prints them after "Số:"."""
        return "/".join(part for part in (self.code_number, self.code_notation) if part)

    @property
    def priority(self) -> str:
        return PRIORITY_BY_CODE[self.priority_code]


def parse(data: bytes) -> IncomingMessage:
    """Parse an edXML message carrying a document; raise `EdxmlError` saying what is wrong and where
    (a status message is read by `congvu.documents.edxml_status.read`, which reads both kinds)."""
    envelope, root = _envelope(_load(data))
    header = _required(envelope, "edXMLHeader", "edXMLEnvelope")
    if header.find(_q("Status")) is not None and header.find(_q("MessageHeader")) is None:
        raise EdxmlError("đây là bản tin trạng thái (Status), không phải văn bản",
                         "this is a status message (Status), not a document", "edXMLHeader/Status")
    return document_message(header, root)


def document_message(header: Element, root: Element) -> IncomingMessage:
    """The document carried by a message whose header holds a MessageHeader."""
    message = _required(header, "MessageHeader", "edXMLHeader")
    where = "edXMLHeader/MessageHeader"
    code = _required(message, "Code", where)
    code_number, code_notation = _text(code, "CodeNumber"), _text(code, "CodeNotation")
    if not code_number and not code_notation:
        raise EdxmlError("thiếu số và ký hiệu văn bản (CodeNumber, CodeNotation)",
                         "the document's number and notation (CodeNumber, CodeNotation) are missing", f"{where}/Code")
    subject = _text(message, "Subject")
    if not subject:
        raise EdxmlError("thiếu trích yếu văn bản (Subject)", "the subject (Subject) is missing", f"{where}/Subject")
    promulgation = _child(message, "PromulgationInfo")
    doc_type = _child(message, "DocumentType")
    other = _child(message, "OtherInfo")
    return IncomingMessage(
        sender=_sender(message, where),
        recipients=tuple(_organ(to) for to in message.findall(_q("To"))),
        document_id=_text(message, "DocumentId"),
        code_number=code_number,
        code_notation=code_notation,
        place=_text(promulgation, "Place"),
        promulgated_on=_date(promulgation, "PromulgationDate", f"{where}/PromulgationInfo/PromulgationDate"),
        doc_type_code=_text(doc_type, "Type"),
        doc_type_name=name_of(_text(doc_type, "Type"), _text(doc_type, "TypeDetail"), _text(doc_type, "TypeName")),
        subject=subject,
        content=_text(message, "Content"),
        signer=_signer(_child(message, "SignerInfo")),
        due_on=_date(message, "DueDate", f"{where}/DueDate"),
        to_places=_to_places(message),
        priority_code=_priority(other, f"{where}/OtherInfo/Priority"),
        steering_type=_text(message, "SteeringType"),
        sphere_of_promulgation=_text(other, "SphereOfPromulgation"),
        typer_notation=_text(other, "TyperNotation"),
        promulgation_amount=_text(other, "PromulgationAmount"),
        page_amount=_text(other, "PageAmount"),
        trace_organ_ids=_trace(header),
        signed=root.find(f".//{{{DSIG_NS}}}Signature") is not None,
        attachments=_attachments(root),
        business=_business(header),
    )


# --- reading the document safely ---------------------------------------------------------------

def max_message_bytes() -> int:
    return settings.CONGVU_EDXML_MAX_MB * 1024 * 1024


def check_size(size: int) -> None:
    """Refuse a message over the byte cap before reading it (the API checks the upload's size)."""
    if size > max_message_bytes():
        megabytes, limit = size / 1024 / 1024, settings.CONGVU_EDXML_MAX_MB
        raise EdxmlError(f"tệp quá lớn ({megabytes:.1f} MB; tối đa {limit} MB)",
                         f"the file is too large ({megabytes:.1f} MB; at most {limit} MB)")


def _load(data: bytes) -> Element:
    check_size(len(data))
    if not data.strip():
        raise EdxmlError("tệp rỗng", "the file is empty")
    try:
        return _counted_tree(data)
    except DefusedXmlException:
        raise EdxmlError(
            "bản tin có khai báo DOCTYPE/thực thể (entity) — bị từ chối để bảo đảm an toàn",
            "the message declares a DOCTYPE or entities — refused for safety", "DOCTYPE",
        ) from None
    except ParseError as exc:
        line, column = exc.position
        raise EdxmlError("tệp không phải XML hợp lệ", "the file is not well-formed XML",
                         f"dòng {line}, cột {column + 1}", f"line {line}, column {column + 1}") from None


def _counted_tree(data: bytes) -> Element:
    """The message's tree, built element by element while counting, so that a message with more
    elements, or deeper nesting, than any real one is refused as soon as it passes the limit,
    instead of after building it whole (2 million empty elements in 8 MB took ~0.5 GB and seconds).
    iterparse reads 16 KB at a time, so what is built before the refusal is bounded too."""
    limit = settings.CONGVU_EDXML_MAX_ELEMENTS
    root, path, count = None, [], 0
    for event, element in iterparse(io.BytesIO(data), events=("start", "end"), forbid_dtd=True):
        if event == "end":
            path.pop()
            continue
        count += 1
        path.append(_split(element.tag)[1])
        if root is None:
            root = element
        if len(path) > MAX_DEPTH:
            raise EdxmlError(f"các phần tử lồng nhau quá {MAX_DEPTH} cấp",
                             f"elements nest more than {MAX_DEPTH} levels deep", _path(path))
        if count > limit:
            raise EdxmlError(f"bản tin có hơn {_vn(limit)} phần tử XML, nhiều hơn mọi văn bản thật",
                             f"the message has more than {limit:,} XML elements, more than any real document",
                             f"phần tử thứ {_vn(count)} «{_path(path)}»", f"element {count:,} “{_path(path)}”")
    return root


def _vn(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # 20.001: the Vietnamese thousands separator


def _path(path: list[str]) -> str:
    """Where in the message, shortened in the middle when deep: "edXMLEnvelope/…/x/x"."""
    return "/".join(path if len(path) <= 6 else [*path[:3], "…", *path[-2:]])


def _envelope(root: Element) -> tuple[Element, Element]:
    """The edXMLEnvelope element, and the element that holds everything (for attachments and signature)."""
    namespace, local = _split(root.tag)
    if local == "edXMLEnvelope" and namespace == NS:
        return root, root
    inner = root.find(_q("edXMLEnvelope")) if local == "edXML" and namespace in (NS, "") else None
    if inner is not None:
        return inner, root
    misplaced = root if local == "edXMLEnvelope" else root.find(".//{*}edXMLEnvelope")
    if misplaced is not None:
        found = _split(misplaced.tag)[0]
        raise EdxmlError(
            f"sai không gian tên (namespace) «{found or 'không có'}»; phải là «{NS}»",
            f"wrong namespace “{found or 'none'}”; it must be “{NS}”", "edXMLEnvelope",
        )
    if local == "edXML":
        raise EdxmlError("thiếu phần tử edXMLEnvelope", "the edXMLEnvelope element is missing", "edXML/edXMLEnvelope")
    raise EdxmlError(f"phần tử gốc là «{local}», không phải edXML:edXMLEnvelope",
                     f"the root element is “{local}”, not edXML:edXMLEnvelope", local)


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _child(parent: Element | None, name: str) -> Element | None:
    return None if parent is None else parent.find(_q(name))


# What a missing required element holds, said the way a clerk would say it.
_MEANING = {
    "From": ("thông tin cơ quan gửi", "the sender"),
    "Code": ("số, ký hiệu văn bản", "the document's number and notation"),
    "MessageHeader": ("phần thông tin văn bản", "the document's header"),
    "edXMLHeader": ("phần đầu bản tin", "the message header"),
}


def _required(parent: Element, name: str, where: str) -> Element:
    found = parent.find(_q(name))
    if found is None:
        meaning_vi, meaning_en = _MEANING.get(name, ("phần tử bắt buộc", "a required element"))
        raise EdxmlError(f"thiếu {meaning_vi} (phần tử {name})", f"{meaning_en} is missing (element {name})",
                         f"{where}/{name}")
    return found


def _text(parent: Element | None, name: str) -> str:
    if parent is None:
        return ""
    return " ".join((parent.findtext(_q(name)) or "").split())


def _date(parent: Element | None, name: str, where: str) -> date | None:
    """yyyy/MM/dd as the standard writes it (yyyy-MM-dd tolerated); empty means absent."""
    text = _text(parent, name)
    if not text:
        return None
    match = _DATE.fullmatch(text)
    try:
        if match is None:
            raise ValueError
        year, month, day = (int(part) for part in match.groups())
        return date(year, month, day)
    except ValueError:
        raise EdxmlError(f"ngày «{text}» không hợp lệ (định dạng yyyy/MM/dd, ví dụ 2026/03/02)",
                         f"the date “{text}” is invalid (format yyyy/MM/dd, e.g. 2026/03/02)", where) from None


# --- the header's parts ------------------------------------------------------------------------

def _organ(element: Element) -> Organ:
    return Organ(
        organ_id=_text(element, "OrganId"), name=_text(element, "OrganName"),
        in_charge=_text(element, "OrganizationInCharge"), address=_text(element, "OrganAdd"),
        email=_text(element, "Email"), telephone=_text(element, "Telephone"), fax=_text(element, "Fax"),
        website=_text(element, "Website"),
    )


def _sender(message: Element, where: str) -> Organ:
    sender = _organ(_required(message, "From", where))
    if not sender.name:
        raise EdxmlError("thiếu tên cơ quan gửi (From/OrganName)", "the sender's name (From/OrganName) is missing",
                         f"{where}/From/OrganName")
    return sender


def _signer(element: Element | None) -> Signer | None:
    if element is None:
        return None
    signer = Signer(_text(element, "Competence"), _text(element, "Position"), _text(element, "FullName"))
    return signer if any((signer.competence, signer.position, signer.full_name)) else None


def _to_places(message: Element) -> tuple[str, ...]:
    places = message.find(_q("ToPlaces"))
    if places is None:
        return ()
    return tuple(text for place in places.findall(_q("Place")) if (text := " ".join((place.text or "").split())))


def _priority(other: Element | None, where: str) -> int:
    text = _text(other, "Priority")
    if not text:
        return 0
    if not text.isdigit() or int(text) not in PRIORITY_BY_CODE:
        raise EdxmlError(f"độ khẩn «{text}» không hợp lệ (chỉ từ 0 đến 4)",
                         f"the priority “{text}” is invalid (0 to 4 only)", where)
    return int(text)


def _trace(header: Element) -> tuple[str, ...]:
    traces = header.find(_q("TraceHeaderList"))
    if traces is None:
        return ()
    return tuple(_text(trace, "OrganId") for trace in traces.findall(_q("TraceHeader")))


def _business(header: Element) -> Business:
    where = "edXMLHeader/TraceHeaderList/Bussiness"
    business = _child(header.find(_q("TraceHeaderList")), "Bussiness")
    if business is None:
        return Business()
    text = _text(business, "BussinessDocType") or "0"
    if not text.isdigit() or int(text) not in tuple(BusinessType):
        raise EdxmlError(f"loại nghiệp vụ «{text}» không hợp lệ (0 mới, 1 thu hồi, 2 cập nhật, 3 thay thế)",
                         f"the business type “{text}” is invalid (0 new, 1 revocation, 2 update, 3 replacement)",
                         f"{where}/BussinessDocType")
    replaced = tuple(
        document_id for info in business.iter(_q("ReplacementInfo")) if (document_id := _text(info, "DocumentId"))
    )
    doc_type = BusinessType(int(text))
    if doc_type is BusinessType.REPLACEMENT and not replaced:
        raise EdxmlError("bản tin thay thế không nêu văn bản bị thay thế (ReplacementInfo/DocumentId)",
                         "a replacement does not name the replaced document (ReplacementInfo/DocumentId)",
                         f"{where}/ReplacementInfoList")
    staff = _child(business, "StaffInfo")
    return Business(doc_type, _text(business, "BussinessDocReason"), replaced,
                    " — ".join(part for part in (_text(staff, "Staff"), _text(staff, "Department")) if part))


# --- attachments -------------------------------------------------------------------------------

def _attachments(root: Element) -> tuple[Attachment, ...]:
    """Every `Attachment`, in the body or in the gateways' `AttachmentEncoded`; names and descriptions
    missing on an attachment are taken from the manifest's reference with the same ContentId."""
    references = {_local_text(ref, "ContentId"): ref for ref in _by_local_name(root, "Reference")}
    return tuple(
        _attachment(element, index, references) for index, element in enumerate(_by_local_name(root, "Attachment"), 1)
    )


def _attachment(element: Element, index: int, references: dict[str, Element]) -> Attachment:
    content_id = _local_text(element, "ContentId")
    reference = references.get(content_id) if content_id else None

    def field(name: str) -> str:
        return _local_text(element, name) or (_local_text(reference, name) if reference is not None else "")

    name = field("AttachmentName") or f"dinh-kem-{index}"
    where = (f"tệp đính kèm thứ {index} «{name}»", f"attachment {index} “{name}”")
    encoded = "".join(_local_text(element, "ContentTransferEncoded", keep_spaces=True).split())
    if not encoded:
        raise EdxmlError("tệp đính kèm không có nội dung (ContentTransferEncoded)",
                         "an attachment has no content (ContentTransferEncoded)", *where)
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise EdxmlError("nội dung tệp đính kèm không phải base64 hợp lệ",
                         "an attachment's content is not valid base64", *where) from None
    return Attachment(content_id, name, field("ContentType") or "application/octet-stream",
                      field("Description"), data)


def _by_local_name(root: Element, local: str) -> Iterator[Element]:
    return (element for element in root.iter() if _split(element.tag)[1] == local)


def _local_text(element: Element, local: str, *, keep_spaces: bool = False) -> str:
    for child in element:
        if _split(child.tag)[1] == local:
            text = child.text or ""
            return text if keep_spaces else " ".join(text.split())
    return ""
