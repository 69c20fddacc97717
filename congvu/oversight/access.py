"""Who sees what of the oversight area; every page and API endpoint asks here, and an object one may
not see answers like one that does not exist.

- The figures of every unit (DESIGN §1): Home Affairs, the Province office and administrators
  (`sees_figures`).
- Inspections (clause 1.6; issue 10 "Everywhere"): those who see the figures see every inspection, a
  surprise one from the moment it is drawn; the head or deputy of an inspected unit sees it once it
  is opened — never before: a surprise inspection is a surprise — and the findings about the units
  they lead; an official sees the inspections that found something about them, and only those findings.
- Accountability reviews, discipline and commendations (clauses 1.7, 1.8): Home Affairs and the
  Province's leadership (the People's Committee's chairman and vice-chairmen) see every unit's; a
  unit's head and deputies their own unit's; an official their own."""

from django.db.models import Q, QuerySet

from congvu.lib.clock import today
from congvu.org.models import Official, Role, Unit, UnitKind
from congvu.oversight.models_commendation import Commendation
from congvu.oversight.models_inspections import Finding, Inspection, InspectionState
from congvu.oversight.models_reviews import AccountabilityReview
from congvu.registry.serving import leader_unit_ids_of

OVERSIGHT_ROLES = (Role.HOME_AFFAIRS, Role.PROVINCE_OFFICE, Role.ADMINISTRATOR)


def sees_figures(official: Official) -> bool:
    return official.role in OVERSIGHT_ROLES


# Inspections (clause 1.6) ------------------------------------------------------------------------------

OPENED_STATES = (InspectionState.OPENED, InspectionState.CONCLUDED, InspectionState.FOLLOWED_UP)


def visible_inspections(official: Official) -> QuerySet[Inspection]:
    if sees_figures(official):
        return Inspection.objects.all()
    led = leader_unit_ids_of(official, today())
    return (Inspection.objects.filter(state__in=OPENED_STATES)
            .filter(Q(units__in=led) | Q(findings__official=official)).distinct())


def may_see_inspection(official: Official, inspection: Inspection) -> bool:
    return visible_inspections(official).filter(pk=inspection.pk).exists()


def visible_findings(official: Official, inspection: Inspection) -> QuerySet[Finding]:
    findings = inspection.findings.select_related("unit", "official").prefetch_related("measures")
    if sees_figures(official):
        return findings
    led = leader_unit_ids_of(official, today())
    return findings.filter(Q(unit_id__in=led) | Q(official=official))


def sees_draw(official: Official) -> bool:
    """The seed and the population are for those who oversee: a unit learns its own findings."""
    return sees_figures(official)


def my_findings(official: Official) -> QuerySet[Finding]:
    """The findings about the official, in opened inspections (their own record)."""
    return (Finding.objects.filter(official=official, inspection__state__in=OPENED_STATES)
            .select_related("inspection", "unit").order_by("-recorded_at"))


# Accountability reviews, discipline and commendations (clauses 1.7, 1.8) -----------------------------------

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
