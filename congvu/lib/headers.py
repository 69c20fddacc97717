"""Security headers on every answer: a strict Content-Security-Policy (everything is served by congvu
itself — no CDN on a government intranet — so nothing else needs to be allowed), no referrer sent to
other sites, no browser feature a duty system never uses (camera, microphone, location…), and
`Cache-Control: no-store` on everything personal — every answer to a signed-in official, every API
answer, every download — so no browser cache, shared computer or proxy keeps a copy.

Site-wide, pages and API alike, so it sits below both: the API's docs page sets the same `POLICY`."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

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
