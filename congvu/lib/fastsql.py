"""Prepared SQL for the few statements every action runs (lock the item, append its event, open and
close a step, save the item). Django's query compiler costs more than SQLite's own work for such
one-row statements (~0.1–0.2 ms each against ~0.02 ms), and an action runs five to seven of them,
so on this hot path the SQL text is built once per model and reused; values still go through each
field's own `get_db_prep_save`, so types, time zones and JSON are converted exactly as the ORM does.
Everything else in congvu uses the ORM.

Not a repository layer: three functions, no abstraction over queries. (S608 is silenced on the SQL
below: identifiers come from model metadata, quoted by the backend; every value is a parameter.)"""

from functools import cache
from typing import TypeVar

from django.db import connection, models

M = TypeVar("M", bound=models.Model)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


@cache
def _select_sql(model: type[models.Model], vendor: str, for_update: bool) -> tuple[str, tuple[str, ...]]:
    fields = tuple(f.attname for f in model._meta.concrete_fields)
    columns = ", ".join(_q(f.column) for f in model._meta.concrete_fields)
    sql = f"SELECT {columns} FROM {_q(model._meta.db_table)} WHERE {_q(model._meta.pk.column)} = %s"  # noqa: S608
    # SQLite has no row locks: its IMMEDIATE transactions already hold the one write lock.
    return sql + (" FOR UPDATE" if for_update and vendor != "sqlite" else ""), fields


def get(model: type[M], pk: int, *, for_update: bool = False) -> M:
    """The row as a model instance, optionally locked; `model.DoesNotExist` when absent."""
    sql, fields = _select_sql(model, connection.vendor, for_update)
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        row = cursor.fetchone()
    if row is None:
        raise model.DoesNotExist(f"{model.__name__} {pk} does not exist")
    converters = _converters(model, connection.vendor)
    values = [convert(value) if convert else value for convert, value in zip(converters, row, strict=True)]
    return model.from_db(connection.alias, fields, values)


@cache
def _converters(model: type[models.Model], vendor: str) -> tuple:
    """Per column, the backend's converter for values read back (e.g. SQLite's text datetimes)."""
    result = []
    for field in model._meta.concrete_fields:
        expression = field.get_col(model._meta.db_table)
        fns = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
        result.append(_chain(fns, expression) if fns else None)
    return tuple(result)


def _chain(fns, expression):
    def convert(value):
        for fn in fns:
            value = fn(value, expression, connection)
        return value

    return convert


@cache
def _insert_sql(model: type[models.Model], vendor: str) -> tuple[str, tuple[models.Field, ...]]:
    fields = tuple(f for f in model._meta.concrete_fields if not f.primary_key)
    columns = ", ".join(_q(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    table, pk = _q(model._meta.db_table), _q(model._meta.pk.column)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING {pk}"  # noqa: S608
    return sql, fields


def insert(obj: M) -> M:
    """INSERT one new row and set its primary key."""
    sql, fields = _insert_sql(type(obj), connection.vendor)
    values = [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        obj.pk = cursor.fetchone()[0]
    obj._state.adding, obj._state.db = False, connection.alias
    return obj


def insert_many(objs: list[M]) -> None:
    """INSERT many new rows of one model with one prepared statement (ids are not read back)."""
    if not objs:
        return
    sql, fields = _insert_sql(type(objs[0]), connection.vendor)
    plain = sql.rsplit(" RETURNING ", 1)[0]
    rows = [[f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields] for obj in objs]
    with connection.cursor() as cursor:
        cursor.executemany(plain, rows)


def insert_values(model: type[models.Model], columns: tuple[str, ...], rows: list[tuple]) -> None:
    """INSERT rows given as tuples of database-ready values for `columns` (attnames) — for the
    sweep's thousands of plain rows, where even building model instances showed in the profile."""
    if not rows:
        return
    names = ", ".join(_q(model._meta.get_field(c).column) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {_q(model._meta.db_table)} ({names}) VALUES ({marks})", rows)  # noqa: S608


def update(obj: models.Model, fields: list[str]) -> None:
    """UPDATE the named fields of one row (like `save(update_fields=…)`, without the compiler)."""
    model = type(obj)
    chosen = [model._meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{_q(f.column)} = %s" for f in chosen)
    sql = f"UPDATE {_q(model._meta.db_table)} SET {assignments} WHERE {_q(model._meta.pk.column)} = %s"  # noqa: S608
    values = [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in chosen]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, obj.pk])
