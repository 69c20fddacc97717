"""The error pages' views, where Django's own would not do. 400, 403 and 404 need none: Django's
handlers render the templates of the same name (congvu/web/templates/4xx.html) with the request's
context, so a signed-in official keeps the site's menu and language."""

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.template.context_processors import csrf
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """handler500. The failure may be the database's, so the page is rendered without the context
    processors (the menu's `official` is a query): only the header, the language form (hence the CSRF
    token, which needs no database) and the link home."""
    return HttpResponseServerError(loader.render_to_string("500.html", {"request": request, **csrf(request)}))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent without a valid token, usually one left open too long or a
    sign-out in another tab. Django's `reason` is technical English and already in the log
    (django.security.csrf); the page says what to do, in the official's language."""
    return render(request, "403_csrf.html", status=403)
