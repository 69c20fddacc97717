"""`congvu backup DEST` and `congvu restore SRC`: the database and every uploaded or generated file,
in one folder with a manifest, taken while congvu serves.

A backup folder holds:
  database.sqlite3 | database.pgdump   SQLite through its online backup API (a consistent copy while
                                       the server writes: WAL readers never block the writer);
                                       PostgreSQL through `pg_dump -Fc` in an exported snapshot
  media/                               the files: originals, attachments, notices' .docx
  manifest.json                        written last, so a backup cut short has none and is refused:
                                       the engine, each table's row count in the copied database, and
                                       the size and SHA-256 of the database file and of every file

Order matters: the database is copied first, the files after. congvu writes a file before the row
that names it is committed and never deletes one, so every file the copied database names is
already on disk when the files are copied (a file added meanwhile is copied too, unnamed: harmless).

Restore checks the whole backup against its manifest before it changes anything, then loads the
database (SQLite through the backup API again; PostgreSQL through `pg_restore --single-transaction`,
all or nothing), then swaps the files in, and finally proves the copy: every table's row count as in
the manifest, every file the database names present, and the trail verified (`congvu audit verify`)."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, connections, models, transaction
from django.db.migrations.executor import MigrationExecutor

from congvu.lib import clock
from congvu.work import trail

FORMAT = "congvu-backup/1"
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILE = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore that cannot go on; the message (Vietnamese) says why and what to do."""


@dataclass
class Restored:
    """What a restore proved about the copy it loaded."""

    tables: int
    rows: int
    files: int
    problems: list[str] = field(default_factory=list)
    pending_migrations: int = 0  # a backup of an older version: files and trail are checked after migrating


def engine() -> str:
    return connection.vendor  # "sqlite" or "postgresql", the only two congvu runs on


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def described(path: Path) -> dict:
    return {"size": path.stat().st_size, "sha256": sha256_of(path)}


# --- backup ----------------------------------------------------------------------------------------


def backup(dest: Path) -> dict:
    """Copy the database, then the files, into the new folder `dest`; return the manifest."""
    dest = Path(dest)
    if dest.exists() and not (dest.is_dir() and not any(dest.iterdir())):
        raise BackupError(f"{dest} đã có (và không phải thư mục trống): hãy chọn một thư mục mới cho bản sao lưu.")
    dest.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = DATABASE_FILE[engine()]
    counts = copy_sqlite(dest / name) if engine() == "sqlite" else dump_postgresql(dest / name)
    manifest = {
        "format": FORMAT, "created_at": clock.now().isoformat(), "congvu": version("congvu"), "engine": engine(),
        "database": {"file": name, **described(dest / name)}, "tables": counts,
        "media": copy_media(Path(settings.MEDIA_ROOT), dest / MEDIA),
    }
    partial = dest / f"{MANIFEST}.partial"
    partial.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    partial.rename(dest / MANIFEST)  # the manifest appears whole, and only once everything else is there
    return manifest


def copy_sqlite(target: Path) -> dict[str, int]:
    """The online backup API: one step under a read transaction, so the copy is one consistent moment
    while the server goes on writing. The copy leaves WAL mode so that it is a single file."""
    source = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=60)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
        return sqlite_counts(copy)
    finally:
        copy.close()
        source.close()


def sqlite_counts(db: sqlite3.Connection) -> dict[str, int]:
    tables = [row[0] for row in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}  # noqa: S608


def dump_postgresql(target: Path) -> dict[str, int]:
    """pg_dump in custom format inside a snapshot this connection exports: the rows counted for the
    manifest are exactly the rows dumped, however busy the server is meanwhile."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        run_pg("pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}")
        return postgresql_counts(cursor)


def postgresql_counts(cursor) -> dict[str, int]:
    counts = {}
    for table in sorted(connection.introspection.table_names(cursor)):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        counts[table] = cursor.fetchone()[0]
    return counts


def pg_environment() -> dict[str, str]:
    """libpq's variables for the configured database, so no password appears on a command line."""
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[variable] = str(db[key])
    if sslmode := db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    return env


def run_pg(program: str, *args: str) -> None:
    try:
        done = subprocess.run([program, *args], env=pg_environment(), capture_output=True, text=True)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(f"Không tìm thấy chương trình {program}: hãy cài gói postgresql-client cùng phiên bản "
                          "với máy chủ PostgreSQL.") from None
    if done.returncode != 0:
        raise BackupError(f"{program} báo lỗi: {done.stderr.strip()}")


def copy_media(source: Path, target: Path) -> dict[str, dict]:
    """Copy every file under `source`; return each one's size and SHA-256 by its path under it."""
    files = {}
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    for path in sorted(p for p in source.rglob("*") if p.is_file()) if source.exists() else []:
        relative = path.relative_to(source)
        (target / relative).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copy2(path, target / relative)
        files[relative.as_posix()] = described(target / relative)
    return files


# --- restore ---------------------------------------------------------------------------------------


def read_manifest(src: Path) -> dict:
    path = Path(src) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{src} không phải bản sao lưu hoàn chỉnh của congvu (thiếu {MANIFEST}).")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{path} bị hỏng, không đọc được: {error}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} không phải manifest của congvu ({FORMAT}).")
    return manifest


