"""The rules of 2230/UBND-NC that govern work items, as pure functions of facts.

Each check returns nothing or raises the clause's `RuleViolation`. No database, no clock: the
actions gather the facts (competence from the registry, dates from the calendar) and ask here."""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from congvu.lib.choices import in_language
from congvu.lib.refusals import Detail, InvalidState, Rule, RuleViolation
from congvu.registry.competence import Competence, UnitRef
from congvu.work.models import State

STEP_HOLDER = Rule(
    "R-1.3-STEP-HOLDER", "1.3",
    "Mỗi bước xử lý phải giao cho một cán bộ cụ thể đang công tác tại đơn vị giữ công việc{detail}",
    "Every step must be held by one named official serving in the unit that holds the work{detail}",
)
OWN_AUTHORITY_SUBMISSION = Rule(
    "R-1.4-OWN-AUTHORITY-SUBMISSION", "1.4",
    "Không trình UBND tỉnh, Chủ tịch UBND tỉnh những việc thuộc thẩm quyền của đơn vị mình "
    "hoặc đã được phân cấp, ủy quyền cho đơn vị mình",
    "Do not submit to the Provincial People's Committee a matter within the unit's own authority "
    "or delegated to it",
)
DEADLINE = Rule(
    "R-1.5-DEADLINE", "1.5",
    "Hạn xử lý {requested} không được vượt thời hạn pháp luật quy định ({legal})",
    "The deadline {requested} may not exceed the legal time limit ({legal})",
)
EXTENSION = Rule(
    "R-1.5-EXTENSION", "1.5",
    "Gia hạn phải do thủ trưởng hoặc cấp phó đơn vị chủ trì phê duyệt, có lý do và hạn mới sau hạn hiện tại{detail}",
    "An extension needs the approval of the lead unit's head or deputy, a reason and a later date{detail}",
)
EXTENSION_LIMIT = Rule(
    "R-1.5-EXTENSION-LIMIT", "1.5",
    "Gia hạn đến {requested} vượt quá thời hạn đơn vị được tự gia hạn ({limit}); phải đề nghị cấp trên phê duyệt",
    "An extension to {requested} goes past what the unit may grant itself ({limit}); "
    "it must be requested of the level above",
)
EXTENSION_DECISION = Rule(
    "R-1.5-EXTENSION-DECISION", "1.5",
    "Quyết định về đề nghị gia hạn phải nêu rõ lý do{detail}",
    "A decision on an extension request must state its reasons{detail}",
)
DELAY_CAUSE = Rule(
    "R-1.5-DELAY-CAUSE", "1.5",
    "Công việc đã quá hạn theo quy định ({legal}): phải nêu nguyên nhân chậm trễ (loại nguyên nhân và nội dung)",
    "The item is past its legal deadline ({legal}): the cause of the delay (a category and an explanation) "
    "is required",
)
OWN_COMPETENCE_TRANSFER = Rule(
    "R-2.1-OWN-COMPETENCE-TRANSFER", "2.1",
    "Không được chuyển công việc thuộc thẩm quyền của đơn vị mình sang đơn vị khác",
    "Work within the unit's own competence may not be transferred to another unit",
)
FOREIGN_COMPETENCE = Rule(
    "R-2.1-FOREIGN-COMPETENCE", "2.1",
    "{unit} không có thẩm quyền giải quyết việc này; không xử lý việc thuộc thẩm quyền của đơn vị khác{detail}",
    "{unit} is not competent for this matter; work within another unit's competence may not be handled{detail}",
)
RETURN_GROUNDS = Rule(
    "R-2.1-RETURN-GROUNDS", "2.1",
    "Chỉ trả lại văn bản khi việc không thuộc thẩm quyền của đơn vị (nêu rõ đơn vị có thẩm quyền) "
    "hoặc thuộc thẩm quyền của chính đơn vị đề nghị{detail}",
    "A document may be returned only when the matter is not the unit's (naming the competent unit) "
    "or is the requesting unit's own{detail}",
)
SENT_BACK = Rule(
    "R-1.4-SENT-BACK", "1.4",
    "Văn phòng UBND tỉnh trả lại tờ trình: phải nêu căn cứ (thuộc thẩm quyền của đơn vị, đã được phân cấp, "
    "ủy quyền, hoặc hồ sơ chưa đầy đủ) và ý kiến cụ thể{detail}",
    "The Province office sends a submission back only with grounds (the unit's own authority, delegated "
    "authority, or an incomplete dossier) and a specific explanation{detail}",
)


