"""The item page's timeline: steps with their delays, and events with what they changed, in words.

Events keep unit and official ids in their data (the trail is hash-chained and must not change
when a name does), so the names are looked up here, in one query per kind, not one per row."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from congvu.consult import rules as consult_rules  # noqa: F401 - registers the consultation rules
from congvu.consult.models import ConsultationRequest, MeetingOutcome, ReplyPosition
from congvu.lib.choices import label_of
from congvu.lib.clock import today
from congvu.lib.refusals import RULES
from congvu.lib.workdays import local_date
from congvu.org.models import Official, Position, Unit
from congvu.oversight.models import Resolution
from congvu.registry import snapshot
from congvu.registry.queries import current_calendar
from congvu.work.models import DelayCause, Event, EventKind, IncomingDocument, Outcome, Step, WorkItem
from congvu.work.queries import ONE_MICROSECOND, events_of, step_delay_days, steps_of
from congvu.work.rules import ReturnGrounds, SendBackGrounds

CONSULTATION_KINDS = (EventKind.CONSULT, EventKind.CONSULT_ASSIGN, EventKind.CONSULT_REPLY, EventKind.DEEMED_AGREEMENT,
                      EventKind.RECONCILE)
# Events written by a sweep carry a rule code but no message of their own.
RULE_MESSAGES = {
    "R-2.2-DEEMED-AGREEMENT": gettext_lazy("A unit that does not reply by the deadline is deemed to agree"),
    "R-1.4-SENT-BACK": gettext_lazy("Do not submit to the Province what is within the unit's own or delegated "
                                    "authority, nor an incomplete dossier"),
}


@dataclass
class StepRow:
    step: Step
    kind: str
    delay_days: int

    @property
    def due_day(self) -> date:
        """The last day of the step: its due moment is 24:00 of that day, which reads as 00:00 of the next."""
        return local_date(self.step.due_at - ONE_MICROSECOND)


@dataclass
class EventRow:
    event: Event
    kind: str
    actor: str = ""
    details: list[str] = field(default_factory=list)
    clause: str = ""
    message: str = ""
    reason: str = ""

    @property
    def refused(self) -> bool:
        return self.event.outcome == Outcome.REFUSED

    @property
    def overridden(self) -> bool:
        return self.event.outcome == Outcome.OVERRIDE


def clause_of(rule_code: str) -> str:
    """"R-2.1-OWN-COMPETENCE-TRANSFER" → "2.1": the clause is the code's second part."""
    parts = rule_code.split("-")
    return parts[1] if len(parts) > 2 else ""


def step_rows(item: WorkItem) -> list[StepRow]:
    return [StepRow(s, s.get_kind_display(), step_delay_days(s)) for s in steps_of(item)]


def event_rows(item: WorkItem) -> list[EventRow]:
    events = list(events_of(item))
    registry = snapshot.current()
    units = _names(Unit, registry.units, events, ("lead_unit", "to_unit", "named_unit", "cooperating", "units"))
    people = _names(Official, registry.officials, events, ("holder",))
    units.update(_consulted_units(events))
    actors = Actors(events)
    return [_row(e, units, people, actors) for e in events]


class Actors:
    """Who acted, as they were when they acted: name, title and their own unit (not the item's unit,
    which is what an event's `unit` records — a Province office head acting on a department's item
    is shown as the Province office's)."""

    def __init__(self, events: list[Event]) -> None:
        ids = {e.actor_id for e in events if e.actor_id}
        self.positions: dict[int, list[Position]] = {}
        for p in Position.objects.filter(official_id__in=ids).select_related("unit", "official").order_by("id"):
            self.positions.setdefault(p.official_id, []).append(p)
        # The events were read with their actor (`events_of`): their names need no query of their own.
        self.names = {e.actor_id: e.actor.full_name for e in events if e.actor_id}

    def at(self, event: Event) -> str:
        if not event.actor_id:
            return _("The system")
        day = local_date(event.at)
        held = [p for p in self.positions.get(event.actor_id, [])
                if p.valid_from <= day and (p.valid_to is None or p.valid_to >= day)]
        # The position in the unit the event is about, if they held one there; else their first.
        held.sort(key=lambda p: p.unit_id != event.unit_id)
        name = self.names.get(event.actor_id, "")
        return f"{name} — {held[0].get_title_display()}, {held[0].unit.name}" if held else name


