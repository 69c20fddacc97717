"""Sign-in throttling: growing delays instead of locks, counted per account and per address.

Why. A hard lock lets anyone shut an official out with five requests, and a per-address lock shuts
out every official behind one proxy (a whole province). So a failure buys a *wait* before the next
attempt is even evaluated; the wait doubles with each failure and is capped, and it depends on who
failed where:

    counter                        free failures   then waits        at most   failures forgotten after
    the account, from anywhere     3               1, 2, 4 … s       1 min     1 hour
    the account, from one address  3               1, 2, 4 … s       15 min    24 hours
    the address, any account       20              1, 2, 4 … s       10 min    1 hour

- The account's own counter is what stops guessing spread over many addresses: whatever their
  number, one account is evaluated at most once a minute (≤ 1,440 guesses a day), and since that is
  also the most failures elsewhere can cost the real owner, a stranger can never keep them out for
  more than a minute. A success clears the account's counters (not the address's: one's own valid
  account must not reset the count of guesses made at other people's).
- One address guessing one account reaches the 15-minute wait after 14 failures (~110 guesses a day).
- One address guessing many accounts gets 20 free failures (a busy office mistypes too), then waits.
  Behind a reverse proxy every official would share the proxy's address: list the proxies in
  CONGVU_TRUSTED_PROXIES and the address counted is the client's (`client_address`).
- The typed name is normalised as Django compares user names (NFKC + case-fold) and resolved to the
  account, so "SXD.Clerk" or a full-width "ｓｘｄ．ｃｌｅｒｋ" count against sxd.clerk; a name with no
  account is counted under its normalised self (so it is throttled too, and a guess reveals nothing).
- An attempt during a wait is refused (429, Vietnamese message with the time left) *before* the
  password is checked, and is not counted: retrying early neither succeeds nor extends the wait.
- Concurrent attempts would all read the same counters and all be evaluated; once a counter is past
  its free failures, an attempt must also take its turn (an atomic `cache.add`) and a second
  concurrent attempt is refused. Below that, the race can give away at most one extra burst of the
  server's thread count per window.

Storage: Django's cache (the database cache table in production, shared by every worker and server;
a memory cache in tests). congvu's clock (`congvu.lib.clock`) decides which failures still count,
so tests travel in time; the cache's own expiry (real time) only collects old keys.

Both sign-in doors use it: the site's (`/dang-nhap/`) and the administration's (`/quan-tri/login/`),
through the forms below and the `throttled` view wrapper."""

import hashlib
import ipaddress
import math
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache as memoize
from functools import wraps

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congvu.lib import clock

TOO_MANY_REQUESTS = 429
FIRST_WAIT = timedelta(seconds=1)
KEPT = 64  # failures kept per counter: far more than it takes to reach any cap
TURN_SECONDS = 30  # a turn left by a crashed worker frees itself after this long (real time)
BUSY = timedelta(seconds=1)  # what an attempt refused for a concurrent one is told to wait


@dataclass(frozen=True)
class Limit:
    free: int  # failures that cost nothing (typing mistakes)
    cap: timedelta  # the longest wait
    window: timedelta  # failures older than this no longer count

    def wait_after(self, failures: int) -> timedelta:
        """The wait imposed by the last of `failures` recent failures: nothing, then 1 s doubling."""
        if failures <= self.free:
            return timedelta(0)
        return min(FIRST_WAIT * 2 ** min(failures - self.free - 1, 30), self.cap)


ACCOUNT = Limit(free=3, cap=timedelta(minutes=1), window=timedelta(hours=1))
ACCOUNT_AT_ADDRESS = Limit(free=3, cap=timedelta(minutes=15), window=timedelta(hours=24))
ADDRESS = Limit(free=20, cap=timedelta(minutes=10), window=timedelta(hours=1))


class Throttled(Exception):
    """The attempt may not be evaluated yet; `wait` is the time left."""

    def __init__(self, wait: timedelta) -> None:
        super().__init__(wait)
        self.wait = wait


def normalised(name: str) -> str:
    """The typed name as Django compares user names: NFKC, then case-folded."""
    return unicodedata.normalize("NFKC", name.strip()).casefold()


def account_of(typed_name: str) -> str:
    """The account a typed name designates: its user's pk when one matches (case-insensitively, the
    exact spelling preferred), else the normalised name itself."""
    name = unicodedata.normalize("NFKC", typed_name.strip())
    user_model = get_user_model()
    field = user_model.USERNAME_FIELD
    matches = dict(user_model._default_manager.filter(**{f"{field}__iexact": name}).values_list(field, "pk")[:10])
    pk = matches.get(name) or (next(iter(matches.values())) if len(matches) == 1 else None)
    return f"user:{pk}" if pk is not None else f"name:{normalised(name)}"


@memoize
def _networks(configured: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(value, strict=False) for value in configured)


def _is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.CONGVU_TRUSTED_PROXIES)))


