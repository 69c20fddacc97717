"""The bare-database floor that `congvu bench` divides by: real durable writes, cleaned up afterwards."""

from pathlib import Path

import pytest
from django.db import connection

from congvu.ops.floor import floor_beside


@pytest.mark.django_db(transaction=True)
def test_floor_commits_each_action_and_leaves_nothing_behind():
    with floor_beside(connection) as floor:
        rate = floor.sample(50)
        floor.sample(30)
        count = floor.cursor.execute("SELECT count(*), max(seq) FROM floor_event")
        rows = (count or floor.cursor).fetchone()
        if connection.vendor == "sqlite":
            files = [floor.path]
    assert rate > 0
    assert rows[0] == 80 and rows[1] == 79  # one event per action, the sequence carried across samples
    if connection.vendor == "sqlite":
        assert not any(Path(f"{files[0]}{suffix}").exists() for suffix in ("", "-wal", "-shm"))
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'floor_%%'")
            assert cursor.fetchone()[0] == 0
