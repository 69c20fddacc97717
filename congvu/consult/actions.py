"""Every change to a consultation: ask, assign a request, reply, record the heads' meeting; and the
submission to the Province, which a disagreement not yet reconciled holds back (clause 2.3).
Each is one transaction that locks the item first (so a reply and the sweep never cross) and
appends its event to the item's chain. The deemed-agreement sweep lives in `consult.sweep`."""

from collections.abc import Iterable
from datetime import date

from django.core.files.base import ContentFile

from congvu.consult import deemed, rules
from congvu.consult.models import (
    Consultation,
    ConsultationRequest,
    MeetingOutcome,
    Notice,
    OutgoingRegister,
    Reconciliation,
    RequestState,
)
from congvu.consult.notices import BASIS, letter_content
from congvu.consult.queries import remaining_differences, unreconciled_disagreements
from congvu.lib import clock, fastsql
from congvu.lib.clock import today
from congvu.lib.instances import new_row
from congvu.lib.refusals import InvalidInput, InvalidState
from congvu.lib.workdays import local_date
from congvu.org.models import Official, Role, Unit, UnitKind
from congvu.org.notify import REMINDER_PREFIX, mark_read_about, notify, notify_ids
from congvu.registry.queries import current_calendar, parameter, related_unit_ids, unit
from congvu.registry.serving import head_of, officer_ids_of, serves_in
from congvu.work import rules as work_rules
from congvu.work.access import deny, require_holder_or_leader, require_leader
from congvu.work.actions import (
    action,
    competence,
    enforce,
    leader_to_present_to,
    lock,
    lock_item_of,
    open_step,
    save,
    take_numbers,
)
from congvu.work.deadlines import working_days_after
from congvu.work.models import EventKind, State, StepKind, WorkItem
from congvu.work.rules import Transition
from congvu.work.trail import append_event, append_event_and_save

REPLY_DAYS = "consultation_reply_days"
ANY_UNIT = "consultation_any_unit"
REQUEST_COLUMNS = ("consultation_id", "item_id", "unit_id", "holder_id", "due_at")


def item_url(item_id: int) -> str:
    return f"/cong-viec/{item_id}/"


