"""The sweep urges units late with their periodic report (clause 3), as its own step: a failure there
stops nothing else of the round, and nothing before it stops it."""

from datetime import datetime

import pytest

from congvu.lib import clock
from congvu.lib.workdays import TZ
from congvu.ops import sweep
from congvu.oversight import reports
from congvu.oversight.models_reports import UnitReport
from congvu.oversight.tests.report_makers import open_february

pytestmark = pytest.mark.django_db
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=TZ)  # February's reports were due on Friday 27/02


def test_the_round_urges_each_late_unit_once_a_day(province):
    with clock.travel_to(MONDAY):
        period = open_february(province)
        first = [r.line for r in sweep.run_all()]
        again = [r.line for r in sweep.run_all()]
    late = UnitReport.objects.filter(period=period).count()
    assert first[-1] == f"đôn đốc báo cáo định kỳ: {late} đơn vị" and again[-1] == "đôn đốc báo cáo định kỳ: 0 đơn vị"
    assert set(UnitReport.objects.filter(period=period).values_list("urged_count", flat=True)) == {1}


def test_a_failing_urge_is_reported_and_the_rest_of_the_round_still_runs(province, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(reports, "urge_late_reports", broken)
    with clock.travel_to(MONDAY):
        open_february(province)
        lines = [r for r in sweep.run_all()]
    assert lines[-1].line == "LỖI urge_late_reports: RuntimeError: database hiccup" and not lines[-1].ok
    assert all(r.ok for r in lines[:-1])
