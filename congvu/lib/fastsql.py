"""Prepared SQL for the statements every action and sweep runs: read and lock one row, insert rows,
update named fields, take numbers from a counter, close an open row.

Why it exists — the measurement. On SQLite Django's query compiler costs more than SQLite's own
work for one-row statements (~0.1–0.2 ms each against ~0.02 ms), and an action runs five to seven of
them. `congvu bench --items 500` on SQLite ran at ~800 actions/s with this module and at ~460 with
its get/insert/update replaced by their ORM equivalents (best of four alternating runs each, on the
shared 2-core machine). The sweep's and the list benchmark's batch inserts cost a few µs a row here
against ~1 ms an item with `bulk_create`. Nothing else is on a hot path, so everything else in
congvu uses the ORM.

What it promises. Each function writes exactly what the ORM would: values go through each field's
own `pre_save` (auto_now, files) and `get_db_prep_save` (types, time zones, JSON), rows read back go
through the backend's converters, and `congvu/consult/tests/test_fastsql.py` round-trips every model
written here against `Model.objects.create`/`save` on SQLite and PostgreSQL. An update that matches
no row raises instead of losing the change silently. The SQL text is built once per model and
statement shape (identifiers from model metadata, quoted by the backend; every value a parameter,
hence the silenced S608). No signals are sent, as with `QuerySet.update`: the callers write
domain rows whose every change is an explicit action with its own event.

Who may use it. Only the actions modules, the trail, the sweeps, `org.notify` (the notifications
those write, inside their transaction) and the benchmark tools in `ops`: an import-linter contract
in pyproject.toml (`fastsql-fenced`) enforces it. Not a repository layer: a few functions over
Django models, no abstraction over queries."""

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from functools import cache
from threading import get_ident
from typing import Any, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, models

from congvu.lib.instances import from_row

M = TypeVar("M", bound=models.Model)


def _db():
    """The default connection itself, looked up once per call: every attribute read through the
    `django.db.connection` proxy is a context-local lookup, and the field preparations read several
    per value (~50 lookups an action, a tenth of its processor time in cProfile of `congvu bench`)."""
    return connections[DEFAULT_DB_ALIAS]


class _cursor:  # noqa: N801 - used as `with _cursor(db) as cursor`, like the function it replaced
    """A cursor for one statement. Unobserved (no DEBUG query log, no `execute_wrapper`: production),
    the driver's own cursor, with what Django's wrapper adds that matters kept — the broken-transaction
    and thread checks, and driver errors raised as Django's (`IntegrityError` …). Observed (a test
    counting queries, DEBUG's log), Django's cursor, so every statement is still seen. Why: Django's
    wrapper (the cursor object, `_execute_with_wrappers`, SQLite's `%s`→`?` regex) was ~0.2 ms of an
    action's ~1.2 ms of processor time on SQLite (cProfile of `congvu bench --items 300`, ~8
    statements an action). The SQL given must already be in the driver's style: see `_sql`.
    A class rather than a `@contextmanager` generator: ~10 statements an action, and the generator's
    machinery (its object, two `next` calls through contextlib) cost more than the checks."""

    __slots__ = ("db", "cursor", "observed")

    def __init__(self, db) -> None:
        self.db = db

    def __enter__(self) -> Any:
        db = self.db
        if db.execute_wrappers or db.queries_logged:
            self.observed = db.cursor()
            return self.observed.__enter__()
        self.observed = None
        if db.connection is None:
            db.ensure_connection()
        if db._thread_ident != get_ident():  # the lock-taking check only off the connection's own thread
            db.validate_thread_sharing()
        if db.needs_rollback:
            db.validate_no_broken_transaction()
        with db.wrap_database_errors:
            self.cursor = db.connection.cursor()
        return self.cursor

    def __exit__(self, exc_type, exc, traceback) -> None:
        if self.observed is not None:
            return self.observed.__exit__(exc_type, exc, traceback)
        self.cursor.close()
        if exc_type is not None:
            # A driver error raised as Django's (the wrapper raises it; any other exception goes on as it is).
            self.db.wrap_database_errors.__exit__(exc_type, exc, traceback)
        return None


