"""`congvu simulate --items N`: a province's history over two years, through the real actions.

Every item follows one of the paths an administration really takes (decided on time, late, after a
consultation with one unit silent and deemed to agree, after an extension, a refused push of its own
work to another unit with or without the head's override, a document returned on legal grounds, work
left open at each stage), chosen by a seeded random draw, so the same N gives the same history.

Why the real actions and not bulk inserts: the history is what the oversight pages, the figures and
`audit verify` are measured on, so it must be what congvu itself would have written — the hash chain,
the steps, the numbers, the refusals, the notices. The cost is speed (a few hundred actions a second
on SQLite); `congvu listbench` is the bulk-insert path for measuring reads alone.

The steps of all items are run in time order from one queue (a heap keyed on the simulated moment),
so the clock only moves forward: registers, notices and seals are numbered in the order of their
dates, as in a real year."""

import heapq
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count

from congvu.consult import actions as consult
from congvu.consult import sweep as consult_sweep
from congvu.consult.models import ReplyPosition
from congvu.lib import clock
from congvu.lib.refusals import ActionRefused
from congvu.lib.workdays import TZ
from congvu.ops.province import SyntheticProvince, build_synthetic, related_units
from congvu.ops.replicate import replicate
from congvu.work import actions
from congvu.work.models import DelayCause, Event, Outcome, WorkItem
from congvu.work.rules import ReturnGrounds

# The history ends on Monday 02/03/2026 at 08:00 (two years by default); items start on working days.
END = datetime(2026, 3, 2, 8, 0, tzinfo=TZ)
UNITS, MATTER_TYPES, OFFICERS_PER_UNIT = 40, 20, 5
# Each path with its share of the items (per cent); the first matching the draw is taken.
PATHS = (("on_time", 38), ("late", 10), ("consulted", 12), ("extended", 6), ("refused_transfer", 6),
         ("overridden_transfer", 3), ("returned", 6), ("open", 19))
DELAY_CAUSES = DelayCause.values
Step = Iterator[float]  # a path yields the days to wait before its next action


@dataclass
class Cast:
    """Who acts on item n: its unit's clerk, head and one officer, and the two related units."""

    org: SyntheticProvince
    n: int
    rng: random.Random

    @property
    def u(self) -> int:
        return self.n % MATTER_TYPES

    @property
    def unit(self):
        return self.org.units[self.u]

    @property
    def head(self):
        return self.org.heads[self.u]

    @property
    def officer(self):
        return self.org.officers[self.u][self.n % OFFICERS_PER_UNIT]

    def register(self, unit_index: int | None = None) -> WorkItem:
        at = self.u if unit_index is None else unit_index
        return actions.register_incoming(
            actor=self.org.clerks[at], unit=self.org.units[at], matter_type=self.org.matter_types[self.u],
            sender=f"Công ty mô phỏng {self.n % 97:02d}", subject=f"Hồ sơ mô phỏng số {self.n}")

    def complete(self, item: WorkItem, result: str) -> None:
        """Complete, naming the cause of the delay when the legal deadline has passed (clause 1.5)."""
        item.refresh_from_db()
        late = clock.now() > item.legal_due_at
        actions.complete(item, actor=self.officer, result=result,
                         **({"delay_cause": self.rng.choice(DELAY_CAUSES), "delay_note": "Nhiều hồ sơ tồn đọng"}
                            if late else {}))

    def direct_assign(self, item: WorkItem) -> None:
        actions.direct(item, actor=self.head, lead_unit=self.unit)
        actions.assign(item, actor=self.head, holder=self.officer)


def attempt(call: Callable[[], object]) -> bool:
    """Run an action that the rules may refuse (a refusal is history too: the trail keeps it)."""
    try:
        call()
    except ActionRefused:
        return False
    return True


def on_time(c: Cast) -> Step:
    item = c.register()
    yield c.rng.uniform(0.1, 1.5)
    c.direct_assign(item)
    yield c.rng.uniform(1, 8)
    c.complete(item, "Đã giải quyết đúng hạn")