def damaged(src: Path, manifest: dict) -> list[str]:
    """Every file of the backup that is missing or differs from its manifest."""
    expected = {manifest["database"]["file"]: manifest["database"]}
    expected.update({f"{MEDIA}/{name}": info for name, info in manifest["media"].items()})
    problems = []
    for name, info in expected.items():
        path = Path(src) / name
        if not path.is_file():
            problems.append(f"thiếu tệp {name}")
        elif described(path) != {"size": info["size"], "sha256": info["sha256"]}:
            problems.append(f"tệp {name} đã bị thay đổi hoặc hỏng")
    return problems


def restore(src: Path, *, replace: bool = False) -> Restored:
    """Load the backup `src` into the configured database and media folder, then prove the copy."""
    src = Path(src)
    manifest = read_manifest(src)
    if manifest["engine"] != engine():
        raise BackupError(f"Bản sao lưu là của {manifest['engine']}, còn cơ sở dữ liệu đang cấu hình là {engine()}: "
                          "hãy khôi phục vào cùng loại cơ sở dữ liệu.")
    if problems := damaged(src, manifest):
        raise BackupError("Bản sao lưu không nguyên vẹn, chưa thay đổi gì: " + "; ".join(problems[:10]))
    media_root = Path(settings.MEDIA_ROOT)
    if not replace:
        refuse_to_overwrite(media_root)
    with media_alongside(src / MEDIA, media_root) as swap_in:
        load_database(src / manifest["database"]["file"])
        swap_in()
    return prove(manifest)


def refuse_to_overwrite(media_root: Path) -> None:
    if table_counts():
        raise BackupError("Cơ sở dữ liệu đang cấu hình đã có dữ liệu: khôi phục vào một cơ sở dữ liệu trống, "
                          "hoặc dùng --replace để thay thế toàn bộ (sau khi đã dừng congvu).")
    if media_root.exists() and any(p.is_file() for p in media_root.rglob("*")):
        raise BackupError(f"Thư mục tệp {media_root} đã có tệp: dùng --replace để thay thế (thư mục cũ được giữ lại "
                          "bên cạnh, đổi tên).")


@contextmanager
def media_alongside(source: Path, media_root: Path) -> Iterator:
    """Copy the backup's files beside the media folder first (a full disk fails here, before the
    database is touched); the caller swaps them in once the database is loaded. An existing folder
    is kept, renamed, never deleted."""
    staging = media_root.with_name(f"{media_root.name}.restoring")
    shutil.rmtree(staging, ignore_errors=True)
    if source.is_dir():
        shutil.copytree(source, staging)
    else:  # a backup of an installation that had no file yet
        staging.mkdir(mode=0o700, parents=True)

    def swap_in() -> None:
        if media_root.exists() and any(p.is_file() for p in media_root.rglob("*")):
            media_root.rename(media_root.with_name(f"{media_root.name}.before-restore-{clock.now():%Y%m%d%H%M%S}"))
        shutil.rmtree(media_root, ignore_errors=True)  # an empty folder (or none) is simply replaced
        staging.rename(media_root)

    try:
        yield swap_in
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def load_database(path: Path) -> None:
    connections.close_all()  # nothing of this process may hold the database while it is replaced
    if engine() == "sqlite":
        backup_file = sqlite3.connect(path)
        target = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=60)
        try:
            backup_file.backup(target)  # replaces the whole database, in one transaction
            target.execute("PRAGMA journal_mode=WAL")
        finally:
            target.close()
            backup_file.close()
    else:
        run_pg("pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
               "--exit-on-error", f"--dbname={settings.DATABASES['default']['NAME']}", str(path))


def table_counts() -> dict[str, int]:
    """Each table's rows in the configured database (the same tables a backup counts)."""
    if engine() == "sqlite":
        db = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=60)
        try:
            return sqlite_counts(db)
        finally:
            db.close()
    with connection.cursor() as cursor:
        return postgresql_counts(cursor)


def missing_files() -> list[str]:
    """Every file a row names that is not in the media folder."""
    missing = []
    for model in apps.get_models():
        for file_field in (f for f in model._meta.concrete_fields if isinstance(f, models.FileField)):
            names = model.objects.exclude(**{file_field.name: ""}).values_list(file_field.name, flat=True)
            missing += [name for name in names.iterator() if not file_field.storage.exists(name)]
    return missing


def pending_migrations() -> int:
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def prove(manifest: dict) -> Restored:
    """Compare the loaded copy with the manifest; then, when its schema is this version's, check that
    every file it names is present and that its trail verifies."""
    counts = table_counts()
    problems = [f"bảng {table}: {counts.get(table)} dòng, bản sao lưu ghi {rows}"
                for table, rows in manifest["tables"].items() if counts.get(table) != rows]
    restored = Restored(tables=len(counts), rows=sum(counts.values()), files=len(manifest["media"]), problems=problems)
    if pending := pending_migrations():
        # A backup of an older version: the models of this one cannot read it until it is migrated.
        restored.pending_migrations = pending
        return restored
    problems += [f"thiếu tệp {name}" for name in missing_files()]
    problems += [f"nhật ký: {finding}" for finding in trail.verify()]
    return restored
