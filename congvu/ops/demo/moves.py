"""The demo's moves: each is one call of a real action (`congvu.work.actions`, `congvu.consult.actions`)
with the words an official would write. A refused attempt is a move too: the action refuses, the
refusal is written to the item's trail by the action itself, and the demo checks it was refused for
the expected rule."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from congvu.consult import actions as consult
from congvu.consult.models import Consultation, ConsultationRequest
from congvu.lib import clock
from congvu.lib.refusals import RuleViolation
from congvu.ops.demo import texts
from congvu.ops.demo.subjects import Letter
from congvu.org.models import Official, Unit
from congvu.registry.models import MatterType
from congvu.registry.queries import current_calendar
from congvu.work import actions
from congvu.work.models import DelayCause, WorkItem


class Numbers:
    """Document numbers per issuing body per year, from 01 (Decree 30/2020), in the order issued."""

    def __init__(self) -> None:
        self._last: Counter[tuple[str, int]] = Counter()

    def next(self, issuer: str) -> str:
        year = clock.today().year
        self._last[(issuer, year)] += 1
        return f"{self._last[(issuer, year)]:02d}"


@dataclass
class Plan:
    """One incoming document and what will happen to it. `item` is the work item the next move acts
    on: after a transfer it is the linked item at the competent unit."""

    no: int
    scenario: str
    matter: MatterType
    unit: Unit  # where the document arrives
    home: Unit  # the competent unit
    officer: Official  # who handles it at the lead unit
    requester: Unit | None = None
    letter: Letter | None = None
    flags: frozenset[str] = frozenset()
    moves: list["Move"] = field(default_factory=list)
    item: WorkItem | None = None
    consultation: Consultation | None = None  # the latest one asked, which the replies answer


Op = Callable[[Plan, Numbers], None]


@dataclass
class Move:
    day: int
    op: Op
    label: str


def register(*, clerk: Official, subject: str, sender: str, notation: str, doc_type: str,
             issued_days_before: int) -> Op:
    def run(plan: Plan, numbers: Numbers) -> None:
        issued_on = clock.today() - timedelta(days=issued_days_before)
        plan.item = actions.register_incoming(
            actor=clerk, unit=plan.unit, matter_type=plan.matter, sender=sender, subject=subject,
            notation=notation, issued_on=issued_on, doc_type=doc_type, requester_unit=plan.requester,
        )
    return run


def direct(*, actor: Official, lead: Unit, cooperating: list[Unit], beyond_legal_days: int = 0,
           note: str = "", override_reason: str = "") -> Op:
    """The leader's direction; `beyond_legal_days` asks for a deadline past the legal one (refused)."""
    def run(plan: Plan, numbers: Numbers) -> None:
        due_date = current_due_plus(plan, beyond_legal_days) if beyond_legal_days else None
        actions.direct(plan.item, actor=actor, lead_unit=lead, cooperating=cooperating, due_date=due_date,
                       note=note, override_reason=override_reason)
    return run


def assign(*, actor: Official, holder: Official, note: str = "") -> Op:
    def run(plan: Plan, numbers: Numbers) -> None:
        actions.assign(plan.item, actor=actor, holder=holder, note=note)
    return run


def complete(*, actor: Official, verdict: str, override_reason: str = "") -> Op:
    def run(plan: Plan, numbers: Numbers) -> None:
        lead = plan.item.lead_unit
        result = f"Đã ban hành văn bản số {numbers.next(lead.code)}/{lead.abbrev}: {verdict}."
        actions.complete(plan.item, actor=actor, result=result, override_reason=override_reason,
                         **delay_cause_if_late(plan.item.pk))
    return run


def delay_cause_if_late(item_id: int) -> dict[str, str]:
    """Work completed past its legal deadline names the cause of its delay (clause 1.5): one of the
    categories, chosen by the item's number so the demo stays the same on every build."""
    legal_due_at = WorkItem.objects.values_list("legal_due_at", flat=True).get(pk=item_id)
    if clock.now() <= legal_due_at:
        return {}
    cause = DELAY_CAUSES[item_id % len(DELAY_CAUSES)]
    return {"delay_cause": cause.value, "delay_note": texts.DELAY_NOTES[cause.value]}


