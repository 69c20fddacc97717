"""Who may act on, and see, an item whole. Views, API and actions ask here and nowhere else.

An item is seen in one of two ways. The units that hold the work (it holds, leads, registered or
co-operates on it; and Home Affairs, the Province office and administrators, who oversee all) see it
*whole*: steps, trail, every consultation, the original document — answered here. A unit that is
only *consulted* sees its consultation view (clause 2.2 asks it for an opinion, not into the lead
unit's file): that is the consultation area's question, answered in `congvu.consult.access`."""

from django.db import connection
from django.db.models import BooleanField, F, Func, Q, QuerySet, Subquery

from congvu.lib.clock import today
from congvu.lib.refusals import AccessDenied
from congvu.org.models import Official
from congvu.registry.serving import REGISTRAR_TITLES, is_leader, records_province_decisions, unit_ids_of
from congvu.work.models import IncomingDocument, WorkItem


def deny(what_vi: str, what_en: str) -> AccessDenied:
    return AccessDenied(f"Bạn không có quyền {what_vi}.", f"You may not {what_en}.")


def visible_items(official: Official) -> QuerySet[WorkItem]:
    """Items an official sees whole: those their units hold, lead, co-operate on or registered, and
    the one they hold; Home Affairs, the Province office and administrators see all (DESIGN §1).
    An item their unit is only consulted on is not here: see `congvu.consult.access.consulted_items`."""
    items = WorkItem.objects.all()
    if official.sees_everything:
        return items
    units = unit_ids_of(official, today())
    # One indexed condition per way of seeing an item, co-operating units through a sub-query: no
    # join, so no DISTINCT, and the database answers from indexes (at 300,000 items ~70 ms instead of
    # ~600 ms for the join-and-distinct form; `congvu listbench`).
    return items.filter(seen_by(official, units, Q(pk__in=cooperating_item_ids(units))))


def listed_items(official: Official) -> QuerySet[WorkItem]:
    """The items of `visible_items`, the same rows, in the form a list of thousands is read fastest on
    PostgreSQL: the co-operating units' items as `id = ANY(ARRAY(sub-query))`, which an index serves,
    rather than `id IN (sub-query)`, which none does. PostgreSQL can then gather an officer's items
    through the five indexes at once (a `BitmapOr`: its count ~60 ms at a province-year, against a
    read of all 300,000 rows, ~230 ms). Only for a list: a list walked along its due dates tests
    each row against that array one element after the other (the `IN` form hashes it), so the list
    walks only near its ends (`congvu.web.views_lists.page_ids`). SQLite keeps the `IN` form."""
    if official.sees_everything or connection.vendor != "postgresql":
        return visible_items(official)
    units = unit_ids_of(official, today())
    cooperating = Func(F("pk"), Subquery(cooperating_item_ids(units)), arg_joiner=" = ANY(ARRAY",
                       template="(%(expressions)s))", output_field=BooleanField())
    return WorkItem.objects.filter(seen_by(official, units, Q(cooperating)))


def seen_by(official: Official, units: set[int], cooperating: Q) -> Q:
    """Held by the official, or held, led or registered by one of their units, or `cooperating`."""
    return (Q(holder=official) | Q(holder_unit__in=units) | Q(lead_unit__in=units) | Q(registered_unit__in=units)
            | cooperating)


def cooperating_item_ids(units: set[int]) -> QuerySet:
    return WorkItem.cooperating_units.through.objects.filter(unit_id__in=units).values("workitem_id")


def access_item(official: Official, item_id: int) -> WorkItem:
    """The item, if the official sees it whole; otherwise a refusal that does not reveal whether it exists."""
    item = visible_items(official).filter(pk=item_id).first()
    if item is None:
        raise deny("xem công việc này", "see this item")
    return item


def may_read_document(official: Official, document: IncomingDocument) -> bool:
    """An incoming document (its original, its edXML attachments): for its own unit's officials and
    for whoever sees an item born from it whole."""
    if document.unit_id in unit_ids_of(official, today()):
        return True
    return visible_items(official).filter(incoming=document).exists()


def registering_unit_ids(official: Official) -> set[int]:
    """Units whose incoming register the official may write in: as its clerk, head or deputy (what
    `register_incoming` checks)."""
    return unit_ids_of(official, today(), REGISTRAR_TITLES)


def may_register(official: Official) -> bool:
    return bool(registering_unit_ids(official))


def require_leader(actor: Official, unit_id: int, what_vi: str, what_en: str) -> None:
    if not is_leader(actor, unit_id, today()):
        raise deny(what_vi, what_en)


def require_holder_or_leader(actor: Official, item: WorkItem, what_vi: str, what_en: str) -> None:
    if item.holder_id == actor.pk:
        return
    require_leader(actor, item.lead_unit_id, what_vi, what_en)


def require_province_recorder(actor: Official, what_vi: str, what_en: str) -> None:
    """The Province office's head or deputy, or an official the registry names for it (see
    `congvu.registry.serving.records_province_decisions`); its clerk only registers documents."""
    if not records_province_decisions(actor, today()):
        raise deny(what_vi, what_en)