def client_address(request: HttpRequest) -> str:
    """Who is asking. REMOTE_ADDR, unless it is one of CONGVU_TRUSTED_PROXIES: then the right-most
    address of X-Forwarded-For that is not a trusted proxy (each proxy appends the address it saw,
    so everything left of that was written by the client and may be forged)."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted_proxy(remote):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    return next((hop for hop in reversed(hops) if hop and not _is_trusted_proxy(hop)), remote)


def _key(kind: str, *parts: str) -> str:
    # Hashed: typed names and forwarded addresses may hold anything, cache keys may not.
    return f"congvu:login:{kind}:{hashlib.sha256('|'.join(parts).encode()).hexdigest()[:40]}"


class SignIn:
    """One sign-in attempt: its counters, and the three things that can happen to them."""

    def __init__(self, request: HttpRequest, typed_name: str) -> None:
        account, address = account_of(typed_name), client_address(request)
        self.account_keys = [_key("account", account), _key("account-at", account, address)]
        self.limits = {
            self.account_keys[0]: ACCOUNT,
            self.account_keys[1]: ACCOUNT_AT_ADDRESS,
            _key("address", address): ADDRESS,
        }

    def _failures(self, now: datetime) -> dict[str, list[datetime]]:
        stored = cache.get_many(list(self.limits))
        return {key: [at for at in stored.get(key, []) if now - at < limit.window]
                for key, limit in self.limits.items()}

    def wait(self, failures: dict[str, list[datetime]] | None = None) -> timedelta:
        """How long until this attempt may be evaluated (zero: now)."""
        now = clock.now()
        failures = self._failures(now) if failures is None else failures
        waits = [recent[-1] + self.limits[key].wait_after(len(recent)) - now
                 for key, recent in failures.items() if recent]
        return max([timedelta(0), *waits])

    @contextmanager
    def turn(self) -> Iterator[None]:
        """Evaluate the attempt inside this block, or raise Throttled with the time left."""
        counted = self._failures(clock.now())
        if (wait := self.wait(counted)) > timedelta(0):
            raise Throttled(wait)
        contested = [f"{key}:turn" for key, limit in self.limits.items() if len(counted[key]) >= limit.free]
        taken = [key for key in contested if cache.add(key, 1, TURN_SECONDS)]
        try:
            if len(taken) < len(contested):
                raise Throttled(BUSY)
            if (wait := self.wait()) > timedelta(0):
                raise Throttled(wait)  # a concurrent attempt failed between our first look and our turn
            yield
        finally:
            cache.delete_many(taken)

    def failed(self) -> timedelta:
        """Count a wrong password; returns the wait it imposes on the next attempt."""
        now = clock.now()
        for key, failures in self._failures(now).items():
            limit = self.limits[key]
            cache.set(key, [*failures, now][-KEPT:], int((limit.window + timedelta(minutes=1)).total_seconds()))
        return self.wait()

    def succeeded(self) -> None:
        """The right password clears the account's counters, never the address's."""
        cache.delete_many(self.account_keys)


def wait_text(wait: timedelta) -> str:
    """A wait as an official reads it, rounded up: "3 giây", "2 phút"."""
    seconds = math.ceil(wait.total_seconds())
    if seconds < 60:
        return ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


class ThrottledAuthentication:
    """Mixin for Django's authentication forms: the password is checked only on the attempt's turn,
    and its outcome is counted. `throttled_for` is set when the attempt was refused unevaluated."""

    throttled_for: timedelta | None = None

    def clean(self) -> dict:
        username, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if not (username and password):
            return super().clean()  # an incomplete form checks no password, so it counts nothing
        attempt = SignIn(self.request, username)
        try:
            with attempt.turn():
                return self._evaluate(attempt)
        except Throttled as refused:
            self.throttled_for = refused.wait
            raise ValidationError(
                _("Too many failed sign-ins. Please wait %(wait)s and try again.") % {"wait": wait_text(refused.wait)},
                code="throttled",
            ) from None

    def _evaluate(self, attempt: SignIn) -> dict:
        try:
            cleaned = super().clean()
        except ValidationError as error:
            # No user: the password did not match (or no such account). A user refused afterwards
            # (not staff, for the administration) knew the password: neither counted nor cleared.
            if self.user_cache is None and (wait := attempt.failed()) > timedelta(0):
                notice = _("Please wait %(wait)s before the next attempt.") % {"wait": wait_text(wait)}
                raise ValidationError([*error.error_list, ValidationError(notice, code="wait")]) from None
            raise
        attempt.succeeded()
        return cleaned


class ThrottledAuthenticationForm(ThrottledAuthentication, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(ThrottledAuthentication, AdminAuthenticationForm):
    pass


def throttled(login_view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer 429 with Retry-After when the view's throttled form refused the attempt (the page is
    the sign-in form again, with the reason)."""

    @wraps(login_view)
    def view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = login_view(request, *args, **kwargs)
        form = (getattr(response, "context_data", None) or {}).get("form")
        if (wait := getattr(form, "throttled_for", None)) is not None:
            response.status_code = TOO_MANY_REQUESTS
            response["Retry-After"] = str(math.ceil(wait.total_seconds()))
        return response

    return view
