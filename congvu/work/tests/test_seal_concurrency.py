"""The seal takes every event, however late its transaction commits. On PostgreSQL an event's id is
handed out at insert time: an action still open when the seal runs holds a lower id than an event
committed beside it, and commits after the seal. The next seal must take it (an id high-water mark
never did)."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from congvu.conftest import MORNING
from congvu.lib import clock
from congvu.testing import build_province
from congvu.work import actions, trail
from congvu.work.models import Event, WorkItem

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="two open transactions need PostgreSQL"),
]
WAIT = 30  # seconds: a bound on a hang, never a measure of anything


def in_progress(p, subject: str) -> WorkItem:
    item = actions.register_incoming(actor=p.construction_clerk, unit=p.construction,
                                     matter_type=p.building_permit, sender="Công ty A", subject=subject)
    actions.direct(item, actor=p.construction_head, lead_unit=p.construction)
    return actions.assign(item, actor=p.construction_head, holder=p.construction_officer)


def hold_open_after_the_event(monkeypatch, item: WorkItem) -> tuple[threading.Event, threading.Event]:
    """Make the next action on `item` stop, its event inserted but not committed, until released."""
    inserted, release, append = threading.Event(), threading.Event(), trail.append_event

    def append_and_wait(target, *args, **kwargs):
        event = append(target, *args, **kwargs)
        if target.pk == item.pk:
            inserted.set()
            assert release.wait(WAIT)
        return event

    monkeypatch.setattr(actions, "append_event", append_and_wait)
    return inserted, release


@pytest.mark.django_db(transaction=True)
def test_an_event_committed_after_a_seal_with_a_lower_id_is_sealed_next_time(monkeypatch):
    with clock.travel_to(MORNING):
        p = build_province()
        slow, quick = in_progress(p, "Hồ sơ A"), in_progress(p, "Hồ sơ B")
        trail.seal()
        inserted, release = hold_open_after_the_event(monkeypatch, slow)
        errors: list[BaseException] = []

        def extend_slowly() -> None:
            try:
                actions.extend_deadline(slow.pk, actor=p.construction_head, new_due=date(2026, 4, 10),
                                        reason="Chờ kết quả kiểm định")
            except BaseException as error:  # noqa: BLE001 - reported to the test
                errors.append(error)
            finally:
                connections.close_all()

        thread = threading.Thread(target=extend_slowly)
        thread.start()
        assert inserted.wait(WAIT)
        actions.extend_deadline(quick.pk, actor=p.construction_head, new_due=date(2026, 4, 10), reason="Chờ")
        between = trail.seal()  # the slow action's event is inserted, not committed
        release.set()
        thread.join(WAIT)
        after = trail.seal()

    assert errors == []
    late = Event.objects.get(item=slow, kind="extend")
    assert late.pk < Event.objects.get(item=quick, kind="extend").pk  # the lower id committed last
    assert list(between.heads) == [str(quick.pk)]
    assert after.heads == {str(slow.pk): [late.seq, late.hash]}
    assert trail.verify() == []
