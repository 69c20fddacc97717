"""`audit verify` recomputes each link from the raw row (`trail._fast_canonical`) and asks the
reference check (`event_content` + `hashchain.canonical` over the ORM's values) only about rows that
do not hold. These tests prove the two write the same bytes for what the trail stores, and that
tampering with any hashed field is still found."""

from hashlib import sha256

import pytest
from django.db import DataError, connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from congvu.lib.hashchain import canonical
from congvu.ops.demo import build_demo
from congvu.work import actions, trail
from congvu.work.models import Event, WorkItem

pytestmark = pytest.mark.usefixtures("at_morning")


def raw(sql: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def raw_rows() -> list[tuple]:
    ids = list(WorkItem.objects.values_list("id", flat=True))
    return trail._event_rows(min(ids), max(ids))


def reference_text(event_id: int) -> str:
    row = trail._reference_row(event_id)
    return canonical(trail.event_content(
        item_id=row.item_id, seq=row.seq, kind=row.kind, outcome=row.outcome, rule_code=row.rule_code,
        actor_id=row.actor_id, unit_id=row.unit_id, at=row.at, data=row.data)).decode()


def reference_digest(row: tuple) -> str:
    return sha256((row[10] + reference_text(row[0])).encode()).hexdigest()


def to_iso():
    return trail._time_reader()


def test_the_fast_text_is_the_reference_text_for_every_event_of_the_demo(db):
    build_demo(items=40, seed=2230)
    rows = raw_rows()
    assert len(rows) == Event.objects.count() > 100
    for row in rows:  # every row goes the fast way (None would mean the reference reads it: slow)
        assert trail._fast_canonical(row, to_iso()) == reference_text(row[0])
    # The walk's loop (`_fast_digests`, remembered data texts and triples): the reference link for every
    # event, the first time (texts not yet remembered) as the second (all remembered).
    expected = [reference_digest(row) for row in rows]
    assert trail._fast_digests(rows, to_iso()) == expected
    assert trail._fast_digests(rows, to_iso()) == expected
    assert trail.verify() == []


# No NUL: PostgreSQL's jsonb refuses it at writing ("unsupported Unicode escape sequence"). No floats:
# jsonb keeps numbers as numeric, so 1e16 comes back an int and -0.0 as 0.0 and the link written
# before the round trip no longer holds — for the reference check too (no event writes floats). The
# writer's own fuzz (lib/tests/test_hashchain.py) has both.
CHARS = st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00")
TEXT = st.text(CHARS)
JSON_SCALARS = (st.none() | st.booleans() | st.integers(-(2**70), 2**70)
                | TEXT
                | st.sampled_from(["Công văn số 12/UBND-KT", "Sở Xây dựng “trả lại”", "a\"b\\c\n\t\x01\x1f\x7f\u2028"]))
JSON_VALUES = st.recursive(JSON_SCALARS, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(CHARS, max_size=8), inner, max_size=4), max_leaves=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.text(CHARS, max_size=10), JSON_VALUES, max_size=5),
       rule=st.sampled_from(["", "1.4", "quy-tắc “đặc biệt”", 'a"b\\c']))
def test_the_fast_text_is_the_reference_text_for_any_stored_data(province, data, rule):
    item = actions.register_incoming(
        actor=province.construction_clerk, unit=province.construction, matter_type=province.building_permit,
        sender="Công ty Cổ phần Sông Đà", subject="Hồ sơ thử")
    item = WorkItem.objects.select_for_update().get(pk=item.pk)
    trail.append_event(item, "extend", actor=None, unit=province.construction, data=data, rule_code=rule)
    WorkItem.objects.filter(pk=item.pk).update(event_count=item.event_count, last_hash=item.last_hash)
    rows = raw_rows()
    for row, digest in zip(rows, trail._fast_digests(rows, to_iso()), strict=True):
        fast = trail._fast_canonical(row, to_iso())
        assert fast is None or fast == reference_text(row[0])
        assert digest is None or digest == reference_digest(row)
    assert [f for f in trail.verify() if f.item_id == item.pk] == []


@pytest.fixture
def item(province):
    item = actions.register_incoming(
        actor=province.construction_clerk, unit=province.construction, matter_type=province.building_permit,
        sender="Công ty Cổ phần Sông Đà", subject="Hồ sơ cấp phép")
    actions.direct(item, actor=province.construction_head, lead_unit=province.construction)
    actions.assign(item, actor=province.construction_head, holder=province.construction_officer)
    return item


@pytest.mark.parametrize("column, value", [
    ("at", None),  # a microsecond later
    ("actor_id", "other official"),
    ("unit_id", "other unit"),
    ("outcome", "refused"),
    ("rule_code", "1.4"),
])
def test_each_hashed_column_edited_alone_is_found(item, province, column, value):
    event = Event.objects.get(item=item, seq=2)
    if column == "at":
        Event.objects.filter(pk=event.pk).update(at=event.at.replace(microsecond=(event.at.microsecond + 1) % 10**6))
    else:
        replacement = {"other official": province.construction_clerk.pk, "other unit": province.home_affairs.pk}
        raw(f"UPDATE work_event SET {column} = %s WHERE id = %s", replacement.get(value, value), event.pk)  # noqa: S608
    assert [f.item_id for f in trail.verify()] == [item.pk]


def test_an_event_moved_to_another_item_is_found(item, province):
    other = actions.register_incoming(
        actor=province.construction_clerk, unit=province.construction, matter_type=province.building_permit,
        sender="Công ty khác", subject="Hồ sơ khác")
    raw("UPDATE work_event SET item_id = %s, seq = 2 WHERE item_id = %s AND seq = 3", other.pk, item.pk)
    assert {f.item_id for f in trail.verify()} == {item.pk, other.pk}


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_a_time_stored_in_another_form_of_the_same_instant_is_not_a_finding(item):
    """The fast path knows only Django's own text for a time; another text of the same instant is
    judged by the reference check, which parses it, as before."""
    event = Event.objects.get(item=item, seq=1)
    stored = event.at.astimezone(trail.UTC).replace(tzinfo=None).isoformat()  # "T" instead of " "
    raw("UPDATE work_event SET at = %s WHERE id = %s", stored, event.pk)
    row = next(r for r in raw_rows() if r[0] == event.pk)
    assert trail._fast_canonical(row, to_iso()) is None
    assert trail.verify() == []


def test_a_time_on_the_second_goes_the_fast_way(item):
    """`isoformat()` writes no fraction for a zero microsecond (the test clock stands on 09:00:00)."""
    rows = [r for r in raw_rows() if r[1] == item.pk]
    assert Event.objects.filter(item=item, at__second=0).count() == len(rows) == 3
    for row in rows:
        assert trail._fast_canonical(row, to_iso()) == reference_text(row[0])


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_the_same_time_before_christ_is_found(item):
    event = Event.objects.get(item=item, seq=2)
    utc = event.at.astimezone(trail.UTC)
    raw("UPDATE work_event SET at = make_timestamptz(%s, %s, %s, %s, %s, %s, 'UTC') WHERE id = %s",
        -utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second, event.pk)
    row = next(r for r in raw_rows() if r[0] == event.pk)
    assert row[8].endswith(" BC") and trail._fast_canonical(row, to_iso()) is None
    with pytest.raises(DataError):  # the former check cannot read such a time (psycopg): never a pass
        trail.verify()