def _sql(text: str, vendor: str) -> str:
    """The statement in the SQLite driver's parameter style (`?`), which Django's SQLite cursor also
    accepts; PostgreSQL's driver takes `%s` as written. Every value here is a parameter, and no
    statement of this module holds a literal `%`."""
    return text.replace("%s", "?") if vendor == "sqlite" else text


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _table(model: type[models.Model]) -> str:
    return _q(model._meta.db_table)


@cache
def _fields(model: type[models.Model]) -> dict[str, models.Field]:
    return {**{f.name: f for f in model._meta.concrete_fields}, **{f.attname: f for f in model._meta.concrete_fields}}


def _by_attname(model: type[models.Model], names: Iterable[str]) -> tuple[models.Field, ...]:
    """Concrete fields named by attname (`unit_id`) or name (`unit`)."""
    fields = _fields(model)
    return tuple(fields[name] for name in names)


# ---- values -------------------------------------------------------------------------------------

# Field classes whose `get_db_prep_save` hands a value of these exact types to the driver unchanged
# (`int(3)`, `bool(True)`; None always passes): the field's own preparation is then
# skipped. Exact classes only: a subclass may prepare differently. Any other value (an enum member of
# an integer field, a model instance) goes through the field's own preparation, as before.
_PASS_THROUGH: dict[type, tuple[type, ...]] = {
    **{cls: (int,) for cls in (models.AutoField, models.BigAutoField, models.SmallAutoField, models.IntegerField,
                              models.BigIntegerField, models.SmallIntegerField, models.PositiveIntegerField,
                              models.PositiveBigIntegerField, models.PositiveSmallIntegerField)},
    models.BooleanField: (bool,),
}
# Text fields hand any `str` on unchanged, a subclass too (`CharField.to_python` returns every `str`
# as it is): the choices' members (`State.REGISTERED` …), ~10 values an action, pass.
_TEXT_FIELDS = (models.CharField, models.TextField)


def _preparer(field: models.Field) -> Callable[[Any, Any], Any]:
    """`field.get_db_prep_save` as a function of (value, connection), short-cut for the values it
    would pass unchanged and for aware datetimes. Field preparation was the largest Python cost left
    in an action (~0.4 ms of its ~2.7 ms under cProfile, ~40 values an action, most of them ids,
    texts and times). Built once per statement shape (the cached SQL carries its preparers)."""
    prepared_as = field.target_field if type(field) is models.ForeignKey else field
    if type(prepared_as) is models.DateTimeField:
        return _datetime_preparer(field)
    if type(prepared_as) is models.DateField:
        return _date_preparer(field)
    if type(prepared_as) in _TEXT_FIELDS:
        return _text_preparer(field)
    plain = _PASS_THROUGH.get(type(prepared_as))
    if plain is None:
        return field.get_db_prep_save

    def prepare(value: Any, db) -> Any:
        if value is None or type(value) in plain:
            return value
        return field.get_db_prep_save(value, db)

    return prepare


def _datetime_preparer(field: models.Field) -> Callable[[Any, Any], Any]:
    """An aware `datetime` as Django's DateTimeField writes it: PostgreSQL's driver takes it as it is;
    SQLite stores the text of its naive time in the connection's zone (Django's
    `adapt_datetimefield_value`). Anything else (naive, a date, None) goes through the field."""

    def prepare(value: Any, db) -> Any:
        if value is None:
            return None
        if type(value) is not datetime or value.utcoffset() is None:
            return field.get_db_prep_save(value, db)
        if db.vendor == "sqlite":
            return str(value.astimezone(db.timezone).replace(tzinfo=None))
        return value

    return prepare


def _date_preparer(field: models.Field) -> Callable[[Any, Any], Any]:
    """A `date` as Django's DateField writes it (the backend's `adapt_datefield_value`: SQLite's text,
    PostgreSQL's driver takes it as it is); anything else (a datetime, a text) through the field."""

    def prepare(value: Any, db) -> Any:
        if value is None:
            return None
        if type(value) is date:
            return db.ops.adapt_datefield_value(value)
        return field.get_db_prep_save(value, db)

    return prepare


