"""Clause 3 in headless Chromium: a unit head writes and submits the unit's periodic report; Home
Affairs compiles the province report and downloads it — the .docx read back (Decree 30 layout, its
number in Home Affairs' register, the charts as pictures) and the .xlsx annex (a sheet per unit).
No console error: the pages pass the Content-Security-Policy."""

import io
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from congvu.documents.layout import problems, read_back
from congvu.oversight.models_reports import UnitReport, UnitReportState
from congvu.oversight.tests.report_makers import construction_report, open_february
from congvu.testing_browser import log_in

pytestmark = pytest.mark.browser


def console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


def test_a_unit_head_writes_and_submits_the_units_report(page, live_server, transactional_db, province):
    from playwright.sync_api import expect

    report = construction_report(open_february(province), province)
    errors = console_errors(page)
    base = live_server.url
    log_in(page, base, "sxd.head")
    page.goto(f"{base}/bao-cao-dinh-ky/")
    page.locator("#my-reports a", has_text="Tháng 2 năm 2026").click()
    expect(page.locator("#figures")).to_be_visible()
    page.fill("#id_results", "Giải quyết đúng hạn 95% hồ sơ cấp phép xây dựng.")
    page.fill("#id_difficulties", "Thiếu cán bộ thẩm định.")
    page.fill("#id_proposals", "Bổ sung hai biên chế.")
    page.locator("#save-draft").click()
    expect(page.locator("#id_results")).to_have_value("Giải quyết đúng hạn 95% hồ sơ cấp phép xây dựng.")
    page.locator("#submit-report").click()
    expect(page.locator("#report-state")).to_contain_text("03/03/2026")
    expect(page.locator("#narrative")).to_contain_text("Bổ sung hai biên chế.")
    expect(page.locator("#id_results")).to_have_count(0)
    report.refresh_from_db()
    assert report.state == UnitReportState.SUBMITTED and report.figures is not None
    assert errors == []


def test_home_affairs_compiles_the_province_report_and_downloads_it(page, live_server, transactional_db, province):
    from playwright.sync_api import expect

    period = open_february(province)
    errors = console_errors(page)
    base = live_server.url
    log_in(page, base, "snv.inspector")
    page.goto(f"{base}/bao-cao-dinh-ky/")
    page.locator("#periods a", has_text="Tháng 2 năm 2026").click()
    expect(page.locator(".cv-unit-report-row")).to_have_count(UnitReport.objects.filter(period=period).count())
    page.locator("#compile").click()
    expect(page.locator("#compiled")).to_contain_text("01/BC-SNV")
    with page.expect_download() as docx_download:
        page.locator("#download-docx").click()
    data = Path(docx_download.value.path()).read_bytes()
    letter = read_back(data)
    assert problems(letter) == [] and letter.number_line == "Số: 01/BC-SNV" and letter.title == "BÁO CÁO"
    assert len(Document(io.BytesIO(data)).inline_shapes) == 3
    with page.expect_download() as xlsx_download:
        page.locator("#download-xlsx").click()
    workbook = load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes()))
    assert workbook.sheetnames[0] == "Toàn tỉnh" and "Sở Xây dựng" in workbook.sheetnames
    assert len(workbook.sheetnames) == UnitReport.objects.filter(period=period).count() + 1
    assert errors == []
