"""Every change to an incoming document, work item or step: one function each, keyword `actor`,
one transaction, one event. Views, the API, the CLI, the demo and the benchmark all come here.

The shape of each action: lock the item → check access → check the state transition → check the
rules (a head may override some with a written reason) → change → append the event.

Submitting to the Province is `congvu.consult.actions.submit_to_province`: besides clause 1.4 it
waits for clause 2.3 (a timely disagreement reconciled by the heads), a consultation rule, and work
sits below the consultation area."""

import functools
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import ParamSpec, TypeVar

from django.core.files.base import ContentFile, File
from django.db import models, transaction

from congvu.lib import clock, fastsql
from congvu.lib.clock import today
from congvu.lib.instances import new_row, set_related
from congvu.lib.refusals import Detail, InvalidInput, RuleViolation
from congvu.lib.text import check_clean
from congvu.lib.uploads import check_upload_size
from congvu.org.models import Official, Unit
from congvu.registry import snapshot
from congvu.registry.competence import Competence, UnitRef
from congvu.registry.competent_unit import competent_unit_for
from congvu.registry.models import ExtensionApprover, MatterType
from congvu.registry.queries import competence_for, current_calendar, matter_type, unit
from congvu.registry.serving import (
    head_of,
    is_clerk_or_leader,
    is_leader,
    records_province_decisions,
    serves_in,
)
from congvu.registry.snapshot import UnitFact
from congvu.work import rules
from congvu.work.access import deny, require_holder_or_leader, require_leader, require_province_recorder
from congvu.work.deadlines import Deadline, on_day, twice_the_limit, working_days_after
from congvu.work.models import (
    DelayCause,
    EventKind,
    ExtensionRequest,
    ExtensionStatus,
    IncomingDocument,
    NumberSeries,
    Origin,
    Outcome,
    Priority,
    State,
    Step,
    StepKind,
    WorkItem,
)
from congvu.work.rules import Transition
from congvu.work.trail import CHAIN_FIELDS, append_event, append_event_and_save

P = ParamSpec("P")
R = TypeVar("R")
# Decree 30/2020 Art. 24: an incoming document is presented to the leader the same or next working day.
PRESENT_WITHIN_DAYS = 1
ASSIGN_WITHIN_DAYS = 1


# How a refusal names each text or file an action takes (Vietnamese, English), as the forms label
# them; a parameter missing here is named by its own name. The check lives in `action`, so the web,
# the API, the imports and the CLI refuse the same input in one place.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "subject": ("trích yếu", "subject"),
    "sender": ("nơi gửi", "sender"),
    "notation": ("số, ký hiệu", "number and notation"),
    "doc_type": ("loại văn bản", "document type"),
    "note": ("ý kiến chỉ đạo, nội dung giao việc", "direction or instructions"),
    "reason": ("lý do", "reason"),
    "override_reason": ("lý do Thủ trưởng quyết định thực hiện", "override reason"),
    "summary": ("tóm tắt nội dung tờ trình", "summary of the submission"),
    "decision": ("quyết định của Chủ tịch UBND tỉnh", "the Province's decision"),
    "explanation": ("ý kiến cụ thể", "explanation"),
    "result": ("kết quả giải quyết", "result"),
    "question": ("nội dung xin ý kiến", "question"),
    "reasons": ("lý do, ý kiến cụ thể", "reasons and specific opinion"),
    "attendees": ("thành phần", "attendees"),
    "lead_view": ("ý kiến của đơn vị chủ trì", "the lead unit's view"),
    "other_view": ("ý kiến của đơn vị còn khác", "the other unit's view"),
    "original": ("văn bản gốc", "original document"),
    "original_name": ("tên tệp văn bản gốc", "name of the original file"),
    "attachment": ("tài liệu đính kèm", "attachment"),
    "attachment_name": ("tên tệp đính kèm", "name of the attachment"),
    # The other areas' actions (consultation, oversight, public reports) pass through `action` too.
    "proposal": ("dự thảo, nội dung đề xuất", "proposal"),
    "position": ("ý kiến", "position"),
    "outcome": ("kết quả làm việc", "outcome"),
    "grounds": ("căn cứ", "grounds"),
    "priority": ("độ khẩn", "priority"),
    "delay_cause": ("nguyên nhân chậm", "cause of the delay"),
    "delay_note": ("giải trình nguyên nhân chậm", "explanation of the delay"),
    "resolution": ("kết quả xem xét", "resolution"),
    "title": ("tên, trích yếu", "title"),
    "issuer": ("cơ quan ban hành", "issuer"),
    "kind": ("loại", "kind"),
    "theme": ("chuyên đề", "theme"),
    "seed": ("mã chọn mẫu", "seed"),
    "category": ("loại phát hiện", "finding category"),
    "status": ("tình trạng thực hiện", "status"),
    "conclusion": ("kết luận", "conclusion"),
    "cause": ("nguyên nhân tồn đọng", "cause of the backlog"),
    "form": ("hình thức", "form"),
    "proposed_form": ("hình thức kỷ luật đề nghị", "proposed form of discipline"),
    "meeting_place": ("địa điểm họp", "meeting place"),
    "meeting_chair": ("người chủ trì", "chaired by"),
    "parties": ("thành phần tham dự", "parties"),
    "self_criticism": ("tự kiểm điểm", "self-criticism"),
    "results": ("kết quả thực hiện", "results"),
    "difficulties": ("khó khăn, vướng mắc", "difficulties"),
    "proposals": ("kiến nghị, đề xuất", "proposals"),
    "about": ("đối tượng bị phản ánh", "what the report is about"),
    "description": ("nội dung phản ánh", "description"),
    "official_named": ("cán bộ bị phản ánh", "official named"),
    "dossier_reference": ("số biên nhận hồ sơ", "dossier reference"),
    "reporter_name": ("họ tên người phản ánh", "reporter's name"),
    "reporter_contact": ("thông tin liên hệ", "reporter's contact"),
    "answer": ("nội dung trả lời", "answer"),
    "public_answer": ("nội dung trả lời công khai", "public answer"),
}


