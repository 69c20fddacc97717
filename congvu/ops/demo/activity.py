"""Play the plans through the real actions, in the order the days and hours come.

Each move gets a moment within office hours of its working day, the clock is moved there
(`clock.travel_to`), and the action runs: the trail's timestamps are realistic and, across all
items, in the same order as the events' ids."""

import random
from datetime import datetime
from itertools import groupby

from congvu.lib import clock
from congvu.ops.demo.moves import Numbers, Plan
from congvu.ops.demo.timeline import Timeline


def play(plans: list[Plan], timeline: Timeline, rng: random.Random) -> None:
    numbers = Numbers()
    for moment, _, _, plan, move in _agenda(plans, timeline, rng):
        with clock.travel_to(moment):
            move.op(plan, numbers)


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

