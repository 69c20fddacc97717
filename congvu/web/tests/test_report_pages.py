"""The periodic reports' pages (clause 3): Home Affairs opens a period from its page; a unit's
officer drafts, its head submits (the figures then read "frozen"); a refusal is shown with its rule;
Home Affairs compiles and downloads the report and its annex."""

import pytest

from congvu.oversight.models_reports import ReportingPeriod, UnitReport
from congvu.oversight.tests.report_makers import construction_report, open_february

pytestmark = pytest.mark.django_db


def test_home_affairs_opens_a_period_from_its_page(province, client_of):
    inspector = client_of(province.inspector)
    refused = inspector.post("/bao-cao-dinh-ky/mo-ky/", {"kind": "month", "number": "3", "year": "2026",
                                                          "due_on": "15/03/2026"})
    assert refused.status_code == 409 and "R-3-REPORT-DUE-DAY" in refused.content.decode()
    opened = inspector.post("/bao-cao-dinh-ky/mo-ky/", {"kind": "month", "number": "3", "year": "2026",
                                                         "due_on": "17/03/2026"})
    period = ReportingPeriod.objects.get()
    assert opened["Location"] == f"/bao-cao-dinh-ky/ky/{period.pk}/"
    page = inspector.get(opened["Location"]).content.decode()
    assert "Sở Xây dựng" in page and "Tháng 3 năm 2026" in page


def test_the_officer_drafts_and_the_head_submits_the_units_report(province, client_of):
    report = UnitReport.objects.get(period=open_february(province), unit=province.construction)
    officer, head = client_of(province.construction_officer), client_of(province.construction_head)
    page = officer.get(f"/bao-cao-dinh-ky/don-vi/{report.pk}/").content.decode()
    assert 'maxlength="8000"' in page and "submit-report" not in page
    saved = officer.post(f"/bao-cao-dinh-ky/don-vi/{report.pk}/", {
        "results": "Đã giải quyết 40 hồ sơ.", "difficulties": "Thiếu người.", "proposals": "Bổ sung biên chế."})
    assert saved.status_code == 302
    assert head.post(f"/bao-cao-dinh-ky/don-vi/{report.pk}/gui/").status_code == 302
    page = head.get(f"/bao-cao-dinh-ky/don-vi/{report.pk}/").content.decode()
    assert "Đã giải quyết 40 hồ sơ." in page and 'id="submit-report"' not in page and "<textarea" not in page


def test_home_affairs_compiles_and_downloads_the_report_and_its_annex(province, client_of):
    period = open_february(province)
    inspector = client_of(province.inspector)
    assert inspector.post(f"/bao-cao-dinh-ky/ky/{period.pk}/tong-hop/").status_code == 302
    docx = inspector.get(f"/bao-cao-dinh-ky/ky/{period.pk}/tai-ve/docx/")
    xlsx = inspector.get(f"/bao-cao-dinh-ky/ky/{period.pk}/tai-ve/xlsx/")
    assert docx.status_code == xlsx.status_code == 200
    assert docx["Content-Disposition"].startswith('attachment; filename="bao-cao-01-BC-SNV-2026.docx"')
    head = client_of(province.construction_head)
    page = head.get(f"/bao-cao-dinh-ky/don-vi/{construction_report(period, province).pk}/").content.decode()
    assert "<textarea" not in page  # the period is compiled: nothing changes any more
