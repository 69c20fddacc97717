"""An incoming letter asking the unit for its opinion by a date (`IncomingDocument.reply_due`, from the
form, the Excel import or edXML `DueDate`) is a consultation request like any other (clause 2.2): held
by the unit's head, answered, sent back or deemed agreed at 24:00 of that date, and counted.

Only when the sender is a unit of the province's registry: the consultation names its asking unit,
which issues the notice of deemed agreement. A letter from outside the registry keeps its reply date
on the document only (congvu cannot name who would issue the notice). An edXML letter names its
sender by organ code (`From/OrganId`), which the administrator gives the unit as its `code`; its
organ name carries the province ("Sở Tài chính tỉnh Phú Yên") and matches no unit's name."""

from django.db.models import Q

from congvu.consult.models import Consultation, ConsultationRequest, RequestState
from congvu.lib import clock
from congvu.lib.clock import today
from congvu.org.models import Official, Unit, UnitKind
from congvu.registry.queries import current_calendar
from congvu.registry.serving import head_of
from congvu.work.actions import save
from congvu.work.deadlines import end_of_local_day
from congvu.work.models import EventKind, IncomingDocument, WorkItem
from congvu.work.trail import append_event


def sender_unit(sender: str, receiving_unit_id: int, organ_code: str = "") -> Unit | None:
    """The registry unit the letter comes from: by its organ code on the axis, else by its full name (as
    the registry writes it, or followed by the province as the axis writes it) or an abbreviation no
    other unit shares."""
    active = Unit.objects.filter(valid_to__isnull=True).exclude(pk=receiving_unit_id)
    by_code = active.filter(code=organ_code.strip()).first() if organ_code.strip() else None
    if by_code is not None:
        return by_code
    name = _without_province(sender.strip())
    by_name = active.filter(name__iexact=name).first()
    if by_name is not None:
        return by_name
    by_abbrev = list(active.filter(Q(abbrev__iexact=sender.strip()))[:2])
    return by_abbrev[0] if len(by_abbrev) == 1 else None


def _without_province(sender: str) -> str:
    """"Sở Tài chính tỉnh Đắk Lắk" → "Sở Tài chính" when this province is Đắk Lắk (the committee's name
    after "Ủy ban nhân dân"); a unit of another province keeps its suffix and so matches no unit here."""
    committee = Unit.objects.filter(kind=UnitKind.PROVINCE_COMMITTEE, valid_to__isnull=True).first()
    province = committee.name.removeprefix("Ủy ban nhân dân").strip() if committee is not None else ""
    if province and sender.casefold().endswith(" " + province.casefold()):
        return sender[: -len(province) - 1].strip()
    return sender


def consult_from_incoming(item: WorkItem, document: IncomingDocument, actor: Official | None,
                          organ_code: str = "") -> None:
    """Called by `congvu.work.actions.register_incoming` (see `AFTER_REGISTER`), in its transaction, and
    again with the sender's organ code by `congvu.documents.edxml_receive` (once per item)."""
    if document.reply_due is None or (organ_code and Consultation.objects.filter(item=item).exists()):
        return
    asking = sender_unit(document.sender, item.lead_unit_id, organ_code)
    asker = head_of(asking, today()) if asking is not None else None
    if asker is None:
        return
    calendar, due = current_calendar(), end_of_local_day(document.reply_due)
    consultation = Consultation.objects.create(
        item=item, asking_unit=asking, asked_by=asker, question=document.subject, letter_notation=document.notation,
        letter_date=document.issued_on, reply_days=max(calendar.working_days_between(today(), document.reply_due), 0),
        asked_at=clock.now(), due_at=due, due_date=document.reply_due, calendar_version=calendar.version,
    )
    request = ConsultationRequest.objects.create(
        consultation=consultation, item=item, unit_id=item.lead_unit_id, holder=item.holder, due_at=due)
    append_event(item, EventKind.CONSULT, actor=actor, unit=asking, data={
        "consultation": consultation.pk, "units": [item.lead_unit_id], "request": request.pk,
        "due": f"{document.reply_due:%d/%m/%Y}", "incoming": document.pk,
    })
    save(item)


def follow_reply_date(item: WorkItem, document: IncomingDocument) -> int:
    """An update of the letter that moves its reply date (edXML `DueDate` in an update message) moves the
    deadline of the request it opened while still pending; returns how many requests moved. The
    asked-by-another-unit consultations of the item are the ones its letters opened."""
    if document.reply_due is None:
        return 0
    due = end_of_local_day(document.reply_due)
    opened = Consultation.objects.filter(item=item).exclude(asking_unit_id=item.lead_unit_id)
    pending = ConsultationRequest.objects.filter(consultation__in=opened, state=RequestState.PENDING)
    consultation_ids = list(pending.values_list("consultation_id", flat=True))
    Consultation.objects.filter(pk__in=consultation_ids).update(due_at=due, due_date=document.reply_due)
    return pending.update(due_at=due)


def withdraw_with_letter(item: WorkItem) -> int:
    """The sender revoked the letter (edXML business type 1): each request it opened and still pending
    is withdrawn — no reply is owed, and the sweep deems nothing. The requests already answered or
    deemed keep what happened. Returns how many were withdrawn; the revocation's event names them."""
    opened = Consultation.objects.filter(item=item).exclude(asking_unit_id=item.lead_unit_id)
    pending = ConsultationRequest.objects.filter(consultation__in=opened, state=RequestState.PENDING)
    withdrawn = list(pending.values_list("pk", flat=True))
    ConsultationRequest.objects.filter(pk__in=withdrawn).update(state=RequestState.WITHDRAWN)
    return len(withdrawn)
