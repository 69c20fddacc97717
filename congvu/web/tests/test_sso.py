"""Signing in with the province's account, against a real OpenID Connect provider: django-oauth-toolkit's,
started in a second process (congvu/web/tests/oidc_provider/). The whole authorization-code flow runs:
congvu sends the browser there with a PKCE challenge, the person signs in at the provider, the browser
comes back with a code, and congvu exchanges it, checks the signed ID token with the provider's
published keys and reads the claims over HTTP. The browser is a `requests` session plus Django's test
client (congvu's side), and headless Chromium in the last test."""

import socket
import time
from urllib.parse import parse_qs, urljoin, urlsplit

import jwt
import pytest
import requests
from django.core.exceptions import SuspiciousOperation
from django.test import Client

from congvu.api.actions import deactivate_account
from congvu.testing import PASSWORD, Province
from congvu.web import sso
from congvu.web.tests.oidc_provider.process import PASSWORD as PROVINCE_PASSWORD
from congvu.web.tests.oidc_provider.process import IdentityProvider, running

CALLBACK = "/dang-nhap/tinh/xong/"
BUTTON = "Đăng nhập bằng tài khoản của tỉnh"

# The province's accounts. Some are congvu's officials under the same user name; "nguyen.van.dung"
# is the Construction head under another name, with his e-mail typed in other capitals; nobody in
# congvu is "khach.la"; the provider has not verified the e-mail it gives for "chua.xac.minh".
PEOPLE = [
    {"username": "sxd.head", "email": "sxd.head@congvu.test"},
    {"username": "sxd.officer", "email": "sxd.officer@congvu.test"},
    {"username": "nguyen.van.dung", "email": "SXD.Head@congvu.test"},
    {"username": "khach.la", "email": "khach.la@example.vn"},
    {"username": "chua.xac.minh", "email": "sxd.deputy@congvu.test"},
]


@pytest.fixture(scope="module")
def provider(live_server, tmp_path_factory) -> IdentityProvider:
    """One provider for the module, knowing congvu at the test client's address and the live server's."""
    redirects = [f"http://testserver{CALLBACK}", f"{live_server.url}{CALLBACK}"]
    with running(tmp_path_factory.mktemp("provider"), redirects, PEOPLE, unverified=("chua.xac.minh",)) as started:
        yield started


@pytest.fixture
def sso_on(settings, provider) -> IdentityProvider:
    """congvu configured as the README says: issuer, client id and secret; the rest by discovery."""
    settings.OIDC_RP_CLIENT_ID = provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = provider.client_secret
    settings.CONGVU_OIDC_ISSUER = provider.issuer
    return provider


def through_provider(client: Client, provider: IdentityProvider, username: str, start: str = "/dang-nhap/tinh/"):
    """What a browser does: congvu sends it to the provider, the person signs in there, the provider
    sends it back to congvu with a code. Returns congvu's answer to that return."""
    url = client.get(start)["Location"]
    browser = requests.Session()
    while url.startswith(provider.url):
        answer = browser.get(url, allow_redirects=False, timeout=30)
        if answer.status_code == 200:  # the provider's own sign-in page
            answer = browser.post(url, allow_redirects=False, timeout=30, data={
                "username": username, "password": PROVINCE_PASSWORD,
                "csrfmiddlewaretoken": browser.cookies["idp_csrftoken"]})
        assert answer.status_code == 302, answer.text[:500]
        url = urljoin(url, answer.headers["Location"])
    back = urlsplit(url)
    assert back.netloc == "testserver" and back.path == CALLBACK, url
    return client.get(f"{back.path}?{back.query}")


def signed_in_as(client: Client):
    return client.session.get("_auth_user_id")


def refusal_shown(client: Client, answer) -> str:
    """Not signed in, sent back to the sign-in page; the page's text (with the refusal)."""
    assert answer.status_code == 302 and answer["Location"] == "/dang-nhap/"
    assert signed_in_as(client) is None
    return client.get("/dang-nhap/").content.decode()


@pytest.mark.django_db
def test_single_sign_on_is_off_by_default_and_the_sign_in_page_offers_only_the_password():
    client = Client()
    assert BUTTON not in client.get("/dang-nhap/").content.decode()
    assert client.get("/dang-nhap/tinh/").status_code == 404
    assert client.get(f"{CALLBACK}?code=x&state=y").status_code == 404


@pytest.mark.django_db
def test_when_configured_the_sign_in_page_offers_the_province_account_beside_the_password(sso_on):
    page = Client().get("/dang-nhap/?next=/danh-sach/").content.decode()
    assert BUTTON in page and 'href="/dang-nhap/tinh/?next=/danh-sach/"' in page
    assert 'id="id_password"' in page  # local passwords remain


def test_an_official_signs_in_with_the_province_account_by_user_name_with_pkce(province: Province, sso_on):
    client = Client()
    to_provider = urlsplit(client.get("/dang-nhap/tinh/")["Location"])
    asked = parse_qs(to_provider.query)
    assert f"{sso_on.url}{to_provider.path}" == f"{sso_on.issuer}/authorize/"  # found by discovery
    assert asked["code_challenge_method"] == ["S256"] and asked["code_challenge"] and asked["nonce"]

    back = through_provider(client, sso_on, "sxd.head", start="/dang-nhap/tinh/?next=/danh-sach/")
    assert back.status_code == 302 and back["Location"] == "/danh-sach/"
    assert signed_in_as(client) == str(province.construction_head.user.pk)
    assert "Nguyễn Văn Dựng" in client.get("/").content.decode()


