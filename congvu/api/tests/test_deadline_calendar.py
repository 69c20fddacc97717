"""The deadline calculator names what the official calendar is unsure of (issue 9): the package
holidays counted as working days until confirmed, and the years whose schedule is not published."""

import pytest

from congvu.registry.tests.test_calendar_admin import ship_official_schedule

pytestmark = pytest.mark.django_db


def test_the_deadline_answer_names_unconfirmed_holidays_and_unpublished_years(province, api_as):
    ship_official_schedule()
    client = api_as(province.construction_clerk)
    november = client.get("/api/deadline", **{"from": "2026-11-20", "days": 5}).json()
    assert november["due_date"] == "2026-11-27" and november["unconfirmed_holidays"] == ["2026-11-24"]
    assert november["unpublished_years"] == []
    january = client.get("/api/deadline", **{"from": "2026-12-28", "days": 10}).json()
    assert january["unpublished_years"] == [2027]
    assert any(line.startswith("Lịch năm 2027 chưa được công bố") for line in january["lines_vi"])
