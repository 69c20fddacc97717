"""The stories the demo tells, and on which working day each step happens.

Every incoming document gets one scenario (completed on time, overdue, returned, transferred,
consulted …) in fixed proportions, so every state of a work item shows up even in a small demo.
Some also get a refused attempt (a head trying to transfer his own work, an officer submitting her
own unit's matter to the Province, a unit asked for an opinion it has nothing to do with …): those
are the buck-passing signals the oversight pages are built for.

Planning only decides; nothing is written here. All choices come from one seeded
`random.Random`, drawn in a fixed order, so the same start date gives the same province."""

import random
from collections.abc import Callable
from dataclasses import dataclass

from congvu.ops.demo import catalog, consulting, moves, texts
from congvu.ops.demo.catalog import MatterSpec, is_local
from congvu.ops.demo.moves import Move, Op, Plan
from congvu.ops.demo.structure import Cast, Staff
from congvu.ops.demo.subjects import Writer
from congvu.ops.demo.timeline import Timeline
from congvu.org.models import Official, Unit, UnitKind
from congvu.registry.models import MatterType
from congvu.work.rules import ReturnGrounds

# (scenario, weight per hundred documents)
SCENARIOS: tuple[tuple[str, int], ...] = (
    ("completed_on_time", 15), ("completed_late", 6), ("extended_on_time", 4), ("extended_late", 3),
    ("province_completed", 6), ("province_submitted", 3), ("province_decided", 3), ("override_submission", 2),
    ("registered", 4), ("directed", 5), ("in_progress", 8), ("due_soon", 6), ("overdue", 6),
    ("returned_not_ours", 3), ("returned_requester_own", 2), ("transferred", 4), ("foreign_override", 1),
    # Consultations (clauses 2.2, 2.3: see `consulting`).
    ("consult_answered", 6), ("consult_silent", 4), ("consult_late", 2), ("consult_pending", 2),
    ("consult_due_soon", 2), ("consult_reconciled", 1), ("consult_still_differ", 1), ("consult_override", 1),
)
MINIMUM_ITEMS = len(SCENARIOS)
# Closed without the Province: only matters the unit decides itself (or was delegated) may end so.
LOCAL_ONLY = frozenset({"completed_on_time", "completed_late", "extended_on_time", "extended_late",
                        "override_submission", "transferred"})
PROVINCE_ONLY = frozenset({"province_completed", "province_submitted", "province_decided"})
MISDIRECTED = frozenset({"returned_not_ours", "returned_requester_own", "transferred"})
WORKED = frozenset({"completed_on_time", "completed_late", "extended_on_time", "extended_late", "in_progress",
                    "due_soon", "overdue"})
ASSIGNED = WORKED | PROVINCE_ONLY | {"override_submission"} | consulting.SCENARIOS
DIRECTED_AT_HOME = ASSIGNED | {"directed"}
EXTENDED = frozenset({"extended_on_time", "extended_late"})
RETURNED = frozenset({"returned_not_ours", "returned_requester_own"})
FOREIGN_MATTER, FOREIGN_DESK = "phep-xay-dung-kcn", "sxd"


@dataclass(frozen=True)
class Decoration:
    """A refused attempt added to some plans: the rule that refuses it and how many plans get one."""

    code: str
    share: float
    scenarios: frozenset[str]
    local_only: bool = False


DECORATIONS: dict[str, Decoration] = {
    "transfer_own": Decoration("R-2.1-OWN-COMPETENCE-TRANSFER", 0.05, DIRECTED_AT_HOME),
    "return_own": Decoration("R-2.1-RETURN-GROUNDS", 0.03, DIRECTED_AT_HOME),
    "deadline": Decoration("R-1.5-DEADLINE", 0.03, DIRECTED_AT_HOME),
    "holder": Decoration("R-1.3-STEP-HOLDER", 0.03, ASSIGNED),
    "submit_own": Decoration("R-1.4-OWN-AUTHORITY-SUBMISSION", 0.06, WORKED, local_only=True),
    "officer_extension": Decoration("R-1.5-EXTENSION", 0.5, EXTENDED),
    "return_no_grounds": Decoration("R-2.1-RETURN-GROUNDS", 0.4, RETURNED),
    "unrelated_ask": Decoration("R-2.2-UNRELATED-CONSULTATION", 0.15, consulting.SCENARIOS - {"consult_override"}),
    "vague_reply": Decoration("R-2.2-CLEAR-POSITION", 0.5, consulting.RECONCILING),
    "submit_unreconciled": Decoration("R-2.3-RECONCILE-FIRST", 0.5, consulting.RECONCILING),
}


