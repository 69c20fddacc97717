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


def last_day_to_reply(due_at: datetime):
    return local_date(due_at - ONE_MICROSECOND)


def event_data(request: ConsultationRequest, late_reply: bool = False) -> dict:
    return {"request": request.pk, "as_of": request.due_at.isoformat(), "notice": "draft", "late_reply": late_reply}