@action
def ask(
    item: WorkItem | int, *, actor: Official, units: Iterable[Unit], question: str, reply_days: int | None = None,
    attachment: ContentFile | None = None, attachment_name: str = "", shares_original: bool = False,
    override_reason: str = "", proposal: str = "",
) -> Consultation:
    """The lead unit asks related units for their opinion on its `proposal` (the draft or position asked
    about), each to answer within `reply_days` working days. The letter that asks is numbered in the
    lead unit's outgoing register. The consulted units see the question, the proposal, the attachment
    and, if `shares_original`, the incoming original; nothing else of the item."""
    item = lock(item)
    require_holder_or_leader(actor, item, "xin ý kiến cho công việc này", "consult on this item")
    target = work_rules.check_transition(Transition.CONSULT, item.state)
    units = list({u.pk: u for u in units}.values())
    rules.check_units_to_ask({u.pk for u in units}, item.lead_unit_id)
    if not question.strip():
        raise InvalidInput("Cần nêu nội dung xin ý kiến.", "The question is required.")
    if shares_original and not (item.incoming_id and item.incoming.original):
        raise InvalidInput("Công việc này không có văn bản gốc để gửi kèm.",
                           "This item has no original document to share.")
    setting = parameter(REPLY_DAYS)
    days = setting.value if reply_days is None else reply_days
    rules.check_reply_days(days, setting.minimum, setting.maximum)
    widened = parameter(ANY_UNIT).value == 1
    for asked in units:
        enforce(lambda asked=asked: rules.check_consultable(asked.name, asked.kind,
                                                            asked.parent_id == item.lead_unit_id, widened),
                item=item, actor=actor, unit=item.lead_unit_id)
    related = related_unit_ids(item.matter_type_id)
    for asked in units:
        enforce(lambda asked=asked: rules.check_related(asked.pk, asked.name, related),
                item=item, actor=actor, unit=item.lead_unit_id, override_reason=override_reason)
    deadline = working_days_after(current_calendar(), today(), days)
    on = today()
    number = take_numbers(item.lead_unit_id, on.year, OutgoingRegister.SERIES)
    consultation = new_row(
        Consultation, item=item, asking_unit_id=item.lead_unit_id, asked_by=actor, question=question.strip(),
        reply_days=days, shares_original=shares_original, proposal=proposal.strip(),
        letter_notation=f"{number:02d}/{unit(item.lead_unit_id).abbrev}", letter_date=on,
        asked_at=clock.now(), due_at=deadline.moment, due_date=deadline.day, calendar_version=deadline.calendar_version,
    )
    if attachment is not None:
        consultation.attachment.save(attachment_name or "tai-lieu", attachment, save=False)
    fastsql.insert(consultation)
    heads = [leader_to_present_to(u) for u in units]
    # Written from their values: no one reads the requests back here (no instance to build per row).
    fastsql.insert_rows(ConsultationRequest, REQUEST_COLUMNS, [
        (consultation.pk, item.pk, u.pk, head.pk, deadline.moment) for u, head in zip(units, heads, strict=True)
    ])
    item.state = target
    append_event_and_save(item, EventKind.CONSULT, actor=actor, unit=unit(item.lead_unit_id), data={
        "consultation": consultation.pk, "units": [u.pk for u in units], "reply_days": days,
        "due": f"{deadline.day:%d/%m/%Y}", "shares_original": shares_original,
    }, fields=("state",))
    notify(heads, f"{unit(item.lead_unit_id).name} xin ý kiến về “{item.title}”, hạn trả lời "
                  f"{deadline.day:%d/%m/%Y}", item_url(item.pk))
    return consultation


def lock_request(request: ConsultationRequest | int) -> tuple[WorkItem, ConsultationRequest]:
    """The request and its item, the item locked first: every writer of a request takes this order."""
    pk = request.pk if isinstance(request, ConsultationRequest) else request
    try:
        item = lock_item_of(ConsultationRequest, pk)
    except WorkItem.DoesNotExist:  # no such request (every request has its item)
        raise ConsultationRequest.DoesNotExist(f"ConsultationRequest {pk} does not exist") from None
    return item, fastsql.get(ConsultationRequest, pk)


@action
def assign_request(request: ConsultationRequest | int, *, actor: Official, holder: Official) -> ConsultationRequest:
    """The consulted unit's leader names the official who prepares the reply."""
    item, request = lock_request(request)
    require_leader(actor, request.unit_id, "phân công trả lời yêu cầu này", "assign this request")
    if request.state != RequestState.PENDING:
        raise InvalidState("Yêu cầu này đã được trả lời hoặc coi như đồng ý.", "This request is already settled.")
    enforce(lambda: work_rules.check_step_holder(serves_in(holder, request.unit_id, today())),
            item=item, actor=actor, unit=request.unit_id)
    request.holder = holder
    fastsql.update(request, ["holder"])
    append_event(item, EventKind.CONSULT_ASSIGN, actor=actor, unit=unit(request.unit_id),
                 data={"request": request.pk, "holder": holder.pk})
    save(item)
    notify([holder], f"Được giao chuẩn bị ý kiến trả lời về “{item.title}”", item_url(item.pk))
    return request


