"""Sign-in throttling (5 failures in 15 minutes for a user name or an address lock it for 15 minutes),
the security headers on every page, the session cookie, and CSRF on the sign-in form."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client

from congvu.conftest import MORNING
from congvu.lib import clock
from congvu.testing import PASSWORD
from congvu.web.tests.test_lists_scenario import FAST_HASHERS

pytestmark = pytest.mark.django_db
LOCKED = "Đăng nhập sai quá nhiều lần. Vui lòng chờ 15 phút rồi thử lại."


@pytest.fixture(autouse=True)
def _fast_passwords_and_a_clean_count(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    cache.clear()  # the attempts live in the cache: no test may inherit another's
    yield
    cache.clear()


def sign_in(username: str, password: str, address: str = "10.0.0.1") -> object:
    return Client(REMOTE_ADDR=address).post("/dang-nhap/", {"username": username, "password": password})


def fail(username: str, times: int, address: str = "10.0.0.1") -> None:
    for _ in range(times):
        assert sign_in(username, "sai-mat-khau", address).status_code in (200, 429)  # 429 from the fifth on


def test_five_failures_lock_the_user_name_even_against_the_right_password(province):
    fail("sxd.clerk", 4)
    assert sign_in("sxd.clerk", "sai-mat-khau").status_code == 429  # the fifth failure locks
    refused = sign_in("sxd.clerk", PASSWORD, address="10.0.0.2")
    assert refused.status_code == 429 and LOCKED in refused.content.decode()


def test_the_lock_counts_the_user_name_in_any_case(province):
    fail("SXD.Clerk", 5)
    assert sign_in("sxd.clerk", PASSWORD, address="10.0.0.9").status_code == 429


def test_the_lock_ends_after_15_minutes(province):
    fail("sxd.clerk", 5)
    with clock.travel_to(MORNING + timedelta(minutes=14, seconds=59)):
        assert sign_in("sxd.clerk", PASSWORD).status_code == 429
    with clock.travel_to(MORNING + timedelta(minutes=15)):
        assert sign_in("sxd.clerk", PASSWORD).status_code == 302


def test_failures_spread_over_more_than_15_minutes_do_not_lock(province):
    for minute in (0, 4, 8, 12, 16):
        with clock.travel_to(MORNING + timedelta(minutes=minute)):
            fail("sxd.clerk", 1)
    with clock.travel_to(MORNING + timedelta(minutes=17)):
        assert sign_in("sxd.clerk", PASSWORD).status_code == 302


def test_five_failures_from_one_address_lock_that_address_for_every_user_name(province):
    for name in ("a", "b", "c", "d", "e"):
        sign_in(name, "sai-mat-khau", address="10.0.0.66")
    assert sign_in("sxd.clerk", PASSWORD, address="10.0.0.66").status_code == 429
    assert sign_in("sxd.clerk", PASSWORD, address="10.0.0.67").status_code == 302  # others still sign in


def test_a_successful_sign_in_clears_the_user_names_count(province):
    fail("sxd.clerk", 4)
    assert sign_in("sxd.clerk", PASSWORD, address="10.0.0.3").status_code == 302
    fail("sxd.clerk", 4, address="10.0.0.4")
    assert sign_in("sxd.clerk", PASSWORD, address="10.0.0.5").status_code == 302


def test_a_locked_attempt_does_not_sign_in_and_shows_the_form_again(province):
    fail("sxd.clerk", 5)
    client = Client(REMOTE_ADDR="10.0.0.1")
    page = client.post("/dang-nhap/", {"username": "sxd.clerk", "password": PASSWORD})
    assert page.status_code == 429 and 'name="password"' in page.content.decode()
    assert client.get("/")["Location"].startswith("/dang-nhap/")


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
