"""What a unit's periodic report is pre-filled with (clause 3): its figures for the period in the
Government Office's taxonomy, its signals and the status of its backlog plans — as one plain dict,
the very thing frozen into a submitted report (`UnitReport.figures`) and into the compiled one.

The figures are the dashboard's (`congvu.oversight.period_figures.unit_figures_in`, helper "dash"):
the work REGISTERED in the period's data window (Decree 09: the 15th to the 14th), each item judged
at the window's end or now while it runs; plus the deemed agreements recorded against the unit in
the window. The signals are the dashboard's too (`congvu.oversight.signals`). One grouped aggregate
for all the units, so a province-year (300,000 items) is counted in one pass (`congvu reportbench`).

The backlog plans are built by another helper: `backlog_hook` is where they are wired in at merge;
until then it reports nothing."""

from collections.abc import Iterable
from datetime import datetime

from django.core.cache import cache
from django.db.models import Count
from django.utils import translation

from congvu.consult.models import Responsibility
from congvu.lib import clock
from congvu.org.models import Unit
from congvu.oversight import backlog
from congvu.oversight.models_backlog import BacklogRound
from congvu.oversight.models_reports import ReportingPeriod
from congvu.oversight.period_figures import unit_figures_in
from congvu.oversight.periods import Period
from congvu.oversight.signals import SIGNALS, signals_by_unit

SIGNALS_CACHE_SECONDS = 6 * 3600
# The figures' keys, in the order the report prints them (the Government Office's taxonomy first).
FIGURE_KEYS = ("assigned", "on_time", "extended", "late", "within", "overdue", "extensions", "passed_on",
               "deemed_agreements")


def period_of(period: ReportingPeriod) -> Period:
    """The reporting period's data window as the dashboard's period (a range of days)."""
    return Period("custom", period.starts_on, period.ends_on)


def window(period: ReportingPeriod, now: datetime | None = None) -> tuple[datetime, datetime]:
    """[start, at]: from the first moment of the window to its end, or to now while it runs."""
    days = period_of(period)
    return days.start_at, days.judged_at(now or clock.now())


def _unit_figures_in(period: ReportingPeriod, unit_ids: list[int],
                     now: datetime | None = None) -> dict[int, dict[str, int]]:
    """{unit id: {figure: count}} for the lead units `unit_ids`."""
    units = Unit.objects.filter(pk__in=unit_ids)
    start, at = window(period, now)
    found: dict[int, dict[str, int]] = {}
    for f in unit_figures_in(period_of(period), units, now):
        found[f.unit_id] = {
            "assigned": f.assigned, "on_time": f.completed_on_time, "extended": f.completed_after_extension,
            "late": f.completed_late, "within": f.open_within_deadline, "overdue": f.open_overdue,
            "extensions": f.extensions_self + f.extensions_above, "passed_on": f.passed_on}
    deemed = Responsibility.objects.filter(unit_id__in=unit_ids, recorded_at__gte=start, recorded_at__lte=at)
    for unit_id, n in deemed.values_list("unit_id").annotate(n=Count("id")):
        found.setdefault(unit_id, {})["deemed_agreements"] = n
    return {u: {key: f.get(key, 0) for key in FIGURE_KEYS} for u, f in found.items()}


def overdue_rate(figures: dict[str, int]) -> float:
    """Share of the work in hand that is or was past its legal deadline, in percent."""
    late = figures.get("late", 0) + figures.get("extended", 0) + figures.get("overdue", 0)
    return round(100 * late / figures["assigned"], 1) if figures.get("assigned") else 0.0


def signals_hook(period: ReportingPeriod, unit_ids: list[int],
                 now: datetime | None = None) -> dict[int, list[dict]]:
    """Each unit's signals of pushing work around in the period (the dashboard's), as
    [{"label": "…", "value": "…"}] in Vietnamese, as they are frozen; the avoidance index first.

    The dashboard counts them for the whole province at once (1.4 s at 30,000 bulk items on this busy
    machine, growing with the province), so they are counted once per period and moment judged at, and
    kept in the cache:
    once the window has closed that moment is its end, and every unit's submission, page and the
    compilation share one count."""
    _, at = window(period, now)
    key = signals_cache_key(period, now)
    every_unit = cache.get(key)
    if every_unit is None:
        every_unit = _signals_of_every_unit(period, at)
        cache.set(key, every_unit, SIGNALS_CACHE_SECONDS)
    return {unit_id: every_unit[unit_id] for unit_id in unit_ids if unit_id in every_unit}


