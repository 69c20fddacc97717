"""The deemed-agreement sweep writes the same records whatever its batches (issue 13's catch-up): one
item per transaction with every row written by its own INSERT, or all items in one batch written a
table at a time (COPY on PostgreSQL, one UPDATE for the items). Same requests settled, same notices,
responsibilities, notifications, the same events with the same hashes, and every chain verifies.
On PostgreSQL, two sweepers taking small batches at once settle each request once."""


import pytest
from django.db import connection, transaction

from congvu.consult import actions
from congvu.consult import sweep as consult_sweep
from congvu.consult.models import ConsultationRequest, Notice, ReplyPosition, RequestState, Responsibility
from congvu.lib import clock, fastsql
from congvu.org.models import Notification
from congvu.testing import MORNING, QUESTION, build_province, working_item
from congvu.work import trail
from congvu.work.models import Event, EventKind, WorkItem

from .test_concurrent_sweeps import two_sweeps_at_once
from .test_consultations import MIDNIGHT

ITEMS = 12


def consult_many(p) -> None:
    """Twelve items asking Finance and Transport (due at MIDNIGHT), with the cases the sweep tells apart:
    a request handed to an officer, a request answered in time (its item keeps only one to settle), and an
    item whose second consultation is not due yet (it stays consulting)."""
    for n in range(ITEMS):
        item = working_item(p, subject=f"Đồ án {n}")
        actions.ask(item, actor=p.construction_officer, units=[p.finance, p.transport], question=QUESTION)
    first, second, third = ConsultationRequest.objects.filter(unit=p.finance).order_by("id")[:3]
    actions.assign_request(first, actor=p.finance_head, holder=p.finance_officer)
    actions.reply(second, actor=p.finance_head, position=ReplyPosition.AGREE)
    actions.ask(third.item_id, actor=p.construction_officer, units=[p.finance], question="Ý kiến lần hai?",
                reply_days=10)


def records() -> dict:
    """What the sweep leaves, without database ids of its own rows (sequences differ between runs)."""
    return {
        "requests": sorted(ConsultationRequest.objects.values_list("id", "state", "deemed_at")),
        "items": sorted(WorkItem.objects.values_list("id", "state", "event_count", "last_hash")),
        "events": sorted(Event.objects.filter(kind=EventKind.DEEMED_AGREEMENT).values_list(
            "item_id", "seq", "kind", "outcome", "rule_code", "actor_id", "unit_id", "at", "data", "prev_hash",
            "hash")),
        "notices": sorted(Notice.objects.values_list("request_id", "unit_id", "drafted_at", "year", "number",
                                                     "content", "file")),
        "duties": sorted(Responsibility.objects.values_list("request_id", "unit_id", "head_id", "holder_id",
                                                            "rule_code", "recorded_at")),
        "notes": sorted(Notification.objects.filter(created_at=MIDNIGHT).values_list(
            "official_id", "text", "url", "read_at")),
    }


def swept(monkeypatch, batch: int, copy_from: int) -> tuple[int, dict]:
    """Sweep at MIDNIGHT with `batch` items a transaction, COPY from `copy_from` rows; then roll back."""
    monkeypatch.setattr(consult_sweep, "BATCH", batch)
    monkeypatch.setattr(fastsql, "COPY_FROM_ROWS", copy_from)
    with transaction.atomic():
        with clock.travel_to(MIDNIGHT):
            settled = consult_sweep.deem_overdue()
        assert trail.verify() == []
        left = records()
        transaction.set_rollback(True)
    return settled, left


@pytest.mark.django_db
def test_one_batch_writes_exactly_what_one_item_at_a_time_writes(monkeypatch):
    with clock.travel_to(MORNING):
        consult_many(build_province())
    one_by_one, alone = swept(monkeypatch, batch=1, copy_from=10**9)
    at_once, batched = swept(monkeypatch, batch=1000, copy_from=1)
    assert one_by_one == at_once == 2 * ITEMS - 1  # one answered in time
    assert len(batched["notices"]) == len(batched["duties"]) == len(batched["events"]) == at_once
    assert batched == alone
    still_consulting = [state for _pk, state, _count, _hash in batched["items"] if state == "consulting"]
    assert len(still_consulting) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL SKIP LOCKED")
@pytest.mark.django_db(transaction=True)
def test_two_sweepers_taking_small_batches_deem_each_request_once(monkeypatch):
    """Batches of two items, so the sweepers pass each other many times (each skips the items the
    other holds and goes on up the ids; the last pass from the start finds nothing left)."""
    with clock.travel_to(MORNING):
        consult_many(build_province())
    monkeypatch.setattr(consult_sweep, "BATCH", 2)
    counts = two_sweeps_at_once()
    assert sum(counts) == 2 * ITEMS - 1
    assert Notice.objects.values("request_id").distinct().count() == Notice.objects.count() == 2 * ITEMS - 1
    deemed_events = Event.objects.filter(kind=EventKind.DEEMED_AGREEMENT).count()
    assert Responsibility.objects.count() == deemed_events == sum(counts)
    assert ConsultationRequest.objects.filter(state=RequestState.PENDING).count() == 1  # the one not due
    assert trail.verify() == []
