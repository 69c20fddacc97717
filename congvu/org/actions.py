"""Changes an official makes to their own things: marking notifications read, choosing whether
notifications also come by e-mail.

A notification belongs to one official; nobody else may mark it, not even a leader of their unit,
since "read" is a fact about that person. The e-mail choice is the official's own too (their account
page). No item event: neither is part of any item's trail (the change a notification announced
already is).

Each is one transaction (`transaction.atomic`), like every action; work's `@action` decorator is
not borrowed: what it adds — recording a refused rule on an item's trail — has no item here, and
org sits below work."""

from django.db import transaction

from congvu.lib import clock
from congvu.lib.refusals import AccessDenied
from congvu.org.models import Notification, Official
from congvu.org.notify import mark_read_about


def _not_yours() -> AccessDenied:
    return AccessDenied("Thông báo này không phải của bạn.", "This notification is not yours.")


@transaction.atomic
def mark_read(notification: Notification | int, *, actor: Official) -> Notification:
    """Mark one of the actor's own notifications read (once: the first reading time is kept)."""
    pk = notification.pk if isinstance(notification, Notification) else notification
    mine = Notification.objects.filter(pk=pk, official=actor)
    if not mine.exists():
        raise _not_yours()
    mine.filter(read_at__isnull=True).update(read_at=clock.now())
    return mine.get()


@transaction.atomic
def mark_all_read(*, actor: Official) -> int:
    """Mark every unread notification of the actor read; returns how many were unread."""
    return Notification.objects.filter(official=actor, read_at__isnull=True).update(read_at=clock.now())


@transaction.atomic
def set_email_notifications(*, actor: Official, receives: bool) -> Official:
    """The actor's own choice: notifications by e-mail too (when congvu sends mail), or only in the
    application. The address itself is the administrator's to keep."""
    Official.objects.filter(pk=actor.pk).update(receives_email=receives)
    actor.receives_email = receives
    return actor


@transaction.atomic
def set_language(*, actor: Official, language: str) -> Official:
    """The actor's own choice of interface language, remembered on their record (issue 12): it follows
    them to any browser, whatever language that browser asks for. Only a language congvu speaks."""
    if language not in dict(Official._meta.get_field("language").choices):
        raise ValueError(f"not a language of congvu: {language!r}")
    Official.objects.filter(pk=actor.pk).update(language=language)
    actor.language = language
    return actor


@transaction.atomic
def mark_read_on_opening(*, actor: Official, url: str) -> int:
    """The actor opened the page at `url`: their notifications that link there are read."""
    return mark_read_about([actor.pk], url)
