"""Faults, on the engine of the pass (SQLite, then PostgreSQL): the server killed with SIGKILL in the
middle of an action, the sweeper killed in the middle of a batch, and (SQLite) the disk filling up
under an action. Each time nothing is half-done, the trail verifies, and the work goes on from what
was committed: the next number is the next one, the next sweep finishes the job.

The processes are the real commands (`congvu serve`, `congvu sweep`) stopped at a chosen point by
congvu/ops/tests/wrappers.py, so the kill lands inside the transaction every time, not by luck."""

import os
import signal
import subprocess
import threading
from collections import Counter
from pathlib import Path

import pytest

from congvu.ops.tests.harness import Api, Server, Site, require, wait_until
from congvu.ops.tests.wrappers import BATCH, PAUSE_MARK


def incoming(p: dict, subject: str) -> dict:
    return {"unit": p["units"]["construction"], "matter_type": p["matters"]["building_permit"],
            "sender": "Công ty TNHH Sông Cầu", "subject": subject}


def attempt(api: Api, body: dict, outcome: dict) -> None:
    """POST a registration; keep the answer, or the error of a connection that died with the server."""
    try:
        outcome["answer"] = api.post("/incoming", body)
    except OSError as error:
        outcome["error"] = error


def numbers(facts: dict) -> list[int]:
    return sorted(number for _, _, number in facts["incoming"])


def titles(facts: dict) -> list[str]:
    return [item["title"] for item in facts["items"]]


def pause_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "pause"
    folder.mkdir()
    return folder


def test_a_server_killed_during_an_action_leaves_nothing_half_done(sites, tmp_path):
    site = sites.new("killed-action")
    p = site.probe("province")
    pause = pause_folder(tmp_path)
    server = Server(site, wrapper=("pause-action",), CONGVU_TEST_PAUSE_DIR=str(pause)).wait_ready()
    clerk, outcome = Api(server.url, p["tokens"]["construction_clerk"]), {}
    try:
        assert clerk.post("/incoming", incoming(p, "Văn bản thứ nhất")).body["incoming_number"] == 1
        # The second registration takes number 2 and writes its document, item, step and event, then
        # stops before its transaction commits: the server dies there.
        killed = threading.Thread(target=attempt, args=(clerk, incoming(p, f"{PAUSE_MARK} Văn bản dở dang"), outcome))
        killed.start()
        wait_until(lambda: (pause / "paused").exists() or server.process.poll() is not None, "the paused action")
        assert (pause / "paused").exists(), server.log()
        server.kill()
        killed.join(60)
    finally:
        server.stop()
    assert "error" in outcome  # no answer: the client saw the connection die
    assert site.probe("quiet")  # PostgreSQL has noticed the dead session and rolled it back
    facts = site.probe("facts")
    assert titles(facts) == ["Văn bản thứ nhất"] and numbers(facts) == [1]
    assert [last for _, _, series, last in facts["series"] if series == "den"] == [1]  # number 2 was given back
    assert facts["events"] == {"register/done": 1}
    assert facts["trail"] == [] and facts["integrity"] in ("ok", None)
    with Server(site) as again:
        third = Api(again.url, p["tokens"]["construction_clerk"]).post("/incoming", incoming(p, "Văn bản thứ ba"))
    assert third.status == 201 and third.body["incoming_number"] == 2
    assert "Nhật ký nguyên vẹn" in site.congvu("audit", "verify").stdout