@action
def reply(
    request: ConsultationRequest | int, *, actor: Official, position: str, reasons: str = "",
) -> ConsultationRequest:
    """The consulted unit's reply. A reply after the deadline is kept and shown, but counts as
    agreement and is recorded as late (clause 2.2)."""
    item, request = lock_request(request)
    if request.holder_id != actor.pk:
        require_leader(actor, request.unit_id, "trả lời yêu cầu này", "answer this request")
    if request.replied_at is not None:
        raise InvalidState("Đơn vị đã trả lời yêu cầu này.", "This request has already been answered.")
    if request.state == RequestState.SENT_BACK:
        raise InvalidState("Đơn vị đã trả lại yêu cầu này.", "This request was sent back.")
    enforce(lambda: rules.check_clear_position(position, reasons), item=item, actor=actor, unit=request.unit_id)
    now = clock.now()
    request.position, request.reasons, request.replied_at, request.replied_by = position, reasons.strip(), now, actor
    request.late = now > request.due_at
    deemed_now = request.late and request.state == RequestState.PENDING
    if deemed_now:
        # The sweep has not come yet: the agreement is deemed here, as of the deadline, with the same
        # notice and responsibility the sweep would leave; the late reply stays attached as information.
        request.state, request.deemed_at = RequestState.DEEMED_AGREED, request.due_at
    elif request.state == RequestState.PENDING:
        request.state = RequestState.ANSWERED
    fastsql.update(request, ["position", "reasons", "replied_at", "replied_by", "late", "state", "deemed_at"])
    if deemed_now:
        _deem_on_late_reply(item, request, now)
    settle(item)  # reads the requests only, so it goes first: the event and the item's state are then one write
    append_event_and_save(item, EventKind.CONSULT_REPLY, fields=("state",), actor=actor, unit=unit(request.unit_id),
                          data={"request": request.pk, "position": position, "late": request.late})
    # The reminders to the unit's people about this item asked for this reply: they are done with.
    # Who serves in the unit today, from the pinned registry snapshot (no query to build or run).
    mark_read_about(officer_ids_of(request.unit_id, today()), item_url(item.pk),
                    text_prefix=REMINDER_PREFIX, read_first=False)
    lateness = " sau thời hạn (đã được coi là đồng ý)" if request.late else ""
    # By the holder's id: no read of the official's row, no instance to build.
    notify_ids([item.holder_id], f"{unit(request.unit_id).name} đã có ý kiến trả lời{lateness} về “{item.title}”",
               item_url(item.pk))
    return request


def _deem_on_late_reply(item: WorkItem, request: ConsultationRequest, now) -> None:
    request.consultation = fastsql.get(Consultation, request.consultation_id)
    fastsql.insert(deemed.draft_notice(request, now))
    duty = fastsql.insert(deemed.responsibility(request, now))
    append_event(item, EventKind.DEEMED_AGREEMENT, actor=None, unit=unit(request.unit_id),
                 rule_code=rules.DEEMED_AGREEMENT.code, data=deemed.event_data(request, late_reply=True))
    # Told as the sweep tells it: the asking head that a notice waits for signature, the silent side.
    asking_id = request.consultation.asking_unit_id
    asking_head = head_of(asking_id, local_date(now))
    text = deemed.notification_text(unit(request.unit_id).name, unit(asking_id).name, item.title)
    people = deemed.told(request, item.holder_id, asking_head and asking_head.pk, duty.head_id)
    notify_ids(people, text, item_url(item.pk))


