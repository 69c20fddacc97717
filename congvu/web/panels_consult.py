"""What the consultation pages show: the panel on the item page of those who see the item whole
(every consultation of the item, each consulted unit's state, reply, notice and the heads' meetings,
with the forms the viewer may use), one card per request on a consulted unit's requests page, and
the consulted unit's view of the item (its summary and the unit's own request cards). Reads only:
the forms post to `congvu.consult.views`, which calls `congvu.consult.actions`."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django import forms
from django.db.models import Prefetch, QuerySet

from congvu.consult.forms import POSITIONS, REQUEST_STATES, AskForm, AssignRequestForm, ReconcileForm, ReplyForm
from congvu.consult.models import Consultation, ConsultationRequest, Notice, Reconciliation, RequestState
from congvu.consult.queries import remaining_differences, requests_of, unreconciled_disagreements
from congvu.consult.sweep import REMINDER_DAYS
from congvu.lib import clock
from congvu.lib.refusals import ActionRefused, RuleViolation
from congvu.lib.workdays import local_date
from congvu.org.models import Official
from congvu.org.queries import is_leader
from congvu.registry.queries import current_calendar, parameter
from congvu.web.item_actions import Viewer
from congvu.work.access import own_requests, today
from congvu.work.deadlines import end_of_local_day
from congvu.work.models import WorkItem
from congvu.work.queries import ONE_MICROSECOND
from congvu.work.rules import TRANSITIONS

ASK_PREFIX = "xin-y-kien"


@dataclass
class FormPanel:
    """One consultation form on a page, with the refusal it got, if any."""

    form: forms.Form
    refusal: ActionRefused | None = None
    show_override: bool = False
    open: bool = False

    @property
    def rule_refusal(self) -> RuleViolation | None:
        return self.refusal if isinstance(self.refusal, RuleViolation) else None


@dataclass
class RequestRow:
    """One consulted unit's request, with the words the page shows for it."""

    request: ConsultationRequest

    @property
    def state_label(self) -> str:
        return str(REQUEST_STATES.get(self.request.state, self.request.state))

    @property
    def position_label(self) -> str:
        return str(POSITIONS.get(self.request.position, self.request.position))

    @property
    def deemed_on(self) -> date | None:
        """The last day of the period: deemed agreement takes effect at its 24:00."""
        deemed_at = self.request.deemed_at
        return local_date(deemed_at - ONE_MICROSECOND) if deemed_at else None

    @property
    def notice(self) -> Notice | None:
        try:
            return self.request.notice
        except Notice.DoesNotExist:
            return None

    @property
    def notice_number(self) -> str:
        notice = self.notice
        return f"{notice.number:02d}/TB-{notice.unit.abbrev}" if notice else ""

    @property
    def reconciliations(self) -> list[Reconciliation]:
        return list(self.request.reconciliations.all())


@dataclass
class ConsultationRow:
    consultation: Consultation
    requests: list[RequestRow] = field(default_factory=list)


@dataclass
class ConsultationPanel:
    rows: list[ConsultationRow]
    differences: list[dict]
    unreconciled: list[ConsultationRequest]
    ask: FormPanel | None = None
    reconcile: list[tuple[ConsultationRequest, FormPanel]] = field(default_factory=list)

    @property
    def has_forms(self) -> bool:
        return self.ask is not None or bool(self.reconcile)

    @property
    def unreconciled_units(self) -> str:
        return ", ".join(sorted(r.unit.name for r in self.unreconciled))


def may_ask(viewer: Viewer) -> bool:
    """The ask form is offered where `ask` could succeed: the holder or a lead-unit leader, at work."""
    return viewer.item.state in TRANSITIONS["consult"][0] and (viewer.holds or viewer.leads_lead_unit)


def ask_form(item: WorkItem, data: dict | None = None, files: dict | None = None) -> AskForm:
    return AskForm(data, files, item=item, auto_id=f"{ASK_PREFIX}-%s")


def reconcile_form(request: ConsultationRequest, data: dict | None = None) -> ReconcileForm:
    return ReconcileForm(data, request=request, auto_id=f"hop-{request.pk}-%s")


def with_meetings(requests: QuerySet[ConsultationRequest]) -> QuerySet[ConsultationRequest]:
    meetings = Reconciliation.objects.select_related("recorded_by").order_by("held_on", "id")
    return requests.select_related("notice__unit").prefetch_related(Prefetch("reconciliations", queryset=meetings))


