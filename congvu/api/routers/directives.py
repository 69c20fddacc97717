"""The directives sent to me and my acknowledgement of them (clause 1.1): what the web's "Văn bản
chỉ đạo cần quán triệt" shows, for the province's e-office software to show too."""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Path, Router, Schema

from congvu.api.errors import ACTION, AUTH, not_found
from congvu.api.fields import MAX_ID, LocalDateTime
from congvu.api.routers.common import answers, caller
from congvu.lib.choices import label_of
from congvu.org.models import Official
from congvu.oversight import access, directives
from congvu.oversight.models_directives import Directive, DirectiveKind

router = Router(tags=["Văn bản chỉ đạo"])


class DirectiveOut(Schema):
    id: int
    notation: str
    title: str
    kind: str
    kind_label: str
    issuer: str
    issued_on: date
    sent_on: date
    acknowledged_at: LocalDateTime | None
    has_file: bool


def directive_row(directive: Directive, sent_on: date, acknowledged_at: datetime | None) -> dict:
    return {"id": directive.pk, "notation": directive.notation, "title": directive.title, "kind": directive.kind,
            "kind_label": label_of(DirectiveKind, directive.kind), "issuer": directive.issuer,
            "issued_on": directive.issued_on, "sent_on": sent_on, "acknowledged_at": acknowledged_at,
            "has_file": bool(directive.file)}


@router.get("/directives", response=answers(list[DirectiveOut], AUTH),
            summary="Văn bản chỉ đạo gửi đến tôi (chưa quán triệt trước), kèm thời điểm tôi xác nhận")
def list_directives(request: HttpRequest):
    return [directive_row(r.directive, r.sent_on, r.done_at) for r in directives.my_directives(caller(request))]


def sent_to(official: Official, pk: int) -> Directive:
    """A directive the caller may see (sent to them or their unit, or they keep the register)."""
    found = Directive.objects.filter(pk=pk).first()
    if found is None or not access.may_see_directive(official, found):
        raise not_found("văn bản chỉ đạo", "directive", pk)
    return found


@router.post("/directives/{directive_id}/acknowledge", response=answers(DirectiveOut, ACTION),
             summary="Xác nhận “Đã đọc và quán triệt” văn bản chỉ đạo (một lần, không sửa được)")
def acknowledge_directive(request: HttpRequest,
                          directive_id: int = Path(..., ge=1, le=MAX_ID, description="Số hiệu văn bản chỉ đạo")):
    official = caller(request)
    directive = sent_to(official, directive_id)
    ack = directives.acknowledge(directive, actor=official)
    sent_on = directive.recipients.get(official=official).sent_on
    return directive_row(directive, sent_on, ack.acknowledged_at)
