"""Inspections (clause 1.6): Home Affairs plans or draws them, opens them with a numbered decision on a
working day, records findings resting on the trail, decides measures with working-day deadlines,
concludes and follows up; each change is an event of the inspection's record trail, and an inspected
unit sees nothing of a surprise inspection before it opens."""

from datetime import date, datetime

import pytest

from congvu.consult import sweep
from congvu.lib import clock
from congvu.lib.refusals import AccessDenied, InvalidInput, InvalidState
from congvu.lib.workdays import TZ
from congvu.org.models import Notification
from congvu.oversight import draw, inspections, risk
from congvu.oversight.access import may_see_inspection, visible_findings, visible_inspections
from congvu.oversight.models_inspections import (
    FindingCategory,
    InspectionKind,
    InspectionState,
    MeasureKind,
    MeasureStatus,
)
from congvu.oversight.record import record_events_of, verify_records
from congvu.oversight.review_sources import finding_as_review_source
from congvu.oversight.tests.makers_inspections import PERIOD, drawn_surprise, opened_with_finding
from congvu.testing import working_item

pytestmark = pytest.mark.django_db


def kinds(inspection) -> list[str]:
    return [e.kind for e in record_events_of(inspection)]


def test_only_home_affairs_plans_or_draws(province, at_morning):
    with pytest.raises(AccessDenied):
        inspections.plan_inspection(actor=province.construction_head, kind=InspectionKind.ROUTINE, title="x",
                                    period_from=PERIOD[0], period_to=PERIOD[1], units=[province.construction])
    with pytest.raises(AccessDenied):
        inspections.draw_surprise(actor=province.office_head, title="x", period_from=PERIOD[0], period_to=PERIOD[1],
                                  units=1, officials=0, items=0)


def test_a_thematic_plan_names_its_theme_and_its_period_runs_forward(province, at_morning):
    plan = {"actor": province.inspector, "kind": InspectionKind.THEMATIC, "title": "Chuyên đề đất đai",
            "units": [province.commune]}
    with pytest.raises(InvalidInput):
        inspections.plan_inspection(**plan, period_from=PERIOD[0], period_to=PERIOD[1])
    with pytest.raises(InvalidInput):
        inspections.plan_inspection(**plan, theme="Giải quyết tranh chấp", period_from=PERIOD[1], period_to=PERIOD[0])
    planned = inspections.plan_inspection(**plan, theme="Giải quyết tranh chấp", period_from=PERIOD[0],
                                          period_to=PERIOD[1])
    assert planned.state == InspectionState.PLANNED and list(planned.units.all()) == [province.commune]
    assert kinds(planned) == ["inspection_planned"]


def test_a_surprise_draw_records_its_seed_and_population_and_re_runs_from_the_file(province, at_morning):
    inspection = drawn_surprise(province, units=2, seed="abc123")
    assert inspection.seed == "abc123" and len(inspection.drawn["units"]) == 2
    population = draw.parse_snapshot(inspection.population.open("rb").read().decode())
    assert draw.digest(population) == inspection.population_digest
    again = draw.draw_all(population, inspection.sizes, inspection.seed).drawn
    assert again == {s: [m for m, _ in rows] for s, rows in inspection.drawn.items()}
    assert set(inspection.units.values_list("pk", flat=True)) == set(again["units"])
    assert kinds(inspection) == ["inspection_drawn"]


def test_the_same_seed_over_the_same_province_draws_the_same_units(province, at_morning):
    first, second = drawn_surprise(province, units=2, seed="s"), drawn_surprise(province, units=2, seed="s")
    assert first.drawn == second.drawn and first.population_digest == second.population_digest


def test_the_inspected_unit_sees_nothing_of_a_surprise_inspection_until_it_opens(province, at_morning):
    inspection = drawn_surprise(province)
    assert province.construction in inspection.units.all()
    for who in (province.construction_head, province.construction_officer, province.finance_head):
        assert not may_see_inspection(who, inspection)
    assert may_see_inspection(province.inspector, inspection) and may_see_inspection(province.office_head, inspection)
    assert not Notification.objects.filter(official=province.construction_head, url__startswith="/kiem-tra/").exists()
    inspections.open_inspection(inspection, actor=province.inspector)
    assert may_see_inspection(province.construction_head, inspection)
    assert may_see_inspection(province.finance_head, inspection)
    told = Notification.objects.get(official=province.construction_head, url=f"/kiem-tra/{inspection.pk}/")
    assert told.text.startswith("Quyết định kiểm tra số 01/QĐ-SNV")
    assert not may_see_inspection(province.construction_officer, inspection)
    assert not may_see_inspection(province.outsider, inspection)


def test_opening_numbers_the_decision_in_home_affairs_register_on_a_working_day(province, at_morning):
    first = inspections.open_inspection(drawn_surprise(province), actor=province.inspector)
    second = inspections.open_inspection(drawn_surprise(province, seed="other"), actor=province.inspector)
    assert (first.decision_number, second.decision_number) == (1, 2)
    assert first.decision_on == date(2026, 3, 3) and first.state == InspectionState.OPENED
    with pytest.raises(InvalidState):
        inspections.open_inspection(first, actor=province.inspector)
    saturday = drawn_surprise(province, seed="sat")
    with clock.travel_to(datetime(2026, 3, 7, 9, 0, tzinfo=TZ)), pytest.raises(InvalidState, match="09/03/2026"):
        inspections.open_inspection(saturday, actor=province.inspector)