def allocate(count: int) -> list[str]:
    """`count` scenario names in the fixed proportions, each at least once (largest remainder)."""
    if count < MINIMUM_ITEMS:
        raise ValueError(f"Cần ít nhất {MINIMUM_ITEMS} công việc để có đủ mọi tình huống.")
    total = sum(weight for _, weight in SCENARIOS)
    quotas = [count * weight / total for _, weight in SCENARIOS]
    counts = [max(1, int(q)) for q in quotas]
    by_remainder = sorted(range(len(quotas)), key=lambda i: int(quotas[i]) - quotas[i])
    step = 0
    while sum(counts) < count:
        counts[by_remainder[step % len(counts)]] += 1
        step += 1
    while sum(counts) > count:
        counts[counts.index(max(counts))] -= 1
    return [name for (name, _), n in zip(SCENARIOS, counts, strict=True) for _ in range(n)]


class Flow:
    """A plan's steps as (working-day offset from the registration day, label, action)."""

    def __init__(self) -> None:
        self.steps: list[tuple[int, str, Op]] = []

    def add(self, offset: int, label: str, op: Op) -> None:
        self.steps.append((offset, label, op))

    @property
    def span(self) -> int:
        return max(offset for offset, _, _ in self.steps)


class Planner:
    def __init__(self, cast: Cast, timeline: Timeline, rng: random.Random, writer: Writer) -> None:
        self.cast, self.timeline, self.rng, self.writer = cast, timeline, rng, writer
        self.consulting = consulting.ConsultationFlows(self)
        # Each flow adds a scenario's steps and returns its registration day (an index of the timeline).
        self.flows: dict[str, Callable[[Plan, Flow], int]] = {
            "completed_on_time": self._flow_completed_on_time, "completed_late": self._flow_completed_late,
            "extended_on_time": self._flow_extended_on_time, "extended_late": self._flow_extended_late,
            "province_completed": self._flow_province_completed, "province_submitted": self._flow_province_submitted,
            "province_decided": self._flow_province_decided, "override_submission": self._flow_override_submission,
            "registered": self._flow_registered, "directed": self._flow_directed,
            "in_progress": self._flow_in_progress, "due_soon": self._flow_due_soon, "overdue": self._flow_overdue,
            "returned_not_ours": self._flow_returned_not_ours,
            "returned_requester_own": self._flow_returned_requester_own,
            "transferred": self._flow_transferred, "foreign_override": self._flow_foreign_override,
            **self.consulting.flows(),
        }

    def plans(self, count: int) -> list[Plan]:
        names = allocate(count)
        self.rng.shuffle(names)
        plans = [self._plan(no, name) for no, name in enumerate(names, start=1)]
        self._decorate(plans)
        for plan in plans:
            self._schedule(plan)
        return plans

    # ---- who and what -------------------------------------------------------------------------

    def _plan(self, no: int, scenario: str) -> Plan:
        spec, matter = self._matter(scenario)
        home = self.home(spec)
        unit, lead = home, home
        if scenario == "foreign_override":
            unit = lead = self.cast.units[FOREIGN_DESK]
        elif scenario in MISDIRECTED:
            unit = self._misdirected(spec, home)
        requester = self._requester(scenario, spec, home, unit)
        territory = home if home.kind == UnitKind.COMMUNE else self._any_commune()
        return Plan(no=no, scenario=scenario, matter=matter, unit=unit, home=home, requester=requester,
                    officer=self.rng.choice(self.staff(lead).officers),
                    letter=self.writer.letter(spec, territory, requester))

    def _matter(self, scenario: str) -> tuple[MatterSpec, MatterType]:
        if scenario == "foreign_override":
            return self.cast.matters[FOREIGN_MATTER]
        if scenario in consulting.SCENARIOS:
            return self.consulting.matter(scenario)
        pool = list(self.cast.matters.values())
        if scenario in LOCAL_ONLY:
            pool = [(s, m) for s, m in pool if is_local(s)]
        elif scenario in PROVINCE_ONLY:
            pool = [(s, m) for s, m in pool if not is_local(s)]
        return self.rng.choices(pool, [s.weight for s, _ in pool])[0]

    def home(self, spec: MatterSpec) -> Unit:
        if spec.competent == UnitKind.COMMUNE:
            return self._any_commune()
        unit = self.cast.units[spec.competent]
        # A merged-away unit's matters are decided by its successor (registry.queries.successor_on).
        return unit.successor if unit.valid_to is not None else unit

    def _any_commune(self) -> Unit:
        return self.rng.choice(self.cast.communes())

    def _misdirected(self, spec: MatterSpec, home: Unit) -> Unit:
        """Where a citizen or a unit wrongly sends the document: a unit whose functions touch it."""
        related = [self.cast.units[c] for c in spec.related if self.cast.units[c].pk != home.pk]
        return self.rng.choice(related or [u for u in self.cast.departments() if u.pk != home.pk])

    def _requester(self, scenario: str, spec: MatterSpec, home: Unit, unit: Unit) -> Unit | None:
        if scenario == "returned_requester_own":
            return home  # a unit asking another to do its own work: the second ground of clause 2.1
        if spec.sender != "agency":
            return None
        return self.rng.choice([u for u in self.cast.departments() if u.pk not in (home.pk, unit.pk)])

    def staff(self, unit: Unit) -> Staff:
        return self.cast.staff[unit.code]

    def leader(self, unit: Unit) -> Official:
        """Mostly the head; a deputy now and then (signing "KT." for the head)."""
        staff = self.staff(unit)
        return staff.head if self.rng.random() < 0.8 else self.rng.choice(staff.leaders)

    # ---- refused attempts ---------------------------------------------------------------------

    def _decorate(self, plans: list[Plan]) -> None:
        for name, decoration in DECORATIONS.items():
            eligible = [p for p in plans if p.scenario in decoration.scenarios
                        and (not decoration.local_only or is_local(self.spec_of(p)))]
            if not eligible:
                continue
            chosen = self.rng.sample(eligible, max(1, round(decoration.share * len(eligible))))
            for plan in chosen:
                plan.flags = plan.flags | {name}

    def spec_of(self, plan: Plan) -> MatterSpec:
        return self.cast.matters[plan.matter.code][0]

    # ---- scheduling ---------------------------------------------------------------------------

    def _schedule(self, plan: Plan) -> None:
        flow = Flow()
        start = self.flows[plan.scenario](plan, flow)
        start = max(0, min(start, self.timeline.end - flow.span))
        offsets = [offset for offset, _, _ in flow.steps]
        if offsets != sorted(offsets):
            raise AssertionError(f"Kế hoạch #{plan.no} ({plan.scenario}): các bước không theo thứ tự ngày")
        plan.moves = [Move(start + offset, op, label) for offset, label, op in flow.steps]

    def anywhere(self, flow: Flow) -> int:
        """A registration day early enough for the whole story to be over by today."""
        return self.rng.randint(0, max(0, self.timeline.end - flow.span))

    def ending(self, flow: Flow, most_days_ago: int) -> int:
        """A registration day that puts the story's last step at most `most_days_ago` working days ago."""
        return self.timeline.end - flow.span - self.rng.randint(0, most_days_ago)

    def _due_in(self, plan: Plan, days: int) -> int:
        """A registration day whose legal deadline falls `days` working days after today (negative: overdue)."""
        return self.timeline.end + days - plan.matter.time_limit_days

    # ---- the flows ----------------------------------------------------------------------------

    def _flow_registered(self, plan: Plan, flow: Flow) -> int:
        self._register(plan, flow)
        return self.ending(flow, 1)

    def _flow_directed(self, plan: Plan, flow: Flow) -> int:
        self._register(plan, flow)
        self._direct(plan, flow, self.rng.choice((0, 1)))
        return self.ending(flow, 1)

    def _flow_in_progress(self, plan: Plan, flow: Flow) -> int:
        assigned = self.prefix(plan, flow)
        self._maybe_submit_own(plan, flow, assigned, assigned + 2)
        slack = max(0, plan.matter.time_limit_days - flow.span - 5)
        return self.ending(flow, slack)

    def _flow_due_soon(self, plan: Plan, flow: Flow) -> int:
        assigned = self.prefix(plan, flow)
        self._maybe_submit_own(plan, flow, assigned, assigned + 1)
        return self._due_in(plan, self.rng.randint(1, 3))

    def _flow_overdue(self, plan: Plan, flow: Flow) -> int:
        assigned = self.prefix(plan, flow)
        self._maybe_submit_own(plan, flow, assigned, assigned + 3)
        return self._due_in(plan, -self.rng.randint(1, 15))

    def _flow_completed_on_time(self, plan: Plan, flow: Flow) -> int:
        assigned = self.prefix(plan, flow)
        done = self.rng.randint(assigned + 1, plan.matter.time_limit_days)
        self._finish(plan, flow, assigned, done)
        return self.anywhere(flow)

    def _flow_completed_late(self, plan: Plan, flow: Flow) -> int:
        assigned = self.prefix(plan, flow)
        self._finish(plan, flow, assigned, plan.matter.time_limit_days + self.rng.randint(1, 10))
        return self.anywhere(flow)

    def _flow_extended_on_time(self, plan: Plan, flow: Flow) -> int:
        return self._extended(plan, flow, late=False)

    def _flow_extended_late(self, plan: Plan, flow: Flow) -> int:
        return self._extended(plan, flow, late=True)

    def _extended(self, plan: Plan, flow: Flow, *, late: bool) -> int:
        limit = plan.matter.time_limit_days
        assigned = self.prefix(plan, flow)
        day, extra = self.rng.randint(max(assigned + 1, limit - 4), limit), self.rng.randint(3, 10)
        reason = self.rng.choice(texts.EXTENSION_REASONS)
        if "officer_extension" in plan.flags:
            flow.add(day, "gia hạn (chuyên viên tự gia hạn)", moves.refused(
                "R-1.5-EXTENSION", moves.extend(actor=plan.officer, extra_days=extra, reason=reason)))
        flow.add(day, "gia hạn", moves.extend(actor=self.leader(plan.home), extra_days=extra, reason=reason))
        done = limit + extra + self.rng.randint(1, 6) if late else limit + self.rng.randint(1, extra)
        self._finish(plan, flow, day, done)
        return self.anywhere(flow)

    def _flow_province_completed(self, plan: Plan, flow: Flow) -> int:
        decided = self._to_province(plan, flow, decide=True)
        self.complete(plan, flow, decided + self.rng.randint(0, 3))
        return self.anywhere(flow)

    def _flow_province_submitted(self, plan: Plan, flow: Flow) -> int:
        self._to_province(plan, flow, decide=False)
        return self.ending(flow, 4)

    def _flow_province_decided(self, plan: Plan, flow: Flow) -> int:
        self._to_province(plan, flow, decide=True)
        return self.ending(flow, 2)

    def _flow_override_submission(self, plan: Plan, flow: Flow) -> int:
        """The head pushes his own unit's matter up to the Province anyway, in writing (clause 1.4)."""
        decided = self._to_province(plan, flow, decide=True, override=True)
        self.complete(plan, flow, decided + self.rng.randint(0, 2))
        return self.anywhere(flow)

    def _flow_returned_not_ours(self, plan: Plan, flow: Flow) -> int:
        return self._returned(plan, flow, ReturnGrounds.NOT_OURS, named=plan.home,
                              reason=texts.not_ours(plan.home, plan.matter))

    def _flow_returned_requester_own(self, plan: Plan, flow: Flow) -> int:
        return self._returned(plan, flow, ReturnGrounds.REQUESTER_OWN, named=None,
                              reason=texts.requester_own(plan.home, plan.matter))

    def _returned(self, plan: Plan, flow: Flow, grounds: str, *, named: Unit | None, reason: str) -> int:
        self._register(plan, flow)
        day, head = self.rng.choice((0, 1, 1, 2)), self.leader(plan.unit)
        if "return_no_grounds" in plan.flags:
            flow.add(day, "trả lại (không nêu căn cứ)", moves.refused(
                "R-2.1-RETURN-GROUNDS", moves.return_document(actor=head, grounds="", reason="Trả lại")))
        flow.add(day, "trả lại", moves.return_document(actor=head, grounds=grounds, named=named, reason=reason))
        return self.anywhere(flow)

    def _flow_transferred(self, plan: Plan, flow: Flow) -> int:
        """Sent to the wrong department, which passes it to the competent one; the work goes on there."""
        self._register(plan, flow)
        moved = self.rng.choice((0, 1, 2))
        flow.add(moved, "chuyển", moves.transfer(actor=self.leader(plan.unit), to=plan.home,
                                                 reason=texts.transfer(plan.home, plan.matter)))
        directed = moved + self.rng.choice((0, 1))
        self._direct(plan, flow, directed)
        assigned = self._assign(plan, flow, directed + self.rng.choice((0, 1)))
        if self.rng.random() < 0.3:
            return self.ending(flow, 3)  # still being worked on at the competent unit
        done = moved + self.rng.randint(assigned - moved + 1, plan.matter.time_limit_days)
        self.complete(plan, flow, done)
        return self.anywhere(flow)

    def _flow_foreign_override(self, plan: Plan, flow: Flow) -> int:
        """Construction takes on an industrial-park permit, the Board's by law, on a written reason."""
        self._register(plan, flow)
        desk, reason = plan.unit, texts.FOREIGN_OVERRIDE
        head = self.staff(desk).head
        directed = self.rng.choice((0, 1))
        flow.add(directed, "chỉ đạo (Thủ trưởng quyết định)", moves.direct(
            actor=head, lead=desk, cooperating=[plan.home], override_reason=reason,
            note="Sở Xây dựng chủ trì, Ban Quản lý các khu công nghiệp phối hợp"))
        assigned = self._assign(plan, flow, directed + 1)
        done = self.rng.randint(assigned + 1, plan.matter.time_limit_days)
        flow.add(done, "hoàn thành (Thủ trưởng quyết định)", moves.complete(
            actor=head, verdict=self.rng.choice(texts.VERDICTS), override_reason=reason))
        return self.anywhere(flow)

    # ---- the common steps ---------------------------------------------------------------------

    def _register(self, plan: Plan, flow: Flow) -> None:
        letter = plan.letter
        issued = self.rng.randint(1, 6)
        flow.add(0, "vào sổ", moves.register(
            clerk=self.staff(plan.unit).clerk, subject=letter.subject, sender=letter.sender,
            notation=letter.notation, doc_type=letter.doc_type, issued_days_before=issued))

    def prefix(self, plan: Plan, flow: Flow) -> int:
        """Register → direct → assign, the first hours of every item worked at home; returns the
        assignment day."""
        self._register(plan, flow)
        directed = self.rng.choice((0, 0, 0, 1, 1, 2))
        self._direct(plan, flow, directed)
        return self._assign(plan, flow, directed + self.rng.choice((0, 0, 1)))

    def _direct(self, plan: Plan, flow: Flow, day: int) -> None:
        desk = plan.home
        head = self.leader(desk)
        self._before_direct(plan, flow, day, head)
        related = [self.cast.units[c] for c in self.spec_of(plan).related if c != desk.code]
        cooperating = sorted(self.rng.sample(related, self.rng.randint(0, len(related))), key=lambda u: u.code)
        flow.add(day, "chỉ đạo", moves.direct(actor=head, lead=desk, cooperating=cooperating,
                                              note=self.rng.choice(texts.DIRECTION_NOTES)))

    def _before_direct(self, plan: Plan, flow: Flow, day: int, head: Official) -> None:
        elsewhere = self._other_department(plan.home)
        if "transfer_own" in plan.flags:
            flow.add(day, "chuyển việc của mình (bị từ chối)", moves.refused(
                "R-2.1-OWN-COMPETENCE-TRANSFER",
                moves.transfer(actor=head, to=elsewhere, reason=texts.transfer(elsewhere, plan.matter))))
        if "return_own" in plan.flags:
            flow.add(day, "trả lại việc của mình (bị từ chối)", moves.refused(
                "R-2.1-RETURN-GROUNDS", moves.return_document(
                    actor=head, grounds=ReturnGrounds.NOT_OURS, named=elsewhere,
                    reason=texts.not_ours(elsewhere, plan.matter))))
        if "deadline" in plan.flags:
            flow.add(day, "hạn vượt luật (bị từ chối)", moves.refused(
                "R-1.5-DEADLINE", moves.direct(actor=head, lead=plan.home, cooperating=[],
                                               beyond_legal_days=self.rng.randint(3, 10))))

    def _assign(self, plan: Plan, flow: Flow, day: int) -> int:
        lead = plan.unit if plan.scenario == "foreign_override" else plan.home
        head = self.staff(lead).head
        if "holder" in plan.flags:
            flow.add(day, "giao người ngoài đơn vị (bị từ chối)", moves.refused(
                "R-1.3-STEP-HOLDER", moves.assign(actor=head, holder=self._outsider(lead))))
        flow.add(day, "phân công", moves.assign(actor=head, holder=plan.officer,
                                                note=self.rng.choice(texts.ASSIGN_NOTES)))
        return day

    def _maybe_submit_own(self, plan: Plan, flow: Flow, earliest: int, latest: int) -> None:
        if "submit_own" in plan.flags:
            flow.add(self.rng.randint(earliest, latest), "trình việc của mình (bị từ chối)", moves.refused(
                "R-1.4-OWN-AUTHORITY-SUBMISSION",
                moves.submit(actor=plan.officer, summary=texts.submission(plan.matter))))

    def _finish(self, plan: Plan, flow: Flow, assigned: int, done: int) -> None:
        self._maybe_submit_own(plan, flow, assigned, max(assigned, done - 1))
        self.complete(plan, flow, done)

    def complete(self, plan: Plan, flow: Flow, day: int) -> None:
        flow.add(day, "hoàn thành", moves.complete(actor=plan.officer, verdict=self.rng.choice(texts.VERDICTS)))

    def _to_province(self, plan: Plan, flow: Flow, *, decide: bool, override: bool = False) -> int:
        limit = plan.matter.time_limit_days
        assigned = self.prefix(plan, flow)
        submitted = self.rng.randint(assigned + 1, max(assigned + 1, limit - 3))
        return self.submit(plan, flow, submitted, decide=decide, override=override)

    def submit(self, plan: Plan, flow: Flow, submitted: int, *, decide: bool, override: bool = False) -> int:
        """Submit to the Province on day `submitted` and, if `decide`, record its decision a few days
        later; returns the day of the last of these steps."""
        summary = texts.submission(plan.matter)
        if override:
            head = self.staff(plan.home).head
            flow.add(submitted, "trình UBND tỉnh (Thủ trưởng quyết định)", moves.submit(
                actor=head, summary=summary, override_reason=self.rng.choice(texts.SUBMISSION_OVERRIDES)))
        else:
            flow.add(submitted, "trình UBND tỉnh", moves.submit(actor=plan.officer, summary=summary))
        if not decide:
            return submitted
        decided = submitted + self.rng.randint(2, 6)
        office = self.staff(self.cast.units[catalog.OFFICE.code])
        flow.add(decided, "Chủ tịch UBND tỉnh quyết định", moves.decide(
            actor=self.rng.choice([office.head, *office.officers]), verdict=self.rng.choice(texts.PROVINCE_VERDICTS)))
        return decided

    def _other_department(self, home: Unit) -> Unit:
        return self.rng.choice([u for u in self.cast.departments() if u.pk != home.pk])

    def _outsider(self, lead: Unit) -> Official:
        """An officer of another unit: assigning work to them breaks clause 1.3."""
        return self.rng.choice(self.staff(self._other_department(lead)).officers)
