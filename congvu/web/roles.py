"""Small questions about the signed-in official that decide which links and buttons the pages show.
They only hide what could never work; the actions still check everything themselves. Who serves
where is asked of the same helpers the actions ask (`congvu.registry.serving`, from the registry
snapshot), so a page and an action never disagree about it."""

from django.db.models import QuerySet

from congvu.lib.clock import today
from congvu.org.models import Official, Title, Unit
from congvu.oversight.access import sees_figures
from congvu.registry.serving import unit_ids_of
from congvu.work.access import may_register, registering_unit_ids

__all__ = ["clerk_units", "may_register", "registering_units", "sees_overview", "serves_anywhere"]


def registering_units(official: Official) -> QuerySet[Unit]:
    """Units whose incoming register this official may write in: as its clerk, head or deputy."""
    return Unit.objects.filter(pk__in=registering_unit_ids(official)).order_by("name")


def serves_anywhere(official: Official) -> bool:
    """Holds a position today, or oversees every unit: anyone else (an account with no post) is
    refused the lists, since there is no work they answer for."""
    return official.sees_everything or bool(unit_ids_of(official, today()))


def sees_overview(official: Official) -> bool:
    """Home Affairs, the Province office and administrators see every unit's figures (DESIGN §1)."""
    return sees_figures(official)


def clerk_units(official: Official) -> list[Unit]:
    """Units where the official is the clerk (văn thư): their home page opens on the register."""
    return list(Unit.objects.filter(pk__in=unit_ids_of(official, today(), (Title.CLERK,))).order_by("name"))