@action
def send_back(request: ConsultationRequest | int, *, actor: Official, grounds: str, reason: str) -> ConsultationRequest:
    """The consulted unit sends the request back, with grounds (not related to its functions, or the
    asking unit's own matter): its clock stops. It counts against the asking unit unless Home Affairs
    later finds the grounds wrong (`find_on_send_back`)."""
    item, request = lock_request(request)
    if request.holder_id != actor.pk:
        require_leader(actor, request.unit_id, "trả lại yêu cầu xin ý kiến này", "send this request back")
    if request.state != RequestState.PENDING:
        raise InvalidState("Yêu cầu này đã được trả lời hoặc coi như đồng ý.", "This request is already settled.")
    enforce(lambda: rules.check_send_back(grounds, reason), item=item, actor=actor, unit=request.unit_id)
    consultation = fastsql.get(Consultation, request.consultation_id)
    request.state, request.sent_back_at, request.sent_back_by = RequestState.SENT_BACK, clock.now(), actor
    request.send_back_grounds, request.send_back_reason = grounds, reason.strip()
    request.send_back_charged_to_id = consultation.asking_unit_id
    fastsql.update(request, ["state", "sent_back_at", "sent_back_by", "send_back_grounds", "send_back_reason",
                             "send_back_charged_to"])
    settle(item)
    append_event_and_save(item, EventKind.CONSULT_SEND_BACK, fields=("state",), actor=actor, unit=unit(request.unit_id),
                          data={"request": request.pk, "grounds": grounds, "reason": reason.strip()})
    notify([item.holder], f"{unit(request.unit_id).name} trả lại yêu cầu xin ý kiến về “{item.title}”: "
                          f"{reason.strip()}"[:400], item_url(item.pk))
    return request


@action
def find_on_send_back(request: ConsultationRequest | int, *, actor: Official, upheld: bool) -> ConsultationRequest:
    """Home Affairs' finding: grounds upheld, the send-back counts against the asking unit; not upheld,
    against the unit that sent it back."""
    item, request = lock_request(request)
    if actor.role != Role.HOME_AFFAIRS:
        raise deny("kết luận về việc trả lại yêu cầu xin ý kiến", "rule on a sent-back consultation")
    if request.state != RequestState.SENT_BACK:
        raise InvalidState("Yêu cầu này không bị trả lại.", "This request was not sent back.")
    consultation = fastsql.get(Consultation, request.consultation_id)
    request.send_back_upheld = upheld
    request.send_back_charged_to_id = consultation.asking_unit_id if upheld else request.unit_id
    fastsql.update(request, ["send_back_upheld", "send_back_charged_to"])
    append_event(item, EventKind.SEND_BACK_FINDING, actor=actor, unit=None, data={
        "request": request.pk, "upheld": upheld, "charged_to": request.send_back_charged_to_id})
    save(item)
    return request


@action
def sign_notice(notice: Notice | int, *, actor: Official) -> Notice:
    """The asking unit's head or a deputy signs the drafted notice in one click: it is numbered in the
    unit's outgoing register, dated today (a working day), and its wording fixed."""
    pk = notice.pk if isinstance(notice, Notice) else notice
    item, request = lock_request(fastsql.get(Notice, pk).request_id)
    notice = Notice.objects.select_related("unit").get(pk=pk)
    require_leader(actor, notice.unit_id, "ký ban hành thông báo này", "sign this notice")
    if notice.is_signed:
        raise InvalidState("Thông báo này đã được ký ban hành.", "This notice is already signed.")
    day, calendar = today(), current_calendar()
    enforce(lambda: rules.check_signing_day(day, calendar.is_working_day(day), calendar.next_working_day(day)),
            item=item, actor=actor, unit=notice.unit_id)
    request = (ConsultationRequest.objects.select_related("consultation__asking_unit__parent", "unit", "item")
               .get(pk=request.pk))
    number = take_numbers(notice.unit_id, day.year, OutgoingRegister.SERIES)
    notice.number, notice.year, notice.issued_on = number, day.year, day
    notice.signer, notice.signed_at = actor, clock.now()
    notice.content = letter_content(request, number, day, actor, parameter(BASIS).legal_basis)
    notice.save(update_fields=["number", "year", "issued_on", "signer", "signed_at", "content"])
    append_event(item, EventKind.NOTICE_SIGNED, actor=actor, unit=unit(notice.unit_id), data={
        "request": request.pk, "notice": notice.notation, "issued_on": f"{day:%d/%m/%Y}"})
    save(item)
    notify([item.holder, request.holder, head_of(request.unit_id, day)],
           f"Thông báo số {notice.notation}: {request.unit.name} được coi là đồng ý với đề xuất được lấy ý kiến "
           f"về “{item.title}” (đã ký ban hành)",
           item_url(item.pk))
    return notice