def signals_cache_key(period: ReportingPeriod, now: datetime | None = None) -> str:
    """Where the period's signals, as judged at the window's end (or now), are kept."""
    return f"congvu:report-signals:{period.pk}:{window(period, now)[1].isoformat()}"


def _signals_of_every_unit(period: ReportingPeriod, at: datetime) -> dict[int, list[dict]]:
    found: dict[int, list[dict]] = {}
    with translation.override("vi"):
        for row in signals_by_unit(period_of(period), now=at):
            # Vietnamese writes the decimal comma ("129,1"); the frozen report keeps the text as printed.
            lines = [{"label": "Chỉ số né tránh, đùn đẩy", "value": f"{row.index:.1f}".replace(".", ",")}]
            lines += [{"label": str(s.label), "value": f"{row.counts[s.code]} {s.unit_of_measure}"}
                      for s in SIGNALS if row.counts.get(s.code)]
            found[row.unit_id] = lines
    return found


def backlog_hook(period: ReportingPeriod, unit_ids: list[int]) -> dict[int, list[dict]]:
    """The status of each unit's backlog plans (clause 1.5) in the latest backlog review whose cutoff
    falls on or before the period's last day, and the plans whose promised date passed in the period
    undecided: [{"label", "value"}] in Vietnamese, printed as is (and frozen with the report)."""
    latest = BacklogRound.objects.filter(cutoff__lte=period.ends_on).order_by("-cutoff", "-pk").first()
    if latest is None:
        return {}
    progress = {p.unit_id: p for p in backlog.progress(latest.entries.filter(unit_id__in=unit_ids))}
    missed = {m.unit_id: m.count for m in backlog.backlog_plans_overdue(period.starts_on, period.ends_on)}
    found: dict[int, list[dict]] = {}
    for unit_id in set(progress) | set(missed):
        p = progress.get(unit_id) or backlog.UnitProgress(unit_id, "", 0, 0, 0)
        listed = f"Rà soát tồn đọng “{latest.title}” (mốc {latest.cutoff:%d/%m/%Y}): việc phải lập kế hoạch"
        rows = [{"label": listed, "value": str(p.listed)},
                {"label": "Đã lập kế hoạch giải quyết", "value": f"{p.planned} ({p.percent}%)"},
                {"label": "Lập kế hoạch sau thời hạn", "value": str(p.late)},
                {"label": "Việc chưa giải quyết kịp ngày đã cam kết (trong kỳ)", "value": str(missed.get(unit_id, 0))}]
        found[unit_id] = rows
    return found


def empty_figures() -> dict[str, int]:
    return dict.fromkeys(FIGURE_KEYS, 0)


def prefilled(period: ReportingPeriod, unit_ids: list[int], now: datetime | None = None) -> dict[int, dict]:
    """What each unit's report is filled in with: {unit id: {"figures", "overdue_rate", "signals",
    "backlog", "as_of"}} — JSON-ready, as it is frozen. No unit, nothing read: a compilation after
    every unit submitted prints only frozen figures, and the signals (counted for the whole province
    at once, most of a compilation's time) are not read."""
    if not unit_ids:
        return {}
    now = now or clock.now()
    figures = _unit_figures_in(period, unit_ids, now)
    signals, backlog = signals_hook(period, unit_ids, now), backlog_hook(period, unit_ids)
    _, at = window(period, now)
    filled = {}
    for unit_id in unit_ids:
        f = figures.get(unit_id, empty_figures())
        filled[unit_id] = {"figures": f, "overdue_rate": overdue_rate(f), "signals": signals.get(unit_id, []),
                           "backlog": backlog.get(unit_id, []), "as_of": at.isoformat()}
    return filled


def province_totals(per_unit: Iterable[dict]) -> dict:
    """The province's figures: the units' added up."""
    totals = empty_figures()
    for filled in per_unit:
        for key in FIGURE_KEYS:
            totals[key] += filled["figures"].get(key, 0)
    return {"figures": totals, "overdue_rate": overdue_rate(totals)}
