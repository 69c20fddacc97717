"""The consultation stories (clauses 2.2 and 2.3), planned like every other story in `scenarios`.

The officer holding an item asks the units its matter type names as related. Each consulted unit's
head answers or hands the request to one of his officers, and the request then ends one of four
ways: answered on time (agrees, agrees with amendments, disagrees — with reasons unless it plainly
agrees), answered after the deadline (kept, recorded late, counted as agreement), never answered
(the sweep deems it agreed at 24:00 of its last day, see `activity`), or still within its period
today. A timely disagreement on a matter for the Province sends the two heads to a meeting before
the submission; when they still differ, each side's view travels with it.

Nothing is written here: the plan only decides, drawing from the planner's seeded generator."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from congvu.consult.actions import REPLY_DAYS
from congvu.consult.models import MeetingOutcome, ReplyPosition
from congvu.ops.demo import consult_texts, moves, texts
from congvu.ops.demo.catalog import ALL_UNITS, MatterSpec, is_local
from congvu.ops.demo.moves import Op, Plan
from congvu.org.models import Official, Unit, UnitKind
from congvu.registry.models import MatterType
from congvu.registry.queries import parameter

if TYPE_CHECKING:  # the planner imports this module
    from congvu.ops.demo.scenarios import Flow, Planner

ON_TIME, LATE, SILENT, PENDING = "on_time", "late", "silent", "pending"
AGREE, AMEND, DISAGREE = ReplyPosition.AGREE, ReplyPosition.AGREE_WITH_AMENDMENTS, ReplyPosition.DISAGREE

# consult_due_soon: the last day is the next working day, so the reminder sweep has work today.
SCENARIOS = frozenset({"consult_answered", "consult_silent", "consult_late", "consult_pending", "consult_due_soon",
                       "consult_reconciled", "consult_still_differ", "consult_override"})
RECONCILING = frozenset({"consult_reconciled", "consult_still_differ"})
HEAD_WORDS = {spec.code: spec.head_word for spec in ALL_UNITS}


@dataclass(frozen=True)
class Fate:
    """How one consulted unit's request ends: `when` (ON_TIME, LATE, SILENT, PENDING), the position of
    its reply if it replies, and whether it first tries to reply without the reasons (refused)."""

    when: str
    position: str = ""
    vague_first: bool = False


class ConsultationFlows:
    def __init__(self, planner: "Planner") -> None:
        self.planner, self.rng, self.cast = planner, planner.rng, planner.cast
        self.default_days = parameter(REPLY_DAYS).value

    def flows(self) -> dict[str, Callable[[Plan, "Flow"], int]]:
        return {
            "consult_answered": self._answered, "consult_silent": self._silent, "consult_late": self._late,
            "consult_pending": self._pending, "consult_due_soon": self._due_soon,
            "consult_reconciled": self._reconciled, "consult_still_differ": self._still_differ,
            "consult_override": self._override,
        }

    # ---- which matter, which units ------------------------------------------------------------------

    def matter(self, scenario: str) -> tuple[MatterSpec, MatterType]:
        if scenario == "consult_override":
            return self.cast.matters[self.rng.choice(sorted(consult_texts.OVERRIDES))]
        pool = [(s, m) for s, m in self.cast.matters.values() if self._askable(s)]
        if scenario in RECONCILING:  # clause 2.3 is about what goes to the Province
            pool = [(s, m) for s, m in pool if not is_local(s)]
        return self.rng.choices(pool, [s.weight for s, _ in pool])[0]

    def _askable(self, spec: MatterSpec) -> list[str]:
        """The related units other than the one deciding (a commune decides its own; they are departments)."""
        home = None if spec.competent == UnitKind.COMMUNE else self.planner.home(spec).code
        return [code for code in spec.related if code != home]

    def _units(self, plan: Plan) -> list[Unit]:
        """One to three related units; the first is the one the story turns on."""
        codes = self._askable(self.planner.spec_of(plan))
        return [self.cast.units[c] for c in self.rng.sample(codes, self.rng.randint(1, min(3, len(codes))))]

    def _stray(self, plan: Plan, asked: list[Unit]) -> Unit:
        """A department with no function in the matter: asking it only delays the decision."""
        named = {*self.planner.spec_of(plan).related, plan.home.code, *(u.code for u in asked)}
        return self.rng.choice([u for u in self.cast.departments() if u.code not in named])

    def _agreeing(self) -> str:
        return self.rng.choice((AGREE, AGREE, AMEND))

    def _reply_days(self) -> int:
        """Mostly the regulation's default; longer for a file that needs study (at most 15)."""
        return min(15, self.rng.choice((self.default_days,) * 3 + (self.default_days + 2, 2 * self.default_days)))

    # ---- the stories ----------------------------------------------------------------------------------

    def _answered(self, plan: Plan, flow: "Flow") -> int:
        local = is_local(self.planner.spec_of(plan))
        units = self._units(plan)
        # A matter the unit decides may be decided over a disagreement; one for the Province needs the heads first.
        positions = (AGREE, AGREE, AMEND, DISAGREE) if local else (AGREE, AGREE, AMEND)
        fates = [Fate(ON_TIME, self.rng.choice(positions)) for _ in units]
        self._close(plan, flow, self._consult(plan, flow, units, fates))
        return self.planner.anywhere(flow)

    def _silent(self, plan: Plan, flow: "Flow") -> int:
        units = self._units(plan)
        fates = [Fate(SILENT)] + [self.rng.choice((Fate(ON_TIME, self._agreeing()), Fate(SILENT)))
                                  for _ in units[1:]]
        self._close(plan, flow, self._consult(plan, flow, units, fates))
        return self.planner.anywhere(flow)

    def _late(self, plan: Plan, flow: "Flow") -> int:
        units = self._units(plan)
        fates = [Fate(LATE, self.rng.choice((AGREE, AMEND, DISAGREE)))]
        fates += [Fate(ON_TIME, self._agreeing()) for _ in units[1:]]
        self._close(plan, flow, self._consult(plan, flow, units, fates))
        return self.planner.anywhere(flow)

    def _pending(self, plan: Plan, flow: "Flow") -> int:
        return self._waiting(plan, flow, soon=False)

    def _due_soon(self, plan: Plan, flow: "Flow") -> int:
        return self._waiting(plan, flow, soon=True)

    def _waiting(self, plan: Plan, flow: "Flow", *, soon: bool) -> int:
        """Asked recently: the first unit's last day is `ahead` working days after the last finished one."""
        units = self._units(plan)
        days = self._reply_days()
        ahead = 1 if soon else self.rng.randint(2, max(2, days - 1))
        fates = [Fate(PENDING)] + [self.rng.choice((Fate(ON_TIME, self._agreeing()), Fate(PENDING)))
                                   for _ in units[1:]]
        asked = self._consult(plan, flow, units, fates, days=days, within=days - ahead, settled=False)
        return self.planner.timeline.end + ahead - days - asked

    def _reconciled(self, plan: Plan, flow: "Flow") -> int:
        last = self._reconciling(plan, flow, MeetingOutcome.AGREED, decide=True)
        self.planner.complete(plan, flow, last + self.rng.randint(0, 3))
        return self.planner.anywhere(flow)

    def _still_differ(self, plan: Plan, flow: "Flow") -> int:
        self._reconciling(plan, flow, MeetingOutcome.STILL_DIFFER, decide=self.rng.random() < 0.5)
        return self.planner.ending(flow, 3)

    def _reconciling(self, plan: Plan, flow: "Flow", outcome: str, *, decide: bool) -> int:
        """A timely disagreement, the heads' meeting (clause 2.3), then the submission to the Province."""
        units = self._units(plan)
        fates = [Fate(ON_TIME, DISAGREE, vague_first="vague_reply" in plan.flags)]
        fates += [Fate(ON_TIME, self._agreeing()) for _ in units[1:]]
        day = self._consult(plan, flow, units, fates) + self.rng.choice((0, 1))
        if "submit_unreconciled" in plan.flags:
            flow.add(day, "trình khi còn ý kiến khác (bị từ chối)", moves.refused(
                "R-2.3-RECONCILE-FIRST", moves.submit(actor=plan.officer, summary=texts.submission(plan.matter))))
        met = day + self.rng.randint(1, 3)
        flow.add(met, "thủ trưởng làm việc trực tiếp", self._meeting(plan, units[0], outcome))
        return self.planner.submit(plan, flow, met + self.rng.choice((0, 1)), decide=decide)

    def _override(self, plan: Plan, flow: "Flow") -> int:
        """The head asks a unit the matter type does not name, giving his reason in writing."""
        case = consult_texts.OVERRIDES[plan.matter.code]
        units = [self.cast.units[case.unit]]
        fates = [Fate(ON_TIME, AMEND)]
        related = self._askable(self.planner.spec_of(plan))
        if related and self.rng.random() < 0.5:
            units.append(self.cast.units[self.rng.choice(related)])
            fates.append(Fate(ON_TIME, self._agreeing()))
        self._close(plan, flow, self._consult(plan, flow, units, fates, override=case))
        return self.planner.anywhere(flow)

    # ---- the common steps -----------------------------------------------------------------------------

    def _consult(self, plan: Plan, flow: "Flow", units: list[Unit], fates: list[Fate], *, days: int | None = None,
                 within: int | None = None, settled: bool = True,
                 override: consult_texts.OverrideCase | None = None) -> int:
        """Register, direct and assign; then ask `units` and play each one's fate, on-time replies within
        `within` working days of the asking day. Returns the day every request is settled (answered or
        deemed agreed) — or, with `settled=False`, the asking day."""
        asked = self.planner.prefix(plan, flow) + self.rng.choice((0, 1, 1, 2))
        days = days or self._reply_days()
        steps: list[tuple[int, str, Op]] = []
        self._ask(plan, steps, asked, units, days, override)
        ends = [self._answer(plan, steps, unit, fate, asked, days, within or days) for unit, fate in
                zip(units, fates, strict=True)]
        for step in sorted(steps, key=lambda s: s[0]):  # stable: a unit's hand-over stays before its reply
            flow.add(*step)
        return max(ends) if settled else asked

    def _ask(self, plan: Plan, steps: list, day: int, units: list[Unit], days: int,
             override: consult_texts.OverrideCase | None) -> None:
        question = override.question if override else self.rng.choice(consult_texts.questions(plan.matter.code))
        reply_days = None if days == self.default_days else days
        proposal = consult_texts.proposal(plan.matter.code)
        ordered = sorted(units, key=lambda u: u.code)
        if "unrelated_ask" in plan.flags:
            everyone = [*ordered, self._stray(plan, units)]
            steps.append((day, "xin ý kiến cả đơn vị không liên quan (bị từ chối)", moves.refused(
                "R-2.2-UNRELATED-CONSULTATION",
                moves.ask(actor=plan.officer, units=everyone, question=question, reply_days=reply_days))))
        if override:
            steps.append((day, "xin ý kiến đơn vị ngoài danh mục (Thủ trưởng quyết định)", moves.ask(
                actor=self.planner.staff(plan.home).head, units=ordered, question=question, reply_days=reply_days,
                override_reason=override.reason, proposal=proposal)))
        else:
            steps.append((day, "xin ý kiến", moves.ask(actor=plan.officer, units=ordered, question=question,
                                                       reply_days=reply_days, proposal=proposal)))

    def _answer(self, plan: Plan, steps: list, unit: Unit, fate: Fate, asked: int, days: int, within: int) -> int:
        """The consulted unit's side; returns the day its request is settled."""
        handed, replier = self._hand_over(steps, unit, asked)
        if fate.when == SILENT or fate.when == PENDING:
            return asked + days + 1  # the next working day: the sweep deemed it agreed at 24:00 of the last one
        day = (self.rng.randint(max(handed, asked + 1), asked + within) if fate.when == ON_TIME
               else asked + days + self.rng.randint(1, 3))
        reasons = consult_texts.reasons(plan.matter.code, unit.code, fate.position)
        if fate.vague_first:
            steps.append((day, "trả lời không nêu lý do (bị từ chối)", moves.refused(
                "R-2.2-CLEAR-POSITION", moves.reply(actor=replier, unit=unit, position=fate.position))))
        label = "trả lời xin ý kiến" + (" (quá hạn)" if fate.when == LATE else "")
        steps.append((day, label, moves.reply(actor=replier, unit=unit, position=fate.position, reasons=reasons)))
        return day

    def _hand_over(self, steps: list, unit: Unit, asked: int) -> tuple[int, Official]:
        """Mostly the head hands the request to one of his officers the same or the next day; otherwise
        he (or a deputy, for him) answers himself. Returns the hand-over day and who will answer."""
        staff = self.planner.staff(unit)
        if not staff.officers or self.rng.random() < 0.4:
            return asked, self.planner.leader(unit)
        officer, day = self.rng.choice(staff.officers), asked + self.rng.choice((0, 1))
        steps.append((day, "giao chuẩn bị ý kiến", moves.assign_request(actor=staff.head, unit=unit, holder=officer)))
        return day, officer

    def _meeting(self, plan: Plan, other: Unit, outcome: str) -> Op:
        lead_head, other_head = self.planner.staff(plan.home).head, self.planner.staff(other).head
        minutes = consult_texts.attendees(
            lead_head.full_name, consult_texts.head_post(HEAD_WORDS[plan.home.code], plan.home.name),
            other_head.full_name, consult_texts.head_post(HEAD_WORDS[other.code], other.name))
        views = {}
        if outcome == MeetingOutcome.STILL_DIFFER:
            views = {"lead_view": consult_texts.lead_view(plan.matter.code),
                     "other_view": consult_texts.reasons(plan.matter.code, other.code, DISAGREE)}
        return moves.reconcile(actor=lead_head, unit=other, attendees=minutes, outcome=outcome, **views)

    def _close(self, plan: Plan, flow: "Flow", settled: int) -> None:
        """Finish once every request is settled: the unit decides, or the Province does and the unit completes."""
        day = settled + self.rng.randint(0, 4)
        if is_local(self.planner.spec_of(plan)):
            self.planner.complete(plan, flow, day)
            return
        decided = self.planner.submit(plan, flow, day, decide=True)
        self.planner.complete(plan, flow, decided + self.rng.randint(0, 3))
