"""Who may act on, and see, an item. Views, API and actions ask here and nowhere else.

An item is seen in one of two ways. The units that hold the work (it holds, leads, registered or
co-operates on it; and Home Affairs, the Province office and administrators, who oversee all) see it
*whole*: steps, trail, every consultation, the original document. A unit that is only *consulted*
sees its consultation view: the item's summary, its own requests, their questions and the files the
asking unit shared with it (clause 2.2 asks it for an opinion, not into the lead unit's file)."""

from datetime import date
from enum import StrEnum

from django.db.models import Q, QuerySet

from congvu.consult.models import Consultation, ConsultationRequest
from congvu.lib import clock
from congvu.lib.refusals import AccessDenied
from congvu.lib.workdays import local_date
from congvu.org.models import Official
from congvu.org.queries import is_leader, records_province_decisions, unit_ids_of
from congvu.work.models import WorkItem


class Sight(StrEnum):
    WHOLE = "whole"
    CONSULTED = "consulted"


def today() -> date:
    return local_date(clock.now())


def deny(what_vi: str, what_en: str) -> AccessDenied:
    return AccessDenied(f"Bạn không có quyền {what_vi}.", f"You may not {what_en}.")


def visible_items(official: Official) -> QuerySet[WorkItem]:
    """Items an official sees whole: those their units hold, lead, co-operate on or registered, and
    the one they hold; Home Affairs, the Province office and administrators see all (DESIGN §1).
    An item their unit is only consulted on is not here: see `consulted_items`."""
    items = WorkItem.objects.all()
    if official.sees_everything:
        return items
    units = unit_ids_of(official, today())
    # One indexed condition per way of seeing an item, co-operating units through a sub-query: no
    # join, so no DISTINCT, and the database answers from indexes (at 300,000 items ~70 ms instead of
    # ~600 ms for the join-and-distinct form; `congvu listbench`).
    cooperating = WorkItem.cooperating_units.through.objects.filter(unit_id__in=units).values("workitem_id")
    return items.filter(
        Q(holder=official) | Q(holder_unit__in=units) | Q(lead_unit__in=units)
        | Q(registered_unit__in=units) | Q(pk__in=cooperating)
    )


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


def access_item(official: Official, item_id: int) -> WorkItem:
    """The item, if the official sees it whole; otherwise a refusal that does not reveal whether it exists."""
    item = visible_items(official).filter(pk=item_id).first()
    if item is None:
        raise deny("xem công việc này", "see this item")
    return item


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


def require_leader(actor: Official, unit_id: int, what_vi: str, what_en: str) -> None:
    if not is_leader(actor, unit_id, today()):
        raise deny(what_vi, what_en)


def require_holder_or_leader(actor: Official, item: WorkItem, what_vi: str, what_en: str) -> None:
    if item.holder_id == actor.pk:
        return
    require_leader(actor, item.lead_unit_id, what_vi, what_en)


def require_province_recorder(actor: Official, what_vi: str, what_en: str) -> None:
    """The Province office's head or deputy, or an official the registry names for it (see
    `congvu.org.queries.records_province_decisions`); its clerk only registers documents."""
    if not records_province_decisions(actor, today()):
        raise deny(what_vi, what_en)
