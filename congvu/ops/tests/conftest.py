"""Fixtures of the ops tests that run congvu as processes (congvu/ops/tests/harness.py).

They run on the engine of the pass: the SQLite pass on SQLite files, the PostgreSQL pass (make
test-postgres, DATABASE_URL set) on scratch databases of the same server, named after its database.
A test marked `postgres_only` is skipped in the SQLite pass with that reason, and runs in the
PostgreSQL pass, which CI (CI=true) cannot skip: make test-postgres fails there without PostgreSQL."""

import os
from pathlib import Path

import pytest
from django.db import connection

from congvu.ops.tests.harness import Sites

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items) -> None:
    """`postgres_only` (declared in pyproject.toml) skips these tests in the SQLite pass only."""
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="PostgreSQL only: runs in the PostgreSQL pass (make test-postgres)")
    for item in items:
        if "postgres_only" in item.keywords and item.path.is_relative_to(HERE):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def sites(tmp_path_factory):
    """Scratch installations of the pass's engine, copied from one migrated template."""
    url = os.environ.get("DATABASE_URL") if connection.vendor == "postgresql" else None
    made = Sites(tmp_path_factory.mktemp("ops-sites"), url)
    yield made
    made.drop_all()


@pytest.fixture
def engine() -> str:
    return connection.vendor
