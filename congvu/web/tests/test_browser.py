"""The whole path through a real browser (headless Chromium via Playwright): the clerk registers a
document, the head directs and assigns it and is refused a transfer of his own department's work
(rule code and clause on the page), the officer completes it. With CONGVU_SCREENSHOTS=1 its
screenshots refresh docs/screenshots/ for the README.

Chromium is Debian's (/usr/bin/chromium); without it the test is skipped locally and fails on CI."""

import re
from datetime import date, datetime, timedelta

import pytest

from congvu.lib import clock
from congvu.lib.workdays import TZ
from congvu.testing import MORNING, Province
from congvu.testing_browser import PHONE, fill_registration, log_in, log_out, open_form, screenshot_folder
from congvu.work import actions

pytestmark = pytest.mark.browser


def seed_officer_work(p: Province) -> None:
    """Earlier work the officer already holds, so "my work" has something overdue, due soon and later."""
    earlier = [
        (datetime(2026, 1, 12, 9, 0, tzinfo=TZ), "Đề nghị cấp phép xây dựng trạm biến áp 110kV", date(2026, 1, 23)),
        (MORNING - timedelta(hours=1), "Cấp phép sửa chữa trụ sở UBND phường Xuân Đài", date(2026, 3, 5)),
        (MORNING - timedelta(hours=2), "Cấp phép xây dựng nhà văn hóa thôn Phú Long", None),
    ]
    for moment, subject, due in earlier:
        with clock.travel_to(moment):
            item = actions.register_incoming(actor=p.construction_clerk, unit=p.construction,
                                             matter_type=p.building_permit, sender="UBND xã An Mỹ", subject=subject)
            actions.direct(item, actor=p.construction_head, lead_unit=p.construction, due_date=due)
            actions.assign(item, actor=p.construction_head, holder=p.construction_officer)


def test_register_direct_assign_refused_transfer_and_complete_in_a_browser(
    page, live_server, transactional_db, tmp_path, province,
):
    from playwright.sync_api import expect

    base = live_server.url
    seed_officer_work(province)

    # The clerk registers the document; the register form is in Vietnamese and dates are dd/mm/yyyy.
    log_in(page, base, "sxd.clerk")
    page.get_by_role("link", name="Vào sổ văn bản đến").first.click()
    fill_registration(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".cv-state")).to_have_text("Đã vào sổ")
    item_url = page.url
    log_out(page)

    # The head directs and assigns it; htmx swaps the item in place after each action.
    log_in(page, base, "sxd.head")
    expect(page.locator("#awaiting-title")).to_have_text("Chờ bạn chỉ đạo, phân công")
    page.get_by_role("link", name="Đề nghị cấp giấy phép xây dựng khách sạn Vịnh Xuân Đài").click()
    page.locator("#action-chi-dao").get_by_label("Sở Tài chính", exact=True).check()
    page.fill("#chi-dao-note", "Giao Phòng Quản lý xây dựng thẩm định hồ sơ.")
    page.locator("#action-chi-dao button[type=submit]").click()
    expect(page.locator(".cv-state")).to_have_text("Đã có ý kiến chỉ đạo")
    page.select_option("#phan-cong-holder", label="Hoàng Văn Viên")
    page.locator("#action-phan-cong button[type=submit]").click()
    expect(page.locator(".cv-state")).to_have_text("Đang xử lý")

    # Transferring the department's own work is refused under clause 2.1, and the head is offered an override.
    open_form(page, "#action-chuyen")  # under "Thao tác khác": the next step is no longer the head's
    page.select_option("#chuyen-to_unit", label="Sở Tài chính")
    page.locator("#action-chuyen button[type=submit]").click()
    refusal = page.locator("#action-chuyen .cv-refusal")
    expect(refusal).to_contain_text("R-2.1-OWN-COMPETENCE-TRANSFER")
    expect(refusal).to_contain_text("Mục 2.1")
    expect(page.locator("#chuyen-override_reason")).to_be_visible()
    expect(page.locator("#item-trail .cv-event-refused")).to_contain_text("Mục 2.1")  # the trail, swapped out of band
    shots = screenshot_folder(tmp_path)
    page.screenshot(path=str(shots / "item-refused-transfer.png"), full_page=True)
    log_out(page)

    # The officer completes it; the refused transfer stays in the trail, in red.
    log_in(page, base, "sxd.officer")
    days_overdue = page.locator(".cv-section-overdue td.d-sm-table-cell .cv-overdue")
    expect(days_overdue).to_have_text(re.compile(r"^[1-9][0-9]*$"))
    page.goto(item_url)
    page.fill("#hoan-thanh-result", "Đã cấp Giấy phép xây dựng số 31/GPXD ngày 03/03/2026.")
    page.locator("#action-hoan-thanh button[type=submit]").click()
    expect(page.locator(".cv-state")).to_have_text("Hoàn thành")
    expect(page.locator(".cv-event-refused")).to_contain_text("R-2.1-OWN-COMPETENCE-TRANSFER")

    page.reload()
    page.screenshot(path=str(shots / "item.png"), full_page=True)
    page.goto(f"{base}/")
    page.screenshot(path=str(shots / "my-work.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(shots / "my-work-phone.png"), full_page=True)
    assert page.console_errors == []
