"""`congvu publicbench`: do the published figures (/cong-khai/) answer in under 200 ms with 300,000
items in the database?

The items are the list benchmark's (`congvu.ops.listbench.fill`: bulk inserts over the 400 days before
03/03/2026, in a scratch database dropped afterwards). Each page is asked by an anonymous client: once
cold (the period's figures computed and put in the cache), then several times warm (read from the
cache). In production the cold computation is the sweep's (`public_figures.warm`, once a period closes),
so visitors only ever get the warm answer; the cold figure says what that sweep round costs."""

import os
import statistics
import time
from dataclasses import asdict, dataclass, field

from django.core.cache import cache
from django.test import Client

from congvu.lib import clock
from congvu.ops.bench import in_scratch_database
from congvu.ops.listbench import NOW, fill
from congvu.ops.province import build_synthetic

TARGET_MS = 200.0
PAGES = {"page_month": "/cong-khai/", "page_quarter": "/cong-khai/?ky=quy", "page_year": "/cong-khai/?ky=nam",
         "csv_month": "/cong-khai/so-lieu.csv", "json_year": "/cong-khai/so-lieu.json?ky=nam"}


@dataclass
class PublicBenchResult:
    engine: str
    items: int
    build_seconds: float
    target_ms: float
    cold_ms: dict[str, float] = field(default_factory=dict)  # the first request: figures computed
    warm_ms: dict[str, float] = field(default_factory=dict)  # median of the next ones: from the cache
    units: dict[str, int] = field(default_factory=dict)
    passed: bool = False
    load_average: float = field(default_factory=lambda: round(os.getloadavg()[0], 1))


def timed(client: Client, url: str) -> tuple[float, str]:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return round(elapsed, 1), response.content.decode("utf-8-sig")


def run(n: int, repeat: int = 5) -> PublicBenchResult:
    with clock.travel_to(NOW):
        started = time.perf_counter()
        fill(build_synthetic(inspectors=1), n)
        result = PublicBenchResult("", n, round(time.perf_counter() - started, 1), TARGET_MS)
        from django.db import connection

        result.engine = connection.vendor
        cache.clear()
        client = Client()
        for name, url in PAGES.items():
            result.cold_ms[name], body = timed(client, url)
            result.warm_ms[name] = round(statistics.median(timed(client, url)[0] for _ in range(repeat)), 1)
            result.units[name] = body.count('class="cv-public-unit"') or body.count('"unit_id"') or body.count("\n") - 1
    result.passed = all(ms < TARGET_MS for ms in result.warm_ms.values()) and all(result.units.values())
    return result


def publicbench(n: int) -> PublicBenchResult:
    return in_scratch_database(lambda: run(n))


def as_dict(result: PublicBenchResult) -> dict:
    return asdict(result)
