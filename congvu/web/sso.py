"""Signing in with the province's account: OpenID Connect's authorization-code flow with PKCE, beside
congvu's own passwords (which stay, for small installations and for when the provider is down).

The library is mozilla-django-oidc: a Django authentication backend and two views for exactly this
flow, with PKCE, and nothing else (no sign-up, no account pages to switch off, as allauth would bring).
congvu adds what it leaves out: the endpoints from the issuer's discovery document, the ID token's
issuer and audience checked (the library checks its signature, expiry and nonce only), the identity
mapped to an official, and every refusal said in Vietnamese on the sign-in page.

1. `/dang-nhap/tinh/` (`SignInView`) keeps a state, a nonce and a PKCE verifier in the session and
   sends the browser to the provider's authorization endpoint.
2. The provider signs the person in and sends the browser back to `/dang-nhap/tinh/xong/` with a code.
3. `CallbackView` asks `OfficialOIDCBackend` to exchange the code (with the verifier) at the token
   endpoint, verify the ID token with the provider's published keys, read the claims at the userinfo
   endpoint, and find the official (`official_user`).

The provider says who the person is; congvu decides whether that person is one of its officials. The
claim CONGVU_OIDC_CLAIM must equal (case aside) the user name or the e-mail (CONGVU_OIDC_MATCH) of
exactly one official, whose account is active. Nothing is ever created: an identity congvu does not
know is refused. A deactivated account is refused here, and a live session of one ends at its next
request (`OfficialOIDCBackend.get_user`), as with a password.

Off unless CONGVU_OIDC_CLIENT_ID is set: the two addresses answer 404 and the sign-in page shows no
button."""

import functools
import logging
from dataclasses import dataclass

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from congvu.lib.refusals import AccessDenied, ActionRefused
from congvu.org.models import Official

log = logging.getLogger("congvu.sso")

DISCOVERY = "/.well-known/openid-configuration"


def enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID)


# --- Refusals, shown on the sign-in page ------------------------------------------------------------

def unreachable() -> AccessDenied:
    return AccessDenied(
        "Không kết nối được với hệ thống đăng nhập của tỉnh. Hãy thử lại sau, hoặc đăng nhập bằng mật khẩu congvu.",
        "The province's sign-in service cannot be reached. Try again later, or sign in with your congvu password.",
    )


def not_confirmed() -> AccessDenied:
    return AccessDenied(
        "Chưa đăng nhập được: hệ thống đăng nhập của tỉnh không xác nhận, hoặc lượt đăng nhập đã hết hạn. "
        "Hãy thử lại.",
        "Not signed in: the province's sign-in service did not confirm it, or the attempt expired. Try again.",
    )


def unknown_identity(value: str) -> AccessDenied:
    return AccessDenied(
        f"Tài khoản “{value}” của tỉnh không gắn với cán bộ nào trong congvu, nên không đăng nhập được. "
        "Đề nghị quản trị hệ thống kiểm tra tên đăng nhập và thư điện tử của bạn trong danh sách cán bộ.",
        f"The province's account “{value}” is not linked to any official in congvu, so it cannot sign in. "
        "Ask the administrator to check your user name and e-mail in the list of officials.",
    )


def ambiguous_identity(value: str) -> AccessDenied:
    return AccessDenied(
        f"Tài khoản “{value}” của tỉnh khớp với nhiều cán bộ trong congvu, nên không đăng nhập được. "
        "Đề nghị quản trị hệ thống sửa danh sách cán bộ.",
        f"The province's account “{value}” matches several officials in congvu, so it cannot sign in. "
        "Ask the administrator to correct the list of officials.",
    )


def missing_claim(claim: str) -> AccessDenied:
    return AccessDenied(
        f"Hệ thống đăng nhập của tỉnh không cho biết “{claim}” của bạn, nên congvu không biết bạn là cán bộ nào. "
        "Đề nghị quản trị hệ thống kiểm tra cấu hình đăng nhập một lần.",
        f"The province's sign-in service did not give your “{claim}”, so congvu cannot tell which official you are. "
        "Ask the administrator to check the single sign-on settings.",
    )


def unverified_email() -> AccessDenied:
    return AccessDenied(
        "Thư điện tử của tài khoản của tỉnh chưa được xác minh, nên không dùng để đăng nhập congvu được.",
        "The e-mail of the province's account is not verified, so it cannot sign in to congvu.",
    )


def deactivated() -> AccessDenied:
    return AccessDenied(
        "Tài khoản congvu của bạn đã bị khóa, nên không đăng nhập được, kể cả bằng tài khoản của tỉnh. "
        "Đề nghị liên hệ quản trị hệ thống.",
        "Your congvu account is deactivated, so it cannot sign in, not even with the province's account. "
        "Contact the administrator.",
    )


# --- The provider ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str


def provider() -> Provider:
    """The provider's endpoints: each one set in the settings, else the issuer's discovery document's."""
    issuer = settings.CONGVU_OIDC_ISSUER
    chosen = {
        "authorization_endpoint": settings.OIDC_OP_AUTHORIZATION_ENDPOINT,
        "token_endpoint": settings.OIDC_OP_TOKEN_ENDPOINT,
        "userinfo_endpoint": settings.OIDC_OP_USER_ENDPOINT,
        "jwks_uri": settings.OIDC_OP_JWKS_ENDPOINT,
    }
    if not all(chosen.values()):
        found = discover(issuer)
        chosen = {key: value or found.get(key, "") for key, value in chosen.items()}
    return Provider(issuer=issuer, **chosen)


