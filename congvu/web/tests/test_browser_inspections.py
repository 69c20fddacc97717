"""Home Affairs' inspector in headless Chromium (clause 1.6): draws a surprise inspection with a seed of
their own, sees the seed and how to reproduce the draw, opens it, records a finding from an item of
the trail and follows its evidence link; the inspected unit's head saw nothing before the opening."""

import pytest

from congvu.oversight.models_inspections import Inspection
from congvu.testing import working_item
from congvu.testing_browser import log_in, log_out

pytestmark = pytest.mark.browser


def test_the_inspector_draws_a_surprise_inspection_and_records_a_finding_from_evidence(
        page, live_server, transactional_db, province):
    from playwright.sync_api import expect

    base = live_server.url
    item = working_item(province, subject="Cấp phép xây dựng nhà ở Phú Lâm")

    log_in(page, base, "snv.inspector")
    page.goto(f"{base}/kiem-tra/")
    page.get_by_role("link", name="Chọn mẫu kiểm tra đột xuất").click()
    page.get_by_label("Tên").fill("Kiểm tra đột xuất tháng 3/2026")
    page.get_by_label("Thời kỳ từ ngày").fill("01/01/2026")
    page.get_by_label("Đến ngày").fill("03/03/2026")
    page.get_by_label("Số đơn vị chọn").fill("4")
    page.get_by_label("Mã khởi tạo").fill("b10e5eed")
    page.get_by_role("button", name="Chọn mẫu").click()
    page.wait_for_url("**/kiem-tra/*/")
    expect(page.locator("#draw-seed")).to_have_text("b10e5eed")
    expect(page.locator("#reproduce")).to_contain_text("--seed b10e5eed --units 4")
    inspection = Inspection.objects.get()
    log_out(page)

    log_in(page, base, "sxd.head")
    assert page.goto(f"{base}/kiem-tra/{inspection.pk}/").status == 404
    page.console_errors.clear()  # that 404 was the point
    log_out(page)

    log_in(page, base, "snv.inspector")
    page.goto(f"{base}/kiem-tra/{inspection.pk}/")
    page.get_by_role("button", name="Ban hành quyết định và tiến hành kiểm tra").click()
    expect(page.locator("#decision")).to_contain_text("Quyết định số 01/QĐ-SNV ngày 03/03/2026")
    form = page.locator("#new-finding")
    form.get_by_label("Loại").select_option("delay")
    form.locator("select[name=unit]").select_option(label="Sở Xây dựng")
    form.locator("select[name=official]").select_option(label=province.construction_officer.full_name)
    form.get_by_label("Phát hiện").fill("Giữ hồ sơ cấp phép quá hạn, không báo cáo lý do")
    form.get_by_label("Chứng cứ: số hồ sơ công việc").fill(str(item.pk))
    form.get_by_role("button", name="Ghi phát hiện").click()
    finding = page.locator(".cv-finding")
    expect(finding).to_contain_text("Giữ hồ sơ cấp phép quá hạn")
    finding.get_by_role("link", name=f"#{item.pk}").click()
    page.wait_for_url(f"**/cong-viec/{item.pk}/")
    expect(page.locator("h1")).to_contain_text("Cấp phép xây dựng nhà ở Phú Lâm")
    assert page.console_errors == []
