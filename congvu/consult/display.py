"""What the consultation area wants shown, as plain data the pages compose (`congvu.web`): on the
item page of those who see the item whole, every consultation of the item with its requests, the
differences still open and whether the viewer may ask or record the heads' meeting; on a consulted
unit's requests page and consulted view, each request with what the viewer may do with it.

Reads only, and no page code: the forms, labels and templates are the web's."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, QuerySet

from congvu.consult.access import own_requests
from congvu.consult.available import Viewer, may_ask
from congvu.consult.models import Consultation, ConsultationRequest, Reconciliation, ReplyPosition, RequestState
from congvu.consult.queries import remaining_differences, requests_of, unreconciled_disagreements
from congvu.consult.sweep import REMINDER_DAYS
from congvu.lib import clock
from congvu.lib.clock import today
from congvu.org.models import Official
from congvu.registry.queries import current_calendar, parameter
from congvu.registry.serving import is_leader
from congvu.work.deadlines import end_of_local_day
from congvu.work.models import WorkItem


@dataclass(frozen=True)
class ItemConsultations:
    """The item page's consultation part, for one who sees the item whole."""

    consultations: tuple[tuple[Consultation, tuple[ConsultationRequest, ...]], ...]
    differences: tuple[dict, ...]  # still open after the heads met: they travel with the submission
    unreconciled: tuple[ConsultationRequest, ...]  # timely disagreements no heads' meeting took up yet
    may_ask: bool
    may_reconcile: bool  # the viewer leads the lead unit, whose head meets the differing heads


def with_meetings(requests: QuerySet[ConsultationRequest]) -> QuerySet[ConsultationRequest]:
    meetings = Reconciliation.objects.select_related("recorded_by").order_by("held_on", "id")
    return requests.select_related("notice__unit").prefetch_related(Prefetch("reconciliations", queryset=meetings))


def item_consultations(official: Official, item: WorkItem) -> ItemConsultations:
    viewer = Viewer(official, item)
    asked = {c.pk: (c, []) for c in item.consultations.select_related("asked_by", "asking_unit")}
    requests = list(with_meetings(requests_of(item))) if asked else []  # no consultation, no request
    for request in requests:
        asked[request.consultation_id][1].append(request)
    # Both lists come from the requests just read: where none could be in them, they are not read
    # again (most items: no heads' meeting, no timely disagreement; two queries of the item page).
    met = any(r.reconciliations.all() for r in requests)
    disagreeing = any(r.state == RequestState.ANSWERED and not r.late and r.position == ReplyPosition.DISAGREE
                      for r in requests)
    return ItemConsultations(
        consultations=tuple((c, tuple(requests)) for c, requests in asked.values()),
        differences=tuple(remaining_differences(item)) if met else (),
        unreconciled=tuple(unreconciled_disagreements(item)) if disagreeing else (),
        may_ask=may_ask(viewer), may_reconcile=viewer.leads_lead_unit,
    )


# The consulted unit's side -------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestShown:
    """A request as its consulted unit sees it, and what the viewer may do with it."""

    request: ConsultationRequest
    may_assign: bool
    may_reply: bool
    overdue: bool
    due_soon: bool


def may_assign(official: Official, request: ConsultationRequest) -> bool:
    return request.state == RequestState.PENDING and is_leader(official, request.unit_id, today())


def may_reply(official: Official, request: ConsultationRequest) -> bool:
    """Until a reply is recorded; after the deadline too (a late reply is kept and marked late)."""
    if request.replied_at is not None:
        return False
    return request.holder_id == official.pk or is_leader(official, request.unit_id, today())


def _own_requests_shown(official: Official, item_id: int | None) -> QuerySet[ConsultationRequest]:
    base = with_meetings(own_requests(official)).select_related(
        "consultation__asking_unit", "consultation__asked_by", "item", "unit", "holder", "replied_by")
    return base if item_id is None else base.filter(item_id=item_id)


def pending_requests_for(official: Official, item_id: int | None = None) -> list[ConsultationRequest]:
    """The pending requests to the official's units (and those they hold), by deadline."""
    return list(_own_requests_shown(official, item_id).filter(state=RequestState.PENDING).order_by("due_at", "id"))


def requests_for(official: Official, item_id: int | None = None) -> tuple[list, list]:
    """The requests to the official's units (and those they hold): pending ones by deadline, then the
    settled, newest first."""
    settled = _own_requests_shown(official, item_id).exclude(state=RequestState.PENDING).order_by("-due_at", "-id")
    return pending_requests_for(official, item_id), list(settled[:100])


def reminder_horizon() -> datetime:
    """From when a pending request counts as due soon: the reminder sweep's own horizon."""
    days = parameter(REMINDER_DAYS).value
    last_day = current_calendar().add_working_days(today(), days) if days else today()
    return end_of_local_day(last_day)


def request_shown(official: Official, request: ConsultationRequest, *,
                  now: datetime | None = None, horizon: datetime | None = None) -> RequestShown:
    now, horizon = now or clock.now(), horizon or reminder_horizon()
    pending = request.state == RequestState.PENDING
    return RequestShown(
        request, may_assign=may_assign(official, request), may_reply=may_reply(official, request),
        overdue=pending and request.due_at <= now, due_soon=pending and now < request.due_at <= horizon,
    )


def requests_shown(official: Official, requests: list[ConsultationRequest]) -> list[RequestShown]:
    now, horizon = clock.now(), reminder_horizon()
    return [request_shown(official, r, now=now, horizon=horizon) for r in requests]


def one_request(request_id: int) -> ConsultationRequest | None:
    """A request with everything its card shows."""
    return with_meetings(ConsultationRequest.objects.filter(pk=request_id)).select_related(
        "consultation__asking_unit", "consultation__asked_by", "item", "unit", "holder", "replied_by",
    ).first()


@dataclass(frozen=True)
class ConsultedItem:
    """The item as a unit consulted on it sees it: the summary (title, matter type, lead unit, due
    date) and its own requests with their questions and shared files; not the trail, the steps, the
    other units' requests or the original (unless the asking unit shared it)."""

    item: WorkItem
    pending: list[RequestShown]
    settled: list[RequestShown]


def consulted_item(official: Official, item: WorkItem) -> ConsultedItem:
    pending, settled = requests_for(official, item.pk)
    summary = WorkItem.objects.select_related("matter_type", "lead_unit").get(pk=item.pk)
    return ConsultedItem(summary, requests_shown(official, pending), requests_shown(official, settled))
