"""Tell officials something: an in-application notification, and an e-mail once the transaction
commits where an SMTP host is configured (never for a change that was rolled back)."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction

from congvu.lib import clock, fastsql
from congvu.org.models import Notification, Official

log = logging.getLogger("congvu.notify")


def notify(officials: Iterable[Official | None], text: str, url: str = "") -> None:
    """Notify each distinct official once; `None` entries (a vacant post) are skipped."""
    people = {o.pk: o for o in officials if o is not None}
    now = clock.now()
    fastsql.insert_many(
        [Notification(official=o, text=text[:500], url=url, created_at=now) for o in people.values()]
    )
    if settings.EMAIL_HOST:
        mails = [(subject_line(text), text, None, [o.email]) for o in people.values() if o.email]
        transaction.on_commit(lambda: _send(mails))


def subject_line(text: str) -> str:
    """A mail subject from a notification: one line (a newline in an item's title would make Django
    refuse the header after the action committed), at most 120 characters of the text."""
    return "[congvu] " + " ".join(text.split())[:120]


def _send(mails: list[tuple]) -> None:
    try:
        send_mass_mail(mails, fail_silently=False)
    except OSError:  # the in-application notification stands; a mail server outage is only logged
        log.exception("e-mail notification failed")
