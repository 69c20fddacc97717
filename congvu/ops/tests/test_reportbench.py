"""`congvu reportbench --here`: it measures the compilation of the province report in the configured
database and leaves that database as it found it (the period, the reports, the compiled report and
its files are all undone), so a province-year copied once is measured again and again."""

import pytest
from django.core.files.storage import default_storage

from congvu.lib import clock
from congvu.ops import reportbench
from congvu.ops.listbench import NOW, fill
from congvu.ops.province import build_synthetic
from congvu.ops.signalfill import fill_trails
from congvu.org.models import Official, Role, Unit
from congvu.oversight import figure_rollups
from congvu.oversight.models_reports import ProvinceReport, ReportingPeriod, UnitReport
from congvu.work.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept_province(db):
    """A province-year as `dashbench --bulk N --trail K --here` leaves it: no Home Affairs of its own."""
    with clock.travel_to(NOW):
        fill(build_synthetic(), 300)
        fill_trails(2, NOW)
        figure_rollups.rebuild()


def test_measuring_here_compiles_a_full_report_and_undoes_everything(kept_province):
    events = Event.objects.count()
    result = reportbench.reportbench(300, here=True)
    assert result.how == "kept" and result.units == 40 and result.items_in_period > 0
    assert result.docx_bytes > 10_000 and result.xlsx_bytes > 5_000
    assert set(result.pieces) == {"chart_province", "chart_units", "chart_overdue_rate", "docx_with_charts", "xlsx"}
    assert not ReportingPeriod.objects.exists() and not UnitReport.objects.exists()
    assert not ProvinceReport.objects.exists() and Event.objects.count() == events
    # The stand-in Home Affairs was undone too.
    assert not Unit.objects.filter(is_home_affairs=True).exists()
    assert not Official.objects.filter(role=Role.HOME_AFFAIRS).exists()
    folder = f"bao-cao/{NOW.year}"
    assert not default_storage.exists(folder) or not default_storage.listdir(folder)[1]  # its files deleted
