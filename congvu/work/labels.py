"""Display labels of the work area's choices, as translatable English msgids.

The models carry Vietnamese labels only (they are also the admin's); the web interface and the API
speak both languages, so each value is named here once — below both of them — and the Vietnamese
text lives in the project's .po file (congvu/locale)."""

from django.utils.translation import gettext_lazy as _

from congvu.org.models import Title
from congvu.work.models import Outcome, Priority, State, StepKind

STATES = {
    State.REGISTERED: _("Registered"),
    State.DIRECTED: _("Directed"),
    State.IN_PROGRESS: _("In progress"),
    State.CONSULTING: _("Consulting"),
    State.SUBMITTED: _("Submitted to the Province"),
    State.DECIDED_BY_PROVINCE: _("Decided by the Province"),
    State.COMPLETED: _("Completed"),
    State.RETURNED: _("Returned"),
    State.TRANSFERRED: _("Transferred to the competent unit"),
}

STEP_KINDS = {
    StepKind.PRESENT: _("Presented to the leader for direction"),
    StepKind.ASSIGN: _("Assignment"),
    StepKind.HANDLE: _("Handling"),
    StepKind.PROVINCE: _("Province's consideration"),
}

OUTCOMES = {
    Outcome.DONE: _("Done"),
    Outcome.REFUSED: _("Refused by a rule"),
    Outcome.OVERRIDE: _("Refusal overridden by the head"),
}

PRIORITIES = {
    Priority.NORMAL: _("Normal"),
    Priority.URGENT: _("Urgent"),
    Priority.EXPRESS: _("Very urgent"),
    Priority.FLASH: _("Flash"),
}

TITLES = {
    Title.HEAD: _("Head"),
    Title.DEPUTY: _("Deputy head"),
    Title.OFFICER: _("Officer"),
    Title.CLERK: _("Clerk"),
}

# Event kinds are plain strings written by the actions (and, later, by other areas such as
# consultations); an unknown kind is shown as it is stored rather than hidden.
EVENT_KINDS = {
    "register": _("Registered the incoming document"),
    "direct": _("Direction"),
    "assign": _("Assignment"),
    "transfer": _("Transfer to the competent unit"),
    "return": _("Return of the document"),
    "submit": _("Submission to the Province"),
    "province_decision": _("Province's decision recorded"),
    "complete": _("Completed"),
    "extend": _("Deadline extended"),
    "refused": _("Action refused"),
    "override": _("Refusal overridden"),
    "consult": _("Opinions asked of related units"),
    "consult_assign": _("Consultation request assigned"),
    "consult_reply": _("Reply to the consultation"),
    "deemed_agreement": _("Deemed agreement: no reply by the deadline"),
    "reconcile": _("Heads' meeting on a disagreement"),
}

RETURN_GROUNDS = {
    "not_ours": _("Not within our unit's competence"),
    "requester_own": _("Within the requesting unit's own competence"),
}


def label(table: dict, value: str) -> str:
    return str(table.get(value, value))
