"""Oversight reads on a read replica (`CONGVU_READ_REPLICA_URL`), everything else on the primary.

Who goes to the replica is decided by a context, not by the model or the query: a view that only
reads for oversight (the province overview, the figures, an export) runs inside `replica_reads()`,
and every ORM read it makes is sent to the replica by `ReplicaRouter`. Why a context rather than
`.using(…)` on each query: the oversight queries are shared with the actions and the item list
(`figure_conditions`, `open_items`), where they must see the primary; the same function answers on
the replica only when the view that called it opted in. Why not every GET: an official who has just
acted and reloads the item or their list must see what they did, and a replica lags (by milliseconds
on a LAN, more under load); Home Affairs' figures can be that much behind, a clerk's register cannot.

Writes always go to the primary. Reads inside a transaction on the primary — every action is one —
stay there even within `replica_reads()`: an action checks its rules against what it locked. Raw SQL
on `django.db.connection` (`congvu.lib.fastsql`, used by actions) is the primary's by construction.

Without `CONGVU_READ_REPLICA_URL` the router is not installed and `replica_reads()` changes nothing."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
_reading_from_replica: ContextVar[bool] = ContextVar("congvu_replica_reads", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Send this block's ORM reads to the replica (also usable as a decorator: `@replica_reads()`).
    Per thread and per request: gunicorn's threads each have their own context."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


class ReplicaRouter:
    """settings.DATABASE_ROUTERS when a replica is configured (alias `replica`)."""

    def db_for_read(self, model, **hints) -> str:
        if _reading_from_replica.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return REPLICA
        # Said outright, not None: Django would otherwise follow a row read from the replica (its
        # related objects, a refresh) back to the replica after the block.
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, first, second, **hints) -> bool:
        return True  # one database, two copies of it: any two rows may be related

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS  # the replica follows the primary's schema by streaming it
