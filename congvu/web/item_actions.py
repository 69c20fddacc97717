"""The actions an official may take on an item from its page: one entry per action, naming its
URL slug, its form, and how the form's data calls `congvu.work.actions` (or, for the submission,
`congvu.consult.actions`). Which of them the viewer is offered is asked of
`congvu.consult.available`, as the API asks it."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from congvu.consult import actions as consult
from congvu.consult import available
from congvu.consult.available import Viewer
from congvu.lib.clock import today
from congvu.org.models import Official
from congvu.registry.competence import UnitRef
from congvu.registry.competent_unit import competent_unit_for
from congvu.registry.queries import competence_for, unit
from congvu.web import forms as web_forms
from congvu.work import actions
from congvu.work.direct_assign import direct_and_assign
from congvu.work.models import WorkItem
from congvu.work.rules import Transition


@dataclass(frozen=True)
class ItemAction:
    slug: str
    transition: Transition
    button: Promise
    form_class: type[forms.Form]
    perform: Callable[[WorkItem, Official, dict], WorkItem]
    overridable: bool = False
    danger: bool = False

    @property
    def title(self) -> Promise:
        return self.transition.label

    def form(self, item: WorkItem, data: dict | None = None) -> forms.Form:
        # Several forms share field names (due_date, reason …) on one page: ids carry the action's slug.
        return self.form_class(data, item=item, initial=initial_for(self.slug, item), auto_id=f"{self.slug}-%s")


def initial_for(slug: str, item: WorkItem) -> dict:
    """Sensible defaults: the registry's competent unit as the lead unit or transfer target. The
    holder's own unit is pre-selected as lead only when the registry makes it competent: a director
    must not find his department pre-selected for a matter it may not resolve (clause 2.1)."""
    if slug not in ("chi-dao", "chuyen", "tra-lai"):
        return {}
    competent = competent_unit_for(item.matter_type, today(), item.registered_unit, item.requester_unit)
    competent_id = competent.id if competent else None
    if slug == "chi-dao":
        holder = unit(item.holder_unit_id)
        own = competence_for(item.matter_type, today(), territory=item.registered_unit).covers(
            UnitRef(holder.id, holder.kind, holder.name))
        return {"lead_unit": competent_id or (item.holder_unit_id if own else None)}
    key = "to_unit" if slug == "chuyen" else "named_unit"
    return {key: competent_id} if competent_id and competent_id != item.holder_unit_id else {}


def _direct(item: WorkItem, actor: Official, data: dict) -> WorkItem:
    given = {"lead_unit": data["lead_unit"], "cooperating": data["cooperating"], "due_date": data["due_date"],
             "note": data["note"], "override_reason": data["override_reason"]}
    if data.get("holder") is not None:  # the officer named: directed and assigned in one step (issue 12)
        return direct_and_assign(item, actor=actor, holder=data["holder"], **given)
    return actions.direct(item, actor=actor, **given)


def _assign(item: WorkItem, actor: Official, data: dict) -> WorkItem:
    return actions.assign(item, actor=actor, holder=data["holder"], due_date=data["due_date"], note=data["note"])


def _transfer(item: WorkItem, actor: Official, data: dict) -> WorkItem:
    return actions.transfer(item, actor=actor, to_unit=data["to_unit"], reason=data["reason"],
                            override_reason=data["override_reason"])


def _return(item: WorkItem, actor: Official, data: dict) -> WorkItem:
    return actions.return_document(item, actor=actor, grounds=data["grounds"], named_unit=data["named_unit"],
                                   reason=data["reason"], override_reason=data["override_reason"])


def _submit(item: WorkItem, actor: Official, data: dict) -> WorkItem:
    return consult.submit_to_province(item, actor=actor, summary=data["summary"],
                                      override_reason=data["override_reason"])


def _decide(item: WorkItem, actor: Official, data: dict) -> WorkItem:
    return actions.record_province_decision(item, actor=actor, decision=data["decision"])


def _send_back(item: WorkItem, actor: Official, data: dict) -> WorkItem:
    return actions.send_back_submission(item, actor=actor, grounds=data["grounds"], explanation=data["explanation"])


def _complete(item: WorkItem, actor: Official, data: dict) -> WorkItem:
    return actions.complete(item, actor=actor, result=data["result"], override_reason=data["override_reason"],
                            delay_cause=data.get("delay_cause", ""), delay_note=data.get("delay_note", ""))


def _extend(item: WorkItem, actor: Official, data: dict) -> WorkItem:
    return actions.extend_deadline(item, actor=actor, new_due=data["new_due"], reason=data["reason"])


# Each form is titled by its transition's label (`Transition.label`), so the page and the trail name it alike.
ITEM_ACTIONS = [
    ItemAction("chi-dao", Transition.DIRECT, _("Send the direction"), web_forms.DirectForm, _direct, overridable=True),
    ItemAction("phan-cong", Transition.ASSIGN, _("Assign"), web_forms.AssignForm, _assign),
    ItemAction("hoan-thanh", Transition.COMPLETE, _("Complete the item"), web_forms.CompleteForm, _complete,
               overridable=True),
    ItemAction("trinh-tinh", Transition.SUBMIT, _("Submit"), web_forms.SubmitForm, _submit, overridable=True),
    ItemAction("quyet-dinh-tinh", Transition.DECIDE, _("Record the decision"), web_forms.DecisionForm, _decide),
    ItemAction("tra-lai-to-trinh", Transition.SEND_BACK, _("Send back to the unit"), web_forms.SendBackForm,
               _send_back, danger=True),
    ItemAction("gia-han", Transition.EXTEND, _("Extend"), web_forms.ExtendForm, _extend),
    ItemAction("chuyen", Transition.TRANSFER, _("Transfer"), web_forms.TransferForm, _transfer, overridable=True,
               danger=True),
    ItemAction("tra-lai", Transition.RETURN, _("Return"), web_forms.ReturnForm, _return, overridable=True,
               danger=True),
]
BY_SLUG = {a.slug: a for a in ITEM_ACTIONS}


def available_actions(viewer: Viewer) -> list[ItemAction]:
    """The item page's forms the viewer is offered, in page order."""
    offered = set(available.available_actions(viewer))
    return [a for a in ITEM_ACTIONS if a.transition in offered]
