"""The security headers on every page, the session cookie, and CSRF on the sign-in form. Sign-in
throttling is in test_security_throttle.py, passwords in test_security_passwords.py, caching,
sessions, settings and file permissions in test_security_hardening.py."""

import pytest
from django.test import Client

from congvu.testing import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(username: str, password: str, address: str = "10.0.0.1") -> object:
    return Client(REMOTE_ADDR=address).post("/dang-nhap/", {"username": username, "password": password})


def test_every_page_sends_the_security_headers(province, client_of):
    for client, url in ((Client(), "/dang-nhap/"), (client_of(province.inspector), "/danh-sach/"),
                        (client_of(province.inspector), "/tong-hop/")):
        response = client.get(url)
        assert "default-src 'self'" in response["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
        assert response["Referrer-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_the_session_cookie_is_http_only_and_same_site(province):
    response = sign_in("sxd.clerk", PASSWORD)
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_signing_in_without_the_csrf_token_is_refused(province):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/dang-nhap/", {"username": "sxd.clerk", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_the_list_and_the_overview_load_no_inline_script_or_style(province, client_of):
    for url in ("/", "/danh-sach/", "/tong-hop/"):
        html = client_of(province.inspector).get(url).content.decode()
        assert "<script>" not in html and "style=" not in html and "<style" not in html
