"""Server time per answer, in a `Server-Timing: app;dur=…` header (issue 12: "every main page under
300 ms server time on the demo, measured per page"). The browser's developer tools show it beside
each request, and the browser tests' timing report (congvu/testing_timings.py) collects it per page.

Measured from just below WhiteNoise (static files are not pages) to the last byte the view returned,
so sessions, authentication, the view, its queries and the template all count. A measurement, never
an assertion: nothing here refuses or slows an answer."""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse


@dataclass(frozen=True)
class Timing:
    method: str
    path: str
    view: str  # the URL's name ("item", "home"…), so one page's visits group together
    status: int
    content_type: str
    htmx: bool  # a swap inside a page, not a page
    host: str
    ms: float


@dataclass
class Recorder:
    """The answers timed while `on` (the browser tests switch it on; production never does)."""

    on: bool = False
    timings: list[Timing] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, timing: Timing) -> None:
        with self.lock:
            self.timings.append(timing)


RECORDER = Recorder()


class ServerTimingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        ms = (time.perf_counter() - started) * 1000
        response["Server-Timing"] = f"app;dur={ms:.1f}"
        if RECORDER.on:
            match = request.resolver_match
            RECORDER.add(Timing(
                request.method or "", request.path, match.view_name if match else "", response.status_code,
                response.get("Content-Type", ""), request.headers.get("HX-Request") == "true",
                request.META.get("SERVER_NAME", ""), ms))
        return response
