"""Write edXML status messages (QCVN 102:2016, `Status`) for the national document axis.

A status tells the body that sent a document what became of it at the receiving unit: received,
accepted, assigned, being processed, finished, or rejected. congvu writes one for each such step of an
incoming document that arrived as an edXML message; the province's axis gateway picks them up from the
outbox (`congvu.documents.outbox`). Pure Python: no Django models, so the tests read the result back
with congvu's own reader (`congvu.documents.edxml`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from xml.etree.ElementTree import Element, SubElement, tostring

from congvu.documents.edxml import NS
from congvu.lib.text import printable


class StatusCode:
    """The codes of the standard's status list that congvu emits, with the description it writes."""

    RECEIVED = "01"
    REJECTED = "02"
    ACCEPTED = "03"
    ASSIGNED = "04"
    PROCESSING = "05"
    FINISHED = "06"
    REVOKED = "13"
    UPDATE_ACCEPTED = "15"
    UPDATE_REJECTED = "16"


DESCRIPTIONS = {
    StatusCode.RECEIVED: "Đã đến",
    StatusCode.REJECTED: "Từ chối tiếp nhận",
    StatusCode.ACCEPTED: "Đã tiếp nhận",
    StatusCode.ASSIGNED: "Phân công",
    StatusCode.PROCESSING: "Đang xử lý",
    StatusCode.FINISHED: "Hoàn thành",
    StatusCode.REVOKED: "Đã thu hồi",
    StatusCode.UPDATE_ACCEPTED: "Đồng ý cập nhật",
    StatusCode.UPDATE_REJECTED: "Từ chối cập nhật",
}


@dataclass(frozen=True)
class ResponseFor:
    """The document the status answers, as its sender identified it."""

    organ_id: str
    code: str  # "123/UBND-KT"
    promulgated_on: date | None
    document_id: str


@dataclass(frozen=True)
class Status:
    response_for: ResponseFor
    from_organ_id: str
    from_name: str
    code: str
    at: datetime
    description: str = ""
    staff: str = ""
    department: str = ""


def _add(parent: Element, name: str, text: str = "") -> Element:
    element = SubElement(parent, f"{{{NS}}}{name}")
    if text:
        # Names and notes come from officials and from outside the province: no control characters
        # (XML 1.0 allows none), whatever got into the database before the entry checks existed.
        element.text = printable(text)
    return element


def status_message(status: Status) -> bytes:
    """The message as UTF-8 bytes with its XML declaration: envelope → header → Status; empty body."""
    envelope = Element(f"{{{NS}}}edXMLEnvelope")
    header = _add(envelope, "edXMLHeader")
    element = _add(header, "Status")
    answered = _add(element, "ResponseFor")
    _add(answered, "OrganId", status.response_for.organ_id)
    _add(answered, "Code", status.response_for.code)
    if status.response_for.promulgated_on:
        _add(answered, "PromulgationDate", f"{status.response_for.promulgated_on:%Y/%m/%d}")
    _add(answered, "DocumentId", status.response_for.document_id)
    sender = _add(element, "From")
    _add(sender, "OrganId", status.from_organ_id)
    _add(sender, "OrganName", status.from_name)
    _add(element, "StatusCode", status.code)
    _add(element, "Description", status.description or DESCRIPTIONS.get(status.code, ""))
    _add(element, "Timestamp", f"{status.at:%Y/%m/%d %H:%M:%S}")
    staff = _add(element, "StaffInfo")
    _add(staff, "Department", status.department)
    _add(staff, "Staff", status.staff)
    _add(envelope, "edXMLBody")
    return tostring(envelope, encoding="utf-8", xml_declaration=True)