def check_inputs(kwargs: dict[str, object]) -> None:
    """Refuse, naming the field, a text holding a control character (it would break every .xlsx
    and .docx written from it) or a file over the upload limit. Only keyword arguments: the
    positional one of an action is always the item or request it acts on."""
    for name, value in kwargs.items():
        label = FIELD_LABELS.get(name, (name, name))
        if isinstance(value, str):
            check_clean(value, *label)
        elif isinstance(value, File):
            check_upload_size(value.size, *label)


def action(fn: Callable[P, R]) -> Callable[P, R]:
    """Run `fn` in one transaction, once its text and file arguments passed `check_inputs`. A rule
    refusal rolls the change back, then is itself written to the item's trail in a transaction of
    its own, so oversight sees refused attempts too."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        check_inputs(kwargs)
        try:
            # The registry is pinned by the item's lock (its token read in the same statement), or
            # by the first registry question asked before any lock: one version throughout.
            with transaction.atomic(), snapshot.pinned_at_first_use():
                return fn(*args, **kwargs)
        except RuleViolation as refusal:
            if refusal.item_id is not None:
                _record_refusal(refusal, kwargs.get("actor"))
            raise

    return wrapper


def _record_refusal(refusal: RuleViolation, actor: Official | None) -> None:
    with transaction.atomic():
        item = lock(refusal.item_id)
        append_event(
            item, EventKind.REFUSED, actor=actor, unit=Unit(pk=refusal.unit_id) if refusal.unit_id else None,
            outcome=Outcome.REFUSED, rule_code=refusal.code,
            data={"message": refusal.message_vi, "message_en": refusal.message_en},
        )
        item.save(update_fields=CHAIN_FIELDS)


def lock(item: WorkItem | int) -> WorkItem:
    """The item, re-read under a row lock: two officials acting at once are serialised, and the
    second one's checks see the first one's change (nothing is lost)."""
    pk = item.pk if isinstance(item, WorkItem) else item
    if snapshot.wants_token():
        return _pinning(*fastsql.get_with_scalar(WorkItem, pk, snapshot.VERSION_SQL, for_update=True))
    return _with_matter_type(fastsql.get(WorkItem, pk, for_update=True))


def lock_item_of(model: type[models.Model], pk: int) -> WorkItem:
    """The item row `pk` of `model` belongs to (by its `item` key), locked as `lock` does, in one
    statement: the row's item never changes, so it need not be read first."""
    if snapshot.wants_token():
        return _pinning(*fastsql.get_with_scalar(WorkItem, pk, snapshot.VERSION_SQL, via=model, fk="item_id",
                                                 for_update=True))
    return _with_matter_type(fastsql.get_through(WorkItem, model, pk, "item_id", for_update=True))


