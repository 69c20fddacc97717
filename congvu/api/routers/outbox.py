"""The edXML outbox, for the axis gateway and the clerks: the status messages congvu wrote for
documents that came over the national axis (congvu/documents/outbox.py), and the documents it issued,
each with its signed PDF (congvu/documents/outgoing.py). The folder is what the
gateway normally reads; this listing lets a gateway (or a clerk) fetch by API instead, and shows what
was sent. A unit's clerks and leaders see their unit's messages."""

from datetime import date, datetime
from typing import Literal

from django.http import FileResponse, HttpRequest
from ninja import Field, Path, Query, Router, Schema

from congvu.api.errors import FILTERED, ONE_OBJECT, not_found
from congvu.api.fields import MAX_ID
from congvu.api.routers.common import answers, caller
from congvu.documents import outbox
from congvu.documents.edxml_out import DESCRIPTIONS
from congvu.documents.models import OutboxMessage
from congvu.work.access import registering_unit_ids

router = Router(tags=["Trục liên thông"])


class OutboxOut(Schema):
    id: int
    kind: Literal["status", "document"] = Field(description="status: trạng thái xử lý văn bản đến; "
                                                            "document: văn bản congvu ban hành, kèm tệp PDF đã ký")
    document_id: int | None = Field(description="Văn bản đến được báo trạng thái (kind=status)")
    unit_id: int
    event_id: int | None = Field(description="Sự kiện trong nhật ký công việc sinh ra trạng thái (kind=status)")
    status_code: str = Field(description="Mã trạng thái QCVN 102:2016 (kind=status); rỗng với văn bản")
    status_label: str
    notation: str = Field(description="Số, ký hiệu văn bản đi, ví dụ 05/TB-SXD (kind=document)")
    issued_on: date | None
    subject: str
    to_organ_id: str = Field(description="Mã định danh cơ quan nhận; nhiều cơ quan cách nhau bằng dấu phẩy")
    file_name: str
    created_at: datetime


class OutboxFilters(Schema):
    after_id: int = Field(0, ge=0, le=MAX_ID, description="Chỉ các bản tin có id lớn hơn (để lấy tiếp)")
    limit: int = Field(100, ge=1, le=500)


def visible(request: HttpRequest):
    return OutboxMessage.objects.filter(unit_id__in=registering_unit_ids(caller(request)))


@router.get("/outbox", response=answers(list[OutboxOut], FILTERED),
            summary="Hộp thư đi edXML: trạng thái xử lý văn bản đến và văn bản đi (kèm PDF đã ký) gửi qua trục")
def outbox_list(request: HttpRequest, filters: Query[OutboxFilters]):
    rows = visible(request).filter(id__gt=filters.after_id).order_by("id")[:filters.limit]
    return [{**{f: getattr(m, f) for f in ("id", "kind", "document_id", "unit_id", "event_id", "status_code",
                                           "notation", "issued_on", "subject", "to_organ_id", "file_name",
                                           "created_at")},
             "status_label": DESCRIPTIONS.get(m.status_code, "")} for m in rows]


XML_ANSWER = {"responses": {200: {"description": "Bản tin edXML (QCVN 102:2016)",
                                  "content": {"application/xml": {"schema": {"type": "string"}}}}}}


@router.get("/outbox/{message_id}", response=answers(str, ONE_OBJECT), openapi_extra=XML_ANSWER,
            summary="Một bản tin edXML của hộp thư đi (application/xml)")
def outbox_message(request: HttpRequest, message_id: int = Path(..., ge=1, le=MAX_ID)):
    message = visible(request).filter(pk=message_id).first()
    path = outbox.folder() / message.file_name if message else None
    if path is None or not path.is_file():  # not theirs, or the gateway has taken the file away
        raise not_found("bản tin", "message", message_id)
    return FileResponse(path.open("rb"), content_type="application/xml", filename=message.file_name)
