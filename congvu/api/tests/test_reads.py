"""The reads: who I am, the registries, the calendar, the figures for oversight, and the items an
official may see — and nothing they may not."""

import pytest

from congvu.api.tests.helpers import incoming_body
from congvu.testing import consulted_item, working_item

pytestmark = pytest.mark.django_db


def test_me_names_the_official_their_units_and_what_they_lead(province, api_as):
    me = api_as(province.construction_head).get("/api/me").json()
    assert me["full_name"] == "Nguyễn Văn Dựng" and me["username"] == "sxd.head"
    assert me["unit_ids"] == me["leader_unit_ids"] == [province.construction.pk]
    assert me["positions"][0]["title_label"] == "Thủ trưởng" and me["may_register"] is True
    english = api_as(province.inspector, "en").get("/api/me").json()
    assert english["sees_figures"] is True and english["role_label"].startswith("Department of Home Affairs")


def test_units_and_matter_types_are_the_registries(province, api_as):
    client = api_as(province.construction_officer)
    units = client.get("/api/units").json()
    assert {u["code"] for u in units} >= {"sxd", "stc", "snv", "vp", "xa-an-my"}
    assert [u["code"] for u in client.get("/api/units", kind="commune").json()] == ["xa-an-my"]
    planning = next(m for m in client.get("/api/matter-types").json() if m["code"] == "phe-duyet-quy-hoach")
    assert planning["authority"] == "province_chairman" and planning["time_limit_days"] == 25
    assert set(planning["related_unit_ids"]) == {province.finance.pk, province.transport.pk}


def test_a_units_officials_are_listed_to_its_own_people_only(province, api_as):
    path = f"/api/units/{province.construction.pk}/officials"
    names = [o["full_name"] for o in api_as(province.construction_head).get(path).json()]
    assert "Hoàng Văn Viên" in names and "Ngô Văn Tài" not in names
    assert api_as(province.finance_head).get(path).status_code == 403
    assert api_as(province.inspector).get(path).status_code == 200
    assert api_as(province.construction_head).get("/api/units/987654/officials").status_code == 404


def test_the_deadline_calculator_explains_the_count_in_the_readers_language(province, api_as):
    answer = api_as(province.construction_clerk).get("/api/deadline", **{"from": "2026-04-30", "days": 5}).json()
    assert answer["due_date"] == "2026-05-08" and answer["due_at"] == "2026-05-09T00:00:00+07:00"
    assert answer["lines"] == answer["lines_vi"] and "Không tính 01/05/2026" in " ".join(answer["lines"])
    english = api_as(province.construction_clerk, "en").get("/api/deadline", **{"from": "2026-04-30", "days": 5})
    assert english.json()["lines"][0].startswith("Triggering event: 30/04/2026")


@pytest.mark.parametrize(("params", "field"), [
    ({"from": "2026-02-31", "days": 5}, "query.from"),
    ({"from": "30/04/2026", "days": 5}, "query.from"),
    ({"from": "mai", "days": 5}, "query.from"),
    ({"from": "2026-03-03", "days": 366}, "query.days"),
    ({"from": "2026-03-03", "days": -1}, "query.days"),
    ({"from": "2026-03-03"}, "query.days"),
])
def test_a_bad_deadline_question_is_422_naming_the_field(province, api_as, params, field):
    response = api_as(province.construction_clerk).get("/api/deadline", **params)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


def test_a_deadline_beyond_the_calendar_is_409_not_a_500(province, api_as):
    client = api_as(province.construction_clerk)
    before = client.get("/api/deadline", **{"from": "1999-01-01", "days": 5})
    assert before.status_code == 409 and "lịch làm việc" in before.json()["message"]
    assert client.get("/api/deadline", **{"from": "2035-11-01", "days": 300}).status_code == 409