def _pinning(item: WorkItem, token: str | None) -> WorkItem:
    """The action's registry pinned at the token its lock read (the lock's statement began after the
    action did: that token is at least as fresh as one read as the action began)."""
    snapshot.pin_token(token)
    return _with_matter_type(item)


def _with_matter_type(item: WorkItem) -> WorkItem:
    set_related(item, "matter_type", matter_type(item.matter_type_id))  # from the registry snapshot, not a join
    return item


def enforce(check: Callable[[], None], *, item: WorkItem, actor: Official, unit: Unit | UnitFact | int,
            override_reason: str = "") -> None:
    """Run a rule check; a head or deputy of `unit` may override an overridable refusal by giving a
    written reason, which is recorded as an event of its own and counted as a signal."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    try:
        check()
    except RuleViolation as refusal:
        reason = override_reason.strip()
        if reason and refusal.overridable and is_leader(actor, unit_id, today()):
            append_event(
                item, EventKind.OVERRIDE, actor=actor, unit=Unit(pk=unit_id), outcome=Outcome.OVERRIDE,
                rule_code=refusal.code,
                data={"reason": reason, "message": refusal.message_vi, "message_en": refusal.message_en},
            )
            return
        refusal.item_id, refusal.unit_id = item.pk, unit_id
        raise


def unit_ref(unit: Unit | UnitFact) -> UnitRef:
    return UnitRef(unit.pk, unit.kind, unit.name)


def competence(item: WorkItem) -> Competence:
    return competence_for(item.matter_type, today(), territory=unit(item.registered_unit_id))


def competent_ref(item: WorkItem) -> UnitRef | None:
    """The unit a competence refusal names and offers the transfer to (congvu.registry.competent_unit)."""
    requester = unit(item.requester_unit_id) if item.requester_unit_id else None
    found = competent_unit_for(item.matter_type, today(), unit(item.registered_unit_id), requester)
    return unit_ref(found) if found else None


def take_numbers(unit: Unit | int, year: int, series: str, count: int = 1) -> int:
    """Reserve `count` consecutive numbers of a unit's yearly series (from 1 each year) under a row
    lock; returns the first."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    # One atomic increment; the first number of a year creates the series row, then increments it.
    for _ in range(2):
        last = fastsql.increment(NumberSeries, "last", count, unit_id=unit_id, year=year, series=series)
        if last is not None:
            return last - count + 1
        NumberSeries.objects.get_or_create(unit_id=unit_id, year=year, series=series)
    raise RuntimeError("number series row could not be created")


STEP_COLUMNS = ("item_id", "kind", "holder_unit_id", "holder_id", "started_at", "due_at", "ended_at")


def open_step(item: WorkItem, kind: StepKind, holder_unit: Unit | int, holder: Official, due: Deadline | None = None,
              *, first: bool = False) -> None:
    """Close the open step and open the next one, held by exactly one named official (clause 1.3).
    Written from its values: no caller reads the step back, and half the actions open one."""
    now = clock.now()
    if not first:
        close_step(item, now)
    unit_id = holder_unit if isinstance(holder_unit, int) else holder_unit.pk
    fastsql.insert_rows(Step, STEP_COLUMNS, [(item.pk, kind, unit_id, holder.pk if holder else None, now,
                                              due.moment if due else item.due_at, None)])
    item.holder_unit_id = unit_id
    set_related(item, "holder", holder)


def close_step(item: WorkItem, now: datetime | None = None) -> None:
    fastsql.update_where(Step, {"ended_at": now or clock.now()}, item_id=item.pk, ended_at=None)


def off_calendar(day: date, field_vi: str, field_en: str) -> InvalidInput:
    """A date typed for something due (e.g. 31/12/9999) that the official calendar does not cover:
    bad input, refused with the calendar's bounds, not an error of the server."""
    calendar = current_calendar()
    first, last = f"{calendar.first_day:%d/%m/%Y}", f"{calendar.last_day:%d/%m/%Y}"
    return InvalidInput(
        f"{field_vi.capitalize()} {day:%d/%m/%Y} nằm ngoài lịch làm việc đã có ({first} – {last}).",
        f"The {field_en} {day:%d/%m/%Y} is outside the working calendar ({first} – {last}).",
    )


