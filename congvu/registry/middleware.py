"""One registry version per request."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from congvu.registry import snapshot


class PinnedSnapshotMiddleware:
    """Answer every registry question of a request, and of the actions it runs, from one snapshot:
    a page never mixes two versions of the registry (a unit renamed halfway through, say), and the
    request reads the version token once (an action inside it reuses the pin). A registry change made
    by the request itself is seen from the next request on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with snapshot.pinned():
            return self.get_response(request)
