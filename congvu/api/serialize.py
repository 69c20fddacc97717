"""Objects to the API's output shapes, a fixed number of queries per response (never one per row)."""

from django.db.models import QuerySet
from django.utils import translation

from congvu.consult.access import own_requests
from congvu.consult.available import Viewer, available_actions
from congvu.consult.models import Consultation, ConsultationRequest, Notice, Reconciliation
from congvu.consult.next_step import NextStep
from congvu.consult.queries import requests_of
from congvu.consult.viewer_step import step_of
from congvu.lib import clock
from congvu.org.models import Official
from congvu.registry import snapshot
from congvu.work.access import visible_items
from congvu.work.models import Event, State, WorkItem
from congvu.work.queries import events_of, step_delay_days, steps_of
from congvu.work.rules import Transition

ITEM_RELATED = ("matter_type", "lead_unit", "holder", "incoming")
# The next steps (`congvu.consult.available`), named as the API's action paths.
ACTION_PATHS = {Transition.DECIDE: "province-decision", Transition.SEND_BACK: "send-back",
                Transition.CONSULT: "consultations"}


def item_row(item: WorkItem) -> dict:
    now = clock.now()
    return {
        "id": item.pk, "title": item.title, "state": item.state, "state_label": item.get_state_display(),
        "origin": item.origin, "matter_type_id": item.matter_type_id, "matter_type_name": item.matter_type.name,
        "registered_unit_id": item.registered_unit_id, "lead_unit_id": item.lead_unit_id,
        "lead_unit_name": item.lead_unit.name, "holder_unit_id": item.holder_unit_id, "holder_id": item.holder_id,
        "holder_name": item.holder.full_name, "due_date": item.due_date, "due_at": item.due_at,
        "legal_due_date": item.legal_due_date, "legal_due_at": item.legal_due_at,
        "created_at": item.created_at, "completed_at": item.completed_at,
        "incoming_number": item.incoming.incoming_number if item.incoming else None,
        "overdue": item.is_open and item.due_at < now,
    }


def item_rows(items: QuerySet[WorkItem]) -> list[dict]:
    return [item_row(i) for i in items.select_related(*ITEM_RELATED)]


def item_detail(item_id: int, official: Official) -> dict:
    item = WorkItem.objects.select_related(*ITEM_RELATED).get(pk=item_id)
    if not visible_items(official).filter(pk=item_id).exists():
        return consulted_detail(item, official)
    # Every action answers with this (issue 13: 11 queries, two thirds of registering a document's CPU):
    # what cannot exist is not asked for. Only a transfer makes a successor, and it leaves the item
    # transferred (as the item page, congvu/web/views_items.py); every consultation is opened with at
    # least one request (congvu.consult.actions.ask, consult.incoming) and every heads' meeting is on
    # one of them, so an item without requests has neither.
    successor = (WorkItem.objects.filter(transferred_from=item).values_list("pk", flat=True).first()
                 if item.state == State.TRANSFERRED else None)
    requests = list(requests_of(item).select_related("notice__unit", "consultation__asking_unit", "item"))
    return {
        **item_row(item), "view": "whole",
        "requester_unit_id": item.requester_unit_id,
        "cooperating_unit_ids": sorted(item.cooperating_units.values_list("pk", flat=True)),
        "result": item.result, "remaining_differences": item.remaining_differences,
        "transferred_from_id": item.transferred_from_id, "transferred_to_id": successor,
        "incoming": incoming(item), "actions": actions_for(official, item),
        "next_step": next_step_row(step_of(official, item)),
        "steps": [step_row(s) for s in steps_of(item)],
        "events": [event_row(e) for e in events_of(item)],
        "consultations": consultations(item, requests) if requests else [],
        "reconciliations": [reconciliation_row(r) for r in item.reconciliations.order_by("held_on", "id")]
        if requests else [],
    }


def consulted_detail(item: WorkItem, official: Official) -> dict:
    """The item as a unit only consulted on it sees it (congvu.consult.access): its summary, its own
    requests with their consultations and heads' meetings; the steps, the trail, the incoming
    document, the other units' requests and the lead unit's notes are left empty."""
    requests = list(own_requests(official).filter(item=item).select_related(*REQUEST_RELATED).order_by("id"))
    asked = item.consultations.filter(pk__in={r.consultation_id for r in requests}).order_by("asked_at", "id")
    meetings = item.reconciliations.filter(request__in=requests).order_by("held_on", "id")
    return {
        **item_row(item), "view": "consulted", "incoming_number": None, "requester_unit_id": None,
        "cooperating_unit_ids": [],
        "result": "", "remaining_differences": "", "transferred_from_id": None, "transferred_to_id": None,
        "incoming": None, "actions": [],
        "next_step": next_step_row(step_of(official, item)), "steps": [], "events": [],
        "consultations": [consultation_row(c, requests) for c in asked],
        "reconciliations": [reconciliation_row(r) for r in meetings],
    }


def incoming(item: WorkItem) -> dict | None:
    doc = item.incoming
    if doc is None:
        return None
    return {"id": doc.pk, "unit_id": doc.unit_id, "year": doc.year, "incoming_number": doc.incoming_number,
            "sender": doc.sender, "notation": doc.notation, "issued_on": doc.issued_on, "doc_type": doc.doc_type,
            "subject": doc.subject, "received_on": doc.received_on, "reply_due": doc.reply_due,
            "priority": doc.priority}