def deadline_on(day: date, field_vi: str, field_en: str) -> Deadline:
    """A deadline typed as a date, moved to a working day (Art. 148)."""
    try:
        return on_day(current_calendar(), day)
    except ValueError:  # the calendar's own refusal of a day it does not cover
        raise off_calendar(day, field_vi, field_en) from None


def leader_to_present_to(to_unit: Unit | UnitFact) -> Official:
    head = head_of(to_unit, today())
    if head is None:
        raise rules.STEP_HOLDER.violation(Detail(f": {to_unit.name} chưa có thủ trưởng hoặc cấp phó để trình",
                                                 f": {to_unit.name} has no head or deputy to present it to"))
    return head


def save(item: WorkItem, *fields: str) -> None:
    fastsql.update(item, [*fields, *CHAIN_FIELDS])


@action
def register_incoming(
    *, actor: Official, unit: Unit, matter_type: MatterType, sender: str, subject: str,
    notation: str = "", issued_on: date | None = None, doc_type: str = "Công văn",
    reply_due: date | None = None, priority: str = Priority.NORMAL, requester_unit: Unit | None = None,
    original: ContentFile | None = None, original_name: str = "",
) -> WorkItem:
    """Enter an incoming document in the unit's register (yearly số đến), open its work item with the
    legal deadline of its matter type, and present it to the unit's head."""
    on = today()
    if not is_clerk_or_leader(actor, unit, on):
        raise deny("vào sổ văn bản đến của đơn vị này", "register incoming documents for this unit")
    if not subject.strip() or not sender.strip():
        raise InvalidInput("Cần nhập nơi gửi và trích yếu văn bản.", "Sender and subject are required.")
    if issued_on is not None and issued_on > on:
        raise InvalidInput(f"Ngày văn bản {issued_on:%d/%m/%Y} không được sau ngày nhận {on:%d/%m/%Y}.",
                           f"The document's date {issued_on:%d/%m/%Y} cannot be after the day it is received.")
    calendar = current_calendar()
    if reply_due is not None and not calendar.first_day <= reply_due <= calendar.last_day:
        raise off_calendar(reply_due, "hạn trả lời", "reply date")
    document = new_row(
        IncomingDocument, unit=unit, year=on.year, incoming_number=take_numbers(unit, on.year, "den"),
        sender=sender.strip(), notation=notation.strip(), issued_on=issued_on, doc_type=doc_type,
        subject=subject.strip(), received_on=on, reply_due=reply_due, priority=priority, registered_by=actor,
    )
    if original is not None:
        document.original.save(original_name or "van-ban-goc", original, save=False)
    fastsql.insert(document)
    deadline = working_days_after(calendar, on, matter_type.time_limit_days)
    origin = Origin.REQUEST if requester_unit else Origin.INCOMING
    item = _open_item(
        actor=actor, unit=unit, matter_type=matter_type, title=document.subject, origin=origin,
        incoming=document, requester_unit=requester_unit, deadline=deadline, event_data={
            "incoming_number": document.incoming_number, "sender": document.sender,
            "due": f"{deadline.day:%d/%m/%Y}", "calendar": deadline.calendar_version,
        },
    )
    for hook in AFTER_REGISTER:
        hook(item, document, actor)
    return item


# Called in register_incoming's transaction with (item, document, actor), by the areas above work that
# act on what a registered document asks (consult: a reply date makes it a consultation request).
AFTER_REGISTER: list[Callable[[WorkItem, IncomingDocument, Official], None]] = []


def _open_item(*, actor: Official | None, unit: Unit, matter_type: MatterType, title: str, origin: Origin,
               deadline: Deadline, event_data: dict, incoming: IncomingDocument | None = None,
               requester_unit: Unit | None = None, transferred_from: WorkItem | None = None) -> WorkItem:
    head, registered_at = leader_to_present_to(unit), clock.now()
    item = fastsql.insert(new_row(
        WorkItem, title=title, matter_type=matter_type, origin=origin, incoming=incoming,
        requester_unit=requester_unit, registered_unit=unit, lead_unit=unit, state=State.REGISTERED, event_date=today(),
        due_at=deadline.moment, due_date=deadline.day, calendar_version=deadline.calendar_version,
        legal_due_at=deadline.moment, legal_due_date=deadline.day,
        holder_unit=unit, holder=head, transferred_from=transferred_from, created_at=registered_at,
        undecided_twice_from=twice_the_limit(registered_at, deadline.moment),
    ))
    calendar = current_calendar()
    open_step(item, StepKind.PRESENT, unit, head, working_days_after(calendar, today(), PRESENT_WITHIN_DAYS),
              first=True)
    append_event_and_save(item, EventKind.REGISTER, fields=(), actor=actor, unit=unit,
                          data={**event_data, "holder": head.pk})
    return item


