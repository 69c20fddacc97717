"""The one thing an official is expected to do next on an item (issue 12: "Bước tiếp theo"), from the
item's state and what the viewer is to it. The item page puts that one form in front, open, and the
rest under "Thao tác khác".

`next_step` is a pure function of `Facts` (no database), so the table below reads like the working
regulation and is unit-tested as such; `facts_of` gathers the facts for a viewer."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from congvu.consult.available import Viewer
from congvu.registry.models import Authority
from congvu.work.models import State
from congvu.work.rules import Transition


class NextStep(models.TextChoices):
    """What comes next for the viewer; each names a form the item page offers."""

    REPLY = "reply", _("Reply to the consultation")
    DECIDE_EXTENSION = "decide_extension", _("Decide on the extension")
    SIGN_NOTICE = "sign_notice", _("Sign the deemed-agreement notice")
    DIRECT = "direct", _("Direct")
    ASSIGN = "assign", _("Assign")
    RECONCILE = "reconcile", _("Meet the differing heads")
    SUBMIT = "submit", _("Submit to the Province")
    DECIDE = "decide", _("Record the Province's decision")
    COMPLETE = "complete", _("Complete")


# The item's own transitions a next step stands for (its form is that transition's panel).
TRANSITION_OF: dict[NextStep, Transition] = {
    NextStep.DIRECT: Transition.DIRECT, NextStep.ASSIGN: Transition.ASSIGN, NextStep.SUBMIT: Transition.SUBMIT,
    NextStep.DECIDE: Transition.DECIDE, NextStep.COMPLETE: Transition.COMPLETE,
}


@dataclass(frozen=True)
class Facts:
    """What decides the next step: the item's state and what the viewer is to it."""

    state: str
    holds: bool = False
    leads_holder_unit: bool = False
    leads_lead_unit: bool = False
    records_province_decisions: bool = False
    province_decides: bool = False  # the matter type's authority is the Province's chairman (clause 1.4)
    owes_reply: bool = False  # the viewer may reply to a pending consultation request on the item
    may_decide_extension: bool = False
    may_sign_notice: bool = False
    unreconciled: bool = False  # a timely disagreement no heads' meeting took up yet (clause 2.3)


def next_step(facts: Facts) -> NextStep | None:
    """The step the viewer is expected to take, or None when nothing waits on them.

    What another unit or the level above waits for comes first (a reply runs against its own
    deadline and silence counts as agreement; an extension request holds the lead unit up; an
    unsigned notice holds the deemed agreement's record up); then the item's own course:
    registered → the holder unit's leader directs; directed → the lead unit's leader assigns;
    worked on → the holder completes it, or submits it when the Province decides, once the heads
    met on any disagreement; submitted → the Province office records the decision; decided → the
    holder completes it with the decision."""
    if facts.owes_reply:
        return NextStep.REPLY
    if facts.may_decide_extension:
        return NextStep.DECIDE_EXTENSION
    if facts.may_sign_notice:
        return NextStep.SIGN_NOTICE
    return _own_course(facts)


def _own_course(facts: Facts) -> NextStep | None:
    state = facts.state
    if state == State.REGISTERED:
        return NextStep.DIRECT if facts.leads_holder_unit else None
    if state == State.DIRECTED:
        return NextStep.ASSIGN if facts.leads_lead_unit else None
    if state == State.SUBMITTED:
        return NextStep.DECIDE if facts.records_province_decisions else None
    if state == State.DECIDED_BY_PROVINCE:
        return NextStep.COMPLETE if facts.holds or facts.leads_lead_unit else None
    if state == State.IN_PROGRESS:
        return _in_progress(facts)
    return None  # consulting: the replies are awaited; closed items have no next step


def _in_progress(facts: Facts) -> NextStep | None:
    if not facts.province_decides:
        return NextStep.COMPLETE if facts.holds else None
    if facts.unreconciled:
        return NextStep.RECONCILE if facts.leads_lead_unit else None
    return NextStep.SUBMIT if facts.holds else None


def facts_of(viewer: Viewer, *, owes_reply: bool = False, may_decide_extension: bool = False,
             may_sign_notice: bool = False, unreconciled: bool = False) -> Facts:
    """The viewer's facts; what the consultation and extension parts know is handed in by the page."""
    item = viewer.item
    return Facts(
        state=item.state, holds=viewer.holds, leads_holder_unit=viewer.leads_holder_unit,
        leads_lead_unit=viewer.leads_lead_unit, records_province_decisions=viewer.records_province_decisions,
        province_decides=item.matter_type.authority == Authority.PROVINCE_CHAIRMAN,
        owes_reply=owes_reply, may_decide_extension=may_decide_extension, may_sign_notice=may_sign_notice,
        unreconciled=unreconciled,
    )
