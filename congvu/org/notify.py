"""Tell officials something: an in-application notification, and an e-mail copy once the transaction
commits where an SMTP host is configured (never for a change that was rolled back).

The copy goes to each official with an address, an active account, who has not turned e-mail off
on their account page. It is in Vietnamese (the default language; a sweep has no reader to ask),
links to the item at CONGVU_BASE_URL, and says how to stop the mails. Sending is best effort: the
in-application notification is the record, so a mail server that fails is logged, never an error
for the action that already committed."""

import logging
from collections.abc import Iterable
from functools import cache

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.urls import reverse

from congvu.lib import clock, fastsql
from congvu.org.models import Notification, Official

log = logging.getLogger("congvu.notify")


NOTIFICATION_COLUMNS = ("official_id", "text", "url", "created_at", "read_at")


def notify(officials: Iterable[Official | None], text: str, url: str = "") -> None:
    """Notify each distinct official once; `None` entries (a vacant post) are skipped."""
    notify_ids([o.pk for o in officials if o is not None], text, url)


def notify_ids(official_ids: Iterable[int | None], text: str, url: str = "") -> None:
    """`notify` for officials known by id (a reply knows its item's holder so): no `Official` to build."""
    people = dict.fromkeys(pk for pk in official_ids if pk is not None)
    now = clock.now()
    fastsql.insert_rows(Notification, NOTIFICATION_COLUMNS, [(pk, text[:500], url, now, None) for pk in people])
    mail_copies((pk, text, url) for pk in people)


def mail_copies(notes: Iterable[tuple[int, str, str]]) -> None:
    """E-mail copies of notifications given as (official id, text, url), sent after the commit; one
    query for the addresses, whatever the number. Nothing at all when no SMTP host is configured."""
    if not settings.EMAIL_HOST:
        return
    notes = list(notes)
    addresses = dict(
        Official.objects.filter(pk__in={pk for pk, _text, _url in notes}, receives_email=True, user__is_active=True)
        .exclude(email="").values_list("pk", "email")
    )
    mails = [mail(text, url, addresses[pk]) for pk, text, url in notes if pk in addresses]
    if mails:
        transaction.on_commit(lambda: _send(mails))


def subject_line(text: str) -> str:
    """A mail subject from a notification: one line (a newline in an item's title would make Django
    refuse the header after the action committed), at most 120 characters of the text."""
    return "[congvu] " + " ".join(text.split())[:120]


def mail(text: str, url: str, address: str) -> EmailMessage:
    base = settings.CONGVU_BASE_URL
    body = (
        f"{text}\n\n"
        f"Xem trong congvu: {base}{url or '/'}\n\n"
        "-- \n"
        "Thư tự động từ congvu, hệ thống theo dõi thực thi công vụ; xin đừng trả lời thư này.\n"
        "Không muốn nhận thông báo qua thư điện tử nữa: bỏ chọn “Nhận thông báo qua thư điện tử” "
        f"tại {base}{reverse('password_change')}\n"
    )
    # Auto-Submitted (RFC 3834): out-of-office replies are not sent back to an automatic message.
    return EmailMessage(subject_line(text), body, to=[address], headers={"Auto-Submitted": "auto-generated"})


def _send(mails: list[EmailMessage]) -> None:
    """Each mail on its own (a refused address does not stop the others), over one connection."""
    try:
        with get_connection(fail_silently=False) as connection:
            for message in mails:
                try:
                    connection.send_messages([message])
                except Exception:
                    log.exception("e-mail notification to %s failed", ", ".join(message.to))
    except Exception:  # no connection at all; the in-application notifications stand
        log.exception("e-mail notifications failed: the mail server cannot be reached (%s mails)", len(mails))


# The reminder the consultation sweep sends (congvu.consult.sweep) starts so; a reply clears it.
REMINDER_PREFIX = "Nhắc hạn: trả lời xin ý kiến"


def mark_read_about(official_ids, url: str, *, text_prefix: str = "", read_first: bool = True) -> int:
    """Mark read the unread notifications of these officials that link to `url` (and whose text starts
    with `text_prefix`): the official opened the page they announce, or the reply a reminder asked for
    was sent (issue 12). A read first, so a page view takes SQLite's writer lock only when there is
    something to mark; an action, which holds that lock already, skips it (`read_first=False`).
    Returns how many were marked. The SQL is built once per number of officials: building the ORM's
    filter was the largest step of a consultation reply (~60 % of its time outside COMMIT; cProfile of
    `congvu bench`)."""
    ids = list(dict.fromkeys(official_ids))
    if not ids:
        return 0
    exists_sql, update_sql = _unread_sql(connection.vendor, len(ids))
    like = connection.ops.prep_for_like_query(text_prefix) + "%"
    with connection.cursor() as cursor:
        if read_first:
            cursor.execute(exists_sql, [*ids, url, like])
            if cursor.fetchone() is None:
                return 0
        read_at = Notification._meta.get_field("read_at").get_db_prep_save(clock.now(), connection)
        cursor.execute(update_sql, [read_at, *ids, url, like])
        return cursor.rowcount


@cache
def _unread_sql(vendor: str, officials: int) -> tuple[str, str]:
    """(exists, update) for `mark_read_about`: the same conditions as the ORM's filter
    `official__in=…, url=…, read_at__isnull=True, text__startswith=…`, LIKE as the backend writes it."""
    q, meta = connection.ops.quote_name, Notification._meta
    column = {f.attname: q(f.column) for f in meta.concrete_fields}
    marks = ", ".join(["%s"] * officials)
    startswith = connection.operators["startswith"] % "%s"
    condition = (f"{column['official_id']} IN ({marks}) AND {column['url']} = %s AND {column['read_at']} IS NULL"
                 f" AND {column['text']} {startswith}")
    table = q(meta.db_table)
    return (f"SELECT 1 FROM {table} WHERE {condition} LIMIT 1",  # noqa: S608
            f"UPDATE {table} SET {column['read_at']} = %s WHERE {condition}")  # noqa: S608
