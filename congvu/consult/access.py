"""Who may see a consultation, a consultation request, and an item through its consultation view.
The pages and the API ask here and nowhere else (`congvu.work.access` answers for the item seen whole).

A unit asked for its opinion sees its own requests: the question, the files the asking unit shared
with it and the item's summary — not the lead unit's file (clause 2.2 asks it for an opinion, not
into the work). Whoever sees the item whole sees every consultation of it."""

from enum import StrEnum

from django.db.models import Q, QuerySet

from congvu.consult.models import Consultation, ConsultationRequest
from congvu.lib.clock import today
from congvu.org.models import Official
from congvu.registry.serving import unit_ids_of
from congvu.work.access import deny, visible_items
from congvu.work.models import WorkItem


class Sight(StrEnum):
    WHOLE = "whole"
    CONSULTED = "consulted"


def own_requests(official: Official) -> QuerySet[ConsultationRequest]:
    """Requests put to the official's units, or held by them (a holder answers for the reply)."""
    return ConsultationRequest.objects.filter(Q(unit_id__in=unit_ids_of(official, today())) | Q(holder=official))


def consulted_items(official: Official) -> QuerySet[WorkItem]:
    """Items on which the official's units are asked for an opinion (seen through the consultation view)."""
    return WorkItem.objects.filter(pk__in=own_requests(official).values("item_id"))


def items_in_sight(official: Official) -> QuerySet[WorkItem]:
    """Every item the official may open at all: whole, or through its consultation view."""
    return visible_items(official) | consulted_items(official)


def sight_of(official: Official, item_id: int) -> tuple[WorkItem, Sight]:
    """The item and how the official sees it; a refusal that does not reveal whether it exists when
    they may not see it at all."""
    if (item := visible_items(official).filter(pk=item_id).first()) is not None:
        return item, Sight.WHOLE
    if (item := consulted_items(official).filter(pk=item_id).first()) is not None:
        return item, Sight.CONSULTED
    raise deny("xem công việc này", "see this item")


def visible_requests(official: Official) -> QuerySet[ConsultationRequest]:
    """Requests an official may see: their own units' (and those they hold), and every request of an
    item they see whole. Another consulted unit's request is not theirs to see."""
    whole = ConsultationRequest.objects.filter(item__in=visible_items(official).values("pk"))
    return own_requests(official) | whole


def may_see_request(official: Official, request: ConsultationRequest) -> bool:
    return visible_requests(official).filter(pk=request.pk).exists()


def may_see_consultation(official: Official, consultation: Consultation) -> bool:
    """Its question and attachment go to the units it asks, and to those who see the item whole."""
    return visible_requests(official).filter(consultation=consultation).exists()