DELAY_CAUSES = tuple(DelayCause)


def submit(*, actor: Official, summary: str, override_reason: str = "") -> Op:
    def run(plan: Plan, numbers: Numbers) -> None:
        consult.submit_to_province(plan.item, actor=actor, summary=summary, override_reason=override_reason)
    return run


def decide(*, actor: Official, verdict: str) -> Op:
    def run(plan: Plan, numbers: Numbers) -> None:
        number = numbers.next("ubnd")
        decision = f"Chủ tịch UBND tỉnh {verdict} (Văn bản số {number}/UBND-KT)."
        actions.record_province_decision(plan.item, actor=actor, decision=decision)
    return run


def current_due_plus(plan: Plan, working_days: int) -> date:
    """The item's due date moved by some working days, read when the move runs (the plan cannot
    know the date in advance: it is counted by the action at registration)."""
    due = WorkItem.objects.values_list("due_date", flat=True).get(pk=plan.item.pk)
    return current_calendar().add_working_days(due, working_days)


def extend(*, actor: Official, extra_days: int, reason: str) -> Op:
    def run(plan: Plan, numbers: Numbers) -> None:
        new_due = current_due_plus(plan, extra_days)
        actions.extend_deadline(plan.item, actor=actor, new_due=new_due, reason=reason)
    return run


def transfer(*, actor: Official, to: Unit, reason: str) -> Op:
    def run(plan: Plan, numbers: Numbers) -> None:
        plan.item = actions.transfer(plan.item, actor=actor, to_unit=to, reason=reason)
    return run


def return_document(*, actor: Official, grounds: str, named: Unit | None = None, reason: str = "") -> Op:
    def run(plan: Plan, numbers: Numbers) -> None:
        actions.return_document(plan.item, actor=actor, grounds=grounds, named_unit=named, reason=reason)
    return run


def ask(*, actor: Official, units: list[Unit], question: str, reply_days: int | None = None,
        override_reason: str = "", proposal: str = "") -> Op:
    def run(plan: Plan, numbers: Numbers) -> None:
        plan.consultation = consult.ask(plan.item, actor=actor, units=units, question=question, proposal=proposal,
                                        reply_days=reply_days, override_reason=override_reason)
    return run


def request_of(plan: Plan, unit: Unit) -> ConsultationRequest:
    return ConsultationRequest.objects.get(consultation=plan.consultation, unit=unit)


def assign_request(*, actor: Official, unit: Unit, holder: Official) -> Op:
    def run(plan: Plan, numbers: Numbers) -> None:
        consult.assign_request(request_of(plan, unit), actor=actor, holder=holder)
    return run


def reply(*, actor: Official, unit: Unit, position: str, reasons: str = "") -> Op:
    def run(plan: Plan, numbers: Numbers) -> None:
        consult.reply(request_of(plan, unit), actor=actor, position=position, reasons=reasons)
    return run


def reconcile(*, actor: Official, unit: Unit, attendees: str, outcome: str, lead_view: str = "",
              other_view: str = "") -> Op:
    """The heads' meeting with the unit that disagreed, held the day it is recorded (clause 2.3)."""
    def run(plan: Plan, numbers: Numbers) -> None:
        consult.record_reconciliation(request_of(plan, unit), actor=actor, held_on=clock.today(),
                                      attendees=attendees, outcome=outcome, lead_view=lead_view,
                                      other_view=other_view)
    return run


class UnexpectedlyAllowed(AssertionError):
    """A move meant to show a refusal went through: the demo's story no longer matches the rules."""


def refused(code: str, op: Op) -> Op:
    """The attempt `op`, which the rule `code` must refuse (the action records the refusal)."""
    def run(plan: Plan, numbers: Numbers) -> None:
        try:
            op(plan, numbers)
        except RuleViolation as refusal:
            if refusal.code != code:
                raise
            return
        raise UnexpectedlyAllowed(f"Kế hoạch #{plan.no} ({plan.scenario}): {code} không từ chối như dự kiến")
    return run