def _consulted_units(events: list[Event]) -> dict[str, str]:
    """The consulted unit of each request a heads' meeting was about, keyed "request:<id>"."""
    ids = {e.data["request"] for e in events
           if e.kind == EventKind.RECONCILE and isinstance(e.data.get("request"), int)}
    rows = ConsultationRequest.objects.filter(pk__in=ids).values_list("pk", "unit__name")
    return {f"request:{pk}": name for pk, name in rows}


def _names(model: type, facts: dict, events: list[Event], keys: tuple[str, ...]) -> dict[int, str]:
    """The names of the units or officials the events name, from the registry snapshot (`facts`, every
    row, merged units and former officials too: a query each per item page before); a row the snapshot
    lacks is read from the database."""
    ids: set[int] = set()
    for event in events:
        for key in keys:
            value = event.data.get(key)
            ids.update(value if isinstance(value, list) else [value] if isinstance(value, int) else [])
    names = {pk: str(facts[pk]) for pk in ids if pk in facts}
    if missing := ids - names.keys():
        names.update((obj.pk, str(obj)) for obj in model.objects.filter(pk__in=missing))
    return names


def stored_refusal(event: Event, language: str) -> str:
    """The refusal an event recorded, in the reader's language: as stored in it (both languages since
    issue 12), else the rule's own wording without the particulars (earlier events kept Vietnamese only)."""
    data = event.data
    if not language.startswith("en"):
        return data.get("message", "")
    if data.get("message_en"):
        return data["message_en"]
    rule = RULES.get(event.rule_code)
    return rule.general("en") if rule else data.get("message", "")


def _row(event: Event, units: dict, people: dict[int, str], actors: "Actors") -> EventRow:
    data = event.data
    row = EventRow(event, event.get_kind_display(), actor=actors.at(event))
    if event.rule_code:
        row.clause = clause_of(event.rule_code)
        row.message = stored_refusal(event, get_language() or "vi") or str(RULE_MESSAGES.get(event.rule_code, ""))
        # An override's written reason; a request to the level above (clause 1.5) carries its reason in
        # its details instead.
        row.reason = data.get("reason", "") if event.outcome == Outcome.OVERRIDE else ""
    row.details = [line for line in _details(event.kind, data, units, people) if line]
    return row


def _details(kind: str, data: dict, units: dict, people: dict[int, str]) -> list[str]:
    """One short line per fact the event recorded, in the reader's language."""
    unit = units.get
    if kind in CONSULTATION_KINDS:
        return _consultation_details(kind, data, units, people)
    if kind == EventKind.REGISTER:
        return [_("Incoming number %s") % data["incoming_number"] if "incoming_number" in data else "",
                _("From: %s") % data["sender"] if data.get("sender") else "",
                _("Transferred from item #%s") % data["transferred_from"] if data.get("transferred_from") else "",
                _("Due: %s") % data.get("due", ""), _("Presented to: %s") % people.get(data.get("holder"), "")]
    if kind == EventKind.DIRECT:
        cooperating = ", ".join(unit(u, "") for u in data.get("cooperating", []))
        return [_("Lead unit: %s") % unit(data.get("lead_unit"), ""),
                _("Co-operating: %s") % cooperating if cooperating else "",
                _("Due: %s") % data.get("due", ""), data.get("note", "")]
    if kind == EventKind.ASSIGN:
        return [_("Held by: %s") % people.get(data.get("holder"), ""),
                _("Step due: %s") % data.get("step_due", ""), data.get("note", "")]
    if kind == EventKind.TRANSFER:
        return [_("To: %s") % unit(data.get("to_unit"), ""), _("New item #%s") % data.get("new_item", ""),
                data.get("reason", "")]
    if kind == EventKind.RETURN:
        return [label_of(ReturnGrounds, data.get("grounds", "")),
                _("Competent unit: %s") % unit(data["named_unit"]) if data.get("named_unit") else "",
                data.get("reason", "")]
    if kind == EventKind.EXTEND:
        above = _("Approved by the level above") if data.get("approval") == "above" else ""
        return [_("From %(old)s to %(new)s") % {"old": data.get("from"), "new": data.get("to")}, above,
                data.get("reason", "")]
    if kind in (EventKind.EXTENSION_REQUEST, EventKind.EXTENSION_REFUSED):
        return [_("Requested deadline: %s") % data.get("to", ""), data.get("reason", "")]
    if kind == EventKind.COMPLETE:
        return _completion_details(data)
    if kind == EventKind.SUBMIT:
        return [data.get("summary", "")]
    if kind == EventKind.PROVINCE_DECISION:
        return [data.get("decision", "")]
    return _authority_details(kind, data, people)


