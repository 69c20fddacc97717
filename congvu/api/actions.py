"""Every change to an API token: issue and revoke, one function each, keyword `actor` where a
person acts, one transaction. Authentication only reads (and notes when a token was last used)."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction

from congvu.api.models import ApiToken
from congvu.lib import clock
from congvu.lib.refusals import InvalidInput, InvalidState
from congvu.org.models import Official

TOKEN_PREFIX = "cv_"  # noqa: S105 - marks a congvu token (secret scanners can match it), not a secret
PREFIX_SHOWN = 10
# Noting every use would turn each read into a write; once a minute is precise enough for an audit.
LAST_USED_PRECISION = timedelta(minutes=1)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def issue_token(*, official: Official, name: str) -> tuple[ApiToken, str]:
    """A new token for `official`; returns the stored row and the clear token, which is never stored."""
    name = name.strip()
    if not name or len(name) > 100:
        raise InvalidInput("Tên token phải có từ 1 đến 100 ký tự.", "The token name must be 1 to 100 characters.")
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(official=official, name=name, key_hash=digest(clear),
                                    prefix=clear[:PREFIX_SHOWN], created_at=clock.now())
    return token, clear


@transaction.atomic
def revoke_token(token: ApiToken | int) -> ApiToken:
    """Revoke a token for good (compare-and-set, so revoking twice is refused, not silently redone)."""
    pk = token.pk if isinstance(token, ApiToken) else token
    if not ApiToken.objects.filter(pk=pk, revoked_at__isnull=True).update(revoked_at=clock.now()):
        raise InvalidState("Token này đã bị thu hồi.", "This token is already revoked.")
    return ApiToken.objects.get(pk=pk)


def active_token(clear: str) -> ApiToken | None:
    """The live token with this value (and its official), noting its use at most once a minute."""
    token = (ApiToken.objects.select_related("official__user")
             .filter(key_hash=digest(clear), revoked_at__isnull=True).first())
    if token is None:
        return None
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