class SendBackGrounds(models.TextChoices):
    """Why the Province office sends a submission back to the unit (clause 1.4)."""

    OWN_AUTHORITY = "own_authority", _("Within the unit's own authority")
    DELEGATED_AUTHORITY = "delegated_authority", _("Within authority delegated to the unit")
    INCOMPLETE = "incomplete", _("The dossier is incomplete")


class ReturnGrounds(models.TextChoices):
    NOT_OURS = "not_ours", _("Not within our unit's competence")
    REQUESTER_OWN = "requester_own", _("Within the requesting unit's own competence")


class Transition(models.TextChoices):
    """What moves an item from one state to another; the values name the API's and the page's
    next steps (`congvu.consult.available`), the labels title the page's forms."""

    DIRECT = "direct", _("Direct")
    ASSIGN = "assign", _("Assign")
    TRANSFER = "transfer", _("Transfer to the competent unit")
    RETURN = "return", _("Return the document")
    SUBMIT = "submit", _("Submit to the Province")
    DECIDE = "decide", _("Record the Province's decision")
    SEND_BACK = "send_back", _("Send the submission back to the unit")
    COMPLETE = "complete", _("Complete")
    EXTEND = "extend", _("Extend the deadline")
    CONSULT = "consult", _("Ask related units for their opinion")
    # Back to work once the last consulted unit has answered or is deemed to agree (not a user action).
    CONSULTED = "consulted", _("Back to work after the consultation")


# The transition table: which transition may move an item out of which state, and where to
# (None: the state stays).
TRANSITIONS: dict[Transition, tuple[frozenset[State], State | None]] = {
    Transition.DIRECT: (frozenset({State.REGISTERED}), State.DIRECTED),
    Transition.ASSIGN: (frozenset({State.DIRECTED, State.IN_PROGRESS, State.DECIDED_BY_PROVINCE}), State.IN_PROGRESS),
    Transition.TRANSFER: (frozenset({State.REGISTERED, State.DIRECTED, State.IN_PROGRESS}), State.TRANSFERRED),
    Transition.RETURN: (frozenset({State.REGISTERED, State.DIRECTED, State.IN_PROGRESS}), State.RETURNED),
    Transition.SUBMIT: (frozenset({State.IN_PROGRESS}), State.SUBMITTED),
    Transition.DECIDE: (frozenset({State.SUBMITTED}), State.DECIDED_BY_PROVINCE),
    Transition.SEND_BACK: (frozenset({State.SUBMITTED}), State.IN_PROGRESS),
    Transition.COMPLETE: (frozenset({State.IN_PROGRESS, State.DECIDED_BY_PROVINCE}), State.COMPLETED),
    Transition.EXTEND: (frozenset({State.REGISTERED, State.DIRECTED, State.IN_PROGRESS, State.CONSULTING}), None),
    Transition.CONSULT: (frozenset({State.IN_PROGRESS, State.CONSULTING}), State.CONSULTING),
    Transition.CONSULTED: (frozenset({State.CONSULTING}), State.IN_PROGRESS),
}


def check_transition(transition: Transition, state: str) -> State | None:
    """The state after `transition`, or a refusal naming the current state (None: the state stays)."""
    allowed, target = TRANSITIONS[transition]
    if state not in allowed:
        label = State(state).label
        raise InvalidState(
            f"Không thể thực hiện thao tác này khi công việc ở trạng thái “{in_language('vi', label)}”.",
            f"This action is not possible while the item is “{in_language('en', label)}”.",
        )
    return target


def check_step_holder(holder_serves_in_unit: bool, holder_given: bool = True) -> None:
    if not holder_given:
        raise STEP_HOLDER.violation(Detail(": chưa chọn người xử lý", ": no holder was chosen"))
    if not holder_serves_in_unit:
        raise STEP_HOLDER.violation(Detail(
            ": người được giao không công tác tại đơn vị này", ": the official chosen does not serve in this unit"))


def check_deadline(requested: date, legal: date) -> None:
    if requested > legal:
        raise DEADLINE.violation(requested=f"{requested:%d/%m/%Y}", legal=f"{legal:%d/%m/%Y}")


