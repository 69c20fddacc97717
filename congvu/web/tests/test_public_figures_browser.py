"""In headless Chromium: an anonymous visitor on a phone opens the published figures — the charts are
drawn by the vendored Chart.js under the Content-Security-Policy (no console error), the ranking and
its formula are there, no official's name — and a unit head records a backlog plan from the round's
page, which Home Affairs then sees in the progress per unit."""

import pytest

from congvu.org.models import Official
from congvu.oversight.models_backlog import BacklogEntry
from congvu.oversight.tests.makers import sent_directive
from congvu.oversight.tests.makers_backlog import opened_round
from congvu.testing_browser import PHONE, log_in, log_out, screenshot_folder

pytestmark = pytest.mark.browser


def test_an_anonymous_visitor_on_a_phone_sees_the_figures_drawn_and_no_names(
        browser, live_server, transactional_db, province, busy, tmp_path):
    from playwright.sync_api import expect

    sent_directive(province)
    context = browser.new_context(viewport=PHONE, locale="en-US", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{live_server.url}/cong-khai/")
    expect(page.locator("h1")).to_contain_text("Tháng 02/2026")
    expect(page.locator("html")).to_have_attribute("data-charts-drawn", "2")
    for chart in ("#chart-work", "#chart-index"):
        box = page.locator(chart).bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 200
        assert box["x"] + box["width"] <= PHONE["width"]  # fits the phone's screen
    expect(page.locator("#ranking")).to_contain_text("Sở Xây dựng")
    expect(page.locator("#formula")).to_contain_text("Chỉ số = 50 ×")
    expect(page.locator("#directives")).to_contain_text("280/CĐ-TTg")
    text = page.locator("body").inner_text()
    assert not [o.full_name for o in Official.objects.all() if o.full_name in text]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing sticks out
    page.screenshot(path=str(screenshot_folder(tmp_path) / "public-figures-phone.png"), full_page=True)
    page.get_by_role("link", name="Quý gần nhất").click()
    expect(page.locator("h1")).to_contain_text("Quý IV/2025")
    assert errors == []
    context.close()


def test_a_unit_head_records_a_backlog_plan_and_home_affairs_sees_the_progress(
        page, live_server, transactional_db, province, busy):
    from playwright.sync_api import expect

    round_ = opened_round(province)
    entry = round_.entries.get(item=busy.overdue)
    base = live_server.url
    log_in(page, base, "sxd.head")
    page.get_by_role("button", name="Giám sát").click()  # the oversight menu
    page.get_by_role("link", name="Rà soát tồn đọng").first.click()
    page.get_by_role("link", name=round_.title).click()
    item = page.locator(f"#muc-{entry.pk}")
    expect(item).to_contain_text("Chưa có kế hoạch")
    item.locator(f"#id_e{entry.pk}-decision_date").fill("20/03/2026")
    item.locator(f"#id_e{entry.pk}-cause").select_option("dossier")
    item.locator(f"#id_e{entry.pk}-responsible").select_option(label="Hoàng Văn Viên")
    item.locator(f"#id_e{entry.pk}-note").fill("Chờ chủ đầu tư bổ sung hồ sơ thiết kế")
    item.get_by_role("button", name="Ghi kế hoạch").click()
    expect(page.locator(f"#muc-{entry.pk}")).to_contain_text("Đã ghi kế hoạch")
    expect(page.locator(f"#muc-{entry.pk}")).to_contain_text("20/03/2026")
    assert BacklogEntry.objects.get(pk=entry.pk).responsible == province.construction_officer

    log_out(page)
    log_in(page, base, "snv.inspector")
    page.goto(f"{base}/ra-soat-ton-dong/{round_.pk}/")
    construction = page.locator(f"tr.cv-backlog-progress[data-unit='{province.construction.pk}']")
    listed = round_.entries.filter(unit=province.construction).count()
    expect(construction).to_contain_text(f"{round(100 / listed)}%")
    assert page.console_errors == []
