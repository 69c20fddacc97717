"""The inspections through the API (clause 1.6): Home Affairs draws with a seed and reads it back;
the inspected unit's head finds nothing before the decision and, after it, the inspection without
the draw's seed or population; refusals answer with both languages."""

import pytest

from congvu.oversight.tests.makers_inspections import drawn_surprise

pytestmark = pytest.mark.django_db


def test_home_affairs_draws_and_the_head_sees_it_only_once_opened_without_the_seed(province, api_as):
    inspector, head = api_as(province.inspector), api_as(province.construction_head)
    drawn = inspector.post("/api/oversight/inspections/surprise", {
        "title": "Đột xuất", "period_from": "2026-01-01", "period_to": "2026-02-28", "units": 4, "officials": 2,
        "items": 0, "seed": "a5eed"})
    assert drawn.status_code == 201
    body = drawn.json()
    assert body["seed"] == "a5eed" and len(body["drawn"]["units"]) == 4 and body["state"] == "planned"
    url = f"/api/oversight/inspections/{body['id']}"
    assert head.get(url).status_code == 404 and head.get("/api/oversight/inspections").json() == []
    opened = inspector.post(f"{url}/open", {})
    assert opened.status_code == 200 and opened.json()["decision"] == "01/QĐ"
    seen = head.get(url).json()
    assert seen["state"] == "opened" and seen["seed"] == "" and seen["drawn"] == {}


def test_a_finding_without_evidence_is_refused_in_both_languages(province, api_as):
    inspection = drawn_surprise(province)
    inspector = api_as(province.inspector)
    inspector.post(f"/api/oversight/inspections/{inspection.pk}/open", {})
    refused = inspector.post(f"/api/oversight/inspections/{inspection.pk}/findings", {
        "category": "delay", "unit_id": province.construction.pk, "summary": "Chậm"})
    assert refused.status_code == 409
    assert "hồ sơ" in refused.json()["message_vi"] and "item" in refused.json()["message_en"]
