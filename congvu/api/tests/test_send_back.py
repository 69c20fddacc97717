"""The Province office's send-back through the API (POST /api/items/{id}/send-back, clause 1.4)."""

import pytest

from congvu.consult import actions as consult
from congvu.work.tests.test_actions import in_progress


@pytest.fixture
def pushed_up(province):
    item = in_progress(province, province.building_permit)
    return consult.submit_to_province(item, actor=province.construction_head, summary="Tờ trình",
                                      override_reason="Công trình có ý nghĩa đặc biệt")


def test_the_api_sends_back_and_lists_it_as_a_next_step(province, pushed_up, api_as):
    office = api_as(province.office_head)
    detail = office.get(f"/api/items/{pushed_up.pk}").json()
    assert "send-back" in detail["actions"]
    refused = office.post(f"/api/items/{pushed_up.pk}/send-back", {"grounds": "whatever", "explanation": "x"})
    assert refused.status_code == 422
    answer = office.post(f"/api/items/{pushed_up.pk}/send-back",
                         {"grounds": "delegated_authority", "explanation": "Đã ủy quyền cho Sở"})
    assert answer.status_code == 200, answer.content
    assert answer.json()["state"] == "in_progress"
    denied = api_as(province.construction_head).post(f"/api/items/{pushed_up.pk}/send-back",
                                                     {"grounds": "incomplete", "explanation": "x"})
    assert denied.status_code in (403, 404)
    schema = office.get("/api/openapi.json").json()
    assert "/api/items/{item_id}/send-back" in schema["paths"]
