"""The filters and pages of the consultation requests page (/xin-y-kien/), issue 12: whose requests
(mine, my unit's, or all that concern my units: put to them or sent by them), the pending ones whole
(they are work to do, by deadline), the settled ones a page at a time (newest first)."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from congvu.consult.access import own_requests
from congvu.consult.display import with_meetings
from congvu.consult.models import ConsultationRequest, RequestState
from congvu.lib.clock import today
from congvu.org.models import Official
from congvu.registry.serving import unit_ids_of

MINE, UNIT, ALL = "cua-toi", "don-vi", "tat-ca"
SCOPES = ((MINE, _("Mine")), (UNIT, _("My unit")), (ALL, _("All (sent and received)")))
SETTLED_PAGE_SIZE = 20


@dataclass
class RequestList:
    scope: str
    pending: list[ConsultationRequest]
    settled: Page


def scope_of(raw: str | None) -> str:
    """The scope asked for; anything else (or nothing) is the unit's, as the page always showed."""
    return raw if raw in (MINE, ALL) else UNIT


def scoped(official: Official, scope: str) -> QuerySet[ConsultationRequest]:
    if scope == MINE:
        return ConsultationRequest.objects.filter(holder=official)
    if scope == ALL:
        mine = unit_ids_of(official, today())
        return ConsultationRequest.objects.filter(
            Q(pk__in=own_requests(official).values("pk")) | Q(consultation__asking_unit_id__in=mine))
    return own_requests(official)


def request_list(official: Official, scope: str, item_id: int | None, page: str | None) -> RequestList:
    base = with_meetings(scoped(official, scope)).select_related(
        "consultation__asking_unit", "consultation__asked_by", "item", "unit", "holder", "replied_by")
    if item_id is not None:
        base = base.filter(item_id=item_id)
    pending = list(base.filter(state=RequestState.PENDING).order_by("due_at", "id"))
    settled = Paginator(base.exclude(state=RequestState.PENDING).order_by("-due_at", "-id"), SETTLED_PAGE_SIZE)
    return RequestList(scope, pending, settled.get_page(page))
