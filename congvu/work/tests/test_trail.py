"""The trail is tamper-evident: whatever is edited, deleted or reordered directly in the database,
`congvu audit verify` fails and names the item."""

from importlib import import_module

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from congvu.lib.refusals import RuleViolation
from congvu.work import actions, trail
from congvu.work.models import Event, Outcome, WorkItem

pytestmark = pytest.mark.usefixtures("at_morning")


@pytest.fixture
def items(province):
    made = []
    for n in range(3):
        item = actions.register_incoming(
            actor=province.construction_clerk, unit=province.construction, matter_type=province.building_permit,
            sender="Công ty Cổ phần Sông Đà", subject=f"Hồ sơ cấp phép số {n}",
        )
        actions.direct(item, actor=province.construction_head, lead_unit=province.construction)
        actions.assign(item, actor=province.construction_head, holder=province.construction_officer)
        made.append(item)
    return made


def raw(sql: str, *params) -> None:
    """Tamper the way an insider with database access would: bypassing the application."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def audit_fails_naming(item) -> None:
    with pytest.raises(CommandError) as caught:
        call_command("audit", "verify")
    assert str(item.pk) in str(caught.value)


def test_an_untouched_trail_verifies(items, capsys):
    trail.seal()
    call_command("audit", "verify")
    assert "nguyên vẹn" in capsys.readouterr().out


def test_each_event_links_to_the_one_before(items):
    events = list(Event.objects.filter(item=items[0]).order_by("seq"))
    assert [e.seq for e in events] == [1, 2, 3]
    assert all(b.prev_hash == a.hash for a, b in zip(events, events[1:], strict=False))
    items[0].refresh_from_db()
    assert items[0].last_hash == events[-1].hash


def test_an_edited_event_is_detected(items):
    event = Event.objects.get(item=items[1], seq=2)
    raw("UPDATE work_event SET kind = %s WHERE id = %s", "complete", event.pk)
    audit_fails_naming(items[1])


def test_an_edited_payload_is_detected(items):
    event = Event.objects.get(item=items[1], seq=1)
    Event.objects.filter(pk=event.pk).update(data={**event.data, "sender": "Người khác"})
    audit_fails_naming(items[1])


def test_a_deleted_event_is_detected(items):
    raw("DELETE FROM work_event WHERE item_id = %s AND seq = 2", items[2].pk)
    audit_fails_naming(items[2])


def test_a_deleted_last_event_is_detected(items):
    raw("DELETE FROM work_event WHERE item_id = %s AND seq = 3", items[0].pk)
    audit_fails_naming(items[0])


def test_a_cut_tail_with_a_rewritten_head_is_caught_by_the_seal(items):
    trail.seal()
    victim = items[0]
    second = Event.objects.get(item=victim, seq=2)
    raw("DELETE FROM work_event WHERE item_id = %s AND seq = 3", victim.pk)
    WorkItem.objects.filter(pk=victim.pk).update(event_count=2, last_hash=second.hash)
    findings = trail.verify()
    assert [f.item_id for f in findings] == [victim.pk]
    assert "niêm phong" in findings[0].problem
    audit_fails_naming(victim)


def test_reordered_events_are_detected(items):
    raw("UPDATE work_event SET seq = 99 WHERE item_id = %s AND seq = 1", items[1].pk)
    raw("UPDATE work_event SET seq = 1 WHERE item_id = %s AND seq = 2", items[1].pk)
    raw("UPDATE work_event SET seq = 2 WHERE item_id = %s AND seq = 99", items[1].pk)
    audit_fails_naming(items[1])


def test_an_edited_seal_is_detected(items):
    seal = trail.seal()
    raw("UPDATE work_seal SET last_event_id = %s WHERE id = %s", seal.last_event_id - 1, seal.pk)
    assert any(f.item_id is None for f in trail.verify())


def test_seals_cover_only_what_moved_since_the_previous_seal(items, province):
    first = trail.seal()
    assert len(first.heads) == 3
    assert trail.seal() is None
    actions.complete(items[0], actor=province.construction_officer, result="Đã cấp phép")
    second = trail.seal()
    assert list(second.heads) == [str(items[0].pk)] and second.prev_hash == first.hash


def test_refusals_are_chained_like_any_event(items, province):
    with pytest.raises(RuleViolation):
        actions.transfer(items[0], actor=province.construction_head, to_unit=province.finance)
    refusal = Event.objects.filter(item=items[0]).order_by("-seq").first()
    assert (refusal.outcome, refusal.rule_code) == (Outcome.REFUSED, "R-2.1-OWN-COMPETENCE-TRANSFER")
    assert trail.verify() == []


def test_the_seals_move_each_items_sealed_count_to_the_count_they_sealed(items, province):
    trail.seal()
    actions.complete(items[0], actor=province.construction_officer, result="Đã cấp phép")
    counts = dict(WorkItem.objects.values_list("id", "sealed_count"))
    assert counts == {items[0].pk: 3, items[1].pk: 3, items[2].pk: 3}
    trail.seal()
    assert WorkItem.objects.get(pk=items[0].pk).sealed_count == 4


def test_the_migration_to_sealed_counts_replays_the_seals_made_before_it(items, province):
    from django.apps import apps

    migration = import_module("congvu.work.migrations.0004_sealed_count_from_seals")
    trail.seal()
    actions.complete(items[0], actor=province.construction_officer, result="Đã cấp phép")
    trail.seal()
    actions.complete(items[1], actor=province.construction_officer, result="Đã cấp phép")  # not yet sealed
    WorkItem.objects.update(sealed_count=0)  # as the field's default left every item before the migration
    migration.sealed_counts(apps, None)
    assert dict(WorkItem.objects.values_list("id", "sealed_count")) == {items[0].pk: 4, items[1].pk: 3,
                                                                        items[2].pk: 3}
    assert list(trail.seal().heads) == [str(items[1].pk)]
