"""The dashboard in headless Chromium: Home Affairs switches the period and the charts are drawn by the
vendored Chart.js (no console error, the CSP allowing it), on a desktop and on a 390 px phone."""

import pytest

from congvu.testing_browser import log_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_the_inspector_switches_the_period_and_sees_the_charts(page, live_server, transactional_db, province, busy,
                                                               width, height):
    from playwright.sync_api import expect

    page.set_viewport_size({"width": width, "height": height})
    base = live_server.url
    log_in(page, base, "snv.inspector")
    page.goto(f"{base}/tong-hop/")
    expect(page.locator("#period-label")).to_contain_text("Tháng 03/2026")
    page.select_option("#period-kind", "quy")
    expect(page.locator("#period-month")).to_be_hidden()
    page.fill("#period-quarter", "1")
    page.fill("#period-year", "2026")
    page.locator("#period-show").click()
    page.wait_for_url("**/tong-hop/?ky=quy*")
    expect(page.locator("#period-label")).to_contain_text("Quý I/2026")
    for chart in ("chart-on-time", "chart-trend", "chart-signals"):
        expect(page.locator(f"#{chart}")).to_have_attribute("data-drawn", "true")
        box = page.locator(f"#{chart}").bounding_box()
        assert box["width"] > 100 and box["height"] > 100 and box["width"] <= width
    # The signals table: a number opens its evidence.
    page.locator("#avoidance-signals a.cv-signal[data-signal=own_transfer]").first.click()
    page.wait_for_url("**/tong-hop/dau-hieu/chuyen-viec-cua-minh/*")
    expect(page.locator("tr.cv-evidence-row")).to_have_count(1)
    # The whole page fits a phone: nothing but the tables' own scrolling is wider than the screen.
    page.goto(f"{base}/tong-hop/?ky=quy&quy=1&nam=2026")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.console_errors == []
