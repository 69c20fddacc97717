"""`congvu backup` and `congvu restore` on the engine of the pass (SQLite through its online backup
API, PostgreSQL through pg_dump -Fc): a backup taken while the server is busy restores into an empty
installation with every table's rows as the manifest counted them, every file present, and a trail
that verifies; a damaged backup, or a database that already holds data, is refused before anything
is changed."""

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from congvu.ops.tests.harness import Api, Registrations, Server, Site, wait_until

NOTICES = 6


@dataclass
class Taken:
    site: Site
    backup: Path
    manifest: dict


@pytest.fixture(scope="module")
def taken(sites, tmp_path_factory) -> Taken:
    """A backup of an installation with originals and deemed agreements with their notices' files,
    taken while three clerks keep registering documents on its server."""
    site = sites.new("served")
    p = site.probe("province")
    site.probe("consulted", str(NOTICES), "60")
    site.congvu("sweep")  # deems the requests agreed and drafts their notices
    site.probe("sign")  # the head signs them
    site.congvu("sweep")  # renders their files
    body = {"unit": p["units"]["construction"], "matter_type": p["matters"]["building_permit"], "sender": "Sở Tư pháp"}
    backup = tmp_path_factory.mktemp("backups") / "nightly"
    with Server(site) as server, Registrations([Api(server.url, p["tokens"]["construction_clerk"])], body, 3) as load:
        wait_until(lambda: load.count(201) >= 10, "registrations before the backup")
        site.congvu("backup", str(backup))
        taken = load.count(201)
        wait_until(lambda: load.count(201) >= taken + 5, "registrations after the backup")
    return Taken(site, backup, json.loads((backup / "manifest.json").read_text()))


def test_a_backup_taken_while_serving_restores_whole(sites, taken):
    manifest = taken.manifest
    assert manifest["engine"] == taken.site.engine and manifest["tables"]["work_workitem"] >= NOTICES + 10
    assert sum(name.startswith("notices/") for name in manifest["media"]) == NOTICES
    assert sum(name.startswith("incoming/") for name in manifest["media"]) == NOTICES

    restored = sites.empty("restored")
    assert "nhật ký nguyên vẹn" in restored.congvu("restore", str(taken.backup)).stdout
    facts = restored.probe("facts")
    assert facts["tables"] == manifest["tables"]  # counts equal, table by table
    assert facts["notice_files"] == NOTICES and facts["missing_files"] == []
    assert facts["trail"] == [] and facts["integrity"] in ("ok", None)
    assert "Nhật ký nguyên vẹn" in restored.congvu("audit", "verify").stdout
    # One moment of the served database: everything of that moment; the load went on after it.
    source = {item["id"]: item["title"] for item in taken.site.probe("facts")["items"]}
    copy = {item["id"]: item["title"] for item in facts["items"]}
    assert copy.items() <= source.items() and len(copy) < len(source)
    numbers = sorted(number for _, _, number in facts["incoming"])
    assert numbers == list(range(1, len(numbers) + 1))  # no registration half in the copy


def test_a_damaged_backup_or_a_database_with_data_is_refused_before_anything_changes(sites, taken, tmp_path):
    backup = tmp_path / "copy"
    shutil.copytree(taken.backup, backup)
    notice = next((backup / "media" / "notices").rglob("*.docx"))
    good = notice.read_bytes()
    notice.write_bytes(good + b"x")
    empty = sites.empty("untouched")
    refused = empty.congvu("restore", str(backup), check=False)
    assert refused.returncode == 1 and "không nguyên vẹn" in refused.stderr and notice.name in refused.stderr
    assert empty.probe("tables") == {}  # nothing was loaded

    notice.write_bytes(good)
    other = sites.new("in-use")
    other.probe("province")
    own_file, own_bytes = other.media / "incoming" / "cua-noi-khac.pdf", b"%PDF-1.4 of the installation restored over"
    own_file.parent.mkdir(parents=True)
    own_file.write_bytes(own_bytes)
    before = other.probe("tables")
    refused = other.congvu("restore", str(backup), check=False)
    assert refused.returncode == 1 and "--replace" in refused.stderr
    assert other.probe("tables") == before and own_file.exists()

    assert "nhật ký nguyên vẹn" in other.congvu("restore", "--replace", str(backup)).stdout
    assert before != taken.manifest["tables"] and other.probe("tables") == taken.manifest["tables"]
    kept = [folder / "incoming" / own_file.name for folder in other.data_dir.glob("media.before-restore-*")]
    assert not own_file.exists() and len(kept) == 1 and kept[0].read_bytes() == own_bytes  # kept aside, not lost


@pytest.mark.django_db
def test_a_backup_goes_only_into_a_new_or_empty_folder(tmp_path):
    (tmp_path / "yesterday.txt").write_text("an earlier backup")
    with pytest.raises(CommandError, match="thư mục mới"):
        call_command("backup", str(tmp_path))


def test_a_folder_without_its_manifest_is_no_backup(tmp_path):
    (tmp_path / "database.sqlite3").write_bytes(b"SQLite format 3\0")  # a backup cut short: no manifest yet
    with pytest.raises(CommandError, match="thiếu manifest.json"):
        call_command("restore", str(tmp_path))
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(CommandError, match="không đọc được"):
        call_command("restore", str(tmp_path))
