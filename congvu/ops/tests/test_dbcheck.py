"""A fresh install: the `congvu` commands on a database nobody has migrated yet, each in its own
process with its own empty CONGVU_DATA_DIR, as an administrator types them."""

import os
import subprocess
import sys

import pytest

from congvu.ops.demo.scenarios import MINIMUM_ITEMS

WHAT_TO_RUN = "hãy chạy `congvu migrate`"


def congvu(*args: str, data_dir, database_url: str | None = None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["CONGVU_DATA_DIR"] = str(data_dir)
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.run([sys.executable, "-m", "congvu.cli", *args], capture_output=True, text=True, env=env,
                          timeout=300, check=False)


def test_demo_on_a_fresh_database_migrates_first(tmp_path):
    done = congvu("demo", "--items", str(MINIMUM_ITEMS), data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Đã tạo dữ liệu mẫu" in done.stdout
    assert congvu("audit", "verify", data_dir=tmp_path).returncode == 0


@pytest.mark.parametrize("command", [
    ["sweep"],  # its parts catch their own errors: only the check before them can say what is wrong
    ["apitoken", "--list"],
    # A streamed export: nothing of the file may be written before the check.
    ["xes", "--from", "01/01/2026", "--to", "31/01/2026"],
    # Django's own commands are covered by the same check, after the fact (congvu/cli.py).
    ["createsuperuser", "--noinput", "--username", "quantri", "--email", "quantri@example.gov.vn"],
])
def test_a_command_on_an_unmigrated_database_says_what_to_run(tmp_path, command):
    done = congvu(*command, data_dir=tmp_path)
    assert done.returncode == 1
    assert "Cơ sở dữ liệu chưa được khởi tạo" in done.stderr and WHAT_TO_RUN in done.stderr
    assert "Traceback" not in done.stderr
    assert "<" not in done.stdout  # no half-written export


def test_a_command_on_a_database_behind_its_migrations_says_what_to_run(tmp_path):
    assert congvu("migrate", "org", "0001", data_dir=tmp_path).returncode == 0
    done = congvu("sweep", data_dir=tmp_path)
    assert done.returncode == 1
    assert "Cơ sở dữ liệu chưa được cập nhật" in done.stderr and WHAT_TO_RUN in done.stderr


def test_a_command_without_its_database_server_says_what_to_check(tmp_path):
    # Nothing listens on port 1: the connection is refused at once.
    done = congvu("audit", "seal", data_dir=tmp_path, database_url="postgres://congvu@127.0.0.1:1/congvu")
    assert done.returncode == 1
    assert "Không kết nối được cơ sở dữ liệu" in done.stderr and "DATABASE_URL" in done.stderr
    assert "Traceback" not in done.stderr

