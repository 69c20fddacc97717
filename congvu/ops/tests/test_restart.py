"""PostgreSQL restarted under load (a server of the test's own, so the machine's is left alone):
while it is down every request gets a clean 503 with Retry-After — JSON from the API, a page in
Vietnamese — and when it is back the application reconnects by itself (health-checked connections,
CONN_HEALTH_CHECKS); nothing acknowledged is lost, and no number is taken twice or skipped."""

import pytest

from congvu.ops.tests.harness import Answer, Api, Browser, Registrations, Server, running_cluster, wait_until

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def cluster():
    yield from running_cluster("restart")


def test_postgresql_restarted_under_load(sites, cluster):
    site = sites.on_cluster(cluster, "restart")
    p = site.probe("province")
    body = {"unit": p["units"]["construction"], "matter_type": p["matters"]["building_permit"], "sender": "Sở Tư pháp"}
    # One worker with its four threads: after the load, every thread holds a connection of its own.
    with Server(site, workers=1) as server:
        clerk = Api(server.url, p["tokens"]["construction_clerk"])
        browser = Browser(server.url)
        browser.sign_in(p["usernames"]["inspector"], p["password"])
        with Registrations([clerk], body, threads=6) as load:
            wait_until(lambda: load.count(201) >= 20, "registrations before the restart")
            cluster.stop("fast")
            during_api = clerk.post("/incoming", {**body, "subject": "Trong lúc máy chủ CSDL dừng"})
            during_page = browser.get("/")
            wait_until(lambda: load.count(503) >= 5, "the load to meet the stopped database")
            cluster.start()
            before = load.count(201)
            wait_until(lambda: load.count(201) >= before + 20, "registrations after the restart")
        # Restarted again with the server idle: every connection it keeps is now dead, and the next
        # requests must find that out before using one (health checks), not fail on it.
        cluster.stop("fast")
        cluster.start()
        after = [clerk.post("/incoming", {**body, "subject": f"Sau khởi động lại {n}"}) for n in range(8)]
        page_after = browser.get("/")
    assert during_api.status == 503 and during_api.headers["Retry-After"] == "15"
    assert during_api.body["code"] == "SERVICE-UNAVAILABLE"
    assert during_page.status == 503 and during_page.headers["Retry-After"] == "15"
    assert "Tạm thời gián đoạn" in during_page.body and "thử lại" in during_page.body
    assert [a.status for a in after] == [201] * 8 and page_after.status == 200
    answers = load.answers()
    assert all(isinstance(a, Answer) and a.status in (201, 503) for a in answers)  # nothing else, no dropped connection
    assert all(a.headers.get("Retry-After") and a.body["code"] == "SERVICE-UNAVAILABLE" for a in answers
               if a.status == 503)

    facts = site.probe("facts")
    stored = [item["title"] for item in facts["items"]]
    assert len(stored) == len(set(stored))  # nothing registered twice
    assert load.subjects(201) <= set(stored)  # every acknowledged registration is there
    assert set(stored) <= load.subjects() | {a.body["title"] for a in after}  # and nothing else
    assert sorted(number for _, _, number in facts["incoming"]) == list(range(1, len(stored) + 1))
    assert facts["trail"] == []
