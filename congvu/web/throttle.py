"""Login throttling: after 5 failed sign-ins for one user name, or from one address, within 15
minutes, further attempts are refused for 15 minutes, without even checking the password (so a
guess made during the lock cannot succeed either).

The attempts live in Django's cache: no table, no migration, and the clock is congvu's own
(`congvu.lib.clock`), so tests can travel past the lock. With the default per-process memory cache
each worker process counts on its own; a shared cache (database or Redis) in CACHES makes the count
exact across workers."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from congvu.lib import clock

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
LOCK = timedelta(minutes=15)
# The cache keeps a key a little longer than it can matter; congvu's clock decides what counts.
KEEP_SECONDS = int((WINDOW + LOCK).total_seconds()) + 60
TOO_MANY_REQUESTS = 429


def keys_for(request: HttpRequest, username: str) -> list[str]:
    keys = [f"congvu:login:ip:{request.META.get('REMOTE_ADDR', '')}"]
    if username:
        keys.append(f"congvu:login:user:{username.strip().lower()}")
    return keys


def _state(key: str) -> dict:
    return cache.get(key) or {"failures": [], "locked_until": None}


def locked(keys: list[str]) -> bool:
    now = clock.now()
    return any((until := _state(key)["locked_until"]) is not None and now < until for key in keys)


def record_failure(keys: list[str]) -> None:
    now = clock.now()
    for key in keys:
        state = _state(key)
        recent = [at for at in state["failures"] if now - at < WINDOW] + [now]
        until = now + LOCK if len(recent) >= MAX_FAILURES else state["locked_until"]
        # A lock starts a fresh count: once it ends, the next five failures are needed again.
        cache.set(key, {"failures": [] if until and until > now else recent, "locked_until": until}, KEEP_SECONDS)


def forget(keys: list[str]) -> None:
    """A successful sign-in clears its user name's count (never the address's: one's own valid
    account must not reset the count of guesses at other people's)."""
    cache.delete_many([key for key in keys if ":user:" in key])


class ThrottledLoginView(LoginView):
    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        keys = keys_for(request, request.POST.get("username", ""))
        if locked(keys):
            return self.refused(request)
        response = super().post(request, *args, **kwargs)
        if request.user.is_authenticated:
            forget(keys)
        elif request.POST.get("username") and request.POST.get("password"):
            record_failure(keys)
            if locked(keys):
                return self.refused(request)
        return response

    def refused(self, request: HttpRequest) -> HttpResponse:
        """The sign-in page again, with the reason (shown by the layout's messages) and a 429."""
        messages.error(request, _("Too many failed sign-ins. Please wait 15 minutes and try again."))
        form = AuthenticationForm(request, initial={"username": request.POST.get("username", "")})
        return self.render_to_response(self.get_context_data(form=form), status=TOO_MANY_REQUESTS)