def test_an_official_is_found_by_e_mail_when_the_installation_matches_on_it(province, sso_on, settings):
    settings.CONGVU_OIDC_MATCH, settings.CONGVU_OIDC_CLAIM = "email", "email"
    client = Client()
    assert through_provider(client, sso_on, "nguyen.van.dung")["Location"] == "/"
    assert signed_in_as(client) == str(province.construction_head.user.pk)


def test_an_identity_congvu_does_not_know_is_refused_in_vietnamese_and_nothing_is_created(province, sso_on):
    from django.contrib.auth import get_user_model

    accounts = get_user_model().objects.count()
    client = Client()
    page = refusal_shown(client, through_provider(client, sso_on, "khach.la"))
    assert "Tài khoản “khach.la” của tỉnh không gắn với cán bộ nào trong congvu" in page
    assert get_user_model().objects.count() == accounts


def test_a_deactivated_official_cannot_sign_in_by_the_province_account_either(province, sso_on):
    deactivate_account(province.construction_officer.user, actor=None)
    client = Client()
    page = refusal_shown(client, through_provider(client, sso_on, "sxd.officer"))
    assert "Tài khoản congvu của bạn đã bị khóa" in page


def test_an_official_deactivated_while_signed_in_by_the_province_account_is_signed_out(province, sso_on):
    client = Client()
    through_provider(client, sso_on, "sxd.officer")
    assert client.get("/").status_code == 200
    deactivate_account(province.construction_officer.user, actor=None)
    assert client.get("/")["Location"].startswith("/dang-nhap/")


def test_an_e_mail_the_provider_has_not_verified_does_not_sign_in(province, sso_on, settings):
    settings.CONGVU_OIDC_MATCH, settings.CONGVU_OIDC_CLAIM = "email", "email"
    client = Client()
    page = refusal_shown(client, through_provider(client, sso_on, "chua.xac.minh"))
    assert "Thư điện tử của tài khoản của tỉnh chưa được xác minh" in page


def test_an_id_token_from_another_issuer_is_refused(province, sso_on, settings):
    """congvu expects "localhost" to issue its tokens; the provider, reached at the same endpoints
    (set one by one), signs them as 127.0.0.1."""
    found = requests.get(f"{sso_on.issuer}/.well-known/openid-configuration", timeout=30).json()
    settings.CONGVU_OIDC_ISSUER = sso_on.issuer.replace("127.0.0.1", "localhost")
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = found["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = found["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = found["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = found["jwks_uri"]
    client = Client()
    page = refusal_shown(client, through_provider(client, sso_on, "sxd.head"))
    assert "hệ thống đăng nhập của tỉnh không xác nhận" in page


def test_a_discovery_document_naming_another_issuer_is_not_followed(province, sso_on, settings):
    """The provider's document says "…/o"; congvu was told "…/o/" (OpenID Connect Discovery §4.3)."""
    settings.CONGVU_OIDC_ISSUER = f"{sso_on.issuer}/"
    client = Client()
    page = refusal_shown(client, client.get("/dang-nhap/tinh/"))
    assert "Không kết nối được với hệ thống đăng nhập của tỉnh" in page


def test_an_id_token_for_another_client_is_refused(settings):
    secret = "bi-mat-dung-chung-cua-hai-ung-dung-0123456789"
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET, settings.OIDC_RP_SIGN_ALGO = "congvu", secret, "HS256"
    settings.CONGVU_OIDC_ISSUER = "https://dangnhap.example.gov.vn"
    backend = sso.OfficialOIDCBackend()

    def token(audience: str) -> str:
        claims = {"iss": "https://dangnhap.example.gov.vn", "aud": audience, "nonce": "n", "sub": "1",
                  "exp": int(time.time()) + 300}  # the library checks expiry against the real time
        return jwt.encode(claims, secret, algorithm="HS256")

    assert backend.verify_token(token("congvu"), nonce="n")["sub"] == "1"
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(token("another-application"), nonce="n")


def test_a_return_this_browser_never_started_is_refused(province, sso_on):
    client = Client()
    client.get("/dang-nhap/tinh/")  # a sign-in started, with its own state
    page = refusal_shown(client, client.get(f"{CALLBACK}?code=copied&state=someone-elses"))
    assert "hệ thống đăng nhập của tỉnh không xác nhận" in page


def test_a_provider_that_cannot_be_reached_is_said_so_and_the_password_still_works(province, sso_on, settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    settings.CONGVU_OIDC_ISSUER = f"http://127.0.0.1:{closed}/o"
    client = Client()
    page = refusal_shown(client, client.get("/dang-nhap/tinh/"))
    assert "Không kết nối được với hệ thống đăng nhập của tỉnh" in page
    signed = client.post("/dang-nhap/", {"username": "sxd.head", "password": PASSWORD})
    assert signed.status_code == 302 and signed_in_as(client) == str(province.construction_head.user.pk)


@pytest.mark.browser
def test_an_official_signs_in_with_the_province_account_in_a_browser(page, live_server, transactional_db,
                                                                      province, sso_on):
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_role("link", name=BUTTON).click()
    page.wait_for_url(f"{sso_on.url}/login/**")
    page.fill("#idp-username", "sxd.head")
    page.fill("#idp-password", PROVINCE_PASSWORD)
    page.click("#idp-submit")
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator(".cv-who")).to_contain_text("Nguyễn Văn Dựng")
