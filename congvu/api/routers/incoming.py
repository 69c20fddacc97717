"""`POST /api/incoming/edxml`: one edXML message of the national document axis, uploaded as a file
(multipart/form-data, the only endpoint that takes one). A new document or a replacement is
registered (its unit and matter type are given beside the file); a revocation or an update acts on
the document registered before; a status message is attached to the document congvu sent that it
answers (a notice, or any document in the outbox).
A message that cannot be read, or is about a document congvu does not know, is refused (4xx) saying
why and where in the message."""

from datetime import date, datetime
from pathlib import PurePath
from typing import Literal

from django.core.files.base import ContentFile
from django.http import HttpRequest
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from congvu.api import resolve, serialize
from congvu.api.errors import ACTION, ErrorOut
from congvu.api.fields import MAX_ID
from congvu.api.routers.common import caller
from congvu.api.schemas import ItemDetail
from congvu.documents import edxml
from congvu.documents.edxml_receive import Received, receive_document, receive_status
from congvu.documents.edxml_status import StatusMessage, read, status_label
from congvu.documents.models import EdxmlReceipt

router = Router(tags=["Văn bản đến"])


class ReceivedStatusOut(Schema):
    notice_id: int | None = Field(description="Thông báo được phản hồi (nếu là thông báo coi như đồng ý)")
    outbox_id: int | None = Field(description="Bản tin văn bản đi được phản hồi trong hộp thư đi (GET /api/outbox)")
    notice: str = Field(description="Số, ký hiệu của văn bản đi được phản hồi, ví dụ 02/TB-SXD")
    status_code: str = Field(description="Mã trạng thái QCVN 102:2016, 01–16")
    status: str
    sender: str
    description: str
    sent_at: datetime | None


class ReceivedDocumentOut(Schema):
    id: int
    incoming_number: int
    year: int
    notation: str
    subject: str
    revoked_on: date | None
    revocation_reason: str
    signature: str = Field(description="absent | not_checked | valid | invalid | unknown_signer")
    attachments: list[str]


class EdxmlReceivedOut(Schema):
    outcome: Literal["registered", "revoked", "updated", "replaced", "status"]
    document: ReceivedDocumentOut | None
    item: ItemDetail | None
    status: ReceivedStatusOut | None


def _id(what: str):
    return Form(None, ge=1, le=MAX_ID, description=f"{what} (văn bản mới hoặc thay thế; không cần cho thu hồi, "
                                                    "cập nhật, trạng thái)")


UNIT = _id("Đơn vị vào sổ")
MATTER_TYPE = _id("Loại việc")


@router.post("/incoming/edxml", response={frozenset({200, 201}): EdxmlReceivedOut, ACTION: ErrorOut},
             summary="Nhận một bản tin edXML (văn bản mới, thu hồi, cập nhật, thay thế; hoặc bản tin trạng thái)",
             description="multipart/form-data: `message` là tệp .edxml; 201 khi vào sổ văn bản mới (hoặc thay "
                         "thế), 200 khi thu hồi, cập nhật hoặc ghi nhận trạng thái; 409 kèm vị trí trong bản tin "
                         "khi bản tin không đọc được hoặc nói về văn bản congvu chưa vào sổ.")
def receive_edxml(request: HttpRequest, message: File[UploadedFile],
                  unit: int = UNIT, matter_type: int = MATTER_TYPE):
    official = caller(request)
    edxml.check_size(message.size)
    data = message.read()
    read_message = read(data)
    name = PurePath(message.name or "ban-tin.edxml").name
    if isinstance(read_message, StatusMessage):
        received = receive_status(actor=official, status=read_message, original=ContentFile(data))
    else:
        received = receive_document(
            actor=official, message=read_message, original=ContentFile(data), original_name=name,
            unit=resolve.unit(unit, "unit") if unit else None,
            matter_type=resolve.matter_type(matter_type) if matter_type else None,
        )
    return Status(201 if received.outcome in ("registered", "replaced") else 200, _answer(received, official))


def _answer(received: Received, official) -> dict:
    document, status = received.document, received.status
    return {
        "outcome": received.outcome,
        "document": _document(document) if document else None,
        "item": serialize.item_detail(received.item.pk, official) if received.item else None,
        "status": {
            "notice_id": status.notice_id, "outbox_id": status.sent_id,
            "notice": status.notice.notation if status.notice else status.sent.notation,
            "status_code": status.status_code, "status": status_label(status.status_code),
            "sender": status.sender_name, "description": status.description, "sent_at": status.sent_at,
        } if status else None,
    }


def _document(document) -> dict:
    receipt = EdxmlReceipt.objects.filter(document=document).first()
    return {
        "id": document.pk, "incoming_number": document.incoming_number, "year": document.year,
        "notation": document.notation, "subject": document.subject, "revoked_on": document.revoked_on,
        "revocation_reason": document.revocation_reason,
        "signature": receipt.signature if receipt else "absent",
        "attachments": list(document.attachments.values_list("name", flat=True)),
    }
