"""Every demo login walks its main pages on the demo province in Chromium (issue 12): each page opens
without an error, and the browser tests' timing report (congvu/testing_timings.py) records each
page's server time on the demo. Nothing here times anything: the figures are the report's."""

import pytest

from congvu.ops.demo import build_demo
from congvu.ops.demo.catalog import DEMO_PASSWORD
from congvu.org.models import Official
from congvu.testing_browser import PHONE, log_in
from congvu.work.access import visible_items
from congvu.work.models import State

pytestmark = pytest.mark.browser
DEMO_ITEMS = 60  # every state, with consultations and notices, in a build the test can afford
MAIN_PAGES = {
    "vanthu.sxd": ["/", "/van-ban-den/", "/van-ban-den/moi/"],
    "giamdoc.sxd": ["/", "/danh-sach/", "/xin-y-kien/", "/thong-bao-cua-toi/"],
    "chuyenvien.sxd": ["/", "/danh-sach/", "/xin-y-kien/"],
    "vanphong.ubnd": ["/", "/tong-hop/", "/danh-sach/"],
    "noivu.thanhtra": ["/", "/tong-hop/", "/danh-sach/"],
}
ITEM_STATES = (State.REGISTERED, State.DIRECTED, State.IN_PROGRESS, State.CONSULTING, State.SUBMITTED,
               State.COMPLETED)


def items_of(username: str) -> list[str]:
    """One item page per state the official sees, the oldest of each."""
    seen = visible_items(Official.objects.get(user__username=username))
    found = (seen.filter(state=state).order_by("created_at", "pk").first() for state in ITEM_STATES)
    return [f"/cong-viec/{item.pk}/" for item in found if item is not None]


def test_every_demo_login_opens_its_main_pages_on_the_demo(browser, live_server, transactional_db):
    build_demo(items=DEMO_ITEMS)
    failed = {}
    for username, paths in MAIN_PAGES.items():
        context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        errors = []
        page.on("console", lambda message, errors=errors: message.type == "error" and errors.append(message.text))
        log_in(page, live_server.url, username, DEMO_PASSWORD)
        for path in [*paths, *items_of(username)]:
            answer = page.goto(f"{live_server.url}{path}")
            if answer.status != 200 or errors:
                failed[f"{username} {path}"] = (answer.status, list(errors))
                errors.clear()
        context.close()
    assert failed == {}


# Each unit's name on a chart's axis: its text's width and the room left of the axis (the canvas
# starts at 0, so a name wider than `room` is cut at the edge).
AXIS_NAMES = """id => { const chart = Chart.getChart(id), axis = chart.scales.y, ctx = chart.ctx;
  ctx.save(); ctx.font = Chart.helpers.toFont(axis.options.ticks.font).string;
  const names = axis.ticks.map(t => [String(t.label), ctx.measureText(String(t.label)).width]);
  ctx.restore(); return {names: names, room: axis.right - axis.options.ticks.padding}; }"""


def test_on_a_phone_every_unit_of_the_published_figures_is_named_whole_on_the_charts(
        browser, live_server, transactional_db):
    """The demo's 20-odd units: Chart.js showed every other name and cut the long ones at the edge."""
    build_demo(items=DEMO_ITEMS)
    context = browser.new_context(viewport=PHONE, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.goto(f"{live_server.url}/cong-khai/")
    page.wait_for_selector("html[data-charts-drawn='2']")
    units = page.evaluate("JSON.parse(document.getElementById('public-figures-data').textContent).units")
    assert len(units) >= 10
    for chart in ("chart-work", "chart-index"):
        axis = page.evaluate(AXIS_NAMES, chart)
        assert len(axis["names"]) == len(units)
        assert [name for name, width in axis["names"] if width > axis["room"]] == []
        assert all(unit.startswith(name.rstrip("…")) for (name, _w), unit in zip(axis["names"], units, strict=True))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()
