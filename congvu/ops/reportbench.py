"""`congvu reportbench`: how long does compiling the province report for a year take — the frozen
figures of every unit, the Decree 30 .docx with its three charts (Pillow), the .xlsx annex
— over a province-year of items? The target (issue 11) is under 10 s at 300,000 items.

The scratch database (dropped afterwards) is filled by the list benchmark's bulk insert
(`congvu listbench`): N items over the 400 days before 03/03/2026 across 40 departments and Home
Affairs, with their steps, and with `--trail K` K hash-chained events per item carrying the signals
(`congvu.ops.signalfill`; without it the trail's signals cost nothing here). The period is the
year 2025 (data 15/12/2024–14/12/2025); half the units submit before Home Affairs compiles, the others'
figures are frozen at the compilation. The period's signals are dropped from the cache before the
compilation, so it pays their first (cold) read, as it would with no earlier submission or page.

With `--here` it measures the configured database instead (e.g. a copy of the shared province-year
built by `dashbench --bulk 300000 --trail 10 --here`), inside a transaction rolled back at the end, so
the copy is measured again and again. Each phase is reported in wall and processor time, the
period's signals (the dashboard's code) also read cold on their own to state their share, and the
files piece by piece."""

import os
import time
from dataclasses import asdict, dataclass, field
from datetime import date

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction

from congvu.documents import report_charts
from congvu.documents.report_docs import docx_bytes, files_of, xlsx_bytes
from congvu.lib import clock
from congvu.lib.clock import today
from congvu.ops.bench import in_scratch_database
from congvu.ops.listbench import NOW, fast_writes, fill
from congvu.ops.province import build_synthetic
from congvu.ops.signalfill import fill_trails
from congvu.org.models import Official, Role, Unit, UnitKind
from congvu.oversight import figure_rollups, reports, signal_days
from congvu.oversight.models_reports import PeriodKind, ProvinceReport, UnitReport
from congvu.oversight.report_figures import period_of, signals_cache_key, signals_hook
from congvu.registry.serving import head_of
from congvu.work.models import Event, WorkItem

TARGET_SECONDS = 10.0
DUE = date(2025, 12, 19)  # a Friday, after the year's cut-off (Sunday 14/12/2025)


@dataclass
class ReportBenchResult:
    engine: str
    items: int
    items_in_period: int
    events: int
    units: int
    build_seconds: float
    how: str = "scratch"  # "scratch": built and dropped; "kept": measured in the configured database, rolled back
    submit_one_seconds: float = 0.0  # one unit's report frozen at submission
    compile_seconds: float = 0.0  # the frozen figures of every unit, numbered and stored (signals cold)
    files_seconds: float = 0.0  # the .docx (with its charts) and the .xlsx annex
    total_seconds: float = 0.0
    # The same phases in this process's processor time: on a machine shared with other work, wall time
    # is mostly waiting for a core; this moves only with congvu's own code (and the database's, on SQLite).
    submit_one_cpu: float = 0.0
    compile_cpu: float = 0.0
    files_cpu: float = 0.0
    total_cpu: float = 0.0
    # The period's signals read cold on their own (the dashboard's code, `oversight.signals`): their
    # share of the compilation, which reads them cold again just after.
    signals_seconds: float = 0.0
    signals_cpu: float = 0.0
    # The files piece by piece, rendered again from the same content: {piece: [wall s, cpu s]}.
    pieces: dict[str, list[float]] = field(default_factory=dict)
    docx_bytes: int = 0
    xlsx_bytes: int = 0
    target_seconds: float = TARGET_SECONDS
    passed: bool = False
    load_average: float = field(default_factory=lambda: round(os.getloadavg()[0], 1))


def timed(call) -> tuple[object, float, float]:
    """The call's value, its wall time and this process's processor time, in seconds."""
    started, cpu = time.perf_counter(), time.process_time()
    value = call()
    return value, round(time.perf_counter() - started, 2), round(time.process_time() - cpu, 2)


def build(n: int, trail: int) -> None:
    """A province-year: the list benchmark's bulk items, their trails, the figure snapshots."""
    with clock.travel_to(NOW):
        fill(build_synthetic(inspectors=1), n)
        if trail:
            with fast_writes():
                fill_trails(trail, NOW)
        figure_rollups.rebuild()  # what the sweep's fold_figures keeps in a running province
        signal_days.rebuild()  # and fold_signals


def compiler() -> Official:
    """A Home Affairs official. A database built by `dashbench` has no Home Affairs: the first
    department stands in for it (in the kept mode, inside the transaction rolled back afterwards)."""
    found = Official.objects.filter(role=Role.HOME_AFFAIRS, user__isnull=False).order_by("pk").first()
    if found is not None and Unit.objects.filter(is_home_affairs=True).exists():
        return found
    unit = Unit.objects.filter(kind=UnitKind.DEPARTMENT, valid_to__isnull=True).order_by("pk").first()
    Unit.objects.filter(pk=unit.pk).update(is_home_affairs=True)
    official = Official.objects.filter(user__isnull=False).order_by("pk").first()
    Official.objects.filter(pk=official.pk).update(role=Role.HOME_AFFAIRS)
    return Official.objects.get(pk=official.pk)


