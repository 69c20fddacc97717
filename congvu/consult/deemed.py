"""What deemed agreement leaves behind (clause 2.2), the same whether the sweep finds the request
silent at its deadline or a late reply arrives first: the asking unit's notice, drafted for its head
to sign, and the responsibility of the silent unit, its head and the official who held the request."""

from datetime import datetime, timedelta

from congvu.consult.models import ConsultationRequest, Notice, Responsibility
from congvu.lib.workdays import local_date
from congvu.registry.serving import head_of

ONE_MICROSECOND = timedelta(microseconds=1)


def draft_notice(request: ConsultationRequest, now: datetime) -> Notice:
    """Unnumbered and unworded: the number, the date and the wording are fixed when it is signed."""
    return Notice(request_id=request.pk, unit_id=request.consultation.asking_unit_id, drafted_at=now)


def responsibility(request: ConsultationRequest, now: datetime, head_id: int | None = None) -> Responsibility:
    """Names the silent unit, its head on the last day to reply, and the official holding the request.
    `request` may be any row with `pk`, `unit_id`, `holder_id` and `due_at` (the sweep reads rows);
    `head_id` when the caller already looked the head up (the sweep does it once per unit and day)."""
    if head_id is None:
        head = head_of(request.unit_id, last_day_to_reply(request.due_at))
        head_id = head.pk if head else None
    return Responsibility(request_id=request.pk, unit_id=request.unit_id, head_id=head_id,
                          holder_id=request.holder_id, recorded_at=now)


# `responsibility` as a row of values for these columns, for the sweep's batches (no instance per row).
RESPONSIBILITY_ROW = ("request_id", "unit_id", "head_id", "holder_id", "recorded_at")


def responsibility_row(request, now: datetime, head_id: int | None) -> tuple:
    return request.pk, request.unit_id, head_id, request.holder_id, now


def last_day_to_reply(due_at: datetime):
    return local_date(due_at - ONE_MICROSECOND)


def event_data(request: ConsultationRequest, late_reply: bool = False) -> dict:
    return {"request": request.pk, "as_of": request.due_at.isoformat(), "notice": "draft", "late_reply": late_reply}


def notification_text(silent_unit: str, asking_unit: str, item_title: str) -> str:
    """What the asking side and the silent side are told, read as a civil servant would write it: who
    did not reply, about what, and what follows from it."""
    return (f"Hết thời hạn trả lời, {silent_unit} không có ý kiến nên được coi là đồng ý với đề xuất "
            f"được lấy ý kiến về “{item_title}”; dự thảo thông báo chờ thủ trưởng {asking_unit} ký ban hành")[:500]


def told(request, item_holder_id: int | None, asking_head_id: int | None,
         silent_head_id: int | None) -> list[int]:
    """Who is told: the asking unit's head and the item's holder, the silent unit's head and the
    official who held the request (`request`: a ConsultationRequest, or the sweep's plain row of one)."""
    people = {asking_head_id, item_holder_id, silent_head_id, request.holder_id}
    return sorted(pk for pk in people if pk)
