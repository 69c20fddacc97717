"""Small questions about the signed-in official that decide which links and buttons the pages show.
They only hide what could never work; the actions still check everything themselves."""

from django.db.models import QuerySet

from congvu.org.models import LEADER_TITLES, Official, Position, Role, Title, Unit
from congvu.org.queries import unit_ids_of
from congvu.work.access import today

REGISTRARS = (Title.CLERK, *LEADER_TITLES)
OVERSIGHT_ROLES = (Role.HOME_AFFAIRS, Role.PROVINCE_OFFICE, Role.ADMINISTRATOR)


def positions_of(official: Official) -> QuerySet[Position]:
    return Position.objects.active_on(today()).filter(official=official).select_related("unit").order_by("unit__name")


def registering_units(official: Official) -> QuerySet[Unit]:
    """Units whose incoming register this official may write in: as its clerk, head or deputy."""
    unit_ids = positions_of(official).filter(title__in=REGISTRARS).values("unit_id")
    return Unit.objects.filter(pk__in=unit_ids).order_by("name")


def may_register(official: Official) -> bool:
    return registering_units(official).exists()


def serves_anywhere(official: Official) -> bool:
    """Holds a position today, or oversees every unit: anyone else (an account with no post) is
    refused the lists, since there is no work they answer for."""
    return official.sees_everything or bool(unit_ids_of(official, today()))


def sees_overview(official: Official) -> bool:
    """Home Affairs, the Province office and administrators see every unit's figures (DESIGN §1)."""
    return official.role in OVERSIGHT_ROLES


def clerk_units(official: Official) -> list[Unit]:
    """Units where the official is the clerk (văn thư): their home page opens on the register."""
    unit_ids = positions_of(official).filter(title=Title.CLERK).values("unit_id")
    return list(Unit.objects.filter(pk__in=unit_ids).order_by("name"))
