"""What each action endpoint accepts: the fields of the action it calls, typed and bounded. The
schemas check shape only — everything they declare is checked here, and answered 422 — while the
actions judge the rules (409), exactly as for the web forms."""

from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from congvu.api.fields import NONBLANK_TEXT_PATTERN, BodyId, BodyInt, Id, InputDate, Text
from congvu.consult.models import ConsultationSendBackGrounds, MeetingOutcome, ReplyPosition, RequestState
from congvu.work.models import DelayCause, Priority, State
from congvu.work.rules import ReturnGrounds, SendBackGrounds

MAX_UNITS = 30
NOTE = Text(2000)
REASON = Text(2000)
OVERRIDE = Field("", description=(
    "Thủ trưởng quyết định thực hiện dù bị từ chối: ghi rõ lý do (chỉ với quy tắc cho phép)"))
LONG_TEXT = Text(10000)


class IncomingIn(Schema):
    unit: BodyId = Field(description="Đơn vị vào sổ (văn thư, thủ trưởng hoặc cấp phó của đơn vị)")
    matter_type: BodyId
    sender: Text(250, required=True)
    subject: Text(500, required=True)
    notation: Text(80) = ""
    issued_on: InputDate | None = None
    doc_type: Text(60, required=True) = "Công văn"
    reply_due: InputDate | None = None
    priority: Priority = Priority.NORMAL
    requester_unit: BodyId | None = Field(None, description="Đơn vị đề nghị, khi văn bản là đề nghị của đơn vị khác")


class DirectIn(Schema):
    lead_unit: BodyId
    holder: BodyId | None = Field(
        None, description="Cán bộ của đơn vị chủ trì xử lý: khi có, chỉ đạo và phân công luôn trong một bước "
                          "(người chỉ đạo phải là lãnh đạo đơn vị chủ trì)")
    cooperating: list[BodyId] = Field([], max_length=MAX_UNITS)
    due_date: InputDate | None = Field(None, description="Hạn xử lý; để trống thì theo thời hạn pháp luật")
    note: NOTE = ""
    override_reason: Text(1000) = OVERRIDE


class AssignIn(Schema):
    holder: BodyId | None = Field(description="Cán bộ của đơn vị chủ trì giữ bước xử lý (Mục 1.3)")
    due_date: InputDate | None = None
    note: NOTE = ""


class TransferIn(Schema):
    to_unit: BodyId
    reason: REASON = ""
    override_reason: Text(1000) = OVERRIDE


class ReturnIn(Schema):
    grounds: ReturnGrounds
    named_unit: BodyId | None = Field(None, description="Đơn vị có thẩm quyền (khi trả lại vì không thuộc thẩm quyền)")
    reason: REASON = ""
    override_reason: Text(1000) = OVERRIDE


class SubmitIn(Schema):
    summary: LONG_TEXT = ""
    override_reason: Text(1000) = OVERRIDE


class DecisionIn(Schema):
    decision: Text(10000, required=True)


class SendBackIn(Schema):
    grounds: SendBackGrounds = Field(description="Căn cứ trả lại: thuộc thẩm quyền của đơn vị, đã được phân cấp, "
                                                 "ủy quyền, hoặc hồ sơ chưa đầy đủ")
    explanation: Text(10000, required=True)


class CompleteIn(Schema):
    result: Text(10000, required=True)
    override_reason: Text(1000) = OVERRIDE
    # Required (the action refuses with R-1.5-DELAY-CAUSE) only when the item is past its legal deadline.
    delay_cause: DelayCause | Literal[""] = Field("", description="Nguyên nhân chậm trễ, khi quá hạn theo quy định")
    delay_note: Text(2000) = Field("", description="Nội dung nguyên nhân chậm trễ")


class ExtendIn(Schema):
    new_due: InputDate
    reason: Text(2000, required=True)


class ConsultIn(Schema):
    units: list[BodyId] = Field(min_length=1, max_length=MAX_UNITS)
    question: Text(10000, required=True)
    proposal: LONG_TEXT = Field("", description="Đề xuất, dự thảo được lấy ý kiến (thông báo coi như đồng ý trích dẫn)")
    # The regulation's own bounds (2–15 days today) are registry data the administrator may change, so
    # the schema says only what any regulation could allow; the action refuses the rest (409).
    reply_days: BodyInt(ge=1, le=365) | None = Field(None, description="Để trống: theo Quy chế làm việc")
    shares_original: bool = Field(False, description="Gửi kèm văn bản gốc cho các đơn vị được lấy ý kiến")
    override_reason: Text(1000) = OVERRIDE


class RequestAssignIn(Schema):
    holder: BodyId


class ConsultationSendBackIn(Schema):
    grounds: ConsultationSendBackGrounds
    reason: Text(2000, required=True)


class ReplyIn(Schema):
    position: ReplyPosition
    reasons: LONG_TEXT = ""


# When the heads still differ, each side's view travels with the submission (clause 2.3): said in the
# schema as well as checked, so that the document does not call valid what is refused.
EACH_SIDES_VIEW = {
    "if": {"properties": {"outcome": {"const": MeetingOutcome.STILL_DIFFER.value}}, "required": ["outcome"]},
    "then": {"properties": {"lead_view": {"pattern": NONBLANK_TEXT_PATTERN},
                            "other_view": {"pattern": NONBLANK_TEXT_PATTERN}},
             "required": ["lead_view", "other_view"]},
}


class ReconciliationIn(Schema):
    model_config = ConfigDict(json_schema_extra=EACH_SIDES_VIEW)

    held_on: InputDate
    attendees: Text(2000, required=True)
    outcome: MeetingOutcome
    lead_view: LONG_TEXT = Field("", description="Bắt buộc khi còn khác nhau (still_differ)")
    other_view: LONG_TEXT = Field("", description="Bắt buộc khi còn khác nhau (still_differ)")

    @model_validator(mode="after")
    def each_sides_view_when_they_differ(self) -> "ReconciliationIn":
        if self.outcome == MeetingOutcome.STILL_DIFFER and not (self.lead_view.strip() and self.other_view.strip()):
            raise PydanticCustomError("views_required", "When the heads still differ, record each side's view")
        return self


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
    state: RequestState | None = None
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)