@action
def direct(
    item: WorkItem | int, *, actor: Official, lead_unit: Unit, cooperating: Iterable[Unit] = (),
    due_date: date | None = None, note: str = "", override_reason: str = "",
) -> WorkItem:
    """The leader's direction: lead unit, co-operating units and a deadline no later than the law's.
    The item goes to the lead unit's head to assign."""
    item = lock(item)
    require_leader(actor, item.holder_unit_id, "cho ý kiến chỉ đạo công việc này", "direct this item")
    rules.check_transition(Transition.DIRECT, item.state)
    calendar = current_calendar()
    legal = working_days_after(calendar, item.event_date, item.matter_type.time_limit_days)
    deadline = deadline_on(due_date, "hạn xử lý", "deadline") if due_date else legal
    enforce(lambda: rules.check_deadline(deadline.day, legal.day), item=item, actor=actor, unit=item.holder_unit_id)
    enforce(lambda: rules.check_may_resolve(competence(item), unit_ref(lead_unit), competent_ref(item)),
            item=item, actor=actor, unit=item.holder_unit_id, override_reason=override_reason)
    cooperating = [u for u in cooperating if u.pk != lead_unit.pk]
    item.lead_unit, item.state = lead_unit, State.DIRECTED
    item.due_at, item.due_date, item.calendar_version = deadline.moment, deadline.day, deadline.calendar_version
    # The deadline the direction sets within the legal limit is the legal one; no extension moves it.
    item.legal_due_at, item.legal_due_date = deadline.moment, deadline.day
    item.undecided_twice_from = twice_the_limit(item.created_at, deadline.moment)
    if cooperating:  # only a registered item is directed, so it has no co-operating units yet
        item.cooperating_units.add(*cooperating)
    head = leader_to_present_to(lead_unit)
    open_step(item, StepKind.ASSIGN, lead_unit, head, working_days_after(calendar, today(), ASSIGN_WITHIN_DAYS))
    append_event_and_save(item, EventKind.DIRECT, actor=actor, unit=unit(item.registered_unit_id), data={
        "lead_unit": lead_unit.pk, "cooperating": [u.pk for u in cooperating], "due": f"{deadline.day:%d/%m/%Y}",
        "note": note, "holder": head.pk,
    }, fields=("lead_unit", "state", "due_at", "due_date", "calendar_version", "legal_due_at", "legal_due_date",
               "undecided_twice_from", "holder_unit", "holder"))
    return item


@action
def assign(item: WorkItem | int, *, actor: Official, holder: Official | None, due_date: date | None = None,
           note: str = "") -> WorkItem:
    """Give the item's next step to one named official of the lead unit, with its own due date."""
    item = lock(item)
    require_leader(actor, item.lead_unit_id, "phân công xử lý công việc này", "assign this item")
    target = rules.check_transition(Transition.ASSIGN, item.state)
    unit_id = item.lead_unit_id
    enforce(lambda: rules.check_step_holder(holder is not None and serves_in(holder, unit_id, today()),
                                            holder_given=holder is not None),
            item=item, actor=actor, unit=unit_id)
    step_due = deadline_on(due_date, "hạn của bước", "step's due date") if due_date else None
    if step_due is not None:
        enforce(lambda: rules.check_deadline(step_due.day, item.due_date), item=item, actor=actor, unit=unit_id)
    previous_state, item.state = item.state, target
    open_step(item, StepKind.HANDLE, unit_id, holder, step_due)
    append_event_and_save(item, EventKind.ASSIGN, actor=actor, unit=unit(unit_id), data={
        "holder": holder.pk, "from_state": previous_state, "note": note,
        "step_due": f"{step_due.day:%d/%m/%Y}" if step_due else f"{item.due_date:%d/%m/%Y}",
    }, fields=("state", "holder_unit", "holder"))
    return item


