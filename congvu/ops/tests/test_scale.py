"""`congvu scale` on a few items: the catch-up settles every overdue request through the real sweep,
and the chains it verifies (bulk-made links included) hold."""

import pytest

from congvu.consult.models import ConsultationRequest, Notice, RequestState, Responsibility
from congvu.ops.scale import measure
from congvu.work.models import Event, EventKind, WorkItem
from congvu.work.trail import verify


@pytest.mark.django_db
def test_the_catch_up_deems_every_overdue_request_and_every_chain_verifies():
    result = measure(40, catchup=True, events_per_item=3, progress=None)
    assert result.deemed_agreements == result.notices == 40
    assert not ConsultationRequest.objects.filter(state=RequestState.PENDING).exists()
    assert result.events == Event.objects.count() == 40 * (3 + 1)
    assert set(WorkItem.objects.values_list("event_count", flat=True)) == {4}
    assert result.findings == 0


@pytest.mark.django_db
def test_a_link_altered_in_the_bulk_history_is_found():
    measure(5, catchup=False, events_per_item=2, progress=None)
    Event.objects.filter(seq=2).update(data={"step": 99})
    assert len(verify()) == 5


@pytest.mark.django_db(transaction=True)
def test_several_sweepers_catch_up_each_request_exactly_once():
    """Two sweeper processes on PostgreSQL (SKIP LOCKED); one on SQLite. Either way: one notice, one
    responsibility and one chained event per overdue request, and every chain verifies."""
    result = measure(60, catchup=True, events_per_item=1, progress=None, workers=2)
    assert result.deemed_agreements == result.notices == 60
    assert Notice.objects.values("request_id").distinct().count() == 60
    assert Responsibility.objects.count() == 60
    assert Event.objects.filter(kind=EventKind.DEEMED_AGREEMENT).count() == 60
    assert result.findings == 0