def late(c: Cast) -> Step:
    item = c.register()
    yield c.rng.uniform(0.5, 3)
    c.direct_assign(item)
    yield c.rng.uniform(30, 60)  # past every matter type's limit (10–24 working days)
    c.complete(item, "Đã giải quyết (quá hạn)")


def consulted(c: Cast) -> Step:
    item = c.register()
    yield c.rng.uniform(0.1, 1)
    c.direct_assign(item)
    yield c.rng.uniform(0.5, 2)
    answering, silent = related_units(c.u, UNITS)
    asked = consult.ask(item, actor=c.officer, units=[c.org.units[answering], c.org.units[silent]],
                        question="Đề nghị cho ý kiến về hồ sơ")
    yield c.rng.uniform(0.5, 4)
    request = asked.requests.get(unit=c.org.units[answering])
    position = ReplyPosition.AGREE if c.rng.random() < 0.8 else ReplyPosition.DISAGREE
    consult.reply(request, actor=c.org.heads[answering], position=position,
                  reasons="Không thống nhất chỉ tiêu sử dụng đất" if position == ReplyPosition.DISAGREE else "")
    yield 12 + c.rng.uniform(0.5, 3)  # past the silent unit's 5 working days: the daily sweep deemed it

    attempt(lambda: c.complete(item, "Đã giải quyết sau khi lấy ý kiến"))


def extended(c: Cast) -> Step:
    item = c.register()
    yield c.rng.uniform(0.1, 1)
    c.direct_assign(item)
    yield c.rng.uniform(3, 8)
    attempt(lambda: actions.extend_deadline(item, actor=c.officer, new_due=item.due_date + timedelta(days=7),
                                            reason="Cần thêm thời gian"))  # refused: only a leader extends
    item.refresh_from_db()
    actions.extend_deadline(item, actor=c.head, new_due=item.due_date + timedelta(days=10),
                            reason="Chờ bổ sung hồ sơ")
    yield c.rng.uniform(10, 20)
    c.complete(item, "Đã giải quyết sau gia hạn")


def refused_transfer(c: Cast, override: bool = False) -> Step:
    item = c.register()
    yield c.rng.uniform(0.1, 1)
    c.direct_assign(item)
    yield c.rng.uniform(0.5, 3)
    other = c.org.units[(c.u + 5) % UNITS]
    pushed = attempt(lambda: actions.transfer(
        item, actor=c.head, to_unit=other, reason="Đề nghị đơn vị khác giải quyết",
        override_reason="Đơn vị kia nắm rõ hồ sơ hơn" if override else ""))
    if pushed:
        return
    yield c.rng.uniform(1, 6)
    c.complete(item, "Đã giải quyết")


def overridden_transfer(c: Cast) -> Step:
    return refused_transfer(c, override=True)


def returned(c: Cast) -> Step:
    wrong = (c.u + 3) % UNITS  # registered at a unit not competent for the matter
    item = c.register(unit_index=wrong)
    yield c.rng.uniform(0.5, 3)
    actions.return_document(item, actor=c.org.heads[wrong], grounds=ReturnGrounds.NOT_OURS, named_unit=c.unit)


def open_work(c: Cast) -> Step:
    """Still open when the history ends: registered only, directed, or in progress (some consulting)."""
    item = c.register()
    stage = c.rng.random()
    if stage < 0.25:
        return
    yield c.rng.uniform(0.1, 2)
    if stage < 0.5:
        actions.direct(item, actor=c.head, lead_unit=c.unit)
        return
    c.direct_assign(item)
    if stage < 0.8:
        return
    yield c.rng.uniform(0.5, 2)
    consult.ask(item, actor=c.officer, units=[c.org.units[i] for i in related_units(c.u, UNITS)],
                question="Đề nghị cho ý kiến")


def daily_sweep() -> Step:
    """What the server's sweeper does, once a simulated day at 07:00: silence past the deadline is
    deemed agreement (the notice's file is left to `congvu sweep`, which renders them in batches)."""
    while True:
        consult_sweep.deem_overdue()
        yield 1


