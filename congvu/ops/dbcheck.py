"""Is the database ready for congvu? A command that reads or writes the data asks first, so an
administrator on a fresh install (or after an upgrade) reads what to run instead of a traceback
ending in `no such table: org_unit`.

Ready means: reachable, and every migration applied. The question costs one query and loading the
migration files (~60 ms), once per command; pages never ask it (`congvu serve` migrates first)."""

import sys

from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

NOT_CREATED = ("Cơ sở dữ liệu chưa được khởi tạo: hãy chạy `congvu migrate` "
               "(hoặc `congvu serve`, lệnh này tự khởi tạo trước khi phục vụ).")
OUTDATED = "Cơ sở dữ liệu chưa được cập nhật ({count} bước migration chưa chạy): hãy chạy `congvu migrate`."
UNREACHABLE = ("Không kết nối được cơ sở dữ liệu ({error}): hãy kiểm tra DATABASE_URL "
               "(hoặc CONGVU_DATA_DIR với SQLite).")


def require_migrated(using: str = DEFAULT_DB_ALIAS) -> None:
    """Return when the database is reachable and fully migrated; otherwise raise a CommandError whose
    Vietnamese message names what to run (Django prints it and exits with status 1)."""
    try:
        executor = MigrationExecutor(connections[using])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        raise CommandError(UNREACHABLE.format(error=" ".join(str(error).split()))) from error
    if not executor.loader.applied_migrations:
        raise CommandError(NOT_CREATED)
    if pending:
        raise CommandError(OUTDATED.format(count=len(pending)))


def exit_if_unmigrated(using: str = DEFAULT_DB_ALIAS) -> None:
    """After a database error escaped a command: when the cause is an unready database, say so the way
    a CommandError is said (stderr, exit status 1); otherwise return, and the error is a real one."""
    connections[using].close()  # the failed command's connection may be in an aborted transaction
    try:
        require_migrated(using)
    except CommandError as unready:
        sys.stderr.write(f"CommandError: {unready}\n")
        sys.exit(1)
