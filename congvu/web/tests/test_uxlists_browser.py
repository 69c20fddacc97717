"""Issue 12 in a real browser (headless Chromium), the `uxlists` points: an English-language browser
still gets Vietnamese; a double click registers one document; lists fit a phone."""

import pytest

from congvu.testing_browser import fill_registration, log_in
from congvu.work.models import IncomingDocument

pytestmark = pytest.mark.browser


def test_an_english_browser_is_answered_in_vietnamese_until_the_official_chooses_english(
    browser, live_server, transactional_db, province,
):
    from playwright.sync_api import expect

    context = browser.new_context(locale="en-US", extra_http_headers={"Accept-Language": "en-US,en;q=0.9"})
    page = context.new_page()
    base = live_server.url
    log_in(page, base, "sxd.officer")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("header")).to_contain_text("Việc của tôi")
    page.select_option("#cv-language-nav", "en")  # the menu submits itself
    expect(page.locator("header")).to_contain_text("My work")
    province.construction_officer.refresh_from_db()
    assert province.construction_officer.language == "en"
    context.close()


def test_a_double_click_on_register_registers_one_document(page, live_server, transactional_db, province):
    from playwright.sync_api import expect

    base = live_server.url
    log_in(page, base, "sxd.clerk")
    page.goto(f"{base}/van-ban-den/moi/")
    fill_registration(page)
    page.locator("main form button[type=submit]").dblclick()
    expect(page.locator(".cv-state")).to_have_text("Đã vào sổ")
    page.wait_for_load_state("networkidle")
    assert IncomingDocument.objects.count() == 1
    assert page.console_errors == []


def test_lists_and_the_steps_fit_a_phone_as_stacked_cards(browser, live_server, transactional_db, province, busy):
    from playwright.sync_api import expect

    from congvu.testing_browser import PHONE

    context = browser.new_context(viewport=PHONE, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    base = live_server.url
    log_in(page, base, "sxd.head")
    for path in ("/danh-sach/?state=all", "/van-ban-den/", "/xin-y-kien/?ai=tat-ca", f"/cong-viec/{busy.overdue.pk}/"):
        page.goto(f"{base}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow} px"
    # The steps of the item: a card a step, each cell with its column's name.
    cell = page.locator("table.cv-stack td[data-label]").first
    expect(cell).to_be_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('table.cv-stack tr')).display") == "block"
    context.close()


def test_a_bounded_text_shows_its_counter(page, live_server, transactional_db, province, busy):
    from playwright.sync_api import expect

    base = live_server.url
    log_in(page, base, "sxd.clerk")
    page.goto(f"{base}/van-ban-den/moi/")
    page.fill("#id_subject", "Đề nghị")
    expect(page.locator("#id_subject-counter")).to_have_text("7 / 500")
    assert page.get_attribute("#id_subject", "maxlength") == "500"
    assert page.console_errors == []
