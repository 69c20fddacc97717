"""The API's labels come from the enums: Vietnamese by default, English when asked, the codes unchanged."""

import pytest

from congvu.testing import working_item

pytestmark = pytest.mark.django_db


def test_the_role_and_title_labels_speak_the_callers_language(province, api_as):
    vietnamese = api_as(province.construction_officer).get("/api/me").json()
    english = api_as(province.construction_officer, "en").get("/api/me").json()
    assert (vietnamese["role"], vietnamese["role_label"]) == ("official", "Cán bộ, công chức")
    assert (english["role"], english["role_label"]) == ("official", "Official")
    assert vietnamese["positions"][0]["title_label"] == "Chuyên viên"
    assert english["positions"][0]["title_label"] == "Officer"


def test_an_items_state_and_step_labels_speak_the_callers_language(province, api_as):
    item = working_item(province)
    vietnamese = api_as(province.construction_officer).get(f"/api/items/{item.pk}").json()
    english = api_as(province.construction_officer, "en").get(f"/api/items/{item.pk}").json()
    assert (vietnamese["state"], vietnamese["state_label"]) == ("in_progress", "Đang xử lý")
    assert (english["state"], english["state_label"]) == ("in_progress", "In progress")
    assert [s["kind_label"] for s in vietnamese["steps"]] == [
        "Trình lãnh đạo cho ý kiến chỉ đạo", "Phân công xử lý", "Xử lý"]
    assert [s["kind_label"] for s in english["steps"]] == [
        "Presented to the leader for direction", "Assignment", "Handling"]
    assert english["actions"] == ["complete", "submit", "consultations"]
