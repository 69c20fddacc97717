"""`congvu dashbench`: how long does the dashboard (/tong-hop/) and its API take to answer over a
province's history, beside the bare database's own time to read the items once?

Two ways to fill the scratch database (dropped afterwards):
- `--items N` (default): `congvu simulate` — N items over one year through the real actions, with
  their trails, refusals, consultations, deemed agreements and extensions: every signal has events;
- `--bulk N`: the list benchmark's bulk insert (`congvu listbench`): N items with their steps but no
  trail, for the figures' scale alone (300,000 items in minutes rather than hours);
- `--bulk N --trail K`: the same, then K hash-chained events per item (`congvu.ops.signalfill`) with
  the signal-bearing ones at a realistic rate: a province-year of 300,000 items and ~3 M events.

The floor is one bare `SELECT lead_unit_id, COUNT(*) … GROUP BY lead_unit_id` over every item through
the same connection: what any per-unit figure must at least read. The ratio to it travels between
machines better than the milliseconds do."""

import os
import statistics
import time
from dataclasses import asdict, dataclass, field

from django.db import connection
from django.test import Client

from congvu.api.actions import issue_token
from congvu.lib import clock
from congvu.ops.bench import in_scratch_database, time_read
from congvu.ops.listbench import NOW, fast_writes, fill
from congvu.ops.province import build_synthetic
from congvu.ops.signalfill import fill_trails
from congvu.ops.simulate import simulate
from congvu.org.models import Official, Role
from congvu.oversight import figure_rollups, open_items, open_steps, signal_days
from congvu.oversight.periods import year as year_period
from congvu.oversight.signal_charges import CHARGERS, tallies
from congvu.work.models import Event, WorkItem

TARGET_MS = 500.0
PAGES = {
    "page_month": "/tong-hop/",
    "page_year": "/tong-hop/?ky=nam&nam=2025",
    "api_dashboard_year": "/api/oversight/dashboard?period=year&year=2025",
    "api_signals_year": "/api/oversight/signals?period=year&year=2025",
}


@dataclass
class DashBenchResult:
    engine: str
    items: int
    events: int
    how: str
    build_seconds: float
    target_ms: float
    floor_ms: float = 0.0
    pages: dict[str, float] = field(default_factory=dict)  # median wall-clock ms
    pages_cpu: dict[str, float] = field(default_factory=dict)  # median CPU ms of this process (SQLite's work too)
    ratio_to_floor: dict[str, float] = field(default_factory=dict)
    passed: bool = False
    # each signal's tally for the year 2025 alone: (wall ms, CPU ms of this process)
    signals: dict[str, tuple[float, float]] = field(default_factory=dict)
    load_average: float = field(default_factory=lambda: round(os.getloadavg()[0], 1))


def median_ms(call) -> float:
    """Three timed calls after a warm-up, to a tenth of a millisecond (what the report prints)."""
    return time_read(call, repeat=3, digits=1)


def floor_ms() -> float:
    table = WorkItem._meta.db_table

    def scan() -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT lead_unit_id, COUNT(*) FROM {table} GROUP BY lead_unit_id")  # noqa: S608
            cursor.fetchall()

    return median_ms(scan)


def inspector() -> Official:
    """A Home Affairs reader in the scratch province (the simulated province has none of its own)."""
    official = Official.objects.filter(user__isnull=False).order_by("pk").first()
    Official.objects.filter(pk=official.pk).update(role=Role.HOME_AFFAIRS)
    return Official.objects.get(pk=official.pk)


def measure(result: DashBenchResult) -> DashBenchResult:
    reader = inspector()
    page_client = Client()
    page_client.force_login(reader.user)
    token = issue_token(official=reader, name="dashbench")[1]
    api_client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    result.floor_ms = floor_ms()
    for name, url in PAGES.items():
        client = api_client if url.startswith("/api/") else page_client
        status = client.get(url).status_code
        if status != 200:
            raise RuntimeError(f"{url} answered {status}")
        cpu: list[float] = []
        result.pages[name] = median_ms(lambda c=client, u=url, cpu=cpu: cpu_timed(lambda: c.get(u), cpu))
        result.pages_cpu[name] = round(statistics.median(cpu[1:]), 1)
        result.ratio_to_floor[name] = round(result.pages[name] / max(result.floor_ms, 0.1), 1)
    result.passed = all(ms < TARGET_MS for ms in result.pages.values())
    result.signals = signal_timings()
    return result


def cpu_timed(call, cpu: list[float]) -> None:
    started = time.process_time()
    call()
    cpu.append((time.process_time() - started) * 1000)


def signal_timings(year: int = 2025) -> dict[str, tuple[float, float]]:
    """Each signal's tally of a year, timed alone: the median wall time and the CPU time this
    process spent (on a shared machine the difference is mostly waiting for the processor or the
    database server)."""
    period, now, timings = year_period(year), clock.now(), {}
    for code in CHARGERS:
        cpu: list[float] = []
        wall = median_ms(lambda c=code, cpu=cpu: cpu_timed(lambda: list(tallies(c, period, now)), cpu))
        timings[code] = (wall, round(statistics.median(cpu[1:]), 1))
    return timings


def run(n: int, bulk: bool, trail: int = 0) -> DashBenchResult:
    started = time.perf_counter()
    if bulk:
        with clock.travel_to(NOW):
            fill(build_synthetic(), n)
            if trail:
                with fast_writes():
                    fill_trails(trail, NOW)
    else:
        simulate(n, span_days=365)
    build = round(time.perf_counter() - started, 1)
    result = DashBenchResult(connection.vendor, WorkItem.objects.count(), Event.objects.count(),
                             ("bulk+trail" if trail else "bulk") if bulk else "simulate", build, TARGET_MS)
    with clock.travel_to(NOW):
        figure_rollups.rebuild()  # what the sweep's fold_figures keeps in a running province
        signal_days.rebuild()  # and fold_signals
        open_steps.rebuild()  # (the open steps and items, read by the same sweep step)
        open_items.rebuild()
        return measure(result)


def dashbench(n: int, bulk: bool = False, trail: int = 0, here: bool = False) -> DashBenchResult:
    """In a scratch database dropped afterwards; or, `here`, in the configured one (DATABASE_URL),
    filled only when it holds no item yet — so a 300,000-item province is built once and measured
    many times (its build takes most of an hour)."""
    if here:
        return run(n, bulk, trail) if not WorkItem.objects.exists() else measure_kept()
    return in_scratch_database(lambda: run(n, bulk, trail))


def measure_kept() -> DashBenchResult:
    result = DashBenchResult(connection.vendor, WorkItem.objects.count(), Event.objects.count(), "kept", 0.0,
                             TARGET_MS)
    with clock.travel_to(NOW):
        figure_rollups.fold(limit=10_000)  # the snapshots the sweep would have folded by now, if missing
        while signal_days.fold():  # and the signals' day counters
            pass
        open_steps.fold()  # and the open steps and items
        open_items.fold()
        return measure(result)


def as_dict(result: DashBenchResult) -> dict:
    return asdict(result)
