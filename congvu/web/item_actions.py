"""The actions an official may take on an item from its page: one entry per action, naming its
URL slug, its form, who plausibly may take it, and how the form's data calls `congvu.work.actions`.

"Plausibly" because the page only hides buttons that could never work; the action itself is the
judge, and its refusal (with rule code and clause) is what the official sees."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from congvu.org.models import Official
from congvu.org.queries import leader_unit_ids_of, records_province_decisions
from congvu.registry.queries import competence_for
from congvu.web import forms as web_forms
from congvu.work import actions
from congvu.work.access import today
from congvu.work.models import WorkItem
from congvu.work.rules import TRANSITIONS


@dataclass
class Viewer:
    """What the page needs to know about the official looking at an item."""

    official: Official
    item: WorkItem

    @cached_property
    def leader_units(self) -> set[int]:
        return leader_unit_ids_of(self.official, today())

    @property
    def leads_holder_unit(self) -> bool:
        return self.item.holder_unit_id in self.leader_units

    @property
    def leads_lead_unit(self) -> bool:
        return self.item.lead_unit_id in self.leader_units

    @property
    def holds(self) -> bool:
        return self.item.holder_id == self.official.pk

    @property
    def records_province_decisions(self) -> bool:
        return records_province_decisions(self.official, today())

    @property
    def may_override(self) -> bool:
        # The actions accept an override from a leader of the unit whose rule was broken: the
        # holder unit (direct, transfer, return) or the lead unit (submit, complete).
        return self.leads_holder_unit or self.leads_lead_unit


@dataclass(frozen=True)
class ItemAction:
    slug: str
    transition: str
    title: Promise
    button: Promise
    form_class: type[forms.Form]
    allowed: Callable[[Viewer], bool]
    perform: Callable[[WorkItem, Official, dict], WorkItem]
    overridable: bool = False
    danger: bool = False

    def available_to(self, viewer: Viewer) -> bool:
        return viewer.item.state in TRANSITIONS[self.transition][0] and self.allowed(viewer)

    def form(self, item: WorkItem, data: dict | None = None) -> forms.Form:
        # Several forms share field names (due_date, reason …) on one page: ids carry the action's slug.
        return self.form_class(data, item=item, initial=initial_for(self.slug, item), auto_id=f"{self.slug}-%s")


def initial_for(slug: str, item: WorkItem) -> dict:
    """Sensible defaults: the registry's competent unit as the lead unit or transfer target."""
    if slug not in ("chi-dao", "chuyen", "tra-lai"):
        return {}
    competence = competence_for(item.matter_type, today(), territory=item.registered_unit)
    competent = competence.unit_id or competence.territory_id
    if slug == "chi-dao":
        return {"lead_unit": competent or item.holder_unit_id}
    key = "to_unit" if slug == "chuyen" else "named_unit"
    return {key: competent} if competent and competent != item.holder_unit_id else {}


def _direct(item: WorkItem, actor: Official, data: dict) -> WorkItem:
    return actions.direct(item, actor=actor, lead_unit=data["lead_unit"], cooperating=data["cooperating"],
                          due_date=data["due_date"], note=data["note"], override_reason=data["override_reason"])


def _assign(item: WorkItem, actor: Official, data: dict) -> WorkItem:
    return actions.assign(item, actor=actor, holder=data["holder"], due_date=data["due_date"], note=data["note"])


def _transfer(item: WorkItem, actor: Official, data: dict) -> WorkItem:
    return actions.transfer(item, actor=actor, to_unit=data["to_unit"], reason=data["reason"],
                            override_reason=data["override_reason"])


def _return(item: WorkItem, actor: Official, data: dict) -> WorkItem:
    return actions.return_document(item, actor=actor, grounds=data["grounds"], named_unit=data["named_unit"],
                                   reason=data["reason"], override_reason=data["override_reason"])


def _submit(item: WorkItem, actor: Official, data: dict) -> WorkItem:
    return actions.submit_to_province(item, actor=actor, summary=data["summary"],
                                      override_reason=data["override_reason"])


def _decide(item: WorkItem, actor: Official, data: dict) -> WorkItem:
    return actions.record_province_decision(item, actor=actor, decision=data["decision"])


def _complete(item: WorkItem, actor: Official, data: dict) -> WorkItem:
    return actions.complete(item, actor=actor, result=data["result"], override_reason=data["override_reason"])


def _extend(item: WorkItem, actor: Official, data: dict) -> WorkItem:
    return actions.extend_deadline(item, actor=actor, new_due=data["new_due"], reason=data["reason"])


ITEM_ACTIONS = [
    ItemAction("chi-dao", "direct", _("Direct"), _("Send the direction"), web_forms.DirectForm,
               lambda v: v.leads_holder_unit, _direct, overridable=True),
    ItemAction("phan-cong", "assign", _("Assign"), _("Assign"), web_forms.AssignForm,
               lambda v: v.leads_lead_unit, _assign),
    ItemAction("hoan-thanh", "complete", _("Complete"), _("Complete the item"), web_forms.CompleteForm,
               lambda v: v.holds or v.leads_lead_unit, _complete, overridable=True),
    ItemAction("trinh-tinh", "submit", _("Submit to the Province"), _("Submit"), web_forms.SubmitForm,
               lambda v: v.holds or v.leads_lead_unit, _submit, overridable=True),
    ItemAction("quyet-dinh-tinh", "decide", _("Record the Province's decision"), _("Record the decision"),
               web_forms.DecisionForm, lambda v: v.records_province_decisions, _decide),
    ItemAction("gia-han", "extend", _("Extend the deadline"), _("Extend"), web_forms.ExtendForm,
               lambda v: v.leads_lead_unit, _extend),
    ItemAction("chuyen", "transfer", _("Transfer to the competent unit"), _("Transfer"), web_forms.TransferForm,
               lambda v: v.leads_holder_unit, _transfer, overridable=True, danger=True),
    ItemAction("tra-lai", "return", _("Return the document"), _("Return"), web_forms.ReturnForm,
               lambda v: v.leads_holder_unit, _return, overridable=True, danger=True),
]
BY_SLUG = {a.slug: a for a in ITEM_ACTIONS}


def available_actions(viewer: Viewer) -> list[ItemAction]:
    return [a for a in ITEM_ACTIONS if a.available_to(viewer)]
