"""Two workers sweeping at the same moment (PostgreSQL, SKIP LOCKED): every due request is deemed
agreed exactly once, with one notice each and unbroken numbering."""

import threading

import pytest
from django.db import connection, connections

from congvu.consult import actions
from congvu.consult import sweep as consult_sweep
from congvu.consult.models import ConsultationRequest, Notice, RequestState
from congvu.lib import clock
from congvu.testing import MORNING, build_province, working_item
from congvu.work import trail

from .test_consultations import MIDNIGHT

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL SKIP LOCKED")


def two_sweeps_at_once() -> list[int]:
    """Two threads, each with its own connection, run the deemed-agreement sweep at midnight, started
    together; returns how many requests each deemed."""
    counts, barrier = [], threading.Barrier(2)

    def sweep() -> None:
        try:
            barrier.wait()
            with clock.travel_to(MIDNIGHT):
                counts.append(consult_sweep.deem_overdue())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return counts


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_deem_each_request_once():
    with clock.travel_to(MORNING):
        p = build_province()
        for n in range(12):
            item = working_item(p, subject=f"Đồ án {n}")
            actions.ask(item, actor=p.construction_officer, units=[p.finance, p.transport], question="Ý kiến?")
    counts = two_sweeps_at_once()
    assert sum(counts) == 24
    assert Notice.objects.count() == 24
    assert len(set(Notice.objects.values_list("request_id", flat=True))) == 24  # one draft per request, unnumbered
    assert not Notice.objects.filter(number__isnull=False).exists()
    assert set(ConsultationRequest.objects.values_list("state", flat=True)) == {RequestState.DEEMED_AGREED}
    assert trail.verify() == []
