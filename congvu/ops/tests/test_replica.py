"""A real streaming replica: a PostgreSQL server of the test's own, a hot standby made from it with
pg_basebackup, and `congvu serve` with CONGVU_READ_REPLICA_URL pointing at the standby.

The proof that oversight reads go to the replica and everything else to the primary: replay on the
standby is paused, so the two differ. While it is paused, a clerk registers a document and the head
directs it (writes, and an action's reads of a row the standby does not have: the primary's); the
inspector signs in (the session just written is read back: the primary's); and the figures — page,
API and export — still show the count from before the pause (the replica's). Once replay resumes
and the standby has caught up, the figures count the new item."""

import io
import re

import pytest
from openpyxl import load_workbook

from congvu.ops.tests.harness import Api, Browser, Cluster, Server, Site, running_cluster, wait_until

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def primary():
    yield from running_cluster("primary")


def caught_up(primary: Cluster, standby: Cluster) -> bool:
    target = primary.sql("SELECT pg_current_wal_lsn()")[0][0]
    return standby.sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")[0][0]


def assigned_to_construction(inspector: Api, browser: Browser, construction: int) -> tuple[int, int, int]:
    """Construction's "assigned" figure as the API, the overview page and the .xlsx export give it."""
    from_api = next(row["assigned"] for row in inspector.get("/figures").body if row["unit_id"] == construction)
    page = browser.get("/tong-hop/")
    assert page.status == 200, page.body[:500]
    from_page = int(re.search(r'Sở Xây dựng</th>\s*<td class="text-end"><a [^>]*data-bucket="assigned">(\d+)</a>',
                              page.body).group(1))
    export = browser.get("/tong-hop/xuat-excel/so-lieu/")
    sheet = load_workbook(io.BytesIO(export.body))
    rows = sheet.worksheets[0].iter_rows(values_only=True)
    from_export = next(int(row[1]) for row in rows if row[0] == "Sở Xây dựng")
    return from_api, from_page, from_export


def test_oversight_reads_go_to_the_replica_and_everything_else_to_the_primary(primary, tmp_path):
    primary.sql("CREATE DATABASE congvu")
    site = Site(tmp_path / "site", primary.url("congvu"))
    site.data_dir.mkdir()
    site.congvu("migrate", "--verbosity", "0")
    p = site.probe("province")
    standby = primary.replica("standby")
    try:
        standby.start()
        site.extra_env["CONGVU_READ_REPLICA_URL"] = standby.url("congvu")
        with Server(site) as server:
            clerk, head = (Api(server.url, p["tokens"][name]) for name in ("construction_clerk", "construction_head"))
            inspector, construction = Api(server.url, p["tokens"]["inspector"]), p["units"]["construction"]
            body = {"unit": construction, "matter_type": p["matters"]["building_permit"], "sender": "Công ty Sông Cầu"}
            assert clerk.post("/incoming", {**body, "subject": "Trước khi tạm dừng"}).status == 201
            wait_until(lambda: caught_up(primary, standby), "the standby to replay the first item")

            standby.sql("SELECT pg_wal_replay_pause()")
            wait_until(lambda: standby.sql("SELECT pg_get_wal_replay_pause_state()")[0][0] == "paused",
                       "replay to pause")
            second = clerk.post("/incoming", {**body, "subject": "Trong khi tạm dừng"})
            assert second.status == 201
            directed = head.post(f"/items/{second.body['id']}/direct", {"lead_unit": construction})
            assert directed.status == 200 and directed.body["state"] == "directed"
            browser = Browser(server.url)
            browser.sign_in(p["usernames"]["inspector"], p["password"])
            assert assigned_to_construction(inspector, browser, construction) == (1, 1, 1)

            standby.sql("SELECT pg_wal_replay_resume()")
            wait_until(lambda: caught_up(primary, standby), "the standby to catch up")
            assert assigned_to_construction(inspector, browser, construction) == (2, 2, 2)
    finally:
        standby.destroy()
