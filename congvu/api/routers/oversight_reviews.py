"""Accountability reviews, discipline and commendation (clauses 1.7, 1.8): the same actions as the
pages /ky-luat/ and /khen-thuong/. A review or commendation the caller may not see answers 404, like
one that does not exist (Home Affairs and the Province's leadership see all; a unit's leaders their
unit's; an official their own)."""

from datetime import date

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status

from congvu.api import resolve
from congvu.api.errors import ACTION, AUTH, FILTERED, ONE_OBJECT, not_found
from congvu.api.fields import MAX_ID, BodyId, InputDate, Text
from congvu.api.routers.common import answers, caller, one_visible
from congvu.lib.refusals import AccessDenied, InvalidInput
from congvu.org.models import Official, Unit
from congvu.oversight import commendation, reviews
from congvu.oversight.commendation_candidates import Candidate, official_candidates, unit_candidates
from congvu.oversight.models_commendation import Commendation, CommendationState
from congvu.oversight.models_reviews import AccountabilityReview, ReviewState, ReviewSubject
from congvu.oversight.records_access import sees_every_unit, visible_commendations, visible_reviews

router = Router(tags=["Kiểm điểm, kỷ luật, khen thưởng"])
LIMIT = 500


class ReviewOut(Schema):
    id: int
    subject: ReviewSubject
    unit_id: int
    unit_name: str
    official_id: int | None
    official_name: str
    source_kind: str
    source_id: int
    evidence: list[dict]
    reason: str
    opened_on: date
    state: ReviewState
    state_label: str
    meeting_on: date | None
    meeting_place: str
    meeting_chair: str
    parties: str
    self_criticism: str
    conclusion: str
    violation_on: date | None
    proposed_form: str
    forms_offered: list[str] = Field(description="Hình thức kỷ luật đang áp dụng cho người này (mã)")
    legal_basis: str
    processing_due: date | None
    limitation_ends: date | None
    limitation: str = Field(description="ok, near (sắp hết thời hiệu), expired, hoặc rỗng")
    decided_form: str
    decision_notation: str
    decided_on: date | None


class OpenIn(Schema):
    source: Text(32, required=True) = Field(description="deemed_agreement, overdue_item, kept_override, item …")
    source_id: BodyId
    subject: ReviewSubject
    reason: Text(2000) = ""


class MeetingIn(Schema):
    meeting_on: InputDate
    meeting_place: Text(200, required=True)
    meeting_chair: Text(200, required=True)
    parties: Text(2000, required=True)
    self_criticism: Text(5000, required=True)


class ConclusionIn(Schema):
    conclusion: Text(5000, required=True)
    proposed_form: Text(24) = ""
    violation_on: InputDate | None = None


class DisciplineDecisionIn(Schema):
    form: Text(24, required=True)


def review_row(review: AccountabilityReview) -> dict:
    facts = reviews.discipline_facts(review)
    return {
        **{name: getattr(review, name) for name in (
            "id", "subject", "unit_id", "official_id", "source_kind", "source_id", "evidence", "reason", "opened_on",
            "state", "meeting_on", "meeting_place", "meeting_chair", "parties", "self_criticism", "conclusion",
            "violation_on", "proposed_form", "decided_form", "decision_notation", "decided_on")},
        "unit_name": review.unit.name, "official_name": review.official.full_name if review.official else "",
        "state_label": str(review.get_state_display()),
        "forms_offered": [f.code for f in facts.forms] if facts else [],
        "legal_basis": facts.regime.source if facts else "",
        "processing_due": facts.processing_due if facts else None,
        "limitation_ends": facts.limitation_ends if facts else None,
        "limitation": str(facts.limitation or "") if facts else "",
    }


def seen_review(request: HttpRequest, pk: int) -> AccountabilityReview:
    return one_visible(visible_reviews(caller(request)), pk, "hồ sơ kiểm điểm", "review")


