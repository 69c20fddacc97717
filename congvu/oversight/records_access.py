"""Who sees accountability reviews, discipline and commendations (clauses 1.7, 1.8): Home Affairs and
the Province's leadership (the People's Committee's chairman and vice-chairmen) see every unit's; a
unit's head and deputies their own unit's; an official their own. Pages and the API ask here."""

from django.db.models import Q, QuerySet

from congvu.lib.clock import today
from congvu.org.models import Official, Role, Unit, UnitKind
from congvu.oversight.models_commendation import Commendation
from congvu.oversight.models_reviews import AccountabilityReview
from congvu.registry.serving import leader_unit_ids_of


def province_leadership_unit_ids() -> set[int]:
    return set(Unit.objects.filter(kind=UnitKind.PROVINCE_COMMITTEE).values_list("pk", flat=True))


def sees_every_unit(official: Official) -> bool:
    if official.role == Role.HOME_AFFAIRS:
        return True
    return bool(leader_unit_ids_of(official, today()) & province_leadership_unit_ids())


def led_unit_ids(official: Official) -> set[int]:
    return leader_unit_ids_of(official, today())


def keeps_reviews(official: Official) -> bool:
    """Opens reviews, proposes and approves commendations for any unit: Home Affairs."""
    return official.role == Role.HOME_AFFAIRS


def _mine(official: Official) -> Q:
    return Q(unit_id__in=led_unit_ids(official)) | Q(official=official)


def visible_reviews(official: Official) -> QuerySet[AccountabilityReview]:
    reviews = AccountabilityReview.objects.select_related("unit", "official", "deciding_unit")
    return reviews if sees_every_unit(official) else reviews.filter(_mine(official))


def visible_commendations(official: Official) -> QuerySet[Commendation]:
    found = Commendation.objects.select_related("unit", "official", "deciding_unit")
    return found if sees_every_unit(official) else found.filter(_mine(official))


def sees_unit_record(official: Official, unit_id: int) -> bool:
    return sees_every_unit(official) or unit_id in led_unit_ids(official)