@functools.lru_cache(maxsize=8)
def discover(issuer: str) -> dict:
    """The issuer's discovery document, read once per process (a failure is not kept: tried again at
    the next sign-in). It must name the same issuer (OpenID Connect Discovery §4.3), or a document
    elsewhere could send the tokens to another server."""
    try:
        # The issuer's own trailing slash is dropped before the suffix (OpenID Connect Discovery §4).
        answer = requests.get(issuer.rstrip("/") + DISCOVERY, timeout=settings.OIDC_TIMEOUT)
        answer.raise_for_status()
        document = answer.json()
    except (requests.RequestException, ValueError) as error:
        log.warning("single sign-on: the discovery document of %s cannot be read: %s", issuer, error)
        raise unreachable() from error
    if document.get("issuer") != issuer:
        log.warning("single sign-on: the discovery document of %s names the issuer %r", issuer, document.get("issuer"))
        raise unreachable()
    return document


# --- Who the identity is ---------------------------------------------------------------------------

def official_user(claims: dict) -> AbstractBaseUser:
    """The active account of the one official the claims name; refused otherwise, never created."""
    claim = settings.CONGVU_OIDC_CLAIM
    value = str(claims.get(claim) or "").strip()
    if not value:
        raise missing_claim(claim)
    if settings.CONGVU_OIDC_MATCH == "email":
        # Only an address the provider verified says who someone is.
        if claims.get("email_verified") is False:
            raise unverified_email()
        matching = Official.objects.filter(email__iexact=value)
    else:
        matching = Official.objects.filter(user__username__iexact=value)
    found = list(matching.select_related("user")[:2])
    if not found:
        raise unknown_identity(value)
    if len(found) > 1:
        raise ambiguous_identity(value)
    if not found[0].user.is_active:
        raise deactivated()
    return found[0].user


class OfficialOIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, reading the provider's endpoints when a sign-in needs them
    (Django makes a backend for every request of a signed-in session: it must not call the provider)."""

    OIDC_RP_IDP_SIGN_KEY = None  # the key comes from the provider's published keys (jwks_uri)

    def __init__(self, *args, **kwargs) -> None:
        # The library reads every setting here; the properties below read them when they are used.
        self.UserModel = get_user_model()

    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: provider().token_endpoint)
    OIDC_OP_USER_ENDPOINT = property(lambda self: provider().userinfo_endpoint)
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: provider().jwks_uri)
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.OIDC_RP_CLIENT_SECRET)
    OIDC_RP_SIGN_ALGO = property(lambda self: settings.OIDC_RP_SIGN_ALGO)

    def authenticate(self, request: HttpRequest, nonce: str | None = None,
                     code_verifier: str | None = None) -> AbstractBaseUser | None:
        """Only the callback's call (a nonce and a verifier, no password) reaches this backend; a
        refusal is raised as `AccessDenied` for the callback to show."""
        if not enabled() or request is None:
            return None
        try:
            return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)
        except requests.RequestException as error:
            log.warning("single sign-on: the provider failed: %s", error)
            raise unreachable() from error
        except (SuspiciousOperation, jwt.InvalidTokenError, ValueError, KeyError) as error:
            log.warning("single sign-on: the provider's answer is refused: %s", error)
            raise not_confirmed() from error

    def verify_token(self, token: str, **kwargs) -> dict:
        """Signature, expiry and nonce (the library), then that this provider issued it for congvu."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss") != settings.CONGVU_OIDC_ISSUER or settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation(f"token for {audience!r} from {payload.get('iss')!r}")
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict) -> AbstractBaseUser:
        return official_user(self.get_userinfo(access_token, id_token, payload))

    def get_user(self, user_id: int) -> AbstractBaseUser | None:
        """Django's own: a deactivated account's session ends at its next request (the library's
        version would keep it signed in)."""
        return ModelBackend.get_user(self, user_id)


# --- The two addresses -----------------------------------------------------------------------------

def refused(request: HttpRequest, refusal: ActionRefused) -> HttpResponse:
    """Back to the sign-in page, with why."""
    log.info("single sign-on refused: %s", refusal.message_en)
    messages.error(request, refusal.message(get_language() or "vi"))
    return redirect("login")


class SignInView(OIDCAuthenticationRequestView):
    """Step 1: off to the province's sign-in page."""

    def __init__(self, **kwargs) -> None:
        View.__init__(self, **kwargs)  # the library reads the endpoint here; discovery waits for the request

    OIDC_OP_AUTH_ENDPOINT = property(lambda self: provider().authorization_endpoint)
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            raise Http404
        try:
            return super().get(request)
        except ActionRefused as refusal:
            return refused(request, refusal)


class CallbackView(OIDCAuthenticationCallbackView):
    """Step 3: the provider sent the browser back; signed in, or back to the sign-in page with why."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            raise Http404
        try:
            return super().get(request)
        except ActionRefused as refusal:
            return refused(request, refusal)
        except SuspiciousOperation:  # a state this browser never started (an old tab, a replay)
            return refused(request, not_confirmed())

    def login_failure(self) -> HttpResponse:
        """The provider answered with an error (the person cancelled, say), or nothing to check."""
        return refused(self.request, not_confirmed())