def test_a_sweeper_killed_in_the_middle_of_a_batch_resumes_and_finishes(sites, tmp_path):
    site = sites.new("killed-sweep")
    site.probe("province")
    asked = len(site.probe("consulted", str(BATCH * 2 + 5), "60"))  # asked 60 days ago: all overdue now
    pause = pause_folder(tmp_path)
    sweeper = site.spawn(["congvu.ops.tests.wrappers", "pause-sweep", "--", "sweep"], "sweeper.log",
                         CONGVU_TEST_PAUSE_DIR=str(pause))
    try:
        wait_until(lambda: (pause / "paused").exists() or sweeper.poll() is not None, "the sweep's second batch")
        assert (pause / "paused").exists(), site.log_path("sweeper.log").read_text()
    finally:
        if sweeper.poll() is None:
            os.killpg(sweeper.pid, signal.SIGKILL)  # mid-batch: its transaction never commits
        sweeper.wait(30)
    assert site.probe("quiet")
    half = site.probe("facts")
    # The first batch committed whole; the second, killed before its commit, left nothing at all.
    assert half["requests"] == {"deemed_agreed": BATCH, "pending": asked - BATCH}
    assert [number for _, _, number, _ in half["notices"]] == [None] * BATCH  # drafts, for the head to sign
    assert half["responsibilities"] == BATCH and half["events"]["deemed_agreement/done"] == BATCH
    assert half["trail"] == [] and half["integrity"] in ("ok", None)

    site.congvu("sweep")  # the next round, as the server's scheduler would run it a minute later
    assert site.probe("sign") == asked
    site.congvu("sweep")  # renders the signed notices
    done = site.probe("facts")
    assert done["requests"] == {"deemed_agreed": asked}
    per_series = Counter((unit, year) for unit, year, _, _ in done["notices"])
    for (unit, year), count in per_series.items():  # each notice numbered once, no number skipped
        numbers = sorted(n for u, y, n, _ in done["notices"] if (u, y) == (unit, year))
        assert numbers == list(range(numbers[0], numbers[0] + count))
        assert [last for u, y, s, last in done["series"] if (u, y, s) == (unit, year, "di")] == [numbers[-1]]
    assert len({request for _, _, _, request in done["notices"]}) == asked  # one notice per request
    assert done["responsibilities"] == asked and done["events"]["deemed_agreement/done"] == asked
    assert done["notice_files"] == asked and done["missing_files"] == []
    assert {item["state"] for item in done["items"]} == {"in_progress"}  # nothing left waiting
    assert done["trail"] == []


@pytest.fixture
def small_disk(tmp_path, engine):
    """A 16 MB filesystem (tmpfs, size=16m) for the SQLite file, mounted for the test."""
    if engine != "sqlite":
        pytest.skip("the full disk is simulated for SQLite's file; this runs in the SQLite pass")
    require(os.geteuid() == 0, "mounting a small filesystem needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", str(mount)],  # noqa: S607
                             capture_output=True, text=True)
    require(mounted.returncode == 0, f"this machine does not allow mounting a tmpfs: {mounted.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)  # noqa: S607


def fill(disk: Path) -> None:
    """Write zeros until the filesystem has no byte left."""
    with (disk / "filler").open("wb") as filler:
        try:
            while True:
                filler.write(b"\0" * 65536)
                filler.flush()
        except OSError:
            pass
    assert os.statvfs(disk).f_bavail == 0


def test_a_full_disk_during_an_action_is_a_clear_error_and_corrupts_nothing(sites, small_disk, tmp_path):
    prepared = sites.new("full-disk")
    p = prepared.probe("province")
    site = Site(small_disk / "data", logs=tmp_path)
    subprocess.run(["cp", "-a", str(prepared.data_dir), str(site.data_dir)], check=True)  # noqa: S607
    pause = pause_folder(tmp_path)
    server = Server(site, wrapper=("pause-action",), CONGVU_TEST_PAUSE_DIR=str(pause)).wait_ready()
    clerk, outcome = Api(server.url, p["tokens"]["construction_clerk"]), {}
    try:
        assert clerk.post("/incoming", incoming(p, "Văn bản thứ nhất")).status == 201
        blocked = threading.Thread(target=attempt, args=(clerk, incoming(p, f"{PAUSE_MARK} Văn bản gặp đĩa đầy"),
                                                          outcome))
        blocked.start()
        wait_until(lambda: (pause / "paused").exists() or server.process.poll() is not None, "the paused action")
        fill(small_disk)  # the action's writes are in memory; its commit finds the disk full
        (pause / "resume").touch()
        blocked.join(120)
        (small_disk / "filler").unlink()
        after = clerk.post("/incoming", incoming(p, "Văn bản sau khi giải phóng dung lượng"))
    finally:
        server.stop()
    answer = outcome["answer"]
    assert answer.status == 503 and answer.headers["Retry-After"]
    assert answer.body["code"] == "SERVICE-UNAVAILABLE" and "hết chỗ lưu trữ" in answer.body["message"]
    assert after.status == 201 and after.body["incoming_number"] == 2  # the failed action's number was given back
    facts = site.probe("facts")
    assert facts["integrity"] == "ok" and facts["trail"] == []
    assert titles(facts) == ["Văn bản thứ nhất", "Văn bản sau khi giải phóng dung lượng"] and numbers(facts) == [1, 2]