def actions_for(official: Official, item: WorkItem) -> list[str]:
    """What the caller may plausibly do next (what the web page offers, asked of the same module);
    the action itself still judges."""
    return [ACTION_PATHS.get(name, name.value) for name in available_actions(Viewer(official, item))]


def next_step_row(step: NextStep | None) -> dict | None:
    """The step's code, its label in the reader's language and in both."""
    if step is None:
        return None
    labels = {}
    for language in ("vi", "en"):
        with translation.override(language):
            labels[language] = str(step.label)
    return {"code": step.value, "label": str(step.label), "label_vi": labels["vi"], "label_en": labels["en"]}


def step_row(step) -> dict:
    return {"kind": step.kind, "kind_label": step.get_kind_display(), "holder_unit_id": step.holder_unit_id,
            "holder_unit_name": step.holder_unit.name, "holder_id": step.holder_id,
            "holder_name": step.holder.full_name, "started_at": step.started_at, "due_at": step.due_at,
            "ended_at": step.ended_at, "delay_days": step_delay_days(step)}


def clause_of(rule_code: str) -> str:
    """"R-2.1-OWN-COMPETENCE-TRANSFER" → "2.1"."""
    parts = rule_code.split("-")
    return parts[1] if len(parts) > 2 else ""


def event_row(event: Event) -> dict:
    data = event.data if isinstance(event.data, dict) else {"value": event.data}
    return {
        "seq": event.seq, "kind": event.kind, "outcome": event.outcome, "rule_code": event.rule_code,
        "clause": clause_of(event.rule_code), "message": str(data.get("message", "")) if event.rule_code else "",
        "reason": str(data.get("reason", "")) if event.rule_code else "",
        "actor_id": event.actor_id, "actor_name": event.actor.full_name if event.actor else "",
        "unit_id": event.unit_id, "unit_name": event.unit.name if event.unit else "", "at": event.at,
        "data": data, "hash": event.hash,
    }


def notice_is_draft(request: ConsultationRequest) -> bool:
    """A deemed-agreement notice drafted by the sweep and not yet signed by the asking unit's head."""
    try:
        return not request.notice.is_signed
    except Notice.DoesNotExist:
        return False


def notice_number(request: ConsultationRequest) -> str | None:
    """The deemed-agreement notice's number, e.g. "05/TB-SXD" (Decree 30: a leading 0 under 10)."""
    try:
        notice = request.notice
    except Notice.DoesNotExist:
        return None
    return notice.notation or None


def request_row(request: ConsultationRequest) -> dict:
    consultation, names = request.consultation, snapshot.current()
    holder = names.officials.get(request.holder_id)
    unit = names.units.get(request.unit_id)
    return {
        "id": request.pk, "consultation_id": consultation.pk, "item_id": request.item_id,
        "item_title": request.item.title, "asking_unit_id": consultation.asking_unit_id,
        "asking_unit_name": consultation.asking_unit.name, "question": consultation.question,
        "unit_id": request.unit_id, "unit_name": unit.name if unit else "", "holder_id": request.holder_id,
        "holder_name": holder.full_name if holder else "", "state": request.state, "due_at": request.due_at,
        "position": request.position, "reasons": request.reasons, "replied_at": request.replied_at,
        "late": request.late, "deemed_at": request.deemed_at, "notice": notice_number(request),
        "notice_draft": notice_is_draft(request), "send_back_grounds": request.send_back_grounds,
        "send_back_reason": request.send_back_reason,
    }


REQUEST_RELATED = ("consultation__asking_unit", "item", "notice__unit")


def request_detail(request_id: int) -> dict:
    return request_row(ConsultationRequest.objects.select_related(*REQUEST_RELATED).get(pk=request_id))


def consultation_row(consultation: Consultation, requests: list[ConsultationRequest]) -> dict:
    return {
        "id": consultation.pk, "item_id": consultation.item_id, "asking_unit_id": consultation.asking_unit_id,
        "asked_by_id": consultation.asked_by_id, "question": consultation.question,
        "proposal": consultation.proposal, "letter_notation": consultation.letter_notation,
        "reply_days": consultation.reply_days, "asked_at": consultation.asked_at,
        "due_date": consultation.due_date, "due_at": consultation.due_at,
        "requests": [request_row(r) for r in requests if r.consultation_id == consultation.pk],
    }


def consultations(item: WorkItem, requests: list[ConsultationRequest]) -> list[dict]:
    return [consultation_row(c, requests) for c in item.consultations.order_by("asked_at", "id")]


def consultation_detail(consultation_id: int) -> dict:
    consultation = Consultation.objects.get(pk=consultation_id)
    requests = list(consultation.requests.select_related(*REQUEST_RELATED).order_by("id"))
    return consultation_row(consultation, requests)


def reconciliation_row(meeting: Reconciliation) -> dict:
    return {"id": meeting.pk, "request_id": meeting.request_id, "item_id": meeting.item_id,
            "held_on": meeting.held_on, "attendees": meeting.attendees, "outcome": meeting.outcome,
            "lead_view": meeting.lead_view, "other_view": meeting.other_view, "recorded_at": meeting.recorded_at}
