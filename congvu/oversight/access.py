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
  unit's head and deputies their own unit's; an official their own.
- Directives (issue 11): Home Affairs and the administrator keep the register and see every one; an
  official sees those sent to them, a leader those sent to the units they lead.
- Unit reports: Home Affairs and the administrator see every unit's; a unit's people their unit's.
- Backlog rounds: the overseers every entry; a leader their units' entries; an official the plans
  naming them responsible.
- Citizens' reports: Home Affairs and the administrator every one; a unit's people those assigned to
  their units.

The rooms (directives, reports, backlog, public_reports) import their who-sees from here, never the
other way: this module reads only models, so no room can make an import cycle through it."""

from django.db.models import Q, QuerySet

from congvu.lib.clock import today
from congvu.org.models import Official, Role, Unit, UnitKind
from congvu.oversight.models_backlog import BacklogEntry, BacklogRound
from congvu.oversight.models_commendation import Commendation
from congvu.oversight.models_directives import Directive
from congvu.oversight.models_inspections import Finding, Inspection, InspectionState
from congvu.oversight.models_public import PublicReport
from congvu.oversight.models_reports import UnitReport
from congvu.oversight.models_reviews import AccountabilityReview
from congvu.registry.serving import leader_unit_ids_of, unit_ids_of

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


# Directives (issue 11) ---------------------------------------------------------------------------------

KEEPERS = (Role.HOME_AFFAIRS, Role.ADMINISTRATOR)


def keeps_register(official: Official) -> bool:
    """Home Affairs and the administrator keep the register and see completion per unit (the
    citizens' reports' register too)."""
    return official.role in KEEPERS


def led_units_reached(official: Official, directive: Directive) -> set[int]:
    """The units the official leads that the directive was sent to (a head sees who has not read it)."""
    leads = leader_unit_ids_of(official, today())
    return set(directive.recipients.filter(unit_id__in=leads).values_list("unit_id", flat=True)) if leads else set()


def may_see_directive(official: Official, directive: Directive) -> bool:
    return (keeps_register(official) or directive.recipients.filter(official=official).exists()
            or bool(led_units_reached(official, directive)))


# Unit reports ------------------------------------------------------------------------------------------

def keeps_reports(official: Official) -> bool:
    """Home Affairs opens periods and compiles; administrators may look."""
    return official.role in (Role.HOME_AFFAIRS, Role.ADMINISTRATOR)


def may_draft(official: Official, report: UnitReport) -> bool:
    return report.unit_id in unit_ids_of(official, today())


def may_see_report(official: Official, report: UnitReport) -> bool:
    return keeps_reports(official) or may_draft(official, report)


# Backlog rounds ----------------------------------------------------------------------------------------

def sees_all_rounds(official: Official) -> bool:
    return sees_figures(official)


def visible_backlog_entries(official: Official, round_: BacklogRound) -> QuerySet[BacklogEntry]:
    """Home Affairs (and the overseers) every entry; a leader their units'; anyone the plans naming them."""
    entries = round_.entries.select_related("item", "unit", "responsible").order_by("unit__name", "item_id")
    if sees_all_rounds(official):
        return entries
    return entries.filter(Q(unit_id__in=leader_unit_ids_of(official, today())) | Q(responsible=official))


def visible_backlog_rounds(official: Official) -> QuerySet[BacklogRound]:
    if sees_all_rounds(official):
        return BacklogRound.objects.all()
    mine = Q(entries__unit_id__in=leader_unit_ids_of(official, today())) | Q(entries__responsible=official)
    return BacklogRound.objects.filter(pk__in=BacklogRound.objects.filter(mine).values("pk"))


# Citizens' reports -------------------------------------------------------------------------------------

def visible_public_reports(official: Official) -> QuerySet[PublicReport]:
    """Home Affairs sees every report; a unit's people see those assigned to their units."""
    if keeps_register(official):
        return PublicReport.objects.all()
    return PublicReport.objects.filter(assigned_unit__in=unit_ids_of(official, today()))
