"""Every form is acted on once (issue 12: "two quick submissions registered the same document twice").

Each rendering of a form carries a one-time token beside its CSRF token: congvu's `{% csrf_token %}`
(congvu/web/templatetags/once.py, a builtin of the templates) writes both, so no form can forget it.
The first POST that carries a token claims it: a row of `FormToken`, whose primary key refuses a
second writer on every server alike (not the shared cache, whose culling would drop the sign-in
throttle's counts first). A second POST with the same token
(a double click, a resent page) is not passed to the view: it waits briefly for the first to finish,
then follows it to the page the first was sent to, saying in the official's language that the form
had already been sent; when the first ended otherwise (the form again, with its errors), it answers
409 with that message. The browser's guard (app.js) keeps most double clicks from leaving at all.

A POST without the field (the API, a test client, htmx requests that are not forms) is not checked:
the token prevents an accident, it is no defence against someone set on sending twice."""

import secrets
import time
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from congvu.lib import clock
from congvu.web.models import FormToken

FIELD = "form_once"
KEPT = timedelta(days=1)
WAIT_SECONDS = 10  # how long a duplicate waits for the first request to finish


def new_token() -> str:
    return secrets.token_urlsafe(16)


def already_sent() -> str:
    return _("This form was already sent once; it was not acted on a second time.")


def claim(token: str) -> bool:
    """True for the first POST of this token (and old tokens are forgotten); False for any later one."""
    now = clock.now()
    try:
        with transaction.atomic():
            FormToken.objects.create(token=token, claimed_at=now)
    except IntegrityError:
        return False
    FormToken.objects.filter(claimed_at__lt=now - KEPT).delete()
    return True


class OncePerFormMiddleware:
    """Claims the token of a form POST before its view runs; keeps where the first answer went."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        token = getattr(request, "_once_token", None)
        if token is not None:
            # Where the first submission led (a redirect), for a duplicate to follow; "" otherwise.
            location = response.get("Location", "") if response.status_code in (301, 302, 303) else ""
            FormToken.objects.filter(pk=token).update(location=location[:2000])
        return response

    def process_view(self, request: HttpRequest, view, args, kwargs) -> HttpResponse | None:
        if request.method != "POST" or request.path_info.startswith("/api/"):
            return None
        token = request.POST.get(FIELD, "")
        if not token or len(token) > 64:
            return None
        if claim(token):
            request._once_token = token
            return None
        return duplicate(request, token)


def duplicate(request: HttpRequest, token: str) -> HttpResponse:
    """The answer to a form sent a second time: where the first went, or the message alone."""
    location = first_outcome(token)
    if request.headers.get("HX-Request"):
        return HttpResponse(status=204)  # the first request's answer is the one htmx swaps in
    if location:
        messages.info(request, already_sent())
        return HttpResponseRedirect(location)
    return render(request, "web/already_sent.html", {"message": already_sent()}, status=409)


def first_outcome(token: str) -> str:
    """The first request's redirect, waiting up to WAIT_SECONDS for it to finish (a double click
    arrives while the first is still being acted on)."""
    deadline = time.monotonic() + WAIT_SECONDS
    location = FormToken.objects.filter(pk=token).values_list("location", flat=True).first()
    while location is None and time.monotonic() < deadline:
        time.sleep(0.2)
        location = FormToken.objects.filter(pk=token).values_list("location", flat=True).first()
    return location or ""
