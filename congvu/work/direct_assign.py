"""Directing and assigning in one step (issue 12): a leader who directs work to a unit he also leads
may name the officer who will handle it at once, instead of directing, reopening the item and
assigning it.

One transaction over the two actions, so both events reach the item's trail or neither does; a
refusal of either (a deadline past the law's, an officer who does not serve in the lead unit) rolls
both back and is itself written to the trail by the outer `@action`, as any refused attempt is."""

from collections.abc import Iterable
from datetime import date

from congvu.lib.clock import today
from congvu.lib.refusals import InvalidInput
from congvu.org.models import Official, Unit
from congvu.registry.serving import is_leader
from congvu.work.actions import action, assign, direct
from congvu.work.models import WorkItem


@action
def direct_and_assign(
    item: WorkItem | int, *, actor: Official, lead_unit: Unit, holder: Official, cooperating: Iterable[Unit] = (),
    due_date: date | None = None, note: str = "", override_reason: str = "",
) -> WorkItem:
    """`direct`, then `assign` to `holder` (an officer of the lead unit) with the item's deadline.
    The actor must lead the lead unit too: assigning is its leader's (the action refuses otherwise)."""
    directed = direct(item, actor=actor, lead_unit=lead_unit, cooperating=cooperating, due_date=due_date,
                      note=note, override_reason=override_reason)
    if not is_leader(actor, lead_unit.pk, today()):
        # Said in the form rather than as a 403: directing alone was the actor's to do.
        raise InvalidInput(
            "Chỉ lãnh đạo đơn vị chủ trì mới phân công cán bộ: hãy để trống ô cán bộ xử lý để lãnh đạo đơn vị "
            "chủ trì phân công.",
            "Only the lead unit's leaders assign its officers: leave the officer empty and its head will assign it.")
    return assign(directed, actor=actor, holder=holder)
