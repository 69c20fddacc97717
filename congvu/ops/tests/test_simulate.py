"""`congvu simulate`: a two-year history through the real actions, every trail a valid chain."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Max, Min

from congvu.consult.models import Notice, RequestState
from congvu.ops.simulate import simulate
from congvu.work import trail
from congvu.work.models import State, WorkItem


@pytest.mark.django_db(transaction=True)
def test_two_years_of_history_hold_every_path_and_verify():
    # Two items a day over the last 60 days: dense enough that some consultations are still running
    # when the history ends (congvu simulate spreads N over two years).
    result = simulate(120, seed=7, span_days=60)
    assert trail.verify() == []
    assert not WorkItem.objects.filter(event_count=0).exists()  # no empty trails
    assert {State.COMPLETED, State.REGISTERED, State.DIRECTED, State.IN_PROGRESS, State.CONSULTING,
            State.RETURNED, State.TRANSFERRED} <= set(result.states)
    assert result.refused > 0 and result.overridden > 0
    assert Notice.objects.exists() and result.paths["consulted"] > 0
    assert WorkItem.objects.filter(consultations__requests__state=RequestState.DEEMED_AGREED).exists()
    span = WorkItem.objects.aggregate(first=Min("created_at"), last=Max("created_at"))
    assert (span["last"] - span["first"]).days >= 55  # spread over the span


@pytest.mark.django_db
def test_the_command_refuses_a_database_that_has_data(province):
    with pytest.raises(CommandError, match="CSDL đã có dữ liệu"):
        call_command("simulate", "--items", "5")
