"""Issue 13: the text search reads a trigram index (FTS5 on SQLite, pg_trgm on PostgreSQL) and finds
exactly what the `LIKE` over the folded texts found before — accents and case ignored, words of one
or two letters still found — and the index follows every write, in the writer's transaction."""

import random

import pytest
from django.db import connection, transaction

from congvu.lib import clock
from congvu.lib.folding import fold
from congvu.ops import listbench
from congvu.ops.province import build_synthetic
from congvu.oversight.listing import text_condition, text_matches
from congvu.testing import working_item
from congvu.work import search_index
from congvu.work.models import IncomingDocument, WorkItem

pytestmark = pytest.mark.django_db

SUBJECTS = (
    "Cấp phép xây dựng trường mầm non An Phú",
    "Đề nghị hòa giải tranh chấp ranh giới thửa đất",
    "Thẩm định giá đất khu tái định cư Đắk Lắk",
    'Báo cáo 100% "hoàn thành" kế hoạch_năm 2026',
)


def found(text: str, indexed: bool) -> set[int]:
    if indexed:
        return set(text_matches(text))
    return set(WorkItem.objects.filter(text_condition(text)).values_list("pk", flat=True))


def assert_same_as_like(text: str) -> set[int]:
    """The indexed search (`text_matches`, the list's) finds what the plain LIKE on every row finds."""
    plain = found(text, indexed=False)
    assert found(text, indexed=True) == plain, text
    return plain


@pytest.fixture
def titled(province):
    items = [working_item(province, subject=s, sender="Công ty TNHH Sông Cầu", notation=f"{n}/2026/CV-SC")
             for n, s in enumerate(SUBJECTS, start=101)]
    return province, items


def test_the_indexed_search_finds_by_folded_pieces_of_any_length(titled):
    _province, (school, dispute, land, report) = titled
    assert assert_same_as_like("TRƯỜNG MẦM NON") == {school.pk}
    assert assert_same_as_like("truong mam non") == {school.pk}
    assert assert_same_as_like("dak lak") == {land.pk}  # đ folded to d
    assert assert_same_as_like("Đắk") == {land.pk}
    assert assert_same_as_like("an") >= {school.pk, dispute.pk}  # two letters: below the trigrams, LIKE
    assert assert_same_as_like("Ă") >= {school.pk}  # one letter, folded to "a"
    assert assert_same_as_like('100% "hoàn') == {report.pk}  # quotes and LIKE's wildcards are literal
    assert assert_same_as_like("hoạch_năm") == {report.pk}
    assert assert_same_as_like("hoach năm") == set()  # "_" is not any letter
    assert assert_same_as_like("102/2026/cv") == {dispute.pk}  # the document's notation
    assert assert_same_as_like("song cau") == {school.pk, dispute.pk, land.pk, report.pk}  # its sender
    assert assert_same_as_like("khu tai dinh cu dak lak x") == set()


def test_random_pieces_of_the_titles_find_the_same_items_with_and_without_the_index(titled):
    rng = random.Random(13)
    texts = [fold(s) for s in SUBJECTS] + ["công ty tnhh sông cầu"]
    for _ in range(150):
        text = rng.choice(texts)
        start = rng.randrange(len(text))
        piece = text[start:start + rng.randint(1, 12)]
        assert_same_as_like(piece.upper() if rng.random() < 0.3 else piece)


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_the_fts_tables_follow_inserts_updates_and_deletes_in_the_same_transaction(titled):
    _province, (school, *_rest) = titled
    school.title = "Cấp phép sửa chữa cầu Đà Rằng"
    school.save()
    assert assert_same_as_like("cau da rang") == {school.pk}
    assert assert_same_as_like("mam non") == {school.pk}  # still its incoming document's subject
    assert found("sua chua cau", indexed=True) == {school.pk}
    with pytest.raises(RuntimeError), transaction.atomic():
        fresh = working_item(_province, subject="Cải tạo kênh mương Hòa Thắng")
        assert assert_same_as_like("kenh muong") == {fresh.pk}
        with connection.cursor() as cursor:  # (its steps and events would refuse the ORM's delete)
            cursor.execute("DELETE FROM work_workitem WHERE id = %s", [school.pk])
        assert found("sua chua cau", indexed=True) == set()
        raise RuntimeError("rolled back")
    assert assert_same_as_like("kenh muong") == set()  # the index rolled back with the rows
    assert assert_same_as_like("cau da rang") == {school.pk}
    assert_index_matches_its_table()


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_a_table_rebuild_that_dropped_the_triggers_is_repaired_after_migrate(titled):
    _province, (school, *_rest) = titled
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER work_workitem_search_au")
    WorkItem.objects.filter(pk=school.pk).update(search_text="ca phe")  # written while the trigger is gone
    search_index.ensure(connection)
    assert assert_same_as_like("ca phe") == {school.pk}
    assert_index_matches_its_table()


def test_the_bulk_fill_of_ops_is_indexed(db):
    with clock.travel_to(listbench.NOW):
        listbench.fill(build_synthetic(inspectors=1), 120)
    item = WorkItem.objects.order_by("pk")[57]
    piece = " ".join(item.title.split()[-3:])  # "… thử nghiệm 57"
    assert item.pk in assert_same_as_like(piece)
    assert len(assert_same_as_like("thu nghiem")) == 120
    if connection.vendor == "sqlite":
        assert_index_matches_its_table()


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_reads_the_trigram_index_for_the_search(titled):
    with connection.cursor() as cursor:
        names = list(search_index.PG_INDEXES.values())
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname = ANY(%s)", [names])
        assert {row[0] for row in cursor.fetchall()} == set(search_index.PG_INDEXES.values())
        cursor.execute("SET LOCAL enable_seqscan = off")  # a few rows: else the table is read whole, rightly
        for model, index in ((WorkItem, "work_item_search_trgm"), (IncomingDocument, "work_incoming_search_trgm")):
            query = model.objects.filter(search_index.contains(model, "mam non")).values("pk").query
            sql, params = query.sql_with_params()
            cursor.execute("EXPLAIN " + sql, params)
            assert index in "\n".join(row[0] for row in cursor.fetchall())


def assert_index_matches_its_table() -> None:
    """FTS5's own check of an external-content table against the rows it indexes."""
    with connection.cursor() as cursor:
        for fts in search_index.TABLES.values():
            cursor.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")  # noqa: S608
    for model in (WorkItem, IncomingDocument):
        for row in model.objects.all():
            if len(row.search_text) >= search_index.MIN_LETTERS:
                assert model.objects.filter(search_index.contains(model, row.search_text), pk=row.pk).exists()


def test_more_matches_than_the_few_are_tested_row_by_row_with_the_same_result(titled, monkeypatch):
    from congvu.oversight import listing

    monkeypatch.setattr(listing, "FEW_MATCHES", 2)
    assert text_matches("song cau") is None  # four documents: the list walks its own order instead
    walked = listing.apply(WorkItem.objects.all(), listing.Filters(q="song cau"), None)
    assert set(walked.values_list("pk", flat=True)) == found("song cau", indexed=False) and walked.count() == 4
    assert text_matches("mam non") is not None
