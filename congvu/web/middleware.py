"""What every answer carries, and when a session ends.

SecurityHeadersMiddleware: a strict Content-Security-Policy (everything is served by congvu itself —
no CDN on a government intranet — so nothing else needs to be allowed), no referrer sent to other
sites, no browser feature a duty system never uses (camera, microphone, location…), and
`Cache-Control: no-store` on everything personal — every answer to a signed-in official, every API
answer, every download — so no browser cache, shared computer or proxy keeps a copy.

IdleSessionMiddleware: a session unused for SESSION_COOKIE_AGE (CONGVU_SESSION_IDLE_HOURS) is signed
out, on congvu's clock."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from congvu.lib import clock

POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
REFERRER_POLICY = "same-origin"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=()"
)
API_PREFIX = "/api/"
LAST_SEEN = "congvu_last_seen"  # session key: when the session was last marked used (epoch seconds)
# A session's use is written down at most this often, not on every request as SESSION_SAVE_EVERY_REQUEST
# would: each save is a committed write (measured 0.75 ms on SQLite with synchronous=FULL on the 2-core
# CI machine, against 0.36 ms for the read every request does anyway) and, on SQLite, it takes the one
# writer lock the officials' actions queue on — for every page view, list refresh and htmx fragment.
# The price: a session may end up to 5 minutes before a full idle period.
MARK_EVERY = timedelta(minutes=5)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", POLICY)
        response.setdefault("Referrer-Policy", REFERRER_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if is_personal(request, response):
            add_never_cache_headers(response)  # no-store, no-cache, private, max-age=0
        return response


def is_personal(request: HttpRequest, response: HttpResponse) -> bool:
    """Anything a cache must not keep: answers to a signed-in official, the API (bearer tokens carry no
    session), and every download (files, exports — recognised by being an attachment or a stream)."""
    user = getattr(request, "user", None)
    return (
        (user is not None and user.is_authenticated)
        or request.path_info.startswith(API_PREFIX)
        or response.has_header("Content-Disposition")
        or response.streaming
    )


class IdleSessionMiddleware:
    """Signs out a session unused for longer than SESSION_COOKIE_AGE, and marks its use (at most every
    MARK_EVERY) so its expiry slides: saving the session renews the stored row's and the cookie's
    expiry too, so the database and the browser forget it at the same time."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        now = clock.now()
        seen = last_seen(request)
        if request.user.is_authenticated and seen is not None and now - seen > idle_limit():
            logout(request)
            messages.info(request, _("You were signed out after a long time without activity. Please sign in again."))
        response = self.get_response(request)
        # After the view, so a sign-in made by this very request is marked from its first answer. A
        # session never marked (signed in before this was deployed) is marked now, not ended.
        seen = last_seen(request)
        if request.user.is_authenticated and (seen is None or now - seen >= MARK_EVERY):
            request.session[LAST_SEEN] = now.timestamp()
        return response


def idle_limit() -> timedelta:
    return timedelta(seconds=settings.SESSION_COOKIE_AGE)


def last_seen(request: HttpRequest) -> datetime | None:
    seen = request.session.get(LAST_SEEN)
    return None if seen is None else datetime.fromtimestamp(seen, UTC)