def _text_preparer(field: models.Field) -> Callable[[Any, Any], Any]:
    def prepare(value: Any, db) -> Any:
        if value is None or isinstance(value, str):
            return value
        return field.get_db_prep_save(value, db)

    return prepare


def _preparers(fields: Iterable[models.Field]) -> tuple[Callable[[Any, Any], Any], ...]:
    return tuple(_preparer(f) for f in fields)


# ---- read ---------------------------------------------------------------------------------------

@cache
def _select_sql(model: type[models.Model], vendor: str, for_update: bool) -> tuple[str, tuple[str, ...]]:
    fields = tuple(f.attname for f in model._meta.concrete_fields)
    columns = ", ".join(_q(f.column) for f in model._meta.concrete_fields)
    sql = f"SELECT {columns} FROM {_table(model)} WHERE {_q(model._meta.pk.column)} = %s"  # noqa: S608
    # SQLite has no row locks: its IMMEDIATE transactions already hold the one write lock.
    return _sql(sql, vendor) + (" FOR UPDATE" if for_update and vendor != "sqlite" else ""), fields


def get(model: type[M], pk: int, *, for_update: bool = False) -> M:
    """The row as a model instance, optionally locked; `model.DoesNotExist` when absent."""
    db = _db()
    sql, fields = _select_sql(model, db.vendor, for_update)
    return _read_one(db, model, sql, fields, pk)


def _read_one(db, model: type[M], sql: str, fields: tuple[str, ...], pk: int) -> M:
    with _cursor(db) as cursor:
        cursor.execute(sql, [pk])
        row = cursor.fetchone()
    if row is None:
        raise model.DoesNotExist(f"{model.__name__} {pk} does not exist")
    return _instance(db, model, row)


def _instance(db, model: type[M], row: Sequence[Any]) -> M:
    """The instance of one full row as the driver returned it (its values through the fields' converters)."""
    converters = _converters(model, db.vendor)
    values = [convert(value, db) if convert else value for convert, value in zip(converters, row, strict=True)]
    return from_row(model, values, db.alias)


@cache
def _select_through_sql(model: type[models.Model], via: type[models.Model], fk: str, vendor: str,
                        for_update: bool) -> tuple[str, tuple[str, ...]]:
    sql, fields = _select_sql(model, vendor, for_update)
    lock = " FOR UPDATE" if sql.endswith(" FOR UPDATE") else ""
    column, pk = _q(_by_attname(via, [fk])[0].column), _q(via._meta.pk.column)
    where = _sql(f"= (SELECT {column} FROM {_table(via)} WHERE {pk} = %s)", vendor)  # noqa: S608
    return sql.removesuffix(lock).removesuffix(_sql("= %s", vendor)) + where + lock, fields


def get_through(model: type[M], via: type[models.Model], via_pk: int, fk: str, *, for_update: bool = False) -> M:
    """The row of `model` that row `via_pk` of `via` points to by its foreign key `fk`, optionally locked,
    in one statement (a consultation reply locks its item so: one round trip, not two);
    `model.DoesNotExist` when either row is absent."""
    db = _db()
    sql, fields = _select_through_sql(model, via, fk, db.vendor, for_update)
    return _read_one(db, model, sql, fields, via_pk)


@cache
def _converters(model: type[models.Model], vendor: str) -> tuple:
    """Per column, the backend's converter for values read back (e.g. SQLite's text datetimes)."""
    result = []
    for field in model._meta.concrete_fields:
        expression = field.get_col(model._meta.db_table)
        fns = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
        own = _sqlite_reader(fns, expression) if vendor == "sqlite" else None
        result.append(own or (_chain(fns, expression) if fns else None))
    return tuple(result)


def _sqlite_reader(fns: list, expression) -> Callable[[Any, Any], Any] | None:
    """fastsql's own reader for a SQLite column whose only converter is the backend's date or datetime
    one, else None. Imported here, when a SQLite connection asks (its backend is loaded then): at
    import time, with PostgreSQL configured, the module would be imported half-way through its backend."""
    from django.db.backends.sqlite3.operations import DatabaseOperations  # noqa: PLC0415

    plain = [getattr(fn, "__func__", None) for fn in fns]
    if plain == [DatabaseOperations.convert_datetimefield_value]:
        return _sqlite_datetime(fns[0], expression)
    if plain == [DatabaseOperations.convert_datefield_value]:
        return _sqlite_date(fns[0], expression)
    return None