RUNNERS: dict[str, Callable[[Cast], Step]] = {
    "on_time": on_time, "late": late, "consulted": consulted, "extended": extended,
    "refused_transfer": refused_transfer, "overridden_transfer": overridden_transfer, "returned": returned,
    "open": open_work,
}


def draw_path(rng: random.Random) -> str:
    roll, total = rng.uniform(0, 100), 0
    for name, share in PATHS:
        total += share
        if roll < total:
            return name
    return PATHS[-1][0]


def working_morning(moment: datetime) -> datetime:
    """The next weekday at 08:00–16:00 from `moment` (actions happen in office hours)."""
    while moment.weekday() >= 5:
        moment = (moment + timedelta(days=1)).replace(hour=8, minute=0)
    if moment.hour < 8:
        moment = moment.replace(hour=8, minute=0)
    elif moment.hour >= 16:
        moment = (moment + timedelta(days=1)).replace(hour=8, minute=0)
        return working_morning(moment)
    return moment


@dataclass
class SimulationResult:
    items: int
    paths: dict[str, int] = field(default_factory=dict)
    states: dict[str, int] = field(default_factory=dict)
    events: int = 0
    refused: int = 0
    overridden: int = 0
    seconds: float = 0.0


def simulate(n: int, seed: int = 2230, progress: Callable[[int], None] | None = None,
             span_days: int = 730) -> SimulationResult:
    """N items begun evenly over the `span_days` before END (two years by default)."""
    # One Home Affairs inspector, who sees every unit: the figures and list pages are read as Home Affairs.
    org = build_synthetic(units=UNITS, officers_per_unit=OFFICERS_PER_UNIT, matter_types=MATTER_TYPES, inspectors=1)
    rng = random.Random(seed)
    result = SimulationResult(items=n)
    queue: list[tuple[datetime, int, Step]] = []
    for i in range(n):
        path = draw_path(rng)
        result.paths[path] = result.paths.get(path, 0) + 1
        begins = END - timedelta(days=span_days) + timedelta(days=span_days * i / n, minutes=rng.uniform(0, 300))
        heapq.heappush(queue, (working_morning(begins), i, RUNNERS[path](Cast(org, i, random.Random(seed * 7919 + i)))))
    heapq.heappush(queue, ((END - timedelta(days=span_days)).replace(hour=7), -1, daily_sweep()))
    finished, begun = 0, time.perf_counter()
    while queue:
        at, i, steps = heapq.heappop(queue)
        if at > END:  # the history ends here: what is still open stays open, as on a real day
            continue
        with clock.travel_to(at):
            try:
                wait = next(steps)
            except StopIteration:
                finished += 1
                if progress and finished % 1000 == 0:
                    progress(finished)
                continue
        then = at + timedelta(days=wait)
        heapq.heappush(queue, (then if i < 0 else working_morning(then), i, steps))
    result.seconds = round(time.perf_counter() - begun, 1)
    return counted(result)


def simulate_fast(n: int, seed: int = 2230, sample: int = 400, progress: Callable[[int], None] | None = None,
                  span_days: int = 730) -> SimulationResult:
    """N items: `sample` of them through the real actions, the rest copies of those in bulk
    (`congvu.ops.replicate`: new ids and register numbers, every chain linked again). N is rounded up
    to a whole number of copies of the sample."""
    begun = time.perf_counter()
    first = simulate(min(n, sample), seed, span_days=span_days)
    replicated = replicate(n, progress)
    result = SimulationResult(items=replicated.items, paths={p: k * replicated.copies for p, k in first.paths.items()})
    result.seconds = round(time.perf_counter() - begun, 1)
    return counted(result)


def counted(result: SimulationResult) -> SimulationResult:
    """What the history holds, read back from the database (not from the simulator's own tally)."""
    states = WorkItem.objects.values_list("state").annotate(n=Count("id"))
    result.states = {state: n for state, n in states}
    outcomes = dict(Event.objects.values_list("outcome").annotate(n=Count("id")))
    result.events = sum(outcomes.values())
    result.refused, result.overridden = outcomes.get(Outcome.REFUSED, 0), outcomes.get(Outcome.OVERRIDE, 0)
    return result
