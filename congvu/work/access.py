"""Who may act on, and see, an item. Views, API and actions ask here and nowhere else."""

from datetime import date

from django.db.models import Q, QuerySet

from congvu.consult.models import ConsultationRequest
from congvu.lib import clock
from congvu.lib.refusals import AccessDenied
from congvu.lib.workdays import local_date
from congvu.org.models import Official, Role
from congvu.org.queries import is_leader, unit_ids_of
from congvu.work.models import WorkItem


def today() -> date:
    return local_date(clock.now())


def deny(what_vi: str, what_en: str) -> AccessDenied:
    return AccessDenied(f"Bạn không có quyền {what_vi}.", f"You may not {what_en}.")


def visible_items(official: Official) -> QuerySet[WorkItem]:
    """Items an official may see: those their units hold, lead, co-operate on, registered or are
    consulted on; Home Affairs, the Province office and administrators see all (DESIGN §1)."""
    items = WorkItem.objects.all()
    if official.sees_everything:
        return items
    units = unit_ids_of(official, today())
    # One indexed condition per way of seeing an item, co-operating and consulted units through
    # sub-queries: no join, so no DISTINCT, and the database answers from indexes (at 300,000 items
    # ~70 ms instead of ~600 ms for the join-and-distinct form; `congvu listbench`).
    cooperating = WorkItem.cooperating_units.through.objects.filter(unit_id__in=units).values("workitem_id")
    consulted = ConsultationRequest.objects.filter(unit_id__in=units).values("item_id")
    return items.filter(
        Q(holder=official) | Q(holder_unit__in=units) | Q(lead_unit__in=units)
        | Q(registered_unit__in=units) | Q(pk__in=cooperating) | Q(pk__in=consulted)
    )


def access_item(official: Official, item_id: int) -> WorkItem:
    """The item, if the official may see it; otherwise a refusal that does not reveal whether it exists."""
    item = visible_items(official).filter(pk=item_id).first()
    if item is None:
        raise deny("xem công việc này", "see this item")
    return item


def require_leader(actor: Official, unit_id: int, what_vi: str, what_en: str) -> None:
    if not is_leader(actor, unit_id, today()):
        raise deny(what_vi, what_en)


def require_holder_or_leader(actor: Official, item: WorkItem, what_vi: str, what_en: str) -> None:
    if item.holder_id == actor.pk:
        return
    require_leader(actor, item.lead_unit_id, what_vi, what_en)


def require_role(actor: Official, role: str, what_vi: str, what_en: str) -> None:
    if actor.role != role and actor.role != Role.ADMINISTRATOR:
        raise deny(what_vi, what_en)
