"""The floor congvu's benchmark stands on: the same durable writes with no application at all.

Absolute actions/s drift between machines and between minutes on one machine (disk cache, noisy
neighbours); a ratio measured in the same run, on the same disk, with the same durability does not.
So `congvu bench` measures, right beside its own workload, a bare loop of the smallest thing any
audited action must persist — one trail row appended and the item's row updated — in one durable
transaction per action:

- SQLite: the standard-library `sqlite3`, a file in the bench database's own folder, with congvu's
  settings (WAL, synchronous=FULL, BEGIN IMMEDIATE);
- PostgreSQL: bare psycopg on the bench database, autocommit off, one COMMIT per action
  (`synchronous_commit` as the server has it, which is what congvu runs with).

congvu's figure divided by this one is the share of the floor congvu keeps with every rule, the chained
trail and durability in place."""

import json
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ITEMS = 200  # rows the loop updates in turn, so the table stays in cache as congvu's hot items do
PAYLOAD = json.dumps({"holder": 123, "unit": 45, "note": "Đã giải quyết theo quy định" * 2}, ensure_ascii=False)
HASH = "0" * 64
# Written with SQLite's "?" marks; psycopg's "%s" is put in for PostgreSQL.
ADD_ITEM = "INSERT INTO floor_item VALUES (?, 'registered', 0)"
APPEND_EVENT = ("INSERT INTO floor_event (item_id, seq, kind, at, data, prev_hash, hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)")
UPDATE_ITEM = "UPDATE floor_item SET state = ?, event_count = event_count + 1 WHERE id = ?"
CREATE = [
    "CREATE TABLE floor_item (id INTEGER PRIMARY KEY, state VARCHAR(24) NOT NULL, event_count INTEGER NOT NULL)",
    "CREATE TABLE floor_event (id {pk}, item_id INTEGER NOT NULL REFERENCES floor_item(id), seq INTEGER NOT NULL,"
    " kind VARCHAR(40) NOT NULL, at VARCHAR(40) NOT NULL, data TEXT NOT NULL, prev_hash CHAR(64) NOT NULL,"
    " hash CHAR(64) NOT NULL)",
]


def beside(database: str) -> Path:
    """The floor's file, in the bench database's folder (same disk); an in-memory test database has
    no folder, so a private temporary one stands in."""
    if database == ":memory:" or database.startswith("file:") or "mode=memory" in database:
        return Path(tempfile.mkdtemp(prefix="congvu-floor-")) / "floor.sqlite3"
    return Path(database).parent / "floor.sqlite3"


class Floor:
    """A bare database with the two floor tables, sampled in short runs between the workload's windows so
    both figures see the same disk and the same neighbours (a sample before and one after a long run can
    differ fivefold on a busy machine)."""

    def __init__(self, connection) -> None:
        self.vendor = connection.vendor
        if self.vendor == "sqlite":
            self.path = beside(connection.settings_dict["NAME"])
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.sql, pk = (ADD_ITEM, APPEND_EVENT, UPDATE_ITEM), "INTEGER PRIMARY KEY"
            self.begin, self.commit = (lambda: self.db.execute("BEGIN IMMEDIATE")), (lambda: self.db.execute("COMMIT"))
            self.cursor = self.db
        else:
            import psycopg

            params = connection.get_connection_params()
            self.db = psycopg.connect(**{k: v for k, v in params.items()
                                         if k in {"dbname", "user", "password", "host", "port"} and v})
            self.cursor = self.db.cursor()
            self.sql = tuple(q.replace("?", "%s") for q in (ADD_ITEM, APPEND_EVENT, UPDATE_ITEM))
            pk = "BIGSERIAL PRIMARY KEY"
            self.begin, self.commit = (lambda: None), self.db.commit
        for statement in CREATE:
            self.cursor.execute(statement.format(pk=pk))
        for i in range(1, ITEMS + 1):
            self.cursor.execute(self.sql[0], (i,))
        self.done = 0
        if self.vendor != "sqlite":
            self.db.commit()

    def sample(self, actions: int) -> float:
        """Run `actions` durable transactions; return actions per second."""
        _, append_event, update_item = self.sql
        started = time.perf_counter()
        for n in range(self.done, self.done + actions):
            item = n % ITEMS + 1
            self.begin()
            self.cursor.execute(append_event, (item, n, "complete", "2026-03-02T08:00:00+07:00", PAYLOAD, HASH, HASH))
            self.cursor.execute(update_item, ("in_progress", item))
            self.commit()
        self.done += actions
        return actions / (time.perf_counter() - started)

    def close(self) -> None:
        if self.vendor == "sqlite":
            self.db.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            if self.path.parent.name.startswith("congvu-floor-"):
                self.path.parent.rmdir()
        else:
            self.cursor.execute("DROP TABLE floor_event; DROP TABLE floor_item")
            self.db.commit()
            self.db.close()


@contextmanager
def floor_beside(connection) -> Iterator[Floor]:
    floor = Floor(connection)
    try:
        yield floor
    finally:
        floor.close()
