"""An inspection's finding of a fault is evidence for an accountability review (clauses 1.6 -> 1.7):
the review names the official the finding names, and its evidence opens the inspection and the items
the finding cites. A positive finding is no ground for one."""

import pytest
from django.urls import reverse

from congvu.lib.refusals import InvalidInput
from congvu.oversight import inspections, reviews
from congvu.oversight.models_inspections import FindingCategory
from congvu.oversight.tests.makers_inspections import opened_with_finding


def test_a_review_opens_from_a_finding_of_delay_with_the_inspection_and_its_items_as_evidence(province, at_morning):
    inspection = opened_with_finding(province)
    finding = inspection.findings.get()
    review = reviews.open_review("inspection_finding", finding.pk, actor=province.inspector, subject="official",
                                 reason="")
    assert review.official == province.construction_officer and review.unit == province.construction
    urls = [e["url"] for e in review.evidence]
    assert urls[0] == reverse("inspection", args=[inspection.pk])
    assert urls[1:] == [reverse("item", args=[pk]) for pk in finding.item_ids]
    assert "Giữ hồ sơ quá hạn không báo cáo" in review.reason


def test_a_positive_finding_is_no_ground_for_a_review(province, at_morning):
    inspection = opened_with_finding(province)
    praise = inspections.record_finding(inspection, actor=province.inspector, category=FindingCategory.POSITIVE,
                                        unit=province.construction, summary="Giải quyết đúng hạn")
    with pytest.raises(InvalidInput):
        reviews.open_review("inspection_finding", praise.pk, actor=province.inspector, subject="unit", reason="x")


def test_the_inspection_page_offers_the_review_for_a_fault_only(province, at_morning, client_of):
    inspection = opened_with_finding(province)
    fault = inspection.findings.get()
    praise = inspections.record_finding(inspection, actor=province.inspector, category=FindingCategory.POSITIVE,
                                        unit=province.construction, summary="Giải quyết đúng hạn")
    page = client_of(province.inspector).get(reverse("inspection", args=[inspection.pk])).content.decode()
    assert reverse("review_open", args=["inspection_finding", fault.pk]) in page
    assert reverse("review_open", args=["inspection_finding", praise.pk]) not in page
    opened = client_of(province.inspector).get(reverse("review_open", args=["inspection_finding", fault.pk]))
    assert opened.status_code == 200
