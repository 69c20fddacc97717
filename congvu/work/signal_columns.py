"""Columns of the work items that the signals of pushing work around (issue 10) read instead of
working them out for every open item, and their rebuild (migration, bulk loads, restores:
`congvu signals --rebuild`).

`undecided_twice_from` = legal deadline + (legal deadline − registration): the item counts as
undecided past twice its legal limit from that moment (`oversight/signal_charges.undecided_items`).
The actions write it with the legal deadline (`work/actions._open_item`, `direct`); rows written
around them (the benchmarks' bulk insert, a restore from an older dump) are refilled here."""

from django.db import connection, transaction

from congvu.work.deadlines import twice_the_limit
from congvu.work.models import WorkItem

BATCH = 5000


def rebuild_undecided_twice(only_missing: bool = False) -> int:
    """Write every item's (or, `only_missing`, every item without one) `undecided_twice_from` again
    from its registration and legal deadline; returns how many rows were written."""
    table = connection.ops.quote_name(WorkItem._meta.db_table)
    where = " WHERE undecided_twice_from IS NULL" if only_missing else ""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # the session's time zone is UTC: no daylight saving in the sum
            cursor.execute(f"UPDATE {table} SET undecided_twice_from = legal_due_at + (legal_due_at - created_at)"  # noqa: S608
                           f"{where}")
            return cursor.rowcount
        return _rebuild_in_batches(cursor, table, where)


def _rebuild_in_batches(cursor, table: str, where: str) -> int:
    """SQLite keeps moments as text: the sum is made in Python, a batch at a time, from the id up."""
    adapt, done, last = connection.ops.adapt_datetimefield_value, 0, 0
    items = WorkItem.objects.order_by("pk")
    if where:
        items = items.filter(undecided_twice_from__isnull=True)
    while rows := list(items.filter(pk__gt=last).values_list("pk", "created_at", "legal_due_at")[:BATCH]):
        cursor.executemany(f"UPDATE {table} SET undecided_twice_from = %s WHERE id = %s",  # noqa: S608
                           [(adapt(twice_the_limit(created, legal)), pk) for pk, created, legal in rows])
        done, last = done + len(rows), rows[-1][0]
    return done
