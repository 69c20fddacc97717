"""The error pages' views, where Django's own would not do. 400, 403 and 404 need none: Django's
handlers render the templates of the same name (congvu/web/templates/4xx.html) with the request's
context, so a signed-in official keeps the site's menu and language."""

import sys

from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.template.context_processors import csrf
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.views.decorators.csrf import requires_csrf_token

from congvu.lib.headers import API_PREFIX
from congvu.lib.unavailable import RETRY_AFTER_SECONDS, is_unavailable, refusal_for
from congvu.web.language import cookie_language


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """handler500. The failure may be the database's, so the page is rendered without the context
    processors (the menu's `official` is a query): only the header, the language form (hence the CSRF
    token, which needs no database) and the link home.

    When the database itself failed (down, restarting, disk full), 503 with Retry-After instead
    (`unavailable`). That is decided here, not in a middleware: Django turns an exception into a
    response at every middleware layer, so only handler500 sees one raised by the session or
    authentication middleware as well as by a view. Django calls it while the exception is handled."""
    error = sys.exc_info()[1]
    if not request.path_info.startswith(API_PREFIX):
        # The failure may have come before the language middleware ran: the cookie's choice (or
        # Vietnamese), never the language a previous request left active in this thread.
        translation.activate(cookie_language(request))
    if is_unavailable(error):
        return unavailable(request, error)
    return HttpResponseServerError(loader.render_to_string("500.html", {"request": request, **csrf(request)}))


def unavailable(request: HttpRequest, error: BaseException) -> HttpResponse:
    """503 and Retry-After: JSON under /api/ (the API's error body, for a request whose failure came
    before the API's own handler could see it), otherwise a page in the official's language."""
    refusal = refusal_for(error)
    if request.path_info.startswith(API_PREFIX):
        body = {**refusal.as_dict(get_language() or "vi"), "errors": []}
        response = JsonResponse(body, status=503, json_dumps_params={"ensure_ascii": False})
    else:
        message = refusal.message(get_language() or "vi")
        page = loader.render_to_string("503.html", {"request": request, "message": message, **csrf(request)})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent without a valid token, usually one left open too long or a
    sign-out in another tab. Django's `reason` is technical English and already in the log
    (django.security.csrf); the page says what to do, in the official's language."""
    return render(request, "403_csrf.html", status=403)
