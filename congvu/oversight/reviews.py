"""Accountability reviews and discipline (clause 1.7): every change one action (`congvu.work.actions.
action`: one transaction), keyword `actor`; access first, then the rules, then the change, then its
event in the review's record trail.

open_review → record_meeting → conclude_review (closed, or discipline proposed) → decide_discipline
(QUYẾT ĐỊNH kỷ luật numbered in the deciding unit's outgoing register, dated a working day)."""

from dataclasses import dataclass, replace
from datetime import date

from congvu.consult.models import OutgoingRegister
from congvu.lib.clock import today
from congvu.lib.refusals import InvalidInput, InvalidState
from congvu.org.models import Official, Title, Unit, UnitKind
from congvu.oversight import discipline
from congvu.oversight.access import keeps_reviews, led_unit_ids
from congvu.oversight.decision_wording import discipline_content
from congvu.oversight.models_reviews import AccountabilityReview, ReviewState, ReviewSubject
from congvu.oversight.record import record_event
from congvu.oversight.review_sources import source
from congvu.registry.queries import current_calendar
from congvu.registry.serving import is_leader, serves_in
from congvu.work.access import deny
from congvu.work.actions import action, take_numbers


def _lock(review: AccountabilityReview | int) -> AccountabilityReview:
    pk = review.pk if isinstance(review, AccountabilityReview) else review
    found = AccountabilityReview.objects.select_for_update().filter(pk=pk).first()
    if found is None:
        raise InvalidInput("Không có hồ sơ kiểm điểm này.", "There is no such review.")
    return AccountabilityReview.objects.select_related("unit", "official").get(pk=found.pk)


def _require_state(review: AccountabilityReview, *states: str) -> None:
    if review.state not in states:
        raise InvalidState(f"Hồ sơ kiểm điểm đang ở bước “{review.get_state_display()}”; không thực hiện được.",
                           f"The review is “{review.state}”; this cannot be done now.")


def _require_text(value: str, vi: str, en: str) -> str:
    if not value.strip():
        raise InvalidInput(f"Cần ghi {vi}.", f"The {en} is required.")
    return value.strip()


def may_conduct(official: Official, review: AccountabilityReview) -> bool:
    """Home Affairs, or a leader of the reviewed unit who is not the one reviewed."""
    if review.official_id == official.pk:
        return False
    return keeps_reviews(official) or review.unit_id in led_unit_ids(official)


def deciding_unit(review: AccountabilityReview) -> Unit:
    """Who disciplines: the official's own unit; the Province committee for a unit's head (appointed by
    the Province)."""
    if review.official is not None and serves_in(review.official, review.unit, today(), [Title.HEAD]):
        committee = Unit.objects.filter(kind=UnitKind.PROVINCE_COMMITTEE, valid_to__isnull=True).first()
        if committee is not None:
            return committee
    return review.unit


@dataclass(frozen=True)
class DisciplineFacts:
    """What a page shows beside a proposal: the regime and forms in force, the time limits."""

    regime: discipline.Regime
    forms: tuple[discipline.Form, ...]
    processing_due: date
    limitation_ends: date | None
    limitation: discipline.Limitation | None


def discipline_facts(review: AccountabilityReview, on: date | None = None) -> DisciplineFacts | None:
    if review.official is None:
        return None
    on = on or review.decided_on or today()
    official = review.official
    regime = discipline.regime_for(on, official.category)
    form = discipline.FORMS.get(review.decided_form or review.proposed_form)
    ends = discipline.limitation_ends(review.violation_on, form) if review.violation_on else None
    status = discipline.limitation_status(review.violation_on, form, on) if review.violation_on else None
    return DisciplineFacts(regime, discipline.forms_offered(on, official.category, official.holds_leadership_post),
                           discipline.processing_due(review.opened_on, regime, review.processing_extended),
                           ends, status)


@action
def open_review(kind: str, source_id: int, *, actor: Official, subject: str, reason: str,
                official: Official | None = None) -> AccountabilityReview:
    """Home Affairs opens a review from evidence, for the unit or the official the evidence names, or
    the `official` Home Affairs names among those serving in that unit (e.g. for a citizen's report)."""
    if not keeps_reviews(actor):
        raise deny("mở kiểm điểm trách nhiệm", "open an accountability review")
    if subject not in ReviewSubject.values:
        raise InvalidInput("Hãy chọn kiểm điểm tập thể đơn vị hay cá nhân.", "Choose a unit or an official.")
    found = source(kind, source_id)
    if official is not None:
        if not serves_in(official, found.unit, today()):
            raise InvalidInput("Người được kiểm điểm phải đang công tác tại đơn vị nêu trong căn cứ.",
                               "The official reviewed must serve in the unit the evidence names.")
        found = replace(found, official=official)
    if subject == ReviewSubject.OFFICIAL and found.official is None:
        raise InvalidInput("Căn cứ này không nêu cá nhân nào; hãy kiểm điểm tập thể đơn vị.",
                           "This evidence names no official; review the unit.")
    review = AccountabilityReview.objects.create(
        subject=subject, unit=found.unit, official=found.official if subject == ReviewSubject.OFFICIAL else None,
        source_kind=kind, source_id=source_id, evidence=found.evidence,
        reason=_require_text(reason or found.summary, "lý do kiểm điểm", "reason"),
        opened_by=actor, opened_on=today())
    record_event(review, "review_opened", actor=actor, unit=review.unit, data={
        "source": kind, "source_id": source_id, "subject": subject, "official": review.official_id,
        "reason": review.reason})
    return review


