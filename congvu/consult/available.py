"""What an official may plausibly do next on an item they see whole: the item page's forms and the
API's `actions` list both ask here, so the two never offer different things.

"Plausibly" because only what could never work is left out; the action itself is the judge, and
its refusal (with rule code and clause) is what the official sees. It lives at the consultation
level, below the pages and the API, because asking units for their opinion (clause 2.2) is one of
the next steps besides work's own transitions."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from congvu.lib.clock import today
from congvu.org.models import Official
from congvu.registry.serving import leader_unit_ids_of, records_province_decisions
from congvu.work.models import WorkItem
from congvu.work.rules import TRANSITIONS, Transition


@dataclass
class Viewer:
    """The official looking at an item, and what they are to it."""

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
        # holder unit (direct, transfer, return) or the lead unit (submit, complete, consult).
        return self.leads_holder_unit or self.leads_lead_unit


# Who may take each of work's transitions, in the order the item page lists them.
WHO_MAY: tuple[tuple[Transition, Callable[[Viewer], bool]], ...] = (
    (Transition.DIRECT, lambda v: v.leads_holder_unit),
    (Transition.ASSIGN, lambda v: v.leads_lead_unit),
    (Transition.COMPLETE, lambda v: v.holds or v.leads_lead_unit),
    (Transition.SUBMIT, lambda v: v.holds or v.leads_lead_unit),
    (Transition.DECIDE, lambda v: v.records_province_decisions),
    (Transition.SEND_BACK, lambda v: v.records_province_decisions),
    (Transition.EXTEND, lambda v: v.leads_lead_unit),
    (Transition.TRANSFER, lambda v: v.leads_holder_unit),
    (Transition.RETURN, lambda v: v.leads_holder_unit),
)


def _in_state_for(transition: Transition, item: WorkItem) -> bool:
    return item.state in TRANSITIONS[transition][0]


def may_ask(viewer: Viewer) -> bool:
    """Asking for opinions could succeed: the holder or a lead-unit leader, while the item is worked on."""
    return _in_state_for(Transition.CONSULT, viewer.item) and (viewer.holds or viewer.leads_lead_unit)


def may_take(viewer: Viewer, transition: Transition) -> bool:
    """Whether the viewer is someone who may take `transition` at all, whatever the item's state: the
    pages ask it before reading a posted form, so a person who may not act is refused for who they are
    (403) before any of their input is judged (issue 7)."""
    if transition == Transition.CONSULT:
        return viewer.holds or viewer.leads_lead_unit
    return any(allowed(viewer) for name, allowed in WHO_MAY if name == transition)


def available_actions(viewer: Viewer) -> list[Transition]:
    """The transitions the viewer may plausibly take now, in page order, then `Transition.CONSULT`
    when they may ask for opinions."""
    names = [name for name, allowed in WHO_MAY if _in_state_for(name, viewer.item) and allowed(viewer)]
    return [*names, Transition.CONSULT] if may_ask(viewer) else names
