"""What a periodic report prints for a unit — its figures and its signals over the reporting window
(Decree 09: the 15th to the 14th) — is exactly the direct computation: no figure snapshot, no day
counter, every signal worked out record by record (`signal_check.REFERENCE`), on a bulk
province-in-small carrying every trail signal, with the snapshots and counters folded as the sweep
keeps them — for a closed window (the year 2025) and a running one (quarter I 2026), in the units'
pre-filled reports and in the compiled province report; on SQLite and PostgreSQL."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import transaction

from congvu.lib import clock
from congvu.ops.listbench import NOW, fill
from congvu.ops.province import build_synthetic
from congvu.ops.reportbench import compiler
from congvu.ops.signalfill import fill_trails
from congvu.oversight import figure_rollups, reports, signal_days, signals
from congvu.oversight.models_figures import FigureSnapshot
from congvu.oversight.models_reports import ReportingPeriod, UnitReport
from congvu.oversight.models_signal_days import SignalDay, SignalFoldMark
from congvu.oversight.report_figures import period_of, prefilled, signals_cache_key
from congvu.oversight.signal_charges import Tally
from congvu.oversight.signal_check import REFERENCE, differences

pytestmark = pytest.mark.django_db
SETTLED = timedelta(minutes=10)  # past figure_rollups.SETTLE: every event of the build is folded


def reference_tallies(period, now=None):
    """Every signal record by record, as the evidence pages list them (no counter, no grouping)."""
    now = now or clock.now()
    return [(code, Tally(c.unit_id, c.official_id, c.amount, 1)) for code, charges in REFERENCE.items()
            for c in charges(period, now)]


def direct(period: ReportingPeriod, unit_ids: list[int], monkeypatch) -> dict[int, dict]:
    """The pre-filled reports with nothing kept to read from: the snapshots and counters dropped (in
    a transaction rolled back), the signals' cache emptied, every signal counted from its records."""
    cache.delete(signals_cache_key(period))
    with transaction.atomic(), monkeypatch.context() as m:
        FigureSnapshot.objects.all().delete()
        SignalDay.objects.all().delete()
        SignalFoldMark.objects.all().delete()
        m.setattr(signals, "all_tallies", reference_tallies)
        answer = prefilled(period, unit_ids)
        transaction.set_rollback(True)
    cache.delete(signals_cache_key(period))
    return answer


@pytest.fixture
def folded(db):
    """The bulk province-year with its trail, the figure snapshots and signal counters folded."""
    with clock.travel_to(NOW):
        fill(build_synthetic(inspectors=1), 300)
        fill_trails(10, NOW)
    with clock.travel_to(NOW + SETTLED):
        figure_rollups.rebuild()
        signal_days.rebuild()
        return compiler()


def opened(inspector, kind: str, year: int, number: int, due_on: date) -> tuple[ReportingPeriod, list[int]]:
    period = reports.open_period(actor=inspector, kind=kind, year=year, number=number, due_on=due_on)
    return period, list(UnitReport.objects.filter(period=period).values_list("unit_id", flat=True))


@pytest.mark.parametrize("kind,year,number,due_on", [("year", 2025, 1, date(2025, 12, 19)),
                                                     ("quarter", 2026, 1, date(2026, 3, 17))])
def test_a_reports_figures_and_signals_are_the_direct_computation(folded, monkeypatch, kind, year, number, due_on):
    with clock.travel_to(NOW + SETTLED):
        period, unit_ids = opened(folded, kind, year, number, due_on)
        assert signal_days.pending_events() is not None  # the counters are read, not bypassed
        assert FigureSnapshot.objects.exists()
        assert differences(period_of(period), clock.now()) == {}
        cache.delete(signals_cache_key(period))
        filled = prefilled(period, unit_ids)
        assert filled == direct(period, unit_ids, monkeypatch)
        assert any(f["signals"] for f in filled.values()) and any(f["figures"]["assigned"] for f in filled.values())


def test_the_compiled_report_prints_the_direct_computation_for_the_units_that_never_reported(folded, monkeypatch):
    with clock.travel_to(NOW + SETTLED):
        period, unit_ids = opened(folded, "year", 2025, 1, date(2025, 12, 19))
        reference = direct(period, unit_ids, monkeypatch)
        compiled = reports.compile_report(period, actor=folded)
    printed = {u["unit_id"]: u for u in compiled.content["units"]}
    assert set(printed) == set(unit_ids)
    for unit_id, expected in reference.items():
        assert {key: printed[unit_id][key] for key in expected} == expected
