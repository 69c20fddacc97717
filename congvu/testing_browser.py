"""Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by Playwright for Python.

The fixtures `browser` and `page` are offered to every test through congvu/conftest.py. Without
Chromium a browser test is skipped with its reason on a developer's machine, and fails under CI=true
(where .ci/run installs it), so it is never skipped silently where it can run."""

import os
import threading
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

from congvu.testing import PASSWORD

# Playwright's sync API runs an event loop in the test's thread, which makes Django refuse ORM calls
# from the test itself ("async-unsafe"); nothing here is actually concurrent, so the check is lifted.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")



class OneRequestAtATime(ThreadedWSGIServer):
    """The live server the browser tests talk to, answering one request at a time.

    On SQLite the tests' database lives in memory, and the server's threads share its one connection.
    A page that loads several assets at once (Swagger UI does) then had two threads open a transaction
    on that connection together: "cannot start a transaction within a transaction", a lost session and
    a flaky test (CI, stop 16). Chromium still opens its connections in parallel; only the application
    is entered by one request at a time, its body read out whole before the next one starts."""

    entered = threading.Lock()

    def set_app(self, application):
        def one_at_a_time(environ, start_response):
            with self.entered:
                response = application(environ, start_response)
                try:
                    return [b"".join(response)]
                finally:
                    if hasattr(response, "close"):
                        response.close()

        super().set_app(one_at_a_time)


LiveServerThread.server_class = OneRequestAtATime

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling home, which this closed network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}: the browser tests must run on CI")
    pytest.skip(reason)


def screenshot_folder(tmp_path: Path) -> Path:
    """docs/screenshots/ when CONGVU_SCREENSHOTS=1 (to refresh the README's pictures), else a temporary
    folder, so an ordinary test run leaves tracked files alone."""
    if os.environ.get("CONGVU_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS
    return tmp_path


@pytest.fixture
def browser():
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed (pip install -e .[test])")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
                                  accept_downloads=True)
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    # Any console error (a script or style blocked by the Content-Security-Policy, say) fails the test.
    opened.console_errors = []
    opened.on("console", lambda message: message.type == "error" and opened.console_errors.append(message.text))
    yield opened
    context.close()


def log_in(page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/")


def log_out(page) -> None:
    page.locator("form[action='/dang-xuat/'] button").click()
    page.wait_for_url("**/dang-nhap/")


def open_form(page, selector: str) -> None:
    """Unfold a form on the item page (`#action-<slug>`, `#consult-ask`): the next step's is open in
    front; the others wait, folded, under "Thao tác khác" (#more-actions)."""
    more = page.locator("#more-actions")
    if more.locator(selector).count() and more.get_attribute("open") is None:
        more.locator("> summary").click()
    if page.locator(f"{selector} details").first.get_attribute("open") is None:
        page.locator(f"{selector} summary").first.click()


def fill_registration(page) -> None:
    """The register form filled in (not sent) with the Vịnh Xuân Đài hotel's building permit, as a
    clerk types it: Vietnamese labels, dates dd/mm/yyyy."""
    page.select_option("#id_matter_type", label="Cấp giấy phép xây dựng công trình cấp II")
    page.fill("#id_sender", "Công ty CP Đầu tư Vịnh Xuân Đài")
    page.fill("#id_notation", "27/2026/CV-VXĐ")
    page.fill("#id_issued_on", "02/03/2026")
    page.fill("#id_subject", "Đề nghị cấp giấy phép xây dựng khách sạn Vịnh Xuân Đài")