@action
def record_meeting(review: AccountabilityReview | int, *, actor: Official, meeting_on: date, meeting_place: str,
                   meeting_chair: str, parties: str, self_criticism: str) -> AccountabilityReview:
    review = _lock(review)
    if not may_conduct(actor, review):
        raise deny("ghi biên bản kiểm điểm này", "record this review's meeting")
    _require_state(review, ReviewState.OPEN, ReviewState.MEETING_HELD)
    if meeting_on > today() or meeting_on < review.opened_on:
        raise InvalidInput("Ngày họp phải từ ngày mở kiểm điểm đến hôm nay.",
                           "The meeting date must be between the opening and today.")
    review.meeting_on, review.state = meeting_on, ReviewState.MEETING_HELD
    review.meeting_place = _require_text(meeting_place, "địa điểm họp", "meeting place")
    review.meeting_chair = _require_text(meeting_chair, "người chủ trì", "chair")
    review.parties = _require_text(parties, "thành phần tham dự", "parties")
    review.self_criticism = _require_text(self_criticism, "nội dung tự kiểm điểm", "self-criticism")
    review.save(update_fields=["meeting_on", "state", "meeting_place", "meeting_chair", "parties", "self_criticism"])
    record_event(review, "review_meeting", actor=actor, unit=review.unit, data={
        "meeting_on": meeting_on.isoformat(), "place": review.meeting_place, "chair": review.meeting_chair,
        "parties": review.parties, "self_criticism": review.self_criticism})
    return review


@action
def conclude_review(review: AccountabilityReview | int, *, actor: Official, conclusion: str,
                    proposed_form: str = "", violation_on: date | None = None) -> AccountabilityReview:
    """The conclusion; for an official it may propose a form in force today for their category and post."""
    review = _lock(review)
    if not may_conduct(actor, review):
        raise deny("kết luận kiểm điểm này", "conclude this review")
    _require_state(review, ReviewState.MEETING_HELD)
    review.conclusion = _require_text(conclusion, "kết luận", "conclusion")
    if proposed_form:
        if review.official is None:
            raise InvalidInput("Kỷ luật chỉ áp dụng với cá nhân.", "Discipline applies to an individual only.")
        if violation_on is None or violation_on > today():
            raise InvalidInput("Cần ghi ngày xảy ra vi phạm (để tính thời hiệu).",
                               "The day of the violation is required (for the limitation period).")
        official = review.official
        form = discipline.check_form(proposed_form, today(), official.category, official.holds_leadership_post)
        discipline.check_limitation(violation_on, form, today())
    review.proposed_form, review.violation_on, review.concluded_on = proposed_form, violation_on, today()
    review.state = ReviewState.DISCIPLINE_PROPOSED if proposed_form else ReviewState.CLOSED
    review.save(update_fields=["conclusion", "proposed_form", "violation_on", "concluded_on", "state"])
    record_event(review, "review_concluded", actor=actor, unit=review.unit, data={
        "conclusion": review.conclusion, "proposed_form": proposed_form,
        "violation_on": violation_on.isoformat() if violation_on else None})
    return review


@action
def extend_processing(review: AccountabilityReview | int, *, actor: Official, reason: str) -> AccountabilityReview:
    """A complicated case: the processing time limit runs to its extended length (150 days)."""
    review = _lock(review)
    if not keeps_reviews(actor):
        raise deny("kéo dài thời hạn xử lý kỷ luật", "extend the processing time limit")
    _require_state(review, ReviewState.OPEN, ReviewState.MEETING_HELD, ReviewState.DISCIPLINE_PROPOSED)
    if review.processing_extended:
        raise InvalidState("Thời hạn xử lý đã được kéo dài.", "The time limit was already extended.")
    review.processing_extended = True
    review.save(update_fields=["processing_extended"])
    record_event(review, "review_extended", actor=actor, unit=review.unit,
                 data={"reason": _require_text(reason, "lý do kéo dài", "reason")})
    return review


@action
def decide_discipline(review: AccountabilityReview | int, *, actor: Official, form: str) -> AccountabilityReview:
    """The deciding unit's head or deputy signs the QUYẾT ĐỊNH kỷ luật: a form in force today for the
    official, within the limitation period, numbered in the unit's outgoing register, on a working day."""
    review = _lock(review)
    unit = deciding_unit(review)
    if review.official_id == actor.pk or not is_leader(actor, unit, today()):
        raise deny("ký quyết định kỷ luật này", "sign this discipline decision")
    _require_state(review, ReviewState.DISCIPLINE_PROPOSED)
    day, official = today(), review.official
    if not current_calendar().is_working_day(day):
        raise InvalidState(f"Hôm nay ({day:%d/%m/%Y}) không phải ngày làm việc; quyết định ký vào ngày làm việc.",
                           f"Today ({day:%d/%m/%Y}) is not a working day; decisions are signed on working days.")
    chosen = discipline.check_form(form, day, official.category, official.holds_leadership_post)
    discipline.check_limitation(review.violation_on, chosen, day)
    regime = discipline.regime_for(day, official.category)
    number = take_numbers(unit, day.year, OutgoingRegister.SERIES)
    review.decided_form, review.regime, review.deciding_unit = chosen.code, regime.key, unit
    review.decision_number, review.decision_year, review.decided_on, review.decided_by = number, day.year, day, actor
    review.decision_content = discipline_content(
        unit=unit, number=number, day=day, signer=actor, official=official, official_unit=review.unit,
        form_name=chosen.name_vi, basis=regime.source, conclusion=review.conclusion, review_id=review.pk)
    review.state = ReviewState.DECIDED
    review.save(update_fields=["decided_form", "regime", "deciding_unit", "decision_number", "decision_year",
                               "decided_on", "decided_by", "decision_content", "state"])
    record_event(review, "discipline_decided", actor=actor, unit=unit, data={
        "form": chosen.code, "regime": regime.key, "notation": review.decision_notation,
        "decided_on": day.isoformat()})
    return review
