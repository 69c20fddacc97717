"""Play the plans through the real actions, in the order the days and hours come.

Each move gets a moment within office hours of its working day, the clock is moved there
(`clock.travel_to`), and the action runs: the trail's timestamps are realistic and, across all
items, in the same order as the events' ids.

Between the moves the deemed-agreement sweep runs as the server's scheduler runs it, every minute:
at each consultation deadline (24:00 of the last day) the clock stops there and the sweep settles
what is still unanswered, so every deemed agreement, its notice and its event carry that moment."""

import random
from datetime import datetime
from itertools import groupby

from django.db.models import Min

from congvu.consult import sweep as consult_sweep
from congvu.consult.models import ConsultationRequest, RequestState
from congvu.lib import clock
from congvu.ops.demo import cases_notice
from congvu.ops.demo.moves import Numbers, Plan
from congvu.ops.demo.timeline import Timeline


def play(plans: list[Plan], timeline: Timeline, rng: random.Random, until: datetime) -> None:
    """Every move of every plan, then the sweeps owed up to `until` (the build's "now")."""
    numbers = Numbers()
    for moment, _, _, plan, move in _agenda(plans, timeline, rng):
        sweep_until(moment)
        with clock.travel_to(moment):
            move.op(plan, numbers)
    sweep_until(until)


def sweep_until(moment: datetime) -> None:
    """Run the deemed-agreement sweep at each consultation deadline that has passed by `moment`, and the
    heads' signing of the notices it drafts (`cases_notice`), in time order."""
    while True:
        deadline, signing = _next_deadline(), cases_notice.next_signing()
        if deadline is not None and deadline <= moment and (signing is None or deadline <= signing[0]):
            with clock.travel_to(deadline):
                consult_sweep.deem_overdue()
        elif signing is not None and signing[0] <= moment:
            cases_notice.sign(*signing)
        else:
            return


def _next_deadline() -> datetime | None:
    pending = ConsultationRequest.objects.filter(state=RequestState.PENDING)
    return pending.aggregate(first=Min("due_at"))["first"]


def _agenda(plans: list[Plan], timeline: Timeline, rng: random.Random) -> list[tuple]:
    """Every move of every plan with its moment, sorted by (moment, plan, position in the plan)."""
    agenda = []
    for plan in plans:
        for position, (move, moment) in enumerate(zip(plan.moves, _moments(plan, timeline, rng), strict=True)):
            agenda.append((moment, plan.no, position, plan, move))
    agenda.sort(key=lambda entry: entry[:3])
    return agenda


def _moments(plan: Plan, timeline: Timeline, rng: random.Random) -> list[datetime]:
    """Ordered moments for a plan's moves: the moves of one day share that day's office hours."""
    moments: list[datetime] = []
    for day, same_day in groupby(plan.moves, key=lambda move: move.day):
        if not 0 <= day <= timeline.end:
            raise AssertionError(f"Kế hoạch #{plan.no} ({plan.scenario}) có bước ngoài khoảng thời gian mẫu")
        moments += timeline.moments(day, len(list(same_day)), rng)
    return moments