def pieces_of(content: dict) -> dict[str, list[float]]:
    """Each file and chart rendered again from the compiled content, timed alone."""
    units, province = content["units"], content["province"]
    calls = {"chart_province": lambda: report_charts.province_chart(province["figures"]),
             "chart_units": lambda: report_charts.units_chart(units),
             "chart_overdue_rate": lambda: report_charts.overdue_rate_chart(units),
             "docx_with_charts": lambda: docx_bytes(content), "xlsx": lambda: xlsx_bytes(content)}
    return {name: list(timed(call)[1:]) for name, call in calls.items()}


def measure(result: ReportBenchResult) -> ReportBenchResult:
    """Open the year 2025, have half the units submit, then time the compilation and its files."""
    inspector = compiler()
    period = reports.open_period(actor=inspector, kind=PeriodKind.YEAR, year=2025, number=1, due_on=DUE)
    drafts = list(UnitReport.objects.filter(period=period).order_by("unit__name"))
    heads = {r.unit_id: head_of(r.unit_id, today()) for r in drafts}
    submitting = [r for r in drafts if heads[r.unit_id] is not None][: len(drafts) // 2]
    for report in submitting:
        reports.save_narrative(report, actor=heads[report.unit_id], results="Kết quả thực hiện trong năm.",
                               difficulties="Khó khăn về nhân lực.", proposals="Đề xuất bổ sung biên chế.")
    first, *rest = submitting
    _, result.submit_one_seconds, result.submit_one_cpu = timed(
        lambda: reports.submit_report(first, actor=heads[first.unit_id]))
    for report in rest:
        reports.submit_report(report, actor=heads[report.unit_id])
    cache.delete(signals_cache_key(period))
    _, result.signals_seconds, result.signals_cpu = timed(lambda: signals_hook(period, list(heads)))
    cache.delete(signals_cache_key(period))  # the compilation reads the period's signals cold
    compiled, result.compile_seconds, result.compile_cpu = timed(
        lambda: reports.compile_report(period, actor=inspector))
    _, result.files_seconds, result.files_cpu = timed(lambda: files_of(compiled))
    result.pieces = pieces_of(compiled.content)
    window = period_of(period)
    result.units = len(drafts)
    result.items_in_period = WorkItem.objects.filter(created_at__gte=window.start_at,
                                                     created_at__lt=window.end_at).count()
    result.total_seconds = round(result.compile_seconds + result.files_seconds, 2)
    result.total_cpu = round(result.compile_cpu + result.files_cpu, 2)
    result.docx_bytes, result.xlsx_bytes = compiled.docx.size, compiled.xlsx.size
    result.passed = result.total_seconds < TARGET_SECONDS
    return result


def run(n: int, trail: int = 0) -> ReportBenchResult:
    _, build_seconds, _ = timed(lambda: build(n, trail))
    result = ReportBenchResult(connection.vendor, WorkItem.objects.count(), 0, Event.objects.count(), 0,
                               round(build_seconds, 1))
    with clock.travel_to(NOW):
        return measure(result)


def measure_kept() -> ReportBenchResult:
    """Measure in the configured database, leaving it as it was: everything the measurement writes
    (the period, the reports, the compiled report, a stand-in Home Affairs) is rolled back, its files
    deleted."""
    result = ReportBenchResult(connection.vendor, WorkItem.objects.count(), 0, Event.objects.count(), 0, 0.0,
                               how="kept")
    # A copy made by `dashbench --here` may lack the cache table, where the signals are kept.
    call_command("createcachetable", verbosity=0)
    with clock.travel_to(NOW), transaction.atomic():
        figure_rollups.fold(limit=10_000)  # the snapshots the sweep would have folded by now, if missing
        while signal_days.fold():  # and the signals' day counters (the report reads them as the dashboard does)
            pass
        measure(result)
        for compiled in ProvinceReport.objects.all():
            compiled.docx.delete(save=False)
            compiled.xlsx.delete(save=False)
        transaction.set_rollback(True)
    return result


def reportbench(n: int, trail: int = 0, here: bool = False) -> ReportBenchResult:
    """In a scratch database dropped afterwards; or, `here`, in the configured one (DATABASE_URL),
    filled only when it holds no item yet — so a province-year (its build takes most of an hour at
    300,000 items with a trail, e.g. the copy of `dashbench --bulk 300000 --trail 10 --here`) is
    measured many times."""
    if here:
        if not WorkItem.objects.exists():
            build(n, trail)
        return measure_kept()
    return in_scratch_database(lambda: run(n, trail))


def as_dict(result: ReportBenchResult) -> dict:
    return asdict(result)
