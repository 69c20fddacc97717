"""Small questions about the signed-in official that decide which links and buttons the pages show.
They only hide what could never work; the actions still check everything themselves."""

from django.db.models import QuerySet

from congvu.org.models import LEADER_TITLES, Official, Position, Title, Unit
from congvu.work.access import today

REGISTRARS = (Title.CLERK, *LEADER_TITLES)


def positions_of(official: Official) -> QuerySet[Position]:
    return Position.objects.active_on(today()).filter(official=official).select_related("unit").order_by("unit__name")


def registering_units(official: Official) -> QuerySet[Unit]:
    """Units whose incoming register this official may write in: as its clerk, head or deputy."""
    unit_ids = positions_of(official).filter(title__in=REGISTRARS).values("unit_id")
    return Unit.objects.filter(pk__in=unit_ids).order_by("name")


def may_register(official: Official) -> bool:
    return registering_units(official).exists()
