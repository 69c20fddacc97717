"""The interactive docs in a real browser (headless Chromium): Swagger UI renders from congvu's own
copy — no request leaves the server, whatever the network — and a signed-in official can try an
endpoint with their session."""

from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.browser


def test_the_docs_render_offline_and_try_an_endpoint_with_the_session(page, live_server, transactional_db, province):
    from playwright.sync_api import expect

    client = Client()
    client.force_login(province.construction_clerk.user)
    host, session = urlparse(live_server.url).hostname, client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "domain": host, "path": "/"}])
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(f"{live_server.url}/api/docs")
    me = page.locator("#operations-Tra_cứu-me")
    expect(me).to_be_visible(timeout=20_000)  # Swagger UI builds the page from a 1 MB bundle and the schema
    me.locator(".opblock-summary").click()
    me.get_by_role("button", name="Try it out").click()
    me.get_by_role("button", name="Execute").click()
    expect(me.locator(".live-responses-table tbody .response-col_status").first).to_have_text("200")
    expect(me.locator(".live-responses-table")).to_contain_text("Bùi Thị Sổ")

    foreign = [url for url in requested if urlparse(url).hostname not in (host, None) and not url.startswith("data:")]
    assert foreign == [], foreign
    assert page.console_errors == []