ReviewId = Path(..., ge=1, le=MAX_ID, description="Số hiệu hồ sơ kiểm điểm")


@router.get("/oversight/reviews", response=answers(list[ReviewOut], AUTH),
            summary="Hồ sơ kiểm điểm trách nhiệm tôi được xem (mới nhất trước)")
def list_reviews(request: HttpRequest):
    return [review_row(r) for r in visible_reviews(caller(request))[:LIMIT]]


@router.get("/oversight/reviews/{review_id}", response=answers(ReviewOut, ONE_OBJECT),
            summary="Một hồ sơ kiểm điểm: căn cứ, cuộc họp, kết luận, hình thức kỷ luật đang áp dụng, thời hạn")
def get_review(request: HttpRequest, review_id: int = ReviewId):
    return review_row(seen_review(request, review_id))


@router.post("/oversight/reviews", response=answers(ReviewOut, ACTION, 201),
             summary="Sở Nội vụ mở kiểm điểm trách nhiệm từ căn cứ (tập thể đơn vị hoặc cá nhân)")
def open_review(request: HttpRequest, payload: OpenIn):
    review = reviews.open_review(payload.source, payload.source_id, actor=caller(request), subject=payload.subject,
                                 reason=payload.reason)
    return Status(201, review_row(review))


@router.post("/oversight/reviews/{review_id}/meeting", response=answers(ReviewOut, ACTION),
             summary="Ghi cuộc họp kiểm điểm: ngày, địa điểm, chủ trì, thành phần, nội dung tự kiểm điểm")
def record_review_meeting(request: HttpRequest, payload: MeetingIn, review_id: int = ReviewId):
    review = reviews.record_meeting(seen_review(request, review_id), actor=caller(request), **payload.dict())
    return review_row(review)


@router.post("/oversight/reviews/{review_id}/conclusion", response=answers(ReviewOut, ACTION),
             summary="Kết luận kiểm điểm; với cá nhân có thể đề nghị hình thức kỷ luật đang áp dụng")
def conclude_review(request: HttpRequest, payload: ConclusionIn, review_id: int = ReviewId):
    review = reviews.conclude_review(seen_review(request, review_id), actor=caller(request), **payload.dict())
    return review_row(review)


@router.post("/oversight/reviews/{review_id}/decision", response=answers(ReviewOut, ACTION),
             summary="Ký Quyết định kỷ luật (đánh số trong sổ văn bản đi của đơn vị quyết định)")
def decide_discipline(request: HttpRequest, payload: DisciplineDecisionIn, review_id: int = ReviewId):
    review = reviews.decide_discipline(seen_review(request, review_id), actor=caller(request), form=payload.form)
    return review_row(review)


class CommendationOut(Schema):
    id: int
    period_start: date
    period_end: date
    unit_id: int
    unit_name: str
    official_id: int | None
    official_name: str
    form: str
    evidence: list[dict]
    reason: str
    state: CommendationState
    state_label: str
    note: str
    decision_notation: str
    decided_on: date | None


class CandidateOut(Schema):
    unit_id: int
    unit_name: str
    official_id: int | None
    official_name: str
    completed: int
    on_time: int
    on_time_percent: float
    hard_on_time: int
    evidence: list[dict]


class PeriodFilter(Schema):
    start: InputDate = Field(..., alias="from")
    end: InputDate = Field(..., alias="to")


class ProposeIn(Schema):
    unit: BodyId
    official: BodyId | None = None
    form: Text(40, required=True)
    period_start: InputDate
    period_end: InputDate
    reason: Text(5000, required=True)


class ApprovalIn(Schema):
    approve: bool
    note: Text(2000) = ""


def commendation_row(found: Commendation) -> dict:
    return {
        **{name: getattr(found, name) for name in (
            "id", "period_start", "period_end", "unit_id", "official_id", "form", "evidence", "reason", "state",
            "note", "decision_notation", "decided_on")},
        "unit_name": found.unit.name, "official_name": found.official.full_name if found.official else "",
        "state_label": str(found.get_state_display()),
    }