def check_extension(*, approver_is_leader: bool, reason: str, new_due: date, current_due: date) -> None:
    if not approver_is_leader:
        raise EXTENSION.violation(Detail(
            ": người phê duyệt không phải lãnh đạo đơn vị chủ trì", ": the approver is not a leader of the lead unit"))
    if not reason.strip():
        raise EXTENSION.violation(Detail(": chưa nêu lý do", ": no reason was given"))
    if new_due <= current_due:
        raise EXTENSION.violation(Detail(
            f": hạn mới phải sau {current_due:%d/%m/%Y}", f": the new deadline must be after {current_due:%d/%m/%Y}"))


def self_extension_limit(legal_limit: date, limit_days: int, add_working_days) -> date:
    """The last day the lead unit may extend to on its own: `limit_days` working days past the
    matter type's legal limit (`add_working_days(day, n)` is the calendar's)."""
    return add_working_days(legal_limit, limit_days) if limit_days else legal_limit


def needs_approval_above(new_due: date, self_limit: date) -> bool:
    """An extension past the self-extension limit is requested of the level above (clause 1.5)."""
    return new_due > self_limit


def check_self_extension(new_due: date, self_limit: date) -> None:
    if needs_approval_above(new_due, self_limit):
        raise EXTENSION_LIMIT.violation(requested=f"{new_due:%d/%m/%Y}", limit=f"{self_limit:%d/%m/%Y}")


def check_extension_decision(reason: str) -> None:
    if not reason.strip():
        raise EXTENSION_DECISION.violation(Detail(": chưa nêu lý do", ": no reason was given"))


def check_delay_cause(*, past_legal_deadline: bool, legal_due: date, cause: str, note: str, causes) -> None:
    """Work completed past its legal deadline names the cause of the delay: a category of `causes` and a text."""
    if past_legal_deadline and (cause not in causes or not note.strip()):
        raise DELAY_CAUSE.violation(legal=f"{legal_due:%d/%m/%Y}")


def check_transfer(competence: Competence, holder: UnitRef, target: UnitRef, competent: UnitRef | None = None) -> None:
    if competence.covers(holder):
        raise OWN_COMPETENCE_TRANSFER.violation()
    if not competence.covers(target):
        raise foreign_competence(target, competent)


def check_may_resolve(competence: Competence, unit: UnitRef, competent: UnitRef | None = None) -> None:
    if not competence.covers(unit):
        raise foreign_competence(unit, competent)


def foreign_competence(unit: UnitRef, competent: UnitRef | None) -> RuleViolation:
    """The refusal names the unit the registry makes competent, when there is one to name, so the
    official can send the work there instead of being left with a dead end (clause 2.1)."""
    if competent is None:
        return FOREIGN_COMPETENCE.violation(unit=unit.name)
    refusal = FOREIGN_COMPETENCE.violation(
        Detail(f". Đơn vị có thẩm quyền theo danh mục: {competent.name}",
               f". The competent unit in the registry: {competent.name}"), unit=unit.name, competent=competent.name)
    refusal.competent_unit_id = competent.id
    return refusal


def check_return(
    competence: Competence, unit: UnitRef, grounds: str, *,
    named_unit: UnitRef | None, requester: UnitRef | None,
) -> None:
    if grounds == ReturnGrounds.NOT_OURS:
        if competence.covers(unit):
            raise RETURN_GROUNDS.violation(Detail(
                ": việc này thuộc thẩm quyền của chính đơn vị", ": the matter is within the unit's own competence"))
        if named_unit is None or not competence.covers(named_unit):
            raise RETURN_GROUNDS.violation(Detail(
                ": phải nêu đúng đơn vị có thẩm quyền theo danh mục",
                ": the unit named must be the one the registry makes competent"))
    elif grounds == ReturnGrounds.REQUESTER_OWN:
        if requester is None or not competence.covers(requester):
            raise RETURN_GROUNDS.violation(Detail(
                ": việc không thuộc thẩm quyền của đơn vị đề nghị",
                ": the matter is not within the requesting unit's competence"))
    else:
        raise RETURN_GROUNDS.violation(Detail(": chưa nêu căn cứ trả lại", ": no grounds for the return were given"))


def check_submission(competence: Competence) -> None:
    if competence.decides_locally:
        raise OWN_AUTHORITY_SUBMISSION.violation()


def check_send_back(grounds: str, explanation: str) -> None:
    """A send-back names one of the three grounds and says why: it counts against the unit."""
    if grounds not in SendBackGrounds.values:
        raise SENT_BACK.violation(Detail(": chưa chọn căn cứ trả lại", ": no grounds were chosen"))
    if not explanation.strip():
        raise SENT_BACK.violation(Detail(": chưa ghi ý kiến cụ thể", ": no explanation was given"))