def _sqlite_datetime(backend_convert, expression):
    """A datetime column read back from SQLite as the backend's converter reads it: the driver already
    parsed the text (Django registers its `parse_datetime` with sqlite3), naive, and the converter puts
    it in the connection's zone. Each WorkItem read has five, and the converter's chain of calls
    (settings, is_aware, make_aware) showed in the profile. Anything else (a text, an aware value, a
    setting without time zones) goes to the converter itself."""

    def convert(value, db):
        if type(value) is datetime and value.tzinfo is None and settings.USE_TZ:
            return value.replace(tzinfo=db.timezone)
        return backend_convert(value, expression, db)

    return convert


def _chain(fns, expression):
    def convert(value, db):
        for fn in fns:
            value = fn(value, expression, db)
        return value

    return convert


def _sqlite_date(backend_convert, expression):
    """A date column read back from SQLite: the driver already parsed it (Django's `parse_date`), and
    the backend's converter returns a `date` as it is; anything else through the converter itself."""

    def convert(value, db):
        if type(value) is date:
            return value
        return backend_convert(value, expression, db)

    return convert


# ---- insert -------------------------------------------------------------------------------------

@cache
def _insert_sql(model: type[models.Model], vendor: str) -> tuple[str, tuple[models.Field, ...], tuple]:
    fields = tuple(f for f in model._meta.concrete_fields if not f.primary_key)
    columns = ", ".join(_q(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {_table(model)} ({columns}) VALUES ({marks}) RETURNING {_q(model._meta.pk.column)}"  # noqa: S608
    return _sql(sql, vendor), fields, _preparers(fields)


def insert(obj: M) -> M:
    """INSERT one new row and set its primary key (like `save()` of a new instance)."""
    db = _db()
    sql, fields, preparers = _insert_sql(type(obj), db.vendor)
    values = [prepare(f.pre_save(obj, add=True), db) for f, prepare in zip(fields, preparers, strict=True)]
    with _cursor(db) as cursor:
        cursor.execute(sql, values)
        obj.pk = cursor.fetchone()[0]
    obj._state.adding, obj._state.db = False, db.alias
    return obj


def insert_many(objs: list[M]) -> None:
    """INSERT many new rows of one model with one prepared statement (ids are not read back)."""
    db = _db()
    if not objs:
        return
    sql, fields, preparers = _insert_sql(type(objs[0]), db.vendor)
    plain = sql.rsplit(" RETURNING ", 1)[0]
    rows = [tuple(prepare(f.pre_save(obj, add=True), db) for f, prepare in zip(fields, preparers, strict=True))
            for obj in objs]
    _write(db, plain, rows)


@cache
def _values_sql(model: type[models.Model], columns: tuple[str, ...], vendor: str) -> tuple[str, tuple]:
    """The INSERT for `columns` followed by every other column but an unlisted primary key, and those
    other columns' fields (their Python-side defaults are filled in: Django's defaults are not in
    the database schema)."""
    listed = _by_attname(model, columns)
    rest = tuple(f for f in model._meta.concrete_fields if f not in listed and not f.primary_key)
    names = ", ".join(_q(f.column) for f in (*listed, *rest))
    marks = ", ".join(["%s"] * (len(listed) + len(rest)))
    return _sql(f"INSERT INTO {_table(model)} ({names}) VALUES ({marks})", vendor), rest  # noqa: S608


def insert_values(model: type[models.Model], columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
    """INSERT rows given as tuples of database-ready values for `columns` (attnames); every other
    column gets its field's default. For thousands of plain rows (the sweep's notifications, the
    list benchmark's 300,000 items), where even building model instances showed in the profile:
    `bulk_create` cost ~1 ms an item there, this a few µs."""
    db = _db()
    sql, rest = _values_sql(model, tuple(columns), db.vendor)
    defaults = _defaults(rest, db)
    batch = [tuple(row) + defaults for row in rows]
    if batch:
        _write(db, sql, batch)


def _defaults(fields: tuple[models.Field, ...], db) -> tuple:
    """The fields' defaults as the database takes them. Where none is computed (no callable default)
    and all come out as plain texts, numbers or NULL, the same each time: prepared once per statement
    shape and connection (a consultation's requests have ten such columns). `fields` is the tuple a
    cached statement shape holds, so it is known by identity (hashing its fields cost more)."""
    cached = _CONSTANT_DEFAULTS.get((id(fields), db.alias))
    if cached is not None and cached[0] is fields:
        return cached[1]
    values = tuple(f.get_db_prep_save(f.get_default(), db) for f in fields)
    # Nor a default time: its text on SQLite depends on the connection's time zone, which tests change.
    if not any(f.has_default() and (callable(f.default) or isinstance(f, models.DateField)) for f in fields) and all(
            v is None or isinstance(v, str | int | float) for v in values):
        _CONSTANT_DEFAULTS[id(fields), db.alias] = (fields, values)
    return values


_CONSTANT_DEFAULTS: dict[tuple[int, str], tuple[tuple, tuple]] = {}


@cache
def _prepared_columns(model: type[models.Model], columns: tuple[str, ...], vendor: str) -> tuple[str, tuple, tuple]:
    """The INSERT for `columns` (then every other column), the listed columns' fields, and the others'."""
    sql, rest = _values_sql(model, columns, vendor)
    listed = _by_attname(model, columns)
    for field in listed:
        if _prepares_on_save(field):
            raise TypeError(f"{model.__name__}.{field.name} computes its value on save: write it with `insert`")
    return sql, _preparers(listed), rest


def _prepares_on_save(field: models.Field) -> bool:
    """Whether the field's `pre_save` does more than read the attribute (a file stored, a time taken,
    folded text computed), which `insert_rows` does not run."""
    if isinstance(field, models.DateField):  # DateTimeField too: its pre_save acts only for auto_now(_add)
        return field.auto_now or field.auto_now_add
    return type(field).pre_save is not models.Field.pre_save


def insert_rows(model: type[models.Model], columns: tuple[str, ...], rows: Iterable[Sequence[Any]]) -> None:
    """INSERT rows given as plain Python values for `columns` (attnames), each value through its field's
    `get_db_prep_save` as `insert` does, without building a model instance per row; every other column
    gets its field's default, and ids are not read back. Only for fields whose `pre_save` only reads the
    value (refused otherwise, once per statement shape). For the trail's event and the notifications,
    written by every action: building the `Event` instance and reading its id back cost more than
    preparing its eleven values (cProfile of `congvu bench`)."""
    db = _db()
    sql, preparers, rest = _prepared_columns(model, tuple(columns), db.vendor)
    defaults = _defaults(rest, db)
    batch = [tuple(prepare(v, db) for prepare, v in zip(preparers, row, strict=True)) + defaults for row in rows]
    if not batch:
        return
    if len(batch) == 1:  # one row: a plain execute (psycopg's executemany would set up a pipeline)
        with _cursor(db) as cursor:
            cursor.execute(sql, batch[0])
    else:
        _write(db, sql, batch)


# From this many rows on, PostgreSQL gets them by COPY rather than one INSERT each. Measured on the
# catch-up's batches (1,000 requests: ~4,000 notifications, 1,000 events, notices, responsibilities):
# executemany sends an INSERT per row (pipelined, but each parsed, planned and executed by the server);
# COPY streams the rows into one statement. A few rows are not worth the COPY's own round trips.
COPY_FROM_ROWS = 20


def _write(db, insert_sql: str, batch: list[tuple]) -> None:
    """Write prepared rows with an `INSERT … VALUES (%s, …)` statement's columns: COPY on PostgreSQL for
    a batch, executemany otherwise (SQLite runs in this process: a statement there costs microseconds)."""
    with _cursor(db) as cursor:
        if db.vendor == "postgresql" and len(batch) >= COPY_FROM_ROWS:
            with cursor.copy(_copy_sql(insert_sql)) as copy:
                for row in batch:
                    copy.write_row(row)
        else:
            cursor.executemany(insert_sql, batch)


@cache
def _copy_sql(insert_sql: str) -> str:
    """`COPY table (columns) FROM STDIN` for the table and columns of a prepared INSERT."""
    return insert_sql.split(" VALUES ", 1)[0].replace("INSERT INTO ", "COPY ", 1) + " FROM STDIN"


# ---- update -------------------------------------------------------------------------------------

@cache
def _update_sql(model: type[models.Model], fields: tuple[str, ...], vendor: str) -> tuple[str, tuple]:
    chosen = _by_attname(model, fields)
    assignments = ", ".join(f"{_q(f.column)} = %s" for f in chosen)
    sql = f"UPDATE {_table(model)} SET {assignments} WHERE {_q(model._meta.pk.column)} = %s"  # noqa: S608
    return _sql(sql, vendor), tuple(zip(chosen, _preparers(chosen), strict=True))


def _row_values(obj: models.Model, chosen: Sequence[tuple[models.Field, Callable[[Any, Any], Any]]], db) -> list[Any]:
    # pre_save first, as `save(update_fields=…)` does: an auto_now field takes the time, a new file
    # is stored before its name is written.
    return [prepare(f.pre_save(obj, False), db) for f, prepare in chosen] + [obj.pk]


def update(obj: models.Model, fields: list[str]) -> None:
    """UPDATE the named fields of one row, like `save(update_fields=…)`; raises `DatabaseError` when
    no row has the object's primary key (the change would otherwise be lost without a word)."""
    db = _db()
    sql, chosen = _update_sql(type(obj), tuple(fields), db.vendor)
    with _cursor(db) as cursor:
        cursor.execute(sql, _row_values(obj, chosen, db))
        changed = cursor.rowcount
    if changed != 1:
        raise DatabaseError(f"update of {type(obj).__name__} {obj.pk} changed {changed} rows, not 1")


def update_many(objs: list[M], fields: list[str]) -> None:
    """`update` for many rows of one model with one prepared statement (the sweep's batch: Django's
    bulk_update builds a CASE per row and cost more than the rest of the sweep)."""
    db = _db()
    if not objs:
        return
    sql, chosen = _update_sql(type(objs[0]), tuple(fields), db.vendor)
    with _cursor(db) as cursor:
        cursor.executemany(sql, [_row_values(obj, chosen, db) for obj in objs])
        changed = cursor.rowcount
    if changed != len(objs):
        raise DatabaseError(f"update of {len(objs)} {type(objs[0]).__name__} rows changed {changed}")


@cache
def _update_rows_sql(model: type[models.Model], fields: tuple[str, ...], vendor: str) -> tuple[str, tuple]:
    chosen = _by_attname(model, fields)
    pk = model._meta.pk
    if vendor != "postgresql":
        sql, prepared = _update_sql(model, fields, vendor)
        return sql, tuple(f for f, _ in prepared)
    # One statement for the batch: the new values as arrays, one per column, joined to the rows by key.
    arrays = ", ".join([*(f"%s::{f.db_type(connection)}[]" for f in chosen), f"%s::{pk.rel_db_type(connection)}[]"])
    names = [f"c{n}" for n in range(len(chosen))]
    assignments = ", ".join(f"{_q(f.column)} = v.{name}" for f, name in zip(chosen, names, strict=True))
    # The keys a second time, as `= ANY(…)`: joined to the arrays alone, PostgreSQL hashed the whole table
    # (a sequential scan per batch: 0.1 s at 30,000 items, growing with the table); with the list it
    # finds the rows by primary key.
    key = f"{_table(model)}.{_q(pk.column)}"
    sql = (f"UPDATE {_table(model)} SET {assignments} FROM unnest({arrays}) AS v({', '.join(names)}, pk) "  # noqa: S608
           f"WHERE {key} = v.pk AND {key} = ANY(%s::{pk.rel_db_type(connection)}[])")
    return sql, chosen


def update_rows(model: type[models.Model], fields: list[str], rows: Sequence[Sequence[Any]]) -> None:
    """UPDATE the named fields of many rows given as plain values `(*values, pk)` (no `pre_save`: for
    fields that only store their value). On PostgreSQL one statement for all (`UPDATE … FROM unnest`):
    a statement per row kept the server busier than the sweep's own work. Raises `DatabaseError`
    when a row is missing, as `update` does."""
    db = _db()
    if not rows:
        return
    sql, chosen = _update_rows_sql(model, tuple(fields), db.vendor)
    prepared = [[f.get_db_prep_save(v, db) for f, v in zip(chosen, row, strict=False)] + [row[-1]] for row in rows]
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            columns = [list(column) for column in zip(*prepared, strict=True)]
            cursor.execute(sql, [*columns, columns[-1]])
        else:
            cursor.executemany(sql, prepared)
        changed = cursor.rowcount
    if changed != len(rows):
        raise DatabaseError(f"update of {len(rows)} {model.__name__} rows changed {changed}")


def _shape(where: dict[str, Any]) -> tuple[tuple[str, bool], ...]:
    """The statement shape of a condition: each attname, and whether it asks for NULL."""
    return tuple((name, value is None) for name, value in where.items())


def _where(model: type[models.Model], shape: tuple[tuple[str, bool], ...]) -> tuple[str, tuple]:
    """`col = %s AND …` (`IS NULL` for a None value), and the fields whose values are parameters."""
    fields = list(zip(_by_attname(model, [name for name, _ in shape]), [null for _, null in shape], strict=True))
    sql = " AND ".join(f"{_q(f.column)} IS NULL" if null else f"{_q(f.column)} = %s" for f, null in fields)
    return sql, _preparers(f for f, null in fields if not null)


def _params(preparers: Sequence[Callable[[Any, Any], Any]], where: dict[str, Any], db) -> list[Any]:
    values = [value for value in where.values() if value is not None]
    return [prepare(v, db) for prepare, v in zip(preparers, values, strict=True)]


@cache
def _increment_sql(model: type[models.Model], field: str, shape: tuple, vendor: str) -> tuple[str, tuple]:
    column = _q(_by_attname(model, [field])[0].column)
    condition, where_fields = _where(model, shape)
    sql = f"UPDATE {_table(model)} SET {column} = {column} + %s WHERE {condition} RETURNING {column}"  # noqa: S608
    return _sql(sql, vendor), where_fields


def increment(model: type[models.Model], field: str, by: int, **where: Any) -> int | None:
    """Add `by` to a counter column of the one row matching `where` (attnames; None is IS NULL),
    atomically (the row stays locked until commit); the new value, or None when no row matches.
    For numbering series."""
    db = _db()
    sql, where_fields = _increment_sql(model, field, _shape(where), db.vendor)
    with _cursor(db) as cursor:
        cursor.execute(sql, [by, *_params(where_fields, where, db)])
        row = cursor.fetchone()
    return None if row is None else row[0]


@cache
def _update_where_sql(model: type[models.Model], names: tuple[str, ...], shape: tuple, vendor: str) -> tuple:
    chosen = _by_attname(model, names)
    assignments = ", ".join(f"{_q(f.column)} = %s" for f in chosen)
    condition, where_fields = _where(model, shape)
    sql = f"UPDATE {_table(model)} SET {assignments} WHERE {condition}"  # noqa: S608
    return _sql(sql, vendor), _preparers(chosen), where_fields


def update_where(model: type[models.Model], changes: dict[str, Any], **where: Any) -> int:
    """UPDATE the rows matching `where` (attnames; None is IS NULL) with `changes`; how many changed.
    Zero is an answer here, not an error: e.g. closing an item's open step when it has none."""
    db = _db()
    sql, chosen, where_fields = _update_where_sql(model, tuple(changes), _shape(where), db.vendor)
    values = [prepare(v, db) for prepare, v in zip(chosen, changes.values(), strict=True)]
    with _cursor(db) as cursor:
        cursor.execute(sql, [*values, *_params(where_fields, where, db)])
        return cursor.rowcount


@cache
def _exists_sql(model: type[models.Model], shape: tuple, vendor: str) -> tuple[str, tuple]:
    condition, where_fields = _where(model, shape)
    return _sql(f"SELECT 1 FROM {_table(model)} WHERE {condition} LIMIT 1", vendor), where_fields  # noqa: S608


def exists(model: type[models.Model], **where: Any) -> bool:
    """Whether a row matches `where` (attnames; None is IS NULL): `QuerySet.exists()` without
    building the query (a reply asks it once per action)."""
    db = _db()
    sql, where_fields = _exists_sql(model, _shape(where), db.vendor)
    with _cursor(db) as cursor:
        cursor.execute(sql, _params(where_fields, where, db))
        return cursor.fetchone() is not None


# ---- two statements in one round trip -----------------------------------------------------------
# An action's writes are a few small statements; on PostgreSQL each is a round trip to the server
# (~0.1–0.2 ms on this machine's loopback, against the bare floor's four an action), so two that
# always go together are sent as one data-modifying WITH. SQLite runs in-process: two statements.
# Not for a step's close and the next one's open: the one-open-step unique index is checked row by
# row, and the WITH's INSERT met the old open step still open (IntegrityError, tried).

@cache
def _insert_then_update_sql(model: type[models.Model], columns: tuple[str, ...], target: type[models.Model],
                            fields: tuple[str, ...], vendor: str) -> str:
    insert_sql, _, _ = _prepared_columns(model, columns, vendor)
    update_sql, _ = _update_sql(target, fields, vendor)
    return f"WITH inserted AS ({insert_sql}) {update_sql}"


def insert_row_and_update(model: type[models.Model], columns: tuple[str, ...], row: Sequence[Any],
                          obj: models.Model, fields: list[str]) -> None:
    """`insert_rows(model, columns, [row])` then `update(obj, fields)`, in one statement on PostgreSQL:
    the trail's event and the item's new state and chain head, written by every action."""
    db = _db()
    insert_sql, preparers, rest = _prepared_columns(model, tuple(columns), db.vendor)
    defaults = _defaults(rest, db)
    inserted = [*(prepare(v, db) for prepare, v in zip(preparers, row, strict=True)), *defaults]
    update_sql, chosen = _update_sql(type(obj), tuple(fields), db.vendor)
    updated = _row_values(obj, chosen, db)
    with _cursor(db) as cursor:
        if db.vendor == "postgresql":
            cursor.execute(_insert_then_update_sql(model, tuple(columns), type(obj), tuple(fields), db.vendor),
                           [*inserted, *updated])
        else:
            cursor.execute(insert_sql, inserted)
            cursor.execute(update_sql, updated)
        changed = cursor.rowcount
    if changed != 1:
        raise DatabaseError(f"update of {type(obj).__name__} {obj.pk} changed {changed} rows, not 1")


# ---- a row and one scalar in one round trip -----------------------------------------------------
# An action's first statement locks its item; the registry's version token it must pin for the whole
# transaction is read in the same statement, as a scalar subquery beside the row (one round trip of
# PostgreSQL's ~6 an action). Only on the row's statement's select list: FOR UPDATE locks the FROM
# table's row, not the subquery's.

@cache
def _select_with_sql(model: type[models.Model], scalar_sql: str, via: type[models.Model] | None, fk: str,
                     vendor: str, for_update: bool) -> tuple[str, tuple[str, ...]]:
    if via is None:
        sql, fields = _select_sql(model, vendor, for_update)
    else:
        sql, fields = _select_through_sql(model, via, fk, vendor, for_update)
    columns, rest = sql.split(" FROM ", 1)
    return f"{columns}, ({_sql(scalar_sql, vendor)}) FROM {rest}", fields


def get_with_scalar(model: type[M], pk: int, scalar_sql: str, *, via: type[models.Model] | None = None,
                    fk: str = "", for_update: bool = False) -> tuple[M, Any]:
    """`get(model, pk)` (or `get_through(model, via, pk, fk)` when `via` is given) and the value of
    `scalar_sql` (a parameterless one-value SELECT; None when it finds no row), read in one statement."""
    db = _db()
    sql, _fields = _select_with_sql(model, scalar_sql, via, fk, db.vendor, for_update)
    with _cursor(db) as cursor:
        cursor.execute(sql, [pk])
        row = cursor.fetchone()
    if row is None:
        raise model.DoesNotExist(f"{model.__name__} {pk} does not exist")
    *columns, scalar = row
    return _instance(db, model, columns), scalar