def test_figures_are_for_home_affairs_and_the_province_office_only(province, api_as):
    working_item(province)
    rows = api_as(province.inspector).get("/api/figures").json()
    construction = next(r for r in rows if r["unit_id"] == province.construction.pk)
    assert construction["assigned"] == 1 and construction["open_within_deadline"] == 1
    assert api_as(province.office_head).get("/api/figures").status_code == 200
    refused = api_as(province.construction_head).get("/api/figures")
    assert refused.status_code == 403 and "Sở Nội vụ" in refused.json()["message"]


def test_items_lists_only_what_the_official_may_see(province, api_as):
    item = working_item(province)
    assert [i["id"] for i in api_as(province.construction_officer).get("/api/items").json()["items"]] == [item.pk]
    assert api_as(province.transport_head).get("/api/items").json()["count"] == 0
    assert api_as(province.inspector).get("/api/items").json()["count"] == 1


def test_an_invisible_item_answers_exactly_like_a_missing_one(province, api_as):
    item = working_item(province)
    stranger = api_as(province.transport_head)
    hidden, missing = stranger.get(f"/api/items/{item.pk}"), stranger.get("/api/items/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["code"] == missing.json()["code"] == "NOT-FOUND"
    assert hidden.json()["message"].replace(str(item.pk), "N") == missing.json()["message"].replace("999999", "N")


def test_items_filter_by_text_state_unit_holder_and_due_dates_and_page(province, api_as):
    p = province
    clerk = api_as(p.construction_clerk)
    for subject in ("Nhà xưởng Hòa Hiệp", "Nhà ở Tuy An", "Kho lạnh Sông Cầu"):
        assert clerk.post("/api/incoming", incoming_body(p, subject=subject)).status_code == 201
    working = working_item(p)
    head = api_as(p.construction_head)
    assert [i["title"] for i in head.get("/api/items", q="Tuy An").json()["items"]] == ["Nhà ở Tuy An"]
    assert head.get("/api/items", state="registered").json()["count"] == 3
    assert [i["id"] for i in head.get("/api/items", holder=p.construction_officer.pk).json()["items"]] == [working.pk]
    assert head.get("/api/items", unit=p.construction.pk).json()["count"] == 4
    assert head.get("/api/items", unit=p.finance.pk).json()["count"] == 0
    assert head.get("/api/items", matter_type=p.planning_approval.pk).json()["count"] == 1
    assert head.get("/api/items", due_from="2026-04-01").json()["count"] == 1  # the 25-day planning approval
    assert head.get("/api/items", due_to="2026-03-31").json()["count"] == 3
    page = head.get("/api/items", limit=2, offset=2).json()
    assert (page["count"], len(page["items"]), page["offset"]) == (4, 2, 2)
    assert head.get("/api/items", limit=201).status_code == 422


def test_consultation_requests_are_those_to_my_units(province, api_as):
    item, request = consulted_item(province)
    finance = api_as(province.finance_head).get("/api/consultation-requests").json()
    assert [r["id"] for r in finance["requests"]] == [request.pk]
    assert finance["requests"][0]["asking_unit_id"] == province.construction.pk
    assert api_as(province.construction_head).get("/api/consultation-requests").json()["count"] == 0
    assert api_as(province.finance_head).get("/api/consultation-requests", state="answered").json()["count"] == 0
    # The lead unit sees the request through its item; an unrelated unit does not.
    assert api_as(province.construction_officer).get(f"/api/consultation-requests/{request.pk}").status_code == 200
    assert api_as(province.transport_head).get(f"/api/consultation-requests/{request.pk}").status_code == 404


def test_an_item_shows_its_steps_events_and_consultations(province, api_as):
    item, request = consulted_item(province)
    detail = api_as(province.construction_officer).get(f"/api/items/{item.pk}").json()
    assert detail["state"] == "consulting" and detail["incoming"]["incoming_number"] == 1
    assert [e["kind"] for e in detail["events"]] == ["register", "direct", "assign", "consult"]
    assert detail["steps"][-1]["holder_id"] == province.construction_officer.pk
    assert detail["consultations"][0]["requests"][0]["id"] == request.pk
    assert detail["due_at"].endswith("+07:00")
