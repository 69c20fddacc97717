"""`congvu inspectiondraw`: the population file of a surprise inspection re-runs its draw (the same
sample, the same SHA-256 as the page shows); --bench prints the figure (measured, never asserted)."""

import io

import pytest
from django.core.management import call_command

from congvu.oversight.tests.makers_inspections import drawn_surprise

pytestmark = pytest.mark.django_db


def test_the_population_file_re_runs_the_inspections_draw(province, at_morning, tmp_path):
    inspection = drawn_surprise(province, units=2, seed="feed")
    path = tmp_path / "quan-the.tsv"
    path.write_bytes(inspection.population.open("rb").read())
    out = io.StringIO()
    call_command("inspectiondraw", str(path), seed="feed", units=2, officials=3, items=5, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == f"SHA-256 tập chọn mẫu: {inspection.population_digest}"
    units = [int(n) for n in lines[-1].split(": ")[1].split()]
    assert lines[-1].startswith("units:") and units == [m for m, _ in inspection.drawn["units"]]


def test_the_bench_prints_how_long_the_draw_takes():
    out = io.StringIO()
    call_command("inspectiondraw", bench=2000, stdout=out)
    assert "2.000 hồ sơ" in out.getvalue() and "mục tiêu < 2 s" in out.getvalue()
