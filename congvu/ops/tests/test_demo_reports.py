"""The demo's periodic reports (clause 3): a closed month with its compiled province report (a Decree
30 BÁO CÁO numbered in Home Affairs' register, dated on a working day, with its charts and annex), and
the current month, due already, with some units submitted and the late ones urged."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from congvu.documents.layout import problems, read_back
from congvu.lib import clock
from congvu.ops.demo import build_demo
from congvu.oversight.models_reports import PeriodState, ProvinceReport, ReportingPeriod, UnitReportState
from congvu.oversight.record import record_events_of
from congvu.registry.queries import current_calendar
from congvu.testing import MORNING


@pytest.fixture
def demo(db, media_in_tmp):
    with clock.travel_to(MORNING):
        return build_demo(items=60, seed=2230)


def test_the_demo_has_a_closed_period_with_its_compiled_report(demo):
    closed = ReportingPeriod.objects.get(state=PeriodState.COMPILED)
    compiled = ProvinceReport.objects.get(period=closed)
    assert current_calendar().is_working_day(compiled.issued_on) and compiled.issued_on > closed.due_on
    letter = read_back(compiled.docx.open("rb").read())
    assert problems(letter) == [] and letter.number == compiled.number and letter.title == "BÁO CÁO"
    assert len(Document(io.BytesIO(compiled.docx.open("rb").read())).inline_shapes) == 3
    sheets = load_workbook(io.BytesIO(compiled.xlsx.open("rb").read())).sheetnames
    assert sheets[0] == "Toàn tỉnh" and len(sheets) == closed.unit_reports.count() + 1
    late = [r for r in closed.unit_reports.all() if r.submitted_late]
    assert late and all(r.urged_count == 1 for r in late)
    assert [e.kind for e in record_events_of(closed)] == ["report_period_opened", "province_report_compiled"]


def test_the_current_period_has_units_submitted_and_units_late_and_urged(demo):
    current = ReportingPeriod.objects.get(state=PeriodState.OPEN)
    assert current.due_on < MORNING.date()
    submitted = current.unit_reports.filter(state=UnitReportState.SUBMITTED)
    late = current.unit_reports.filter(state=UnitReportState.DRAFT)
    assert submitted.exists() and late.exists()
    assert all(r.urged_count == 1 for r in late) and all(r.figures for r in submitted)
