"""The demo's inspections (issue 10, clause 1.6): a surprise inspection with its recorded seed that
re-runs from its population, opened and concluded with Decree 30 documents on working days, findings
resting on the trail, measures (one followed up); a thematic inspection planned."""

import pytest

from congvu.documents import inspection_docs
from congvu.documents.layout import problems, read_back
from congvu.lib import clock
from congvu.ops.demo.build import build_demo
from congvu.ops.demo.cases_inspections import SEED
from congvu.oversight import draw
from congvu.oversight.models_inspections import Inspection, InspectionKind, InspectionState, Measure, MeasureStatus
from congvu.oversight.record import record_events_of, verify_records
from congvu.registry.queries import current_calendar
from congvu.testing import MORNING
from congvu.work.models import Event, WorkItem


@pytest.fixture
def small_demo(db):
    with clock.travel_to(MORNING):
        return build_demo(items=40, seed=2230)


def test_the_demo_has_a_concluded_surprise_inspection_that_re_runs_from_its_seed(small_demo):
    surprise = Inspection.objects.get(kind=InspectionKind.SURPRISE)
    assert surprise.seed == SEED and surprise.state == InspectionState.CONCLUDED
    population = draw.parse_snapshot(surprise.population.open("rb").read().decode())
    assert draw.digest(population) == surprise.population_digest
    assert draw.draw_all(population, surprise.sizes, SEED).drawn == {
        s: [m for m, _ in rows] for s, rows in surprise.drawn.items()}
    assert [e.kind for e in record_events_of(surprise)][:2] == ["inspection_drawn", "inspection_opened"]
    assert list(verify_records()) == []


def test_its_documents_follow_decree_30_on_working_days(small_demo):
    surprise = Inspection.objects.get(kind=InspectionKind.SURPRISE)
    calendar = current_calendar()
    assert calendar.is_working_day(surprise.decision_on) and calendar.is_working_day(surprise.conclusion_on)
    for kind in ("quyet-dinh", "ket-luan"):
        assert problems(read_back(inspection_docs.render(surprise, kind)[1])) == []


def test_its_findings_rest_on_the_trail_and_a_measure_was_followed_up(small_demo):
    surprise = Inspection.objects.get(kind=InspectionKind.SURPRISE)
    findings = list(surprise.findings.all())
    assert {f.category == "positive" for f in findings} == {True, False}
    for finding in findings:
        assert WorkItem.objects.filter(pk__in=finding.item_ids).count() == len(finding.item_ids)
        assert Event.objects.filter(pk__in=finding.event_ids, item_id__in=finding.item_ids).count() == len(
            finding.event_ids)
    statuses = set(Measure.objects.filter(finding__inspection=surprise).values_list("status", flat=True))
    assert MeasureStatus.DONE in statuses
    assert Inspection.objects.filter(kind=InspectionKind.THEMATIC, state=InspectionState.PLANNED).exists()