def candidate_row(c: Candidate) -> dict:
    return {**vars(c), "on_time_percent": c.on_time_percent}


def seen_commendation(request: HttpRequest, pk: int) -> Commendation:
    found = visible_commendations(caller(request)).filter(pk=pk).first()
    if found is None:
        raise not_found("đề nghị khen thưởng", "commendation", pk)
    return found


CommendationId = Path(..., ge=1, le=MAX_ID, description="Số hiệu đề nghị khen thưởng")


@router.get("/oversight/commendations", response=answers(list[CommendationOut], AUTH),
            summary="Đề nghị và quyết định khen thưởng tôi được xem")
def list_commendations(request: HttpRequest):
    return [commendation_row(c) for c in visible_commendations(caller(request))[:LIMIT]]


@router.get("/oversight/commendations/candidates", response=answers(list[CandidateOut], FILTERED | {409}),
            summary="Đơn vị, cá nhân đủ căn cứ đề nghị khen thưởng trong kỳ (Sở Nội vụ, lãnh đạo UBND tỉnh)")
def commendation_candidates(request: HttpRequest, period: Query[PeriodFilter]):
    if not sees_every_unit(caller(request)):
        raise AccessDenied("Chỉ Sở Nội vụ và lãnh đạo UBND tỉnh xem danh sách đề nghị của mọi đơn vị.",
                           "Only Home Affairs and the Province's leadership see every unit's candidates.")
    start, end = resolve.calendar_date(period.start, "from"), resolve.calendar_date(period.end, "to")
    if end < start:
        raise InvalidInput("Ngày kết thúc kỳ phải sau ngày bắt đầu.", "The period's end must not precede its start.")
    found = unit_candidates(start, end) + official_candidates(start, end)
    return [candidate_row(c) for c in found]


@router.get("/oversight/commendations/{commendation_id}", response=answers(CommendationOut, ONE_OBJECT),
            summary="Một đề nghị khen thưởng, với căn cứ")
def get_commendation(request: HttpRequest, commendation_id: int = CommendationId):
    return commendation_row(seen_commendation(request, commendation_id))


@router.post("/oversight/commendations", response=answers(CommendationOut, ACTION, 201),
             summary="Đề nghị khen thưởng (Sở Nội vụ; thủ trưởng cho đơn vị mình)")
def propose_commendation(request: HttpRequest, payload: ProposeIn):
    unit = Unit.objects.filter(pk=payload.unit).first()
    official = Official.objects.filter(pk=payload.official).first() if payload.official else None
    if unit is None or (payload.official and official is None):
        raise not_found("đơn vị hoặc cán bộ", "unit or official", payload.official or payload.unit)
    found = commendation.propose_commendation(
        actor=caller(request), unit=unit, official=official, form=payload.form, period_start=payload.period_start,
        period_end=payload.period_end, reason=payload.reason)
    return Status(201, commendation_row(found))


@router.post("/oversight/commendations/{commendation_id}/approval", response=answers(CommendationOut, ACTION),
             summary="Sở Nội vụ duyệt hoặc không duyệt đề nghị khen thưởng")
def approve_commendation(request: HttpRequest, payload: ApprovalIn, commendation_id: int = CommendationId):
    found = commendation.approve_commendation(seen_commendation(request, commendation_id), actor=caller(request),
                                              approve=payload.approve, note=payload.note)
    return commendation_row(found)


@router.post("/oversight/commendations/{commendation_id}/decision", response=answers(CommendationOut, ACTION),
             summary="Ký Quyết định khen thưởng (thủ trưởng đơn vị hoặc Chủ tịch UBND tỉnh, theo hình thức)")
def decide_commendation(request: HttpRequest, commendation_id: int = CommendationId):
    found = commendation.decide_commendation(seen_commendation(request, commendation_id), actor=caller(request))
    return commendation_row(found)

