"""Clause 1.5 and the step delays through the API (issue 9): the item's legal deadline beside its
working one, the cause of the delay asked when completing overdue work, the figures counted against
the legal deadline, and each step's delay charged to its holder for a period."""

from datetime import date

import pytest

from congvu.registry.queries import current_calendar
from congvu.web.tests.test_deadlines_pages import overdue_item
from congvu.work import actions

pytestmark = pytest.mark.django_db


def test_completing_overdue_work_through_the_api_asks_the_cause_of_the_delay(province, api_as):
    item = overdue_item(province)
    officer = api_as(province.construction_officer)
    refused = officer.post(f"/api/items/{item.pk}/complete", {"result": "Đã cấp phép"})
    assert refused.status_code == 409
    assert "R-1.5-DELAY-CAUSE" in refused.content.decode() and "nguyên nhân chậm trễ" in refused.content.decode()
    assert officer.post(f"/api/items/{item.pk}/complete",
                        {"result": "Đã cấp phép", "delay_cause": "sleepy", "delay_note": "x"}).status_code == 422
    done = officer.post(f"/api/items/{item.pk}/complete", {"result": "Đã cấp phép", "delay_cause": "workload",
                                                            "delay_note": "Nhiều hồ sơ cùng lúc"})
    assert done.status_code == 200, done.content.decode()
    body = done.json()
    assert (body["state"], body["legal_due_date"], body["due_date"]) == ("completed", "2026-01-23", "2026-01-23")
    complete_event = body["events"][-1]
    assert complete_event["data"]["delay_cause"] == "workload"


def test_the_figures_and_the_step_delays_through_the_api(province, api_as):
    item = overdue_item(province)  # its handling step was due 23/01 and is still open on 03/03
    actions.extend_deadline(item, actor=province.construction_head, reason="Chờ hồ sơ",
                            new_due=current_calendar().add_working_days(date(2026, 1, 23), 5))
    inspector = api_as(province.inspector)
    construction = next(f for f in inspector.get("/api/figures").json() if f["unit_id"] == province.construction.pk)
    assert (construction["open_overdue"], construction["extensions_self"]) == (1, 1)
    delays = inspector.get("/api/figures/step-delays", **{"from": "2026-03-01", "to": "2026-03-31"})
    assert delays.status_code == 200, delays.content.decode()
    officer = next(r for r in delays.json()["officials"] if r["official_id"] == province.construction_officer.pk)
    assert officer["unit_id"] == province.construction.pk and officer["days_late"] > 0
    assert inspector.get("/api/figures/step-delays", **{"from": "2026-03-31", "to": "2026-03-01"}).status_code == 409
    assert api_as(province.construction_head).get("/api/figures/step-delays",
                                                   **{"from": "2026-03-01", "to": "2026-03-31"}).status_code == 403
