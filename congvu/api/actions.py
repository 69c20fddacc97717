"""Every change to an API token: issue, revoke, and locking an account out (which revokes its
tokens), one function each, keyword `actor`, one transaction. Authentication only reads (and notes
when a token was last used).

The actor of a token change is an administrator (a Django user, at /quan-tri/) or, when `actor` is
None, whoever runs `congvu apitoken` on the server; the token row records which (`issued_by`,
`revoked_by`), and the admin's own change log records the administrator's changes too. Token
changes are no item's business, so they write no event on an item's trail."""

import getpass
import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
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


def recorded_as(actor: AbstractBaseUser | None) -> str:
    """Who acted, as the token row keeps it: "quản trị: <username>" or "dòng lệnh: <server user>"."""
    if actor is not None:
        return f"quản trị: {actor.get_username()}"
    try:
        return f"dòng lệnh: {getpass.getuser()}"
    except (KeyError, OSError):  # a container user with no name: still say it was the command line
        return "dòng lệnh"


def lifetime() -> timedelta:
    return timedelta(days=settings.API_TOKEN_DAYS)


@transaction.atomic
def issue_token(*, official: Official, name: str, actor: AbstractBaseUser | None = None) -> tuple[ApiToken, str]:
    """A new token for `official`, valid for CONGVU_API_TOKEN_DAYS; returns the stored row and the
    clear token, which is never stored."""
    name = name.strip()
    if not name or len(name) > 100:
        raise InvalidInput("Tên token phải có từ 1 đến 100 ký tự.", "The token name must be 1 to 100 characters.")
    if not official.user.is_active:
        raise InvalidState("Tài khoản của cán bộ này đã bị khóa: không cấp token.",
                           "This official's account is deactivated: no token is issued.")
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = clock.now()
    token = ApiToken.objects.create(official=official, name=name, key_hash=digest(clear), prefix=clear[:PREFIX_SHOWN],
                                    created_at=now, expires_at=now + lifetime(), issued_by=recorded_as(actor))
    return token, clear


@transaction.atomic
def revoke_token(token: ApiToken | int, *, actor: AbstractBaseUser | None = None) -> ApiToken:
    """Revoke a token for good (compare-and-set, so revoking twice is refused, not silently redone)."""
    pk = token.pk if isinstance(token, ApiToken) else token
    revoked = ApiToken.objects.filter(pk=pk, revoked_at__isnull=True).update(revoked_at=clock.now(),
                                                                             revoked_by=recorded_as(actor))
    if not revoked:
        raise InvalidState("Token này đã bị thu hồi.", "This token is already revoked.")
    return ApiToken.objects.get(pk=pk)


@transaction.atomic
def deactivate_account(user: AbstractBaseUser, *, actor: AbstractBaseUser | None) -> int:
    """Lock an account out at once: it can no longer sign in, and every live API token of its
    official is revoked for good — activating the account again does not bring them back (a new
    token must be issued). Returns how many tokens were revoked."""
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    live = ApiToken.objects.filter(official__user=user, revoked_at__isnull=True)
    return live.update(revoked_at=clock.now(), revoked_by=f"{recorded_as(actor)} (khóa tài khoản)")


def active_token(clear: str) -> ApiToken | None:
    """The live token with this value — not revoked, not expired, its official's account active —
    noting its use at most once a minute."""
    now = clock.now()
    token = (ApiToken.objects.select_related("official__user")
             .filter(key_hash=digest(clear), revoked_at__isnull=True, expires_at__gt=now,
                     official__user__is_active=True).first())
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
