"""Commendation (clause 1.8): propose → approve → decide, each an action (`congvu.work.actions.action`:
one transaction) with its event in the record trail.

Home Affairs, or a unit's head for their own unit, proposes a unit or an official for a period, with
the evidence (`congvu.oversight.commendation_candidates`); Home Affairs approves or refuses; the
authority of the form decides: the unit head (Giấy khen, Lao động tiên tiến ...) or the Province
Chairman (Bằng khen, Tập thể lao động xuất sắc), numbered in its outgoing register on a working day."""

from datetime import date

from congvu.consult.models import OutgoingRegister
from congvu.lib.clock import today
from congvu.lib.refusals import InvalidInput, InvalidState
from congvu.org.models import Official, Unit, UnitKind
from congvu.oversight.access import keeps_reviews, led_unit_ids
from congvu.oversight.commendation_forms import AWARD_FORMS, SOURCE, Authority, AwardForm
from congvu.oversight.decision_wording import commendation_content
from congvu.oversight.models_commendation import Commendation, CommendationState
from congvu.oversight.record import record_event
from congvu.registry.queries import current_calendar
from congvu.registry.serving import is_leader, serves_in
from congvu.work.access import deny
from congvu.work.actions import action, take_numbers


def _lock(found: Commendation | int) -> Commendation:
    pk = found.pk if isinstance(found, Commendation) else found
    if not Commendation.objects.select_for_update().filter(pk=pk).exists():
        raise InvalidInput("Không có đề nghị khen thưởng này.", "There is no such commendation.")
    return Commendation.objects.select_related("unit", "official").get(pk=pk)


def _require_state(found: Commendation, state: str) -> None:
    if found.state != state:
        raise InvalidState(f"Đề nghị khen thưởng đang ở bước “{found.get_state_display()}”; không thực hiện được.",
                           f"The commendation is “{found.state}”; this cannot be done now.")


def award_form(found: Commendation) -> AwardForm:
    return AWARD_FORMS[found.form]


def deciding_unit(found: Commendation) -> Unit:
    """The Province committee for the Chairman's forms; for the unit head's, the official's own unit, or
    for a collective the unit directly above it."""
    form = award_form(found)
    if form.authority == Authority.UNIT_HEAD:
        if not form.collective:
            return found.unit
        if found.unit.parent_id is not None:
            return found.unit.parent
    committee = Unit.objects.filter(kind=UnitKind.PROVINCE_COMMITTEE, valid_to__isnull=True).first()
    if committee is None:
        raise InvalidState("Chưa khai báo UBND tỉnh.", "No Province committee is registered.")
    return committee


@action
def propose_commendation(*, actor: Official, unit: Unit, official: Official | None, form: str, period_start: date,
                         period_end: date, reason: str, evidence: list[dict] | None = None) -> Commendation:
    if not (keeps_reviews(actor) or unit.pk in led_unit_ids(actor)):
        raise deny("đề nghị khen thưởng cho đơn vị này", "propose a commendation for this unit")
    chosen = AWARD_FORMS.get(form)
    if chosen is None or chosen.collective != (official is None):
        raise InvalidInput("Hình thức khen thưởng không phù hợp (cá nhân hay tập thể).",
                           "That form does not fit (an individual or a collective).")
    if official is not None and (official.pk == actor.pk or not serves_in(official, unit, period_end)):
        raise InvalidInput("Người được đề nghị phải công tác tại đơn vị trong kỳ và không phải người đề nghị.",
                           "The official proposed must serve in the unit in the period and not be the proposer.")
    if period_end < period_start or period_end > today():
        raise InvalidInput("Kỳ xét khen thưởng không hợp lệ.", "The period is not valid.")
    if not reason.strip():
        raise InvalidInput("Cần ghi thành tích.", "The achievements are required.")
    found = Commendation.objects.create(
        period_start=period_start, period_end=period_end, unit=unit, official=official, form=form,
        evidence=evidence or [], reason=reason.strip(), proposed_by=actor, proposed_on=today())
    record_event(found, "commendation_proposed", actor=actor, unit=unit, data={
        "form": form, "official": official.pk if official else None, "period": [period_start.isoformat(),
                                                                               period_end.isoformat()]})
    return found


@action
def approve_commendation(found: Commendation | int, *, actor: Official, approve: bool, note: str = "") -> Commendation:
    found = _lock(found)
    if not keeps_reviews(actor):
        raise deny("xét duyệt đề nghị khen thưởng", "approve a commendation")
    _require_state(found, CommendationState.PROPOSED)
    if not approve and not note.strip():
        raise InvalidInput("Cần ghi lý do không duyệt.", "The reason for not approving is required.")
    found.state = CommendationState.APPROVED if approve else CommendationState.REFUSED
    found.approved_by, found.approved_on, found.note = actor, today(), note.strip()
    found.save(update_fields=["state", "approved_by", "approved_on", "note"])
    record_event(found, "commendation_approved" if approve else "commendation_refused", actor=actor, unit=found.unit,
                 data={"note": found.note})
    return found


@action
def decide_commendation(found: Commendation | int, *, actor: Official) -> Commendation:
    """The deciding authority's head or deputy signs the QUYẾT ĐỊNH khen thưởng."""
    found = _lock(found)
    unit = deciding_unit(found)
    if not is_leader(actor, unit, today()):
        raise deny("ký quyết định khen thưởng này", "sign this commendation decision")
    _require_state(found, CommendationState.APPROVED)
    day = today()
    if not current_calendar().is_working_day(day):
        raise InvalidState(f"Hôm nay ({day:%d/%m/%Y}) không phải ngày làm việc; quyết định ký vào ngày làm việc.",
                           f"Today ({day:%d/%m/%Y}) is not a working day; decisions are signed on working days.")
    form = award_form(found)
    number = take_numbers(unit, day.year, OutgoingRegister.SERIES)
    recipient = f"ông/bà {found.official.full_name}, {found.unit.name}" if found.official else found.unit.name
    found.decision_content = commendation_content(
        unit=unit, number=number, day=day, signer=actor, form_name=form.name_vi, basis=SOURCE, recipient=recipient,
        achievements=found.reason, period=f"từ ngày {found.period_start:%d/%m/%Y} đến ngày {found.period_end:%d/%m/%Y}")
    found.deciding_unit, found.decision_number, found.decision_year = unit, number, day.year
    found.decided_on, found.decided_by, found.state = day, actor, CommendationState.DECIDED
    found.save(update_fields=["decision_content", "deciding_unit", "decision_number", "decision_year", "decided_on",
                              "decided_by", "state"])
    record_event(found, "commendation_decided", actor=actor, unit=unit, data={
        "form": found.form, "notation": found.decision_notation, "decided_on": day.isoformat()})
    return found
