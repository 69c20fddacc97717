"""Who is calling: a bearer token issued to an official (other systems), or a signed-in official's
session (the browser docs), with CSRF checked on a session's writes. Either way the caller must be an
official who serves in a unit today or has an oversight role; anyone else is refused (403) before
any endpoint runs, so an outsider learns nothing.

Both are checked on every request, so a deactivated account (`User.is_active = False`) loses the API
at once (401), whether or not its tokens were revoked yet; so does an expired or revoked token."""

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from congvu.api.actions import active_token
from congvu.lib.clock import today
from congvu.lib.refusals import AccessDenied
from congvu.org.models import Official
from congvu.registry.serving import unit_ids_of

MAX_TOKEN_LENGTH = 200

NOT_AN_OFFICIAL = AccessDenied(
    "Tài khoản này chưa gắn với cán bộ, công chức nào nên không thể xử lý công việc.",
    "This account is not linked to an official, so it cannot handle work.",
)
NO_POSITION = AccessDenied(
    "Bạn chưa được bố trí công tác tại cơ quan, đơn vị nào nên không được sử dụng hệ thống.",
    "You hold no position in any unit, so you may not use the system.",
)


def admit(request: HttpRequest, official: Official | None) -> Official:
    """The official, put on the request, if they may use the API at all."""
    if official is None:
        raise NOT_AN_OFFICIAL
    if not official.sees_everything and not unit_ids_of(official, today()):
        raise NO_POSITION
    request.official = official
    return official


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`, as issued by `congvu apitoken <username>`."""

    def authenticate(self, request: HttpRequest, token: str) -> Official | None:
        token = token.strip()
        if not token or len(token) > MAX_TOKEN_LENGTH:
            return None
        found = active_token(token)
        return admit(request, found.official) if found is not None else None


class OfficialSession(APIKeyCookie):
    """A signed-in browser session. CSRF is checked only once a user is signed in: an anonymous
    request is simply unauthenticated (401), not a CSRF failure."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Official | None:
        user = getattr(request, "user", None)
        # Django's backend already signs a deactivated user out of a live session; checked again here
        # so that no other authentication backend can let one into the API.
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if check_csrf(request) is not None:
            raise HttpError(403, "CSRF")
        return admit(request, Official.objects.filter(user=user).first())

    def authenticate(self, request: HttpRequest, key: str | None) -> Official | None:  # pragma: no cover
        return None  # unused: __call__ decides


API_AUTH = [BearerToken(), OfficialSession()]
