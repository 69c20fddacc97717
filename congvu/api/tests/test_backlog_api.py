"""The backlog review and the XES export through the API: the same actions as the pages."""

import pytest

from congvu.oversight.tests.makers_backlog import opened_round

pytestmark = pytest.mark.django_db


def test_home_affairs_opens_a_round_and_the_head_records_a_plan(province, busy, at_morning, api_as):
    opened = api_as(province.inspector).post("/api/oversight/backlog-rounds", {
        "title": "Rà soát quý I", "cutoff": "2026-03-03", "plans_due": "2026-03-10", "long_running_days": 30})
    assert opened.status_code == 201
    entry = next(e for e in opened.json()["entries"] if e["item_id"] == busy.overdue.pk)
    assert entry["reason"] == "overdue" and entry["decision_date"] is None
    planned = api_as(province.construction_head).post(f"/api/oversight/backlog-entries/{entry['id']}/plan", {
        "decision_date": "2026-03-20", "cause": "dossier", "responsible": province.construction_officer.pk})
    assert planned.status_code == 200 and planned.json()["decision_date"] == "2026-03-20"
    seen = api_as(province.construction_officer).get(f"/api/oversight/backlog-rounds/{opened.json()['id']}").json()
    assert [e["id"] for e in seen["entries"]] == [entry["id"]]


def test_a_plan_naming_an_unknown_official_is_404_and_a_past_date_409(province, busy, at_morning, api_as):
    entry = opened_round(province).entries.get(item=busy.overdue)
    head = api_as(province.construction_head)
    unknown = head.post(f"/api/oversight/backlog-entries/{entry.pk}/plan",
                        {"decision_date": "2026-03-20", "cause": "dossier", "responsible": 999999})
    past = head.post(f"/api/oversight/backlog-entries/{entry.pk}/plan",
                     {"decision_date": "2026-03-01", "cause": "dossier",
                      "responsible": province.construction_officer.pk})
    assert unknown.status_code == 404 and past.status_code == 409


def test_the_xes_export_streams_xml_to_home_affairs(province, busy, at_morning, api_as):
    response = api_as(province.inspector).client.get(
        "/api/oversight/xes?from=2026-01-01&to=2026-03-03", headers=api_as(province.inspector).headers)
    body = b"".join(response.streaming_content).decode()
    assert response.status_code == 200 and body.startswith("<?xml") and "<trace>" in body
    too_long = api_as(province.inspector).get("/api/oversight/xes?from=2024-01-01&to=2026-03-03")
    assert too_long.status_code == 409
