"""Accessibility (issue 12, WCAG AA): axe-core, vendored under congvu/web/tests/vendor/ (MPL-2.0), is
injected into the main pages of every role in headless Chromium; none may have a serious or critical
violation. Contrast is among the rules (text at 4.5:1 at least)."""

import json
from pathlib import Path

import pytest

from congvu.testing_browser import log_in

pytestmark = pytest.mark.browser
AXE = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
SERIOUS = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"]}});
  return result.violations.filter(v => v.impact === "serious" || v.impact === "critical").map(
    v => v.id + " (" + v.impact + "): " + v.nodes.slice(0, 4).map(
      n => n.target.join(" ") + " [" + (n.any.concat(n.all)[0] || {message: ""}).message + "]").join(" | "));
}"""


def pages_of(busy) -> dict[str, list[str]]:
    item = f"/cong-viec/{busy.overdue.pk}/"
    return {
        "sxd.clerk": ["/", "/van-ban-den/", "/van-ban-den/moi/"],
        "sxd.head": ["/", "/danh-sach/", item, "/xin-y-kien/"],
        "sxd.officer": ["/", item, "/thong-bao-cua-toi/"],
    }


def serious_violations(page, url: str) -> list[str]:
    page.goto(url)
    return page.evaluate(SERIOUS)


def test_the_main_pages_of_each_role_have_no_serious_accessibility_violation(
    browser, live_server, transactional_db, province, busy,
):
    base = live_server.url
    found = {}
    for username, paths in {**pages_of(busy), **overseers()}.items():
        context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        context.add_init_script(path=str(AXE))  # not an inline script: the Content-Security-Policy holds
        page = context.new_page()
        log_in(page, base, username)
        for path in paths:
            if violations := serious_violations(page, f"{base}{path}"):
                found[f"{username} {path}"] = violations
        context.close()
    context = browser.new_context(locale="vi-VN")
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    if violations := serious_violations(page, f"{base}/dang-nhap/"):
        found["anonymous /dang-nhap/"] = violations
    context.close()
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


def overseers() -> dict[str, list[str]]:
    """The Province office's and Home Affairs' main pages: their home, the overview, the whole list."""
    return {"vp.head": ["/", "/tong-hop/"], "snv.inspector": ["/", "/tong-hop/", "/danh-sach/"],
            "stc.head": ["/xin-y-kien/"]}
