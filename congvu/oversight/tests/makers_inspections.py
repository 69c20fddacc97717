"""Inspections for the tests of every layer: a surprise inspection drawn over the small province (its
only departments and commune), opened, with a finding about Construction's officer on a late item."""

from datetime import date

from congvu.oversight import inspections
from congvu.oversight.models_inspections import FindingCategory, Inspection, MeasureKind
from congvu.testing import working_item

PERIOD = (date(2026, 1, 1), date(2026, 2, 28))


def drawn_surprise(p, *, units: int = 5, seed: str = "5eed0001") -> Inspection:
    """Every department and the commune drawn (5 of the province's 5), so Construction is in scope."""
    return inspections.draw_surprise(actor=p.inspector, title="Kiểm tra đột xuất quý I/2026", period_from=PERIOD[0],
                                     period_to=PERIOD[1], units=units, officials=3, items=5, seed=seed,
                                     team=[p.inspector])


def opened_with_finding(p) -> Inspection:
    inspection = inspections.open_inspection(drawn_surprise(p), actor=p.inspector)
    item = working_item(p)
    inspections.record_finding(inspection, actor=p.inspector, category=FindingCategory.DELAY, unit=p.construction,
                               official=p.construction_officer, summary="Giữ hồ sơ quá hạn không báo cáo",
                               item_ids=[item.pk], event_ids=list(item.events.values_list("pk", flat=True)[:1]))
    return inspection


def walked_inspection(p) -> dict[str, int]:
    """For the access walks: an opened surprise inspection of every unit, a finding about
    Construction's officer and a measure on it; made once per province."""
    if not hasattr(p, "walked_inspection"):
        inspection = opened_with_finding(p)
        finding = inspection.findings.get()
        measure = inspections.decide_measure(finding, actor=p.inspector, kind=MeasureKind.REMINDER, days=5)
        p.walked_inspection = {"inspection": inspection.pk, "finding": finding.pk, "measure": measure.pk}
    return p.walked_inspection