def _authority_details(kind: str, data: dict, people: dict[int, str]) -> list[str]:
    """The Province office's send-back, and Home Affairs' findings (clauses 1.4, 2.1)."""
    if kind == EventKind.SEND_BACK:
        return [label_of(SendBackGrounds, data.get("grounds", "")), data.get("explanation", ""),
                _("Back to: %s") % people.get(data.get("holder"), "")]
    if kind == EventKind.RETURN_FOUND_WRONG:
        return [data.get("explanation", "")]
    if kind == EventKind.OVERRIDE_REVIEWED:
        return [label_of(Resolution, data.get("resolution", "")), data.get("note", "")]
    if kind in (EventKind.REVOKE, EventKind.AMEND, EventKind.REPLACED):
        return _sender_message_details(kind, data)
    return []


def _completion_details(data: dict) -> list[str]:
    """On time against the legal deadline, on time after extension, or late; and the cause of a delay."""
    if data.get("on_time"):
        verdict = _("On time")
    elif data.get("on_time_after_extension"):
        verdict = _("On time after extension")
    else:
        verdict = _("Late")
    cause = label_of(DelayCause, data["delay_cause"]) if data.get("delay_cause") else ""
    return [verdict, f"{cause}: {data.get('delay_note', '')}" if cause else ""]


def _sender_message_details(kind: str, data: dict) -> list[str]:
    """The sender's later edXML messages (issue 14): the reason, and what an update changed."""
    reason = _("Reason: %s") % data["reason"] if data.get("reason") else ""
    if kind == EventKind.REPLACED:
        return [_("Replaced by incoming document No. %s") % data.get("replaced_by", ""), reason]
    if kind == EventKind.REVOKE:
        return [reason]
    changes = [_("%(field)s: %(old)s → %(new)s") % {
        "field": capfirst(IncomingDocument._meta.get_field(field).verbose_name), "old": old or "—", "new": new or "—"}
        for field, (old, new) in data.get("changes", {}).items()]
    return [*changes, reason]


def _consultation_details(kind: str, data: dict, units: dict, people: dict[int, str]) -> list[str]:
    if kind == EventKind.CONSULT:
        asked = ", ".join(units.get(u, "") for u in data.get("units", []))
        return [_("Consulted: %s") % asked,
                _("Reply within %(days)s working days, by %(due)s") % {"days": data.get("reply_days"),
                                                                       "due": data.get("due")}]
    if kind == EventKind.CONSULT_ASSIGN:
        return [_("Reply prepared by: %s") % people.get(data.get("holder"), "")]
    if kind == EventKind.CONSULT_REPLY:
        late = _("Late: counts as agreement (clause 2.2)") if data.get("late") else ""
        return [label_of(ReplyPosition, data.get("position", "")), late]
    if kind == EventKind.DEEMED_AGREEMENT:
        notice = _("Notice No. %s") % data["notice"] if data.get("notice") else ""
        return [notice]
    # A heads' meeting (clause 2.3)
    return [_("With %s") % units.get(f"request:{data.get('request')}", ""),
            _("Meeting of %s") % data.get("held_on", ""), label_of(MeetingOutcome, data.get("outcome", ""))]


def working_days_overdue(due: date, on: date | None = None) -> int:
    """Working days past the last day of a period (0 while it runs): what "days overdue" shows."""
    on = on or today()
    if on <= due:
        return 0
    # A period that ran out on Friday is late on Saturday too, though no working day has passed.
    return current_calendar().working_days_between(due, on) or 1


def with_overdue_days(items: Iterable[WorkItem]) -> list[tuple[WorkItem, int]]:
    """Each item with its working days overdue, for the tables that list items by deadline."""
    on = today()
    return [(item, working_days_overdue(item.due_date, on)) for item in items]
