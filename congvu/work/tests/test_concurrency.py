"""Two officials acting on one item at the same moment: both changes survive, in order, and the
trail stays a single unbroken chain. Row locks are PostgreSQL's; the SQLite run of the suite covers
the same path with SQLite's single writer (transaction_mode IMMEDIATE)."""

import threading
import time
from datetime import date

import pytest
from django.db import connection, connections

from congvu.lib import clock
from congvu.testing import MORNING, build_province, working_item
from congvu.work import actions, trail
from congvu.work.models import Event, Step, WorkItem

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks; runs in the PostgreSQL pass of make test"
)


def slow_trail(monkeypatch) -> None:
    """Hold each transaction open a little after it read the item, so the two really overlap."""
    append = trail.append_event

    def append_slowly(*args, **kwargs):
        time.sleep(0.3)
        return append(*args, **kwargs)

    monkeypatch.setattr(actions, "append_event", append_slowly)


def run_together(*calls) -> list[BaseException]:
    barrier, errors = threading.Barrier(len(calls)), []

    def run(call) -> None:
        try:
            barrier.wait()
            with clock.travel_to(MORNING):
                call()
        except BaseException as error:  # noqa: BLE001 - reported to the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors


def province_with_item_in_progress():
    """Committed for real (transactional test): the threads each need their own connection to see it."""
    with clock.travel_to(MORNING):
        p = build_province()
        item = working_item(p, p.building_permit, sender="Công ty A", subject="Hồ sơ A")
    return p, item


@pytest.mark.django_db(transaction=True)
def test_an_extension_and_a_handover_at_the_same_moment_both_survive(monkeypatch):
    p, item = province_with_item_in_progress()
    slow_trail(monkeypatch)
    errors = run_together(
        lambda: actions.extend_deadline(item.pk, actor=p.construction_head, new_due=date(2026, 4, 10),
                                        reason="Chờ kết quả kiểm định"),
        lambda: actions.assign(item.pk, actor=p.construction_deputy, holder=p.construction_deputy,
                               note="Tiếp nhận thay chuyên viên nghỉ ốm"),
    )
    assert errors == []
    item = WorkItem.objects.get(pk=item.pk)
    assert item.due_date == date(2026, 4, 10) and item.holder == p.construction_deputy
    assert sorted(Event.objects.filter(item=item).values_list("kind", flat=True)[3:]) == ["assign", "extend"]
    assert Step.objects.filter(item=item, ended_at__isnull=True).count() == 1
    assert trail.verify() == []


@pytest.mark.django_db(transaction=True)
def test_two_completions_at_once_complete_once_and_refuse_the_other(monkeypatch):
    p, item = province_with_item_in_progress()
    slow_trail(monkeypatch)
    errors = run_together(
        lambda: actions.complete(item.pk, actor=p.construction_officer, result="Kết quả của chuyên viên"),
        lambda: actions.complete(item.pk, actor=p.construction_head, result="Kết quả của giám đốc"),
    )
    assert [type(e).__name__ for e in errors] == ["InvalidState"]
    assert Event.objects.filter(item_id=item.pk, kind="complete").count() == 1
    assert trail.verify() == []