@action
def transfer(item: WorkItem | int, *, actor: Official, to_unit: Unit, reason: str = "",
             override_reason: str = "") -> WorkItem:
    """Send work the holder unit is not competent for to the competent unit, where it continues as a
    linked item with its own deadline. Returns the new item."""
    item = lock(item)
    require_leader(actor, item.holder_unit_id, "chuyển công việc này", "transfer this item")
    rules.check_transition(Transition.TRANSFER, item.state)
    holder_unit = unit(item.holder_unit_id)
    enforce(lambda: rules.check_transfer(competence(item), unit_ref(holder_unit), unit_ref(to_unit),
                                         competent_ref(item)),
            item=item, actor=actor, unit=holder_unit, override_reason=override_reason)
    item.state = State.TRANSFERRED
    close_step(item)
    deadline = working_days_after(current_calendar(), today(), item.matter_type.time_limit_days)
    successor = _open_item(
        actor=actor, unit=to_unit, matter_type=item.matter_type, title=item.title, origin=item.origin,
        incoming=item.incoming, requester_unit=item.requester_unit, transferred_from=item, deadline=deadline,
        event_data={"transferred_from": item.pk, "due": f"{deadline.day:%d/%m/%Y}"},
    )
    append_event(item, EventKind.TRANSFER, actor=actor, unit=holder_unit,
                 data={"to_unit": to_unit.pk, "new_item": successor.pk, "reason": reason})
    save(item, "state")
    return successor


@action
def return_document(item: WorkItem | int, *, actor: Official, grounds: str, named_unit: Unit | None = None,
                    reason: str = "", override_reason: str = "") -> WorkItem:
    """Return the document to its sender on one of the two legal grounds of clause 2.1."""
    item = lock(item)
    require_leader(actor, item.holder_unit_id, "trả lại văn bản này", "return this document")
    rules.check_transition(Transition.RETURN, item.state)
    requester = unit(item.requester_unit_id) if item.requester_unit_id else None
    holder_unit = unit(item.holder_unit_id)
    enforce(lambda: rules.check_return(
        competence(item), unit_ref(holder_unit), grounds,
        named_unit=unit_ref(named_unit) if named_unit else None,
        requester=unit_ref(requester) if requester else None,
    ), item=item, actor=actor, unit=item.holder_unit_id, override_reason=override_reason)
    item.state = State.RETURNED
    close_step(item)
    append_event(item, EventKind.RETURN, actor=actor, unit=holder_unit, data={
        "grounds": grounds, "named_unit": named_unit.pk if named_unit else None, "reason": reason,
    })
    save(item, "state")
    return item


@action
def record_province_decision(item: WorkItem | int, *, actor: Official, decision: str) -> WorkItem:
    """The Province office's head or deputy, or the official the registry names for it, records the
    Province's decision; the item returns to its lead unit."""
    item = lock(item)
    require_province_recorder(actor, "ghi nhận quyết định của Chủ tịch UBND tỉnh", "record the Province's decision")
    rules.check_transition(Transition.DECIDE, item.state)
    if not decision.strip():
        raise InvalidInput("Cần ghi nội dung quyết định.", "The decision text is required.")
    last_handler = item.steps.filter(kind=StepKind.HANDLE).order_by("-started_at", "-id").first()
    back_to = last_handler.holder if last_handler else leader_to_present_to(unit(item.lead_unit_id))
    item.state = State.DECIDED_BY_PROVINCE
    open_step(item, StepKind.HANDLE, item.lead_unit_id, back_to)
    append_event(item, EventKind.PROVINCE_DECISION, actor=actor, unit=unit(item.holder_unit_id),
                 data={"decision": decision})
    save(item, "state", "holder_unit", "holder")
    return item


