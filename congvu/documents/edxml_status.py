"""Status messages of the national document axis (QCVN 102:2016, `edXMLHeader/Status`): a receiving
body says what became of a document it was sent (received, rejected, accepted, assigned, …).
`ResponseFor` names that document by its sender, number/notation and date; congvu attaches the
status to the outgoing document of its own that matches (`congvu.documents.edxml_receive`).

`read` reads either kind of message, so the import page and the API take one file whatever it is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from xml.etree.ElementTree import Element

from congvu.documents import edxml
from congvu.documents.edxml import EdxmlError, IncomingMessage, Organ
from congvu.lib.workdays import TZ

# The codes of the standard's status table; the ones congvu names are those the province meets. The
# others are still kept and shown with their number.
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "01": ("Đã đến", "Received"),
    "02": ("Từ chối tiếp nhận", "Rejected"),
    "03": ("Đã tiếp nhận, vào sổ", "Accepted"),
    "04": ("Đã phân công", "Assigned"),
    "05": ("Đang xử lý", "Processing"),
    "06": ("Đã hoàn thành", "Finished"),
    "13": ("Đã thu hồi", "Revoked"),
    "15": ("Đồng ý cập nhật", "Update accepted"),
    "16": ("Từ chối cập nhật", "Update rejected"),
}
_CODE = re.compile(r"(0[1-9]|1[0-6])")
_TIMESTAMP = re.compile(r"([0-9]{4})[/-]([0-9]{1,2})[/-]([0-9]{1,2})[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?")
WHERE = "edXMLHeader/Status"


def status_label(code: str, language: str = "vi") -> str:
    vi, en = STATUS_LABELS.get(code, (f"Trạng thái {code}", f"Status {code}"))
    return en if language.startswith("en") else vi


@dataclass(frozen=True)
class ResponseFor:
    """The document the status is about, as its sender (congvu) numbered it."""

    organ_id: str
    code: str  # "05/TB-SNV"
    promulgated_on: date | None
    document_id: str


@dataclass(frozen=True)
class StatusMessage:
    response_for: ResponseFor
    sender: Organ
    status_code: str
    description: str
    sent_at: datetime | None
    staff: str


def read(data: bytes) -> IncomingMessage | StatusMessage:
    """Read a message of either kind; raise `EdxmlError` saying what is wrong and where."""
    envelope, root = edxml._envelope(edxml._load(data))
    header = edxml._required(envelope, "edXMLHeader", "edXMLEnvelope")
    status = header.find(edxml._q("Status"))
    if status is not None and header.find(edxml._q("MessageHeader")) is None:
        return status_message(status)
    return edxml.document_message(header, root)


def status_message(status: Element) -> StatusMessage:
    response = edxml._required(status, "ResponseFor", WHERE)
    where_for = f"{WHERE}/ResponseFor"
    code = edxml._text(response, "Code")
    if not code:
        raise EdxmlError("thiếu số, ký hiệu văn bản được phản hồi (ResponseFor/Code)",
                         "the number and notation of the document answered (ResponseFor/Code) are missing",
                         f"{where_for}/Code")
    status_code = edxml._text(status, "StatusCode")
    if not _CODE.fullmatch(status_code):
        raise EdxmlError(f"mã trạng thái «{status_code}» không hợp lệ (từ 01 đến 16)",
                         f"the status code “{status_code}” is invalid (01 to 16)", f"{WHERE}/StatusCode")
    sender = edxml._organ(edxml._required(status, "From", WHERE))
    if not sender.organ_id and not sender.name:
        raise EdxmlError("thiếu cơ quan gửi trạng thái (From/OrganId)", "the status's sender (From/OrganId) is missing",
                         f"{WHERE}/From")
    staff = edxml._child(status, "StaffInfo")
    return StatusMessage(
        response_for=ResponseFor(
            organ_id=edxml._text(response, "OrganId"), code=code,
            promulgated_on=edxml._date(response, "PromulgationDate", f"{where_for}/PromulgationDate"),
            document_id=edxml._text(response, "DocumentId"),
        ),
        sender=sender, status_code=status_code, description=edxml._text(status, "Description"),
        sent_at=_timestamp(edxml._text(status, "Timestamp")),
        staff=" — ".join(p for p in (edxml._text(staff, "Staff"), edxml._text(staff, "Department")) if p),
    )


def _timestamp(text: str) -> datetime | None:
    """yyyy/MM/dd HH:mm:ss, in the province's time (the standard gives no zone); unreadable → None,
    the status is still worth keeping."""
    match = _TIMESTAMP.fullmatch(text)
    if match is None:
        return None
    try:
        parts = [int(part) if part else 0 for part in match.groups()]
        return datetime(*parts, tzinfo=TZ)
    except ValueError:
        return None
