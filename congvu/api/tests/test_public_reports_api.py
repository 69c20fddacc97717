"""Citizens' reports through the API (clause 1.7), Home Affairs' side: assigned with a deadline in
working days, answered by the unit's head, closed with the answer the reporter reads by the code;
the reporter's name and contact go to Home Affairs only."""

import pytest
from django.test import Client

from congvu.oversight.tests.makers import filed_report

pytestmark = pytest.mark.django_db


def test_home_affairs_assigns_the_unit_answers_and_home_affairs_closes_through_the_api(province, api_as):
    report = filed_report(province)
    inspector, head = api_as(province.inspector), api_as(province.construction_head)
    assert head.get(f"/api/oversight/public-reports/{report.pk}").status_code == 404  # not assigned yet
    assigned = inspector.post(f"/api/oversight/public-reports/{report.pk}/assign",
                              {"unit": province.construction.pk, "days": 5})
    assert assigned.status_code == 200
    assert assigned.json()["state"] == "assigned" and assigned.json()["due_on"] == "2026-03-10"
    assert assigned.json()["reporter_contact"] == "0905 123 456"
    seen_by_unit = head.get(f"/api/oversight/public-reports/{report.pk}").json()
    assert seen_by_unit["reporter_contact"] is None and seen_by_unit["reporter_name"] is None
    assert [r["code"] for r in head.get("/api/oversight/public-reports").json()] == [report.code]
    answered = head.post(f"/api/oversight/public-reports/{report.pk}/answer", {"answer": "Đã kiểm điểm cán bộ."})
    assert answered.status_code == 200 and answered.json()["state"] == "answered"
    closed = inspector.post(f"/api/oversight/public-reports/{report.pk}/close",
                            {"public_answer": "Sở Xây dựng đã kiểm điểm cán bộ."})
    assert closed.status_code == 200 and closed.json()["closed_at"].endswith("+07:00")
    lookup = Client().get(f"/cong-khai/phan-anh/tra-cuu/?ma={report.code}").content.decode()
    assert "Sở Xây dựng đã kiểm điểm cán bộ." in lookup


def test_an_empty_answer_is_refused_in_vietnamese_and_nothing_changes(province, api_as):
    report = filed_report(province)
    refused = api_as(province.inspector).post(f"/api/oversight/public-reports/{report.pk}/close",
                                              {"public_answer": "  "})
    assert refused.status_code in (400, 422)
    report.refresh_from_db()
    assert report.state == "received"