@action
def send_back_submission(item: WorkItem | int, *, actor: Official, grounds: str, explanation: str) -> WorkItem:
    """The Province office sends a submission back (clause 1.4): the matter is the unit's own or
    delegated to it, or the dossier is incomplete. The work returns, in progress, to whoever handled it
    last, and the send-back (code R-1.4-SENT-BACK) counts against the submitting unit."""
    item = lock(item)
    require_province_recorder(actor, "trả lại tờ trình cho đơn vị", "send a submission back")
    target = rules.check_transition(Transition.SEND_BACK, item.state)
    rules.check_send_back(grounds, explanation)
    last_handler = item.steps.filter(kind=StepKind.HANDLE).order_by("-started_at", "-id").first()
    back_to = last_handler.holder if last_handler else leader_to_present_to(unit(item.lead_unit_id))
    item.state = target
    open_step(item, StepKind.HANDLE, item.lead_unit_id, back_to)
    append_event(item, EventKind.SEND_BACK, actor=actor, unit=unit(item.lead_unit_id),
                 rule_code=rules.SENT_BACK.code, data={
                     "grounds": grounds, "explanation": explanation.strip(), "holder": back_to.pk})
    save(item, "state", "holder_unit", "holder")
    return item


@action
def complete(item: WorkItem | int, *, actor: Official, result: str, override_reason: str = "",
             delay_cause: str = "", delay_note: str = "") -> WorkItem:
    """Close the item with its result; only the competent unit resolves it (clause 2.1). Work past its
    legal deadline names the cause of the delay (clause 1.5), kept on the item and in the trail."""
    item = lock(item)
    require_holder_or_leader(actor, item, "hoàn thành công việc này", "complete this item")
    rules.check_transition(Transition.COMPLETE, item.state)
    if not result.strip():
        raise InvalidInput("Cần ghi kết quả giải quyết.", "The result is required.")
    now = clock.now()
    rules.check_delay_cause(past_legal_deadline=now > item.legal_due_at, legal_due=item.legal_due_date,
                            cause=delay_cause, note=delay_note, causes=DelayCause.values)
    lead = unit(item.lead_unit_id)
    enforce(lambda: rules.check_may_resolve(competence(item), unit_ref(lead), competent_ref(item)),
            item=item, actor=actor, unit=lead, override_reason=override_reason)
    item.state, item.completed_at, item.result = State.COMPLETED, now, result.strip()
    if now > item.legal_due_at:
        item.delay_cause, item.delay_note = delay_cause, delay_note.strip()
    close_step(item)
    append_event_and_save(item, EventKind.COMPLETE, actor=actor, unit=lead, data={
        "on_time": now <= item.legal_due_at,
        "on_time_after_extension": item.legal_due_at < now <= item.due_at,
        **({"delay_cause": item.delay_cause, "delay_note": item.delay_note} if item.delay_cause else {}),
    }, fields=("state", "completed_at", "result", "delay_cause", "delay_note"))
    return item


@action
def extend_deadline(item: WorkItem | int, *, actor: Official, new_due: date, reason: str) -> WorkItem:
    """A later working deadline, approved by the lead unit's head or deputy with a reason (clause 1.5),
    as far as the matter type lets the unit extend on its own; further, it becomes a request to the
    level above (`decide_extension`). The legal deadline never moves: the figures count against it."""
    item = lock(item)
    # Who holds the work may ask (an officer's own extension is a refused attempt the trail keeps:
    # only a leader approves, clause 1.5); anyone else is refused before any rule is asked.
    require_holder_or_leader(actor, item, "gia hạn công việc này", "extend this item's deadline")
    rules.check_transition(Transition.EXTEND, item.state)
    deadline = deadline_on(new_due, "hạn mới", "new deadline")
    leader = is_leader(actor, item.lead_unit_id, today())
    enforce(lambda: rules.check_extension(approver_is_leader=leader, reason=reason, new_due=deadline.day,
                                          current_due=item.due_date), item=item, actor=actor, unit=item.lead_unit_id)
    lead = unit(item.lead_unit_id)
    try:
        rules.check_self_extension(deadline.day, self_extension_limit(item))
    except RuleViolation as beyond:  # not a refusal: the extension goes to the level above
        _request_extension(item, actor=actor, lead=lead, deadline=deadline, reason=reason, beyond=beyond)
        return item
    _apply_extension(item, deadline, actor=actor, lead=lead, reason=reason, approval=APPROVED_BY_UNIT)
    return item


# How an extension was approved, in its EXTEND event's data (`approval`): counted per unit.
APPROVED_BY_UNIT = "self"
APPROVED_ABOVE = "above"


def self_extension_limit(item: WorkItem) -> date:
    """The last day the lead unit may extend this item to on its own (the matter type's setting)."""
    calendar = current_calendar()
    legal_limit = calendar.add_working_days(item.event_date, item.matter_type.time_limit_days)
    return rules.self_extension_limit(legal_limit, item.matter_type.extension_limit_days, calendar.add_working_days)


