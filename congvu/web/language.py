"""Which language a page speaks (issue 12): Vietnamese, whatever the browser's Accept-Language says.

English only when it was chosen: by the signed-in official (stored on their record, so it follows
them to any browser), or, before signing in, in the language menu (Django's cookie). The API keeps
its documented contract: Vietnamese unless the request sends `Accept-Language: en`."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from congvu.org import actions
from congvu.org.models import Official
from congvu.web.signed_in import signed_in_official

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def cookie_language(request: HttpRequest) -> str:
    """The language menu's cookie (a signed-out choice), else Vietnamese: never Accept-Language."""
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return cookie if cookie in LANGUAGE_CODES else settings.LANGUAGE_CODE


def stored_language(request: HttpRequest) -> str | None:
    """The signed-in official's own choice, if they made one."""
    official = signed_in_official(request)  # the whole row: the view and the menu then reuse it
    stored = official.language if official is not None else None
    return stored if stored in LANGUAGE_CODES else None


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware (Content-Language, Vary) with congvu's choice of language; placed after
    the authentication middleware, since it reads the signed-in official."""

    def process_request(self, request: HttpRequest) -> None:
        if request.path_info.startswith("/api/"):
            return super().process_request(request)
        # The cookie's language first, without the database: should the query below fail (the database
        # down), the error page still speaks the visitor's language, not a previous request's.
        translation.activate(cookie_language(request))
        if stored := stored_language(request):
            translation.activate(stored)
        request.LANGUAGE_CODE = translation.get_language()


@require_POST
def choose_language(request: HttpRequest) -> HttpResponse:
    """The header's language menu: Django's view (the cookie, the redirect back), and for a signed-in
    official the choice is also remembered on their record."""
    language = request.POST.get("language", "")
    user = request.user
    official = Official.objects.filter(user=user).first() if user.is_authenticated else None
    if language in LANGUAGE_CODES and official is not None:
        actions.set_language(actor=official, language=language)
    response = set_language(request)
    if response.status_code == 204:  # no safe "next": go home rather than answer with nothing
        target = request.POST.get("next", "/")
        safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
        return redirect(target if safe else "/")
    return response
