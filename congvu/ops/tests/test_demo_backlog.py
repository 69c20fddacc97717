"""The demo's backlog review (congvu/ops/demo/cases_backlog.py): a round in progress, with plans
recorded in time, plans recorded late, items without a plan yet, and plans whose date has passed
with the item still open (the signal)."""

from datetime import timedelta

import pytest

from congvu.lib import clock
from congvu.ops.demo import build_demo
from congvu.oversight.backlog import backlog_plans_overdue, progress
from congvu.oversight.models_backlog import BacklogEntry, BacklogRound
from congvu.testing import MORNING


@pytest.fixture
def small_demo(db):
    with clock.travel_to(MORNING):
        build_demo(items=120, seed=2230)
        yield


def test_the_demo_has_a_round_in_progress_with_plans_in_time_late_and_missing(small_demo):
    round_ = BacklogRound.objects.get()
    entries = BacklogEntry.objects.filter(round=round_)
    assert entries.filter(decision_date__isnull=False, recorded_late=False).exists()
    assert entries.filter(recorded_late=True).exists()
    assert entries.filter(decision_date__isnull=True).exists()
    assert len(progress(entries)) >= 2
    with clock.travel_to(MORNING):
        today = clock.today()
        assert backlog_plans_overdue(today - timedelta(days=30), today)  # a promised date passed, still open
