"""The main paths of the roles test_browser.py does not walk, in headless Chromium: Home Affairs'
inspector follows a number of the overview to its list and exports it; the Province office records
the Province's decision on a submission; an officer who submits his own unit's work to the Province
is refused on the page with the rule code and clause 1.4.

The web tests' conftest freezes the clock at Tuesday 03/03/2026 09:00; the live server runs in a
thread of this process and reads the same clock. Chromium is Debian's (/usr/bin/chromium); without
it the tests are skipped locally and fail on CI."""

import pytest
from openpyxl import load_workbook

from congvu.consult import actions as consult
from congvu.testing import Province, working_item
from congvu.testing_browser import log_in
from congvu.work.models import State, WorkItem

pytestmark = pytest.mark.browser


def item_in_progress(p: Province, matter, subject: str) -> WorkItem:
    return working_item(p, matter, subject=subject, sender="Công ty CP Đầu tư Sông Cầu")


def open_panel(page, slug: str) -> None:
    """Unfold an action's panel on the item page (the first one is already unfolded)."""
    if page.locator(f"#action-{slug} details").get_attribute("open") is None:
        page.locator(f"#action-{slug} summary").click()


def test_the_inspector_follows_an_overdue_figure_to_its_list_exports_it_and_sees_the_refusals(
        page, live_server, transactional_db, tmp_path, province, busy):
    # `busy`: work since January through the real actions: overdue, completed late, a refused transfer,
    # a submission over a refusal, and Transport deemed to agree by the sweep in February.
    from playwright.sync_api import expect

    base = live_server.url

    log_in(page, base, "snv.inspector")
    page.goto(f"{base}/tong-hop/?ky=quy&quy=1&nam=2026")  # the first quarter: the busy province's work
    construction = page.locator("table.cv-figures tbody tr", has=page.locator("th", has_text="Sở Xây dựng"))
    overdue_figure = construction.locator("a.cv-figure[data-bucket=overdue]")
    count = int(overdue_figure.inner_text())
    assert count > 0
    expect(page.locator("#deemed-agreements")).to_contain_text("Sở Giao thông vận tải")

    overdue_figure.click()
    page.wait_for_url("**/danh-sach/?*")
    rows = page.locator("tr.cv-list-row")
    expect(rows).to_have_count(count)
    expect(page.locator("#cv-list-count")).to_contain_text(f"{count} ")
    titles = sorted(rows.locator(".cv-item-link").all_inner_texts())

    # The .xlsx of the same list: a header row, then exactly the items the page shows.
    with page.expect_download() as caught:
        page.get_by_role("link", name="Xuất Excel (.xlsx)").click()
    download = caught.value
    assert download.suggested_filename == "danh-sach-cong-viec-03-03-2026.xlsx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    sheet_rows = list(load_workbook(saved).active.iter_rows(values_only=True))
    assert sheet_rows[0][:2] == ("Số TT", "Công việc")
    assert sorted(row[1] for row in sheet_rows[1:]) == titles

    # Refusals and overrides: the refused transfer with its rule and clause, the override with its reason.
    page.goto(f"{base}/tong-hop/?ky=quy&quy=1&nam=2026")
    signals = page.locator("#signals")
    expect(signals).to_contain_text("R-2.1-OWN-COMPETENCE-TRANSFER")
    expect(signals).to_contain_text("Mục 2.1")
    expect(signals).to_contain_text("R-1.4-OWN-AUTHORITY-SUBMISSION")
    expect(signals).to_contain_text("Công trình có ý nghĩa đặc biệt")
    assert page.console_errors == []


def test_the_province_office_sees_a_submission_checked_for_competence_and_records_the_decision(
        page, live_server, transactional_db, province):
    from playwright.sync_api import expect

    base = live_server.url
    subject = "Phê duyệt quy hoạch chi tiết 1/500 khu dân cư Nam Tuy Hòa"
    item = item_in_progress(province, province.planning_approval, subject)
    consult.submit_to_province(item, actor=province.construction_officer, summary="Tờ trình phê duyệt đồ án")

    log_in(page, base, "vp.head")
    row = page.locator("#submissions tr.cv-submission-row", has_text=subject)
    expect(row).to_contain_text("Thuộc thẩm quyền Chủ tịch UBND tỉnh")  # the competence check reads the registry
    row.get_by_role("link", name=subject).click()
    expect(page.locator(".cv-state")).to_have_text("Đã trình UBND tỉnh")

    open_panel(page, "quyet-dinh-tinh")
    page.fill("#quyet-dinh-tinh-decision", "Phê duyệt đồ án tại Quyết định số 215/QĐ-UBND ngày 03/03/2026.")
    page.locator("#action-quyet-dinh-tinh button[type=submit]").click()
    expect(page.locator(".cv-state")).to_have_text("Chủ tịch UBND tỉnh đã quyết định")
    page.reload()
    expect(page.locator(".cv-state")).to_have_text("Chủ tịch UBND tỉnh đã quyết định")
    expect(page.locator("#item-trail")).to_contain_text("215/QĐ-UBND")
    assert WorkItem.objects.get(pk=item.pk).state == State.DECIDED_BY_PROVINCE
    assert page.console_errors == []


def test_an_officer_submitting_what_his_unit_decides_is_refused_on_the_page_under_clause_1_4(
        page, live_server, transactional_db, province):
    from playwright.sync_api import expect

    base = live_server.url
    item = item_in_progress(province, province.building_permit, "Cấp phép xây dựng nhà văn hóa phường Phú Lâm")

    log_in(page, base, "sxd.officer")
    page.goto(f"{base}/cong-viec/{item.pk}/")
    expect(page.locator(".cv-state")).to_have_text("Đang xử lý")
    open_panel(page, "trinh-tinh")
    page.fill("#trinh-tinh-summary", "Kính trình UBND tỉnh xem xét cấp phép.")
    page.locator("#action-trinh-tinh button[type=submit]").click()
    refusal = page.locator("#action-trinh-tinh .cv-refusal")
    expect(refusal).to_contain_text("R-1.4-OWN-AUTHORITY-SUBMISSION")
    expect(refusal).to_contain_text("Mục 1.4")
    expect(page.locator("#item-trail .cv-event-refused")).to_contain_text("Mục 1.4")
    expect(page.locator("#trinh-tinh-override_reason")).to_have_count(0)  # an officer may not override

    page.reload()
    expect(page.locator(".cv-state")).to_have_text("Đang xử lý")
    assert WorkItem.objects.get(pk=item.pk).state == State.IN_PROGRESS
    assert page.console_errors == []
