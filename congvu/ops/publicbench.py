"""`congvu publicbench`: do the published figures (/cong-khai/) answer in under 200 ms with 300,000
items in the database?

The items are the list benchmark's (`congvu.ops.listbench.fill`: bulk inserts over the 400 days before
03/03/2026, in a scratch database dropped afterwards). Each page is asked by an anonymous client: once
cold (the period's figures computed and put in the cache), then several times warm (read from the
cache). In production the cold computation is the sweep's (`public_figures.warm`, once a period closes),
so visitors only ever get the warm answer; the cold figure says what that sweep round costs.

With `--here` it measures the configured database instead (e.g. a copy of the shared province-year
built by `dashbench --bulk 300000 --trail 10 --here`), inside a transaction rolled back at the end:
the periods' cached figures are dropped first, so the first request of each period computes them.
Each request is timed in wall and in this process's processor time (on SQLite the database's work
too; on PostgreSQL the server's shows only in the wall time)."""

import os
import statistics
import time
from dataclasses import asdict, dataclass, field

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client

from congvu.lib import clock
from congvu.ops.bench import in_scratch_database
from congvu.ops.listbench import NOW, fill
from congvu.ops.province import build_synthetic
from congvu.oversight import figure_rollups
from congvu.oversight.public_figures import KINDS, cache_key, last_closed
from congvu.work.models import WorkItem

TARGET_MS = 200.0
PAGES = {"page_month": "/cong-khai/", "page_quarter": "/cong-khai/?ky=quy", "page_year": "/cong-khai/?ky=nam",
         "csv_month": "/cong-khai/so-lieu.csv", "json_year": "/cong-khai/so-lieu.json?ky=nam"}
# Asked once first: a new process's first page pays its own start (URLs, templates, translations),
# which is not the figures' cost.
WARM_UP = "/cong-khai/phan-anh/tra-cuu/"


@dataclass
class PublicBenchResult:
    engine: str
    items: int
    build_seconds: float
    target_ms: float
    how: str = "scratch"  # "scratch": built and dropped; "kept": measured in the configured database, rolled back
    cold_ms: dict[str, float] = field(default_factory=dict)  # the first request: figures computed
    warm_ms: dict[str, float] = field(default_factory=dict)  # median of the next ones: from the cache
    cold_cpu_ms: dict[str, float] = field(default_factory=dict)
    warm_cpu_ms: dict[str, float] = field(default_factory=dict)
    units: dict[str, int] = field(default_factory=dict)
    passed: bool = False
    load_average: float = field(default_factory=lambda: round(os.getloadavg()[0], 1))


def timed(client: Client, url: str) -> tuple[float, str, float]:
    """The request's wall time, its body and this process's processor time (ms)."""
    started, cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    elapsed, cpu_ms = (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return round(elapsed, 1), response.content.decode("utf-8-sig"), round(cpu_ms, 1)


def ask_every_page(result: PublicBenchResult, repeat: int) -> PublicBenchResult:
    """Each page once cold (its period's figures computed, if not cached yet), then `repeat` times warm."""
    client = Client()
    timed(client, WARM_UP)
    for name, url in PAGES.items():
        result.cold_ms[name], body, result.cold_cpu_ms[name] = timed(client, url)
        warm = [timed(client, url) for _ in range(repeat)]
        result.warm_ms[name] = round(statistics.median(w[0] for w in warm), 1)
        result.warm_cpu_ms[name] = round(statistics.median(w[2] for w in warm), 1)
        result.units[name] = body.count('class="cv-public-unit"') or body.count('"unit_id"') or body.count("\n") - 1
    result.passed = all(ms < TARGET_MS for ms in result.warm_ms.values()) and all(result.units.values())
    return result


def run(n: int, repeat: int = 5) -> PublicBenchResult:
    with clock.travel_to(NOW):
        started = time.perf_counter()
        fill(build_synthetic(inspectors=1), n)
        result = PublicBenchResult(connection.vendor, n, round(time.perf_counter() - started, 1), TARGET_MS)
        cache.clear()
        return ask_every_page(result, repeat)


def measure_kept(repeat: int = 5) -> PublicBenchResult:
    """Measure in the configured database, leaving it as it was: what the pages write (the figures in
    the cache table) is rolled back."""
    call_command("createcachetable", verbosity=0)  # a copy made by `dashbench --here` may lack it
    result = PublicBenchResult(connection.vendor, WorkItem.objects.count(), 0.0, TARGET_MS, how="kept")
    with clock.travel_to(NOW), transaction.atomic():
        figure_rollups.fold(limit=10_000)  # the snapshots the sweep would have folded by now, if missing
        drop_published_figures()
        ask_every_page(result, repeat)
        drop_published_figures()  # a cache outside the database is not rolled back (the sweep refills it)
        transaction.set_rollback(True)
    return result


def drop_published_figures() -> None:
    for kind in KINDS.values():
        cache.delete(cache_key(last_closed(kind, clock.today())))


def publicbench(n: int, here: bool = False) -> PublicBenchResult:
    """In a scratch database dropped afterwards; or, `here`, in the configured one (DATABASE_URL)."""
    if here:
        return measure_kept()
    return in_scratch_database(lambda: run(n))


def as_dict(result: PublicBenchResult) -> dict:
    return asdict(result)
