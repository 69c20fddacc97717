"""Abuse resistance of the public report form, with no third-party service (clause 1.7):

- a per-address rate limit, counted as the sign-in throttle counts (`congvu.web.throttle`: Django's
  cache shared by every worker, congvu's clock, the client's address behind trusted proxies);
- a honeypot field people never see (hidden, skipped by the keyboard, no autofill) that robots fill;
- a small sum to work out, signed by the server so it cannot be forged or replayed after two hours.
The size limits are the form's (text length, CONGVU_MAX_UPLOAD_MB)."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

from congvu.lib import clock
from congvu.web.throttle import client_address

CHALLENGE_SALT = "congvu.public.challenge"
CHALLENGE_MAX_AGE = 2 * 3600  # seconds


@dataclass(frozen=True)
class RateLimit:
    name: str
    most: int
    window: timedelta

    def _key(self, request: HttpRequest) -> str:
        address = hashlib.sha256(client_address(request).encode()).hexdigest()[:40]
        return f"congvu:public:{self.name}:{address}"

    def _recent(self, key: str) -> list:
        now = clock.now()
        return [at for at in cache.get(key, []) if now - at < self.window]

    def exceeded(self, request: HttpRequest) -> bool:
        return len(self._recent(self._key(request))) >= self.most

    def count(self, request: HttpRequest) -> None:
        key = self._key(request)
        cache.set(key, [*self._recent(key), clock.now()][-self.most:],
                  int((self.window + timedelta(minutes=1)).total_seconds()))


# Five reports an hour from one address: far above what one citizen files, low enough to stop a flood.
FILING = RateLimit("filing", 5, timedelta(hours=1))
# Lookups by code: generous for a citizen, useless for guessing 50-bit codes.
LOOKUP = RateLimit("lookup", 30, timedelta(hours=1))


@dataclass(frozen=True)
class Challenge:
    question: str
    token: str


def new_challenge() -> Challenge:
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    return Challenge(f"{a} + {b} = ?", signing.dumps({"a": a, "b": b, "n": secrets.token_hex(4)}, salt=CHALLENGE_SALT))


def challenge_answered(token: str, answer: str) -> bool:
    try:
        data = signing.loads(token, salt=CHALLENGE_SALT, max_age=CHALLENGE_MAX_AGE)
    except signing.BadSignature:
        return False
    try:
        return int(answer.strip()) == data["a"] + data["b"]
    except (ValueError, TypeError, KeyError):
        return False
