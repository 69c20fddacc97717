"""`congvu audit verify` split by item ranges over processes (each its own database connection on
PostgreSQL; on the in-memory test SQLite the ranges are walked one after another): every kind of
tampering is still found, in whichever range it falls."""

import pytest
from django.core.management import call_command
from django.db import connection

from congvu.ops.replicate import replicate
from congvu.ops.simulate import simulate
from congvu.work import trail
from congvu.work.models import Event, WorkItem


def raw(sql: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db(transaction=True)
def test_tampering_in_any_range_is_found_by_the_split_walk():
    simulate(10, seed=3, span_days=30)
    replicate(80)
    assert trail.seal() is not None
    assert trail.verify(workers=2) == []
    ids = list(WorkItem.objects.filter(event_count__gte=2).order_by("id").values_list("id", flat=True))
    edited, cut, emptied = ids[1], ids[len(ids) // 2], ids[-1]
    Event.objects.filter(item_id=edited, seq=1).update(data={"sender": "Công ty khác"})
    # A cut tail with the head rewritten to match: only the seal still knows the old head.
    last = WorkItem.objects.get(pk=cut).event_count
    before = Event.objects.get(item_id=cut, seq=last - 1)
    Event.objects.filter(item_id=cut, seq=last).delete()
    raw("UPDATE work_workitem SET event_count = %s, last_hash = %s WHERE id = %s", last - 1, before.hash, cut)
    Event.objects.filter(item_id=emptied).delete()
    found = trail.verify(workers=2)
    assert {f.item_id for f in found} == {edited, cut, emptied}
    assert any("niêm phong" in f.problem for f in found if f.item_id == cut)
    assert any("bị xóa" in f.problem for f in found if f.item_id == emptied)
    assert trail.item_ranges(8)[0][0] == min(ids + [WorkItem.objects.order_by("id").first().pk])


@pytest.mark.django_db(transaction=True)
def test_the_command_splits_the_walk_and_still_fails_naming_the_item():
    simulate(6, seed=5, span_days=20)
    replicate(24)
    tampered = WorkItem.objects.order_by("-id").first().pk
    Event.objects.filter(item_id=tampered, seq=1).update(kind="complete")
    with pytest.raises(Exception, match=str(tampered)):
        call_command("audit", "verify", "--workers", "2")