def _apply_extension(item: WorkItem, deadline: Deadline, *, actor: Official, lead: UnitFact, reason: str,
                     approval: str, request: ExtensionRequest | None = None) -> None:
    old, old_moment = item.due_date, item.due_at
    item.due_at, item.due_date, item.calendar_version = deadline.moment, deadline.day, deadline.calendar_version
    # The open step keeps its own due date unless it ran to the item's old one.
    Step.objects.filter(item=item, ended_at__isnull=True, due_at=old_moment).update(due_at=deadline.moment)
    append_event(item, EventKind.EXTEND, actor=actor, unit=lead, data={
        "from": f"{old:%d/%m/%Y}", "to": f"{deadline.day:%d/%m/%Y}", "reason": reason.strip(),
        "legal_due": f"{item.legal_due_date:%d/%m/%Y}", "approval": approval,
        **({"request": request.pk, "requested_by": request.requested_by_id} if request else {}),
    })
    save(item, "due_at", "due_date", "calendar_version")


def _request_extension(item: WorkItem, *, actor: Official, lead: UnitFact, deadline: Deadline, reason: str,
                       beyond: RuleViolation) -> None:
    if item.extension_requests.filter(status=ExtensionStatus.PENDING).exists():
        raise InvalidInput("Công việc này đã có một đề nghị gia hạn đang chờ cấp trên phê duyệt.",
                           "An extension request for this item is already awaiting the level above.")
    request = fastsql.insert(ExtensionRequest(
        item=item, unit_id=lead.pk, requested_by=actor, requested_at=clock.now(), new_due=deadline.day,
        reason=reason.strip(), approver=item.matter_type.extension_approver,
    ))
    append_event(item, EventKind.EXTENSION_REQUEST, actor=actor, unit=lead, rule_code=beyond.code, data={
        "request": request.pk, "to": f"{deadline.day:%d/%m/%Y}", "reason": reason.strip(),
        "approver": request.approver, "message": beyond.message_vi,
    })
    save(item)


def may_decide_extension(official: Official, request: ExtensionRequest) -> bool:
    """The level above the lead unit, as the matter type names it: the Province office (its head,
    deputy or the official the registry names, as for the Province's decisions) or the head of the
    lead unit's superior body."""
    on = today()
    if request.approver == ExtensionApprover.PARENT_HEAD:
        parent = unit(request.unit_id).parent_id
        return parent is not None and is_leader(official, parent, on)
    return records_province_decisions(official, on)


@action
def decide_extension(request: ExtensionRequest | int, *, actor: Official, approve: bool, reason: str) -> WorkItem:
    """The level above approves or refuses a requested extension, with its reasons (clause 1.5)."""
    request_id = request.pk if isinstance(request, ExtensionRequest) else request
    request = ExtensionRequest.objects.get(pk=request_id)
    item = lock(request.item_id)
    request = ExtensionRequest.objects.select_for_update().get(pk=request_id)
    if not may_decide_extension(actor, request):
        raise deny("phê duyệt đề nghị gia hạn này", "decide this extension request")
    if request.status != ExtensionStatus.PENDING:
        raise InvalidInput("Đề nghị gia hạn này đã được quyết định.", "This extension request was already decided.")
    rules.check_extension_decision(reason)
    lead = unit(request.unit_id)
    request.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED
    request.decided_by, request.decided_at, request.decision_reason = actor, clock.now(), reason.strip()
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    if approve:
        rules.check_transition(Transition.EXTEND, item.state)
        deadline = deadline_on(request.new_due, "hạn mới", "new deadline")
        _apply_extension(item, deadline, actor=actor, lead=lead, reason=request.reason, approval=APPROVED_ABOVE,
                         request=request)
    else:
        append_event(item, EventKind.EXTENSION_REFUSED, actor=actor, unit=lead, data={
            "request": request.pk, "to": f"{request.new_due:%d/%m/%Y}", "reason": reason.strip(),
        })
        save(item)
    return item


__all__ = [
    "assign", "complete", "decide_extension", "direct", "extend_deadline", "record_province_decision",
    "register_incoming", "return_document", "send_back_submission", "transfer",
]
