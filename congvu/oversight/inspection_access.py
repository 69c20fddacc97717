"""Who sees which inspection, and what of it (clause 1.6; issue 10 "Everywhere"):

- Home Affairs, the Province office and administrators (`sees_figures`) see every inspection, a
  surprise one from the moment it is drawn;
- the head or deputy of an inspected unit sees the inspection once it is opened — never before: a
  surprise inspection is a surprise — and the findings about the units they lead;
- an official sees the inspections that found something about them, and only those findings.

Every page and API endpoint asks here; an inspection one may not see answers like one that does not exist."""

from django.db.models import Q, QuerySet

from congvu.lib.clock import today
from congvu.org.models import Official
from congvu.oversight.access import sees_figures
from congvu.oversight.models_inspections import Finding, Inspection, InspectionState
from congvu.registry.serving import leader_unit_ids_of

OPENED_STATES = (InspectionState.OPENED, InspectionState.CONCLUDED, InspectionState.FOLLOWED_UP)


def visible_inspections(official: Official) -> QuerySet[Inspection]:
    if sees_figures(official):
        return Inspection.objects.all()
    led = leader_unit_ids_of(official, today())
    return (Inspection.objects.filter(state__in=OPENED_STATES)
            .filter(Q(units__in=led) | Q(findings__official=official)).distinct())


def may_see(official: Official, inspection: Inspection) -> bool:
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


def finding_as_review_source(finding: Finding) -> dict:
    """What an accountability review opened from this finding starts from (helper "review" builds the
    review; "Mở kiểm điểm" from a finding is wired at merge): plain data, no model."""
    return {
        "source": "inspection_finding", "finding_id": finding.pk, "inspection_id": finding.inspection_id,
        "unit_id": finding.unit_id, "official_id": finding.official_id, "category": finding.category,
        "summary": finding.summary, "item_ids": list(finding.item_ids), "event_ids": list(finding.event_ids),
        "found_on": finding.recorded_at.date().isoformat(),
    }
