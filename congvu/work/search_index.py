"""The index of the folded search texts (issue 13): a text search finds its rows from an index of
three-letter pieces instead of reading every title with `LIKE '%…%'`.

Both folded columns (`WorkItem.search_text`, `IncomingDocument.search_text`, congvu/lib/folding.py)
are indexed by trigrams, so any piece of three letters or more of a title is found without a scan:

- PostgreSQL: a GIN index with `gin_trgm_ops` (the pg_trgm extension) on each column. The query
  stays `search_text LIKE '%…%'`; the planner reads the index for it and rechecks the rows itself.
- SQLite: an FTS5 table with the `trigram` tokenizer per column, its content the base table's (no
  copy of the text), kept in step by triggers on the base table — in the same statement, hence the
  same transaction, as the item's own write, whoever writes (the actions, `fastsql`, the bulk fills
  of `ops`, a migration's UPDATE). The query looks the rows up by `MATCH` and still applies the
  `LIKE` to them, so a search finds exactly what the `LIKE` alone found.

A search shorter than three letters ("an", "5") has no trigram: it keeps the plain `LIKE` on both
engines. SQLite drops a table's triggers when a migration rebuilds the table (its way of altering a
column), so `ensure` runs after every `migrate` and puts back what is missing, re-reading the index
whole if its triggers had gone."""

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model, Q
from django.db.models.expressions import RawSQL

MIN_LETTERS = 3  # a trigram index finds pieces of three letters or more
TABLES = {"work_workitem": "work_workitem_search", "work_incomingdocument": "work_incomingdocument_search"}
TRIGGERS = {  # name suffix: the statement that keeps the FTS table in step (SQLite)
    "ai": "AFTER INSERT ON {base} BEGIN "
          "INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
    "ad": "AFTER DELETE ON {base} BEGIN "
          "INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "au": "AFTER UPDATE OF id, search_text ON {base} BEGIN "
          "INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
          "INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
}
PG_INDEXES = {"work_workitem": "work_item_search_trgm", "work_incomingdocument": "work_incoming_search_trgm"}


def contains(model: type[Model], folded: str) -> Q:
    """Rows of `model` (WorkItem or IncomingDocument) whose folded text holds `folded` — what
    `search_text__contains` finds, read from the trigram index when there is one to read."""
    condition = Q(search_text__contains=folded)
    if connection.vendor != "sqlite" or len(folded) < MIN_LETTERS:
        return condition  # PostgreSQL reads its GIN index for the LIKE itself
    fts = TABLES[model._meta.db_table]
    # The table's name is one of TABLES (not typed by anyone); the words go as a parameter.
    lookup = RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [_phrase(folded)])  # noqa: S608, S611
    return Q(pk__in=lookup) & condition


def matching_ids(model: type[Model], folded: str, limit: int) -> list[int] | None:
    """The ids of the rows of `model` whose folded text holds `folded` (what `contains` finds), or
    None when there are more than `limit`. On SQLite the index is asked for `limit + 1` candidates
    first: FTS5 stops there, so a word every title holds ("ho so") costs ~18 ms at 300,000 items
    instead of reading its whole list (~100 ms) before the search falls back to walking the list."""
    if connection.vendor == "sqlite" and len(folded) >= MIN_LETTERS:
        fts = TABLES[model._meta.db_table]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s LIMIT %s",  # noqa: S608 (a name of TABLES)
                           [_phrase(folded), limit + 1])
            candidates = [row[0] for row in cursor.fetchall()]
        if len(candidates) > limit:
            return None
        rows = model.objects.filter(pk__in=candidates, search_text__contains=folded)
    else:
        rows = model.objects.filter(contains(model, folded))
    ids = list(rows.values_list("pk", flat=True)[:limit + 1])
    return ids if len(ids) <= limit else None


def _phrase(folded: str) -> str:
    """One FTS5 phrase: the trigrams in a row, i.e. the text as a substring."""
    return '"' + folded.replace('"', '""') + '"'


def install(schema_editor) -> None:
    """The migration's step: the index on this engine (and on SQLite its triggers), filled from the rows."""
    db = schema_editor.connection
    if db.vendor == "sqlite":
        for base in TABLES:
            _sqlite_install(db, base)
    elif db.vendor == "postgresql":
        _postgres_install(db)


def uninstall(schema_editor) -> None:
    db = schema_editor.connection
    with db.cursor() as cursor:
        for base, fts in TABLES.items():
            if db.vendor == "sqlite":
                for suffix in TRIGGERS:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
                cursor.execute(f"DROP TABLE IF EXISTS {fts}")
            elif db.vendor == "postgresql":
                cursor.execute(f"DROP INDEX IF EXISTS {PG_INDEXES[base]}")


def ensure(db: BaseDatabaseWrapper | None = None) -> None:
    """After `migrate` (SQLite): the triggers a table rebuild dropped are created again and the FTS
    table re-read from its base table, which a write without triggers may have left behind."""
    db = db or connection
    if db.vendor != "sqlite":
        return
    with db.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {row[0] for row in cursor.fetchall()}
    for base, fts in TABLES.items():
        wanted = {fts} | {f"{fts}_{suffix}" for suffix in TRIGGERS}
        if fts in present and not wanted <= present:
            _sqlite_install(db, base)


def _sqlite_install(db: BaseDatabaseWrapper, base: str) -> None:
    fts = TABLES[base]
    with db.cursor() as cursor:
        # case_sensitive 1: the text is folded already (lower case, no accents), so the pieces are
        # compared as they are, exactly as the LIKE on folded text compares them.
        cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(search_text, content='{base}', "
                       "content_rowid='id', tokenize='trigram case_sensitive 1')")
        for suffix, body in TRIGGERS.items():
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {fts}_{suffix} " + body.format(base=base, fts=fts))
        cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")  # noqa: S608 (a name of TABLES)


def _postgres_install(db: BaseDatabaseWrapper) -> None:
    """pg_trgm ships with PostgreSQL (contrib) and is a trusted extension since 13: the database's
    owner may create it. Where it cannot be created the search keeps its plain LIKE — slower, the
    same rows — rather than failing the migration."""
    from django.db import DatabaseError, transaction

    try:
        with transaction.atomic(using=db.alias), db.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:
        return
    with db.cursor() as cursor:
        for base, index in PG_INDEXES.items():
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {base} USING gin (search_text gin_trgm_ops)")