def consultation_panel(official: Official, item: WorkItem, *, ask: FormPanel | None = None,
                       reconcile: tuple[int, FormPanel] | None = None) -> ConsultationPanel:
    """The item page's consultation panel; `ask` or `reconcile` (request id, panel) is a posted
    form, shown with its errors or refusal even where the page would not offer it."""
    viewer = Viewer(official, item)
    rows = {c.pk: ConsultationRow(c) for c in item.consultations.select_related("asked_by", "asking_unit")}
    for request in with_meetings(requests_of(item)):
        rows[request.consultation_id].requests.append(RequestRow(request))
    unreconciled = list(unreconciled_disagreements(item))
    panel = ConsultationPanel(list(rows.values()), remaining_differences(item), unreconciled, ask=ask)
    if panel.ask is None and may_ask(viewer):
        panel.ask = FormPanel(ask_form(item))
    if viewer.leads_lead_unit:
        panel.reconcile = [(r, FormPanel(reconcile_form(r))) for r in unreconciled]
    if reconcile is not None:
        request_id, posted = reconcile
        others = [(r, p) for r, p in panel.reconcile if r.pk != request_id]
        request = ConsultationRequest.objects.select_related("unit").get(pk=request_id)
        panel.reconcile = [(request, posted), *others]
    return panel


# The consulted unit's side -------------------------------------------------------------------------


@dataclass
class RequestCard(RequestRow):
    """A request as its consulted unit sees it, with the assign and reply forms its officials may use."""

    assign: FormPanel | None = None
    reply: FormPanel | None = None
    due_soon: bool = False
    overdue: bool = False
    flash: str = ""

    @property
    def may_reply_late(self) -> bool:
        return self.request.state == RequestState.DEEMED_AGREED


def may_assign(official: Official, request: ConsultationRequest) -> bool:
    return request.state == RequestState.PENDING and is_leader(official, request.unit_id, today())


def may_reply(official: Official, request: ConsultationRequest) -> bool:
    """Until a reply is recorded; after the deadline too (a late reply is kept and marked late)."""
    if request.replied_at is not None:
        return False
    return request.holder_id == official.pk or is_leader(official, request.unit_id, today())


def assign_form(request: ConsultationRequest, data: dict | None = None) -> AssignRequestForm:
    return AssignRequestForm(data, request=request, auto_id=f"giao-{request.pk}-%s")


def reply_form(request: ConsultationRequest, data: dict | None = None) -> ReplyForm:
    return ReplyForm(data, request=request, auto_id=f"tra-loi-{request.pk}-%s")


def requests_for(official: Official, item_id: int | None = None) -> tuple[list, list]:
    """The requests to the official's units (and those they hold): pending ones by deadline, then the
    settled, newest first."""
    base = with_meetings(own_requests(official)).select_related(
        "consultation__asking_unit", "consultation__asked_by", "item", "unit", "holder", "replied_by")
    if item_id is not None:
        base = base.filter(item_id=item_id)
    pending = list(base.filter(state=RequestState.PENDING).order_by("due_at", "id"))
    settled = list(base.exclude(state=RequestState.PENDING).order_by("-due_at", "-id")[:100])
    return pending, settled


def reminder_horizon() -> datetime:
    """From when a pending request counts as due soon: the reminder sweep's own horizon."""
    days = parameter(REMINDER_DAYS).value
    last_day = current_calendar().add_working_days(today(), days) if days else today()
    return end_of_local_day(last_day)


def request_cards(official: Official, requests: list[ConsultationRequest],
                  replace: RequestCard | None = None) -> list[RequestCard]:
    """One card per request; `replace` is the card whose form was just posted (kept as posted)."""
    now, horizon = clock.now(), reminder_horizon()
    cards = []
    for request in requests:
        if replace is not None and replace.request.pk == request.pk:
            cards.append(replace)
            continue
        cards.append(request_card(official, request, now=now, horizon=horizon))
    return cards


def request_card(official: Official, request: ConsultationRequest, *,
                 now: datetime | None = None, horizon: datetime | None = None) -> RequestCard:
    """A card links to its item: whoever is shown a request may open the item, whole or as consulted."""
    now, horizon = now or clock.now(), horizon or reminder_horizon()
    pending = request.state == RequestState.PENDING
    return RequestCard(
        request,
        assign=FormPanel(assign_form(request)) if may_assign(official, request) else None,
        reply=FormPanel(reply_form(request)) if may_reply(official, request) else None,
        overdue=pending and request.due_at <= now,
        due_soon=pending and now < request.due_at <= horizon,
    )


def one_request(request_id: int) -> ConsultationRequest | None:
    """A request with everything its card shows."""
    return with_meetings(ConsultationRequest.objects.filter(pk=request_id)).select_related(
        "consultation__asking_unit", "consultation__asked_by", "item", "unit", "holder", "replied_by",
    ).first()


def consulted_view(official: Official, item: WorkItem) -> dict:
    """The item as a unit consulted on it sees it: the summary (title, matter type, lead unit, due
    date) and its own requests with their questions and shared files; not the trail, the steps, the
    other units' requests or the original (unless the asking unit shared it)."""
    pending, settled = requests_for(official, item.pk)
    summary = WorkItem.objects.select_related("matter_type", "lead_unit").get(pk=item.pk)
    return {"item": summary, "pending": request_cards(official, pending), "settled": request_cards(official, settled)}
