"""Issue 13 in a real browser: a search matching more items than the count's cap (patched low here)
says "Hơn N kết quả", offers the next page but no last page, and reads on a phone as on a desktop."""

import pytest

from congvu.lib import clock
from congvu.ops import listbench
from congvu.ops.province import build_synthetic
from congvu.testing import PASSWORD
from congvu.testing_browser import DESKTOP, PHONE, log_in, screenshot_folder
from congvu.web import views_lists

pytestmark = pytest.mark.browser
CAP, SIZE = 20, 9


@pytest.fixture
def inspector(monkeypatch, transactional_db):
    monkeypatch.setattr(views_lists, "SEARCH_COUNT_CAP", CAP)
    monkeypatch.setattr(views_lists, "PAGE_SIZE", SIZE)
    with clock.travel_to(listbench.NOW):
        org = build_synthetic(inspectors=1)
        listbench.fill(org, 60)  # every title holds "thử nghiệm"
    user = org.inspectors[0].user
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_capped_search_says_more_than_and_pages_on_without_a_last_page(browser, live_server, inspector, viewport,
                                                                         tmp_path):
    from playwright.sync_api import expect

    context = browser.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    base = live_server.url
    log_in(page, base, inspector.username)
    page.goto(f"{base}/danh-sach/?q=th%E1%BB%AD+nghi%E1%BB%87m&state=all")  # "thử nghiệm": all 60 titles
    expect(page.locator("#cv-list-count")).to_contain_text(f"Hơn {CAP} kết quả")
    pager = page.locator("nav[aria-label='Trang']")
    expect(pager).to_contain_text(f"Công việc 1–{SIZE} trong hơn {CAP} kết quả")
    expect(pager.get_by_role("link", name="Trang cuối")).to_have_count(0)
    page.screenshot(path=str(screenshot_folder(tmp_path) / f"list-capped-{viewport['width']}.png"), full_page=True)
    pager.get_by_role("link", name="Trang sau").click()
    expect(page.locator(".cv-list-row")).to_have_count(SIZE)
    expect(page.locator("nav[aria-label='Trang']")).to_contain_text(f"Công việc {SIZE + 1}–{2 * SIZE}")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0, f"the list scrolls sideways by {overflow} px"
    assert errors == []