def test_a_finding_of_fault_rests_on_items_of_the_trail(province, at_morning):
    inspection = inspections.open_inspection(drawn_surprise(province), actor=province.inspector)
    item, other = working_item(province), working_item(province, subject="Hồ sơ khác")
    finding = {"actor": province.inspector, "category": FindingCategory.AVOIDING, "unit": province.construction,
               "summary": "Chuyển hồ sơ thuộc thẩm quyền"}
    with pytest.raises(InvalidInput):
        inspections.record_finding(inspection, **finding)
    with pytest.raises(InvalidInput):
        inspections.record_finding(inspection, **finding, item_ids=[item.pk],
                                   event_ids=list(other.events.values_list("pk", flat=True)))
    found = inspections.record_finding(inspection, **finding, item_ids=[item.pk],
                                       event_ids=list(item.events.values_list("pk", flat=True)))
    source = finding_as_review_source(found)
    assert source["unit_id"] == province.construction.pk and source["item_ids"] == [item.pk]
    assert kinds(inspection)[-1] == "finding_recorded"


def test_a_finding_is_only_about_a_unit_in_scope_of_an_opened_inspection(province, at_morning):
    planned = inspections.plan_inspection(actor=province.inspector, kind=InspectionKind.ROUTINE, title="Định kỳ",
                                          period_from=PERIOD[0], period_to=PERIOD[1], units=[province.finance])
    with pytest.raises(InvalidState):
        inspections.record_finding(planned, actor=province.inspector, category=FindingCategory.POSITIVE,
                                   unit=province.finance, summary="Tốt")
    inspections.open_inspection(planned, actor=province.inspector)
    with pytest.raises(InvalidInput):
        inspections.record_finding(planned, actor=province.inspector, category=FindingCategory.POSITIVE,
                                   unit=province.construction, summary="Tốt")


def test_measures_run_to_a_working_day_deadline_and_the_follow_up_closes_the_inspection(province, at_morning):
    inspection = opened_with_finding(province)
    finding = inspection.findings.get()
    with pytest.raises(InvalidInput):
        inspections.decide_measure(finding, actor=province.inspector, kind=MeasureKind.CRITICISM, days=0)
    measure = inspections.decide_measure(finding, actor=province.inspector, kind=MeasureKind.REVIEW, days=10)
    assert measure.due_on == date(2026, 3, 17)  # ten working days after Tuesday 03/03/2026
    with pytest.raises(InvalidState):
        inspections.follow_up(measure, actor=province.inspector, status=MeasureStatus.DONE)
    inspections.conclude(inspection, actor=province.inspector, conclusion="Chấn chỉnh việc giữ hồ sơ.")
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.CONCLUDED and inspection.conclusion_number == 2
    with pytest.raises(AccessDenied):
        inspections.follow_up(measure, actor=province.construction_head, status=MeasureStatus.DONE)
    inspections.follow_up(measure, actor=province.inspector, status=MeasureStatus.DONE, note="Đã kiểm điểm")
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.FOLLOWED_UP
    assert kinds(inspection) == ["inspection_drawn", "inspection_opened", "finding_recorded", "measure_decided",
                                 "inspection_concluded", "measure_followed_up"]


def test_an_official_sees_only_the_findings_about_them_and_a_head_those_of_their_unit(province, at_morning):
    inspection = opened_with_finding(province)
    inspections.record_finding(inspection, actor=province.inspector, category=FindingCategory.POSITIVE,
                               unit=province.finance, summary="Giải quyết đúng hạn")
    assert list(visible_inspections(province.construction_officer)) == [inspection]
    assert [f.official for f in visible_findings(province.construction_officer, inspection)] == [
        province.construction_officer]
    assert [f.unit for f in visible_findings(province.finance_head, inspection)] == [province.finance]
    assert visible_findings(province.inspector, inspection).count() == 2
    assert not may_see_inspection(province.commune_officer, inspection)


def test_the_inspections_record_trail_verifies_and_a_refused_action_leaves_no_event(province, at_morning):
    inspection = opened_with_finding(province)
    with pytest.raises(AccessDenied):
        inspections.conclude(inspection, actor=province.construction_head, conclusion="x")
    assert kinds(inspection) == ["inspection_drawn", "inspection_opened", "finding_recorded"]
    assert [e.actor for e in record_events_of(inspection)] == [province.inspector] * 3
    assert list(verify_records()) == []


def test_risk_weights_count_the_silence_of_a_unit_and_of_whoever_held_the_request(province, consulted):
    with clock.travel_to(datetime(2026, 3, 31, 9, 0, tzinfo=TZ)):
        sweep.deem_overdue()
        period = (date(2026, 3, 1), date(2026, 3, 31))
        units = risk.unit_weights([province.finance.pk, province.commune.pk], period)
        officials = risk.official_weights([province.finance_head.pk, province.commune_head.pk], period)
    assert units[province.finance.pk] >= risk.BASE + risk.DEEMED and units[province.commune.pk] == risk.BASE
    assert officials[province.finance_head.pk] >= risk.BASE + risk.DEEMED
    assert officials[province.commune_head.pk] == risk.BASE
