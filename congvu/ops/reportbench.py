"""`congvu reportbench`: how long does compiling the province report for a year take — the frozen
figures of every unit, the Decree 30 .docx with its three charts drawn by matplotlib, the .xlsx annex
— over a province-year of items? The target (issue 11) is under 10 s at 300,000 items.

The scratch database (dropped afterwards) is filled by the list benchmark's bulk insert
(`congvu listbench`): N items over the 400 days before 03/03/2026 across 40 departments and Home
Affairs, with their steps, and with `--trail K` K hash-chained events per item carrying the signals
(`congvu.ops.signalfill`; without it the trail's signals cost nothing here). The period is the
year 2025 (data 15/12/2024–14/12/2025); half the units submit before Home Affairs compiles, the others'
figures are frozen at the compilation. The period's signals are dropped from the cache before the
compilation, so it pays their first (cold) read, as it would with no earlier submission or page."""

import os
import time
from dataclasses import asdict, dataclass, field
from datetime import date

from django.core.cache import cache
from django.db import connection

from congvu.documents.report_docs import files_of
from congvu.lib import clock
from congvu.ops.bench import in_scratch_database
from congvu.ops.listbench import NOW, fast_writes, fill
from congvu.ops.province import build_synthetic
from congvu.ops.signalfill import fill_trails
from congvu.oversight import figure_rollups, reports
from congvu.oversight.models_reports import PeriodKind, UnitReport
from congvu.oversight.report_figures import period_of, signals_cache_key
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
    submit_one_seconds: float = 0.0  # one unit's report frozen at submission
    compile_seconds: float = 0.0  # the frozen figures of every unit, numbered and stored
    files_seconds: float = 0.0  # the .docx (with its charts) and the .xlsx annex
    total_seconds: float = 0.0
    docx_bytes: int = 0
    xlsx_bytes: int = 0
    target_seconds: float = TARGET_SECONDS
    passed: bool = False
    load_average: float = field(default_factory=lambda: round(os.getloadavg()[0], 1))


def timed(call) -> tuple[object, float]:
    started = time.perf_counter()
    value = call()
    return value, round(time.perf_counter() - started, 2)


def run(n: int, trail: int = 0) -> ReportBenchResult:
    started = time.perf_counter()
    with clock.travel_to(NOW):
        org = build_synthetic(inspectors=1)
        fill(org, n)
        if trail:
            with fast_writes():
                fill_trails(trail, NOW)
        figure_rollups.rebuild()  # what the sweep's fold_figures keeps in a running province
        inspector = org.inspectors[0]
        period = reports.open_period(actor=inspector, kind=PeriodKind.YEAR, year=2025, number=1, due_on=DUE)
        heads = {unit.pk: head for unit, head in zip(org.units, org.heads, strict=True)}
        drafts = list(UnitReport.objects.filter(period=period, unit_id__in=heads).order_by("unit__name"))
        for report in drafts[: len(drafts) // 2]:
            reports.save_narrative(report, actor=heads[report.unit_id], results="Kết quả thực hiện trong năm.",
                                   difficulties="Khó khăn về nhân lực.", proposals="Đề xuất bổ sung biên chế.")
        build = round(time.perf_counter() - started, 1)
        first, *rest = drafts[: len(drafts) // 2]
        _, submit_one = timed(lambda: reports.submit_report(first, actor=heads[first.unit_id]))
        for report in rest:
            reports.submit_report(report, actor=heads[report.unit_id])
        cache.delete(signals_cache_key(period))  # the compilation reads the period's signals cold
        compiled, compile_seconds = timed(lambda: reports.compile_report(period, actor=inspector))
        _, files_seconds = timed(lambda: files_of(compiled))
    window = period_of(period)
    units = UnitReport.objects.filter(period=period).count()
    in_period = WorkItem.objects.filter(created_at__gte=window.start_at, created_at__lt=window.end_at).count()
    result = ReportBenchResult(
        connection.vendor, WorkItem.objects.count(), in_period, Event.objects.count(), units, build, submit_one,
        compile_seconds, files_seconds, round(compile_seconds + files_seconds, 2), compiled.docx.size,
        compiled.xlsx.size)
    result.passed = result.total_seconds < TARGET_SECONDS
    return result


def reportbench(n: int, trail: int = 0) -> ReportBenchResult:
    return in_scratch_database(lambda: run(n, trail))


def as_dict(result: ReportBenchResult) -> dict:
    return asdict(result)
