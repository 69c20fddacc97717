"""What each action endpoint accepts: the fields of the action it calls, typed and bounded. The
schemas check shape only; the actions judge the rules, exactly as for the web forms."""

from typing import Literal

from ninja import Field, Schema

from congvu.api.fields import Id, InputDate, Text
from congvu.consult.models import Outcome, ReplyPosition
from congvu.work.models import Priority, State
from congvu.work.rules import ReturnGrounds

MAX_UNITS = 30
NOTE = Text(2000)
REASON = Text(2000)
OVERRIDE = Field("", description="Lý do thủ trưởng vượt quyền từ chối (chỉ với quy tắc cho phép vượt quyền)")
LONG_TEXT = Text(10000)


class IncomingIn(Schema):
    unit: Id = Field(description="Đơn vị vào sổ (văn thư, thủ trưởng hoặc cấp phó của đơn vị)")
    matter_type: Id
    sender: Text(250, min_length=1)
    subject: Text(500, min_length=1)
    notation: Text(80) = ""
    issued_on: InputDate | None = None
    doc_type: Text(60, min_length=1) = "Công văn"
    reply_due: InputDate | None = None
    priority: Priority = Priority.NORMAL
    requester_unit: Id | None = Field(None, description="Đơn vị đề nghị, khi văn bản là đề nghị của đơn vị khác")


class DirectIn(Schema):
    lead_unit: Id
    cooperating: list[Id] = Field([], max_length=MAX_UNITS)
    due_date: InputDate | None = Field(None, description="Hạn xử lý; để trống thì theo thời hạn pháp luật")
    note: NOTE = ""
    override_reason: Text(1000) = OVERRIDE


class AssignIn(Schema):
    holder: Id | None = Field(description="Cán bộ của đơn vị chủ trì giữ bước xử lý (Mục 1.3)")
    due_date: InputDate | None = None
    note: NOTE = ""


class TransferIn(Schema):
    to_unit: Id
    reason: REASON = ""
    override_reason: Text(1000) = OVERRIDE


class ReturnIn(Schema):
    grounds: Literal[ReturnGrounds.NOT_OURS, ReturnGrounds.REQUESTER_OWN]
    named_unit: Id | None = Field(None, description="Đơn vị có thẩm quyền (khi trả lại vì không thuộc thẩm quyền)")
    reason: REASON = ""
    override_reason: Text(1000) = OVERRIDE


class SubmitIn(Schema):
    summary: LONG_TEXT = ""
    override_reason: Text(1000) = OVERRIDE


class DecisionIn(Schema):
    decision: Text(10000, min_length=1)


class CompleteIn(Schema):
    result: Text(10000, min_length=1)
    override_reason: Text(1000) = OVERRIDE


class ExtendIn(Schema):
    new_due: InputDate
    reason: Text(2000, min_length=1)


class ConsultIn(Schema):
    units: list[Id] = Field(min_length=1, max_length=MAX_UNITS)
    question: Text(10000, min_length=1)
    reply_days: int | None = Field(None, ge=1, le=365, description="Để trống: theo Quy chế làm việc")
    override_reason: Text(1000) = OVERRIDE


class RequestAssignIn(Schema):
    holder: Id


class ReplyIn(Schema):
    position: ReplyPosition
    reasons: LONG_TEXT = ""


class ReconciliationIn(Schema):
    held_on: InputDate
    attendees: Text(2000, min_length=1)
    outcome: Outcome
    lead_view: LONG_TEXT = ""
    other_view: LONG_TEXT = ""


class ItemFilters(Schema):
    q: Text(200) | None = Field(None, description="Tìm trong nội dung, trích yếu, nơi gửi, số ký hiệu")
    unit: Id | None = Field(None, description="Đơn vị chủ trì hoặc đang giữ công việc")
    state: State | None = None
    matter_type: Id | None = None
    due_from: InputDate | None = None
    due_to: InputDate | None = None
    holder: Id | None = Field(None, description="Cán bộ đang giữ công việc")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


class RequestFilters(Schema):
    state: Literal["pending", "answered", "deemed_agreed"] | None = None
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)
