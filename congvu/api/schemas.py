"""What the API returns. Codes (states, kinds, rule codes) are stable for machines; labels are in
the reader's language; moments are in Viet Nam time (+07:00), dates ISO."""

import dataclasses
from datetime import date
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import create_model

from congvu.api.fields import LocalDateTime
from congvu.oversight.queries import UnitFigures
from congvu.registry.snapshot import MatterTypeFact, UnitFact


def fields_of(source: type, descriptions: dict[str, str], without: tuple[str, ...] = ()) -> dict[str, Any]:
    """A dataclass's fields as a schema's, in its order and all required: the API answers with the very
    fields the registry or the figures hold, written once (the descriptions are the API's own)."""
    return {f.name: (f.type, Field(..., description=descriptions[f.name]) if f.name in descriptions else ...)
            for f in dataclasses.fields(source) if f.name not in without}


# The units active today (GET /units): their validity and successor are the registry's history, not listed.
UnitOut = create_model("UnitOut", __base__=Schema,
                       **fields_of(UnitFact, {}, without=("valid_from", "valid_to", "successor_id")))


class PositionOut(Schema):
    unit_id: int
    unit_name: str
    title: str
    title_label: str
    is_leader: bool


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    role: str
    role_label: str
    sees_everything: bool
    sees_figures: bool
    may_register: bool
    positions: list[PositionOut]
    unit_ids: list[int]
    leader_unit_ids: list[int]


class OfficialOut(Schema):
    id: int
    full_name: str
    titles: list[str]


MatterTypeFields = create_model("MatterTypeFields", __base__=Schema, **fields_of(MatterTypeFact, {
    "extension_limit_days": "Số ngày làm việc đơn vị chủ trì được tự gia hạn (Mục 1.5)",
    "extension_approver": "Cấp phê duyệt gia hạn vượt mức đó",
}))


class MatterTypeOut(MatterTypeFields):
    related_unit_ids: list[int]


class ItemOut(Schema):
    id: int
    title: str
    state: str
    state_label: str
    origin: str
    matter_type_id: int
    matter_type_name: str
    registered_unit_id: int
    lead_unit_id: int
    lead_unit_name: str
    holder_unit_id: int
    holder_id: int
    holder_name: str
    due_date: date
    due_at: LocalDateTime
    legal_due_date: date = Field(description="Hạn theo quy định: không thay đổi khi gia hạn (Mục 1.5)")
    legal_due_at: LocalDateTime
    created_at: LocalDateTime
    completed_at: LocalDateTime | None
    incoming_number: int | None
    overdue: bool


class ItemPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ItemOut]


class IncomingOut(Schema):
    id: int
    unit_id: int
    year: int
    incoming_number: int
    sender: str
    notation: str
    issued_on: date | None
    doc_type: str
    subject: str
    received_on: date
    reply_due: date | None
    priority: str


class StepOut(Schema):
    kind: str
    kind_label: str
    holder_unit_id: int
    holder_unit_name: str
    holder_id: int
    holder_name: str
    started_at: LocalDateTime
    due_at: LocalDateTime
    ended_at: LocalDateTime | None
    delay_days: int


class EventOut(Schema):
    seq: int
    kind: str
    outcome: str
    rule_code: str
    clause: str
    message: str
    reason: str
    actor_id: int | None
    actor_name: str
    unit_id: int | None
    unit_name: str
    at: LocalDateTime
    data: dict[str, Any]
    hash: str


class RequestOut(Schema):
    id: int
    consultation_id: int
    item_id: int
    item_title: str
    asking_unit_id: int
    asking_unit_name: str
    question: str
    unit_id: int
    unit_name: str
    holder_id: int
    holder_name: str
    state: str
    due_at: LocalDateTime
    position: str
    reasons: str
    replied_at: LocalDateTime | None
    late: bool
    deemed_at: LocalDateTime | None
    notice: str | None
    notice_draft: bool
    send_back_grounds: str
    send_back_reason: str


class RequestPage(Schema):
    count: int
    limit: int
    offset: int
    requests: list[RequestOut]


class ConsultationOut(Schema):
    id: int
    item_id: int
    asking_unit_id: int
    asked_by_id: int
    question: str
    proposal: str
    letter_notation: str
    reply_days: int
    asked_at: LocalDateTime
    due_date: date
    due_at: LocalDateTime
    requests: list[RequestOut]


class ReconciliationOut(Schema):
    id: int
    request_id: int
    item_id: int
    held_on: date
    attendees: str
    outcome: str
    lead_view: str
    other_view: str
    recorded_at: LocalDateTime


class NextStepOut(Schema):
    code: str = Field(description="Bước tiếp theo của người xem (congvu.consult.next_step.NextStep)")
    label: str = Field(description="Tên bước, theo ngôn ngữ của người đọc")
    label_vi: str
    label_en: str


class ItemDetail(ItemOut):
    view: Literal["whole", "consulted"] = Field(
        description="whole: the caller's unit holds the work; consulted: the caller's unit is only consulted "
                    "and sees the summary and its own requests")
    requester_unit_id: int | None
    cooperating_unit_ids: list[int]
    result: str
    remaining_differences: str
    transferred_from_id: int | None
    transferred_to_id: int | None
    incoming: IncomingOut | None
    actions: list[str]
    next_step: NextStepOut | None = Field(
        description="Bước tiếp theo người xem được mong đợi làm (như ô \"Bước tiếp theo\" của trang công việc); "
                    "null khi không có việc gì chờ người xem")
    steps: list[StepOut]
    events: list[EventOut]
    consultations: list[ConsultationOut]
    reconciliations: list[ReconciliationOut]


def inserted(fields: dict[str, Any], after: str, **more: Any) -> dict[str, Any]:
    """`fields` with `more` standing right after the field `after` (a schema's order is its document's)."""
    names = list(fields)
    cut = names.index(after) + 1
    return {**{n: fields[n] for n in names[:cut]}, **more, **{n: fields[n] for n in names[cut:]}}


# The Government Office's figures of one unit (oversight.queries.UnitFigures), with its overdue rate where
# the API has always put it. On time is against the legal deadline; completed after it but by the extended
# one is apart (issue 9).
FiguresOut = create_model("FiguresOut", __base__=Schema, **inserted(fields_of(UnitFigures, {
    "passed_on": "Việc đơn vị đã giữ rồi chuyển đi hoặc trả lại (Mục 2.1)",
    "days_held": "Số ngày làm việc đơn vị đã giữ các việc đó",
    "held_beyond_share": "Số việc giữ quá thời hạn chuyển, trả lại",
    "extensions_self": "Số lần đơn vị tự gia hạn (Mục 1.5)",
    "extensions_above": "Số lần gia hạn do cấp trên phê duyệt",
}), after="open_overdue", overdue_rate=(float, ...)))


class StepDelayOut(Schema):
    official_id: int | None
    official_name: str
    unit_id: int
    unit_name: str
    steps_late: int
    days_late: int = Field(description="Số ngày làm việc chậm so với hạn của các bước")


class StepDelaysOut(Schema):
    since: date
    until: date
    officials: list[StepDelayOut]
    units: list[StepDelayOut]


class DeadlineOut(Schema):
    event_date: date
    days: int
    due_date: date
    due_at: LocalDateTime
    calendar_version: str
    lines: list[str]
    lines_vi: list[str]
    lines_en: list[str]
    # Counted as working days though the holidays package calls them holidays: the official schedule of
    # their year does not list them and the administrator has not confirmed them.
    unconfirmed_holidays: list[date] = []
    # Years the count ran into whose official schedule is not published yet (the package's days used).
    unpublished_years: list[int] = []