def settle(item: WorkItem) -> None:
    """Back to work once no request of the item is waiting (the caller saves the state)."""
    if item.state == State.CONSULTING and not fastsql.exists(ConsultationRequest, item_id=item.pk,
                                                              state=RequestState.PENDING):
        item.state = work_rules.check_transition(Transition.CONSULTED, item.state)


@action
def submit_to_province(item: WorkItem | int, *, actor: Official, summary: str = "",
                       override_reason: str = "") -> WorkItem:
    """Submit to the Province only what the Province itself must decide (clause 1.4), once every timely
    disagreement was taken up by the heads (clause 2.3); the differences still open travel with it.
    Here rather than in `congvu.work.actions` because that consultation rule gates it."""
    item = lock(item)
    require_holder_or_leader(actor, item, "trình công việc này", "submit this item")
    work_rules.check_transition(Transition.SUBMIT, item.state)
    enforce(lambda: work_rules.check_submission(competence(item)),
            item=item, actor=actor, unit=item.lead_unit_id, override_reason=override_reason)
    unreconciled = [r.unit.name for r in unreconciled_disagreements(item)]
    enforce(lambda: rules.check_reconciled(unreconciled), item=item, actor=actor, unit=item.lead_unit_id)
    differences = remaining_differences(item)
    item.remaining_differences = "\n".join(
        f"{d['unit']}: {d['other_view']} — ý kiến đơn vị chủ trì: {d['lead_view']} (làm việc ngày {d['held_on']})"
        for d in differences
    )
    office = Unit.objects.filter(kind=UnitKind.PROVINCE_OFFICE, valid_to__isnull=True).first()
    if office is None:
        raise InvalidInput("Chưa khai báo Văn phòng UBND tỉnh để tiếp nhận tờ trình.",
                           "No Province office is registered to receive submissions.")
    item.state = State.SUBMITTED
    open_step(item, StepKind.PROVINCE, office, leader_to_present_to(office))
    append_event(item, EventKind.SUBMIT, actor=actor, unit=unit(item.lead_unit_id), data={
        "summary": summary, "remaining_differences": differences,
    })
    save(item, "state", "holder_unit", "holder", "remaining_differences")
    return item


@action
def record_reconciliation(
    request: ConsultationRequest | int, *, actor: Official, held_on: date, attendees: str, outcome: str,
    lead_view: str = "", other_view: str = "",
) -> Reconciliation:
    """The direct meeting of the lead unit's head with the head of a disagreeing unit (clause 2.3).
    When they still differ, each side's view travels with the submission."""
    item, request = lock_request(request)
    require_leader(actor, item.lead_unit_id, "ghi nhận cuộc làm việc giữa thủ trưởng", "record the heads' meeting")
    if outcome not in MeetingOutcome.values or not attendees.strip():
        raise InvalidInput("Cần ghi thành phần dự họp và kết quả.", "Attendees and outcome are required.")
    if outcome == MeetingOutcome.STILL_DIFFER and not (lead_view.strip() and other_view.strip()):
        raise InvalidInput("Còn khác nhau thì phải ghi ý kiến của mỗi bên.", "Record each side's view.")
    if held_on > today():
        raise InvalidInput("Ngày làm việc không được ở tương lai.", "The meeting date cannot be in the future.")
    meeting = Reconciliation.objects.create(
        request=request, item=item, held_on=held_on, attendees=attendees.strip(), outcome=outcome,
        lead_view=lead_view.strip(), other_view=other_view.strip(), recorded_by=actor, recorded_at=clock.now(),
    )
    append_event(item, EventKind.RECONCILE, actor=actor, unit=unit(item.lead_unit_id), data={
        "request": request.pk, "outcome": outcome, "held_on": f"{held_on:%d/%m/%Y}",
    })
    save(item)
    return meeting
