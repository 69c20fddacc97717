"""A strict Content-Security-Policy: everything is served by congvu itself (no CDN on a government
intranet), so nothing else needs to be allowed."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # The API's interactive docs page loads its own bundled assets inline; keep the policy off it only.
        if not request.path.startswith("/api/docs"):
            response.setdefault("Content-Security-Policy", POLICY)
        return response
