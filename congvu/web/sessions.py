"""Idle expiry without a write on every page (issue 13).

A session lives SESSION_COOKIE_AGE after its last request (settings: SESSION_SAVE_EVERY_REQUEST).
Saving it on every page was an UPDATE and a COMMIT per page view — under the load test 3 of the list
page's 11 queries, and a write to the database's log for a page that changes nothing. Here an
unchanged session is saved again only once its stored expiry has fallen REFRESH behind where a save
would put it: the idle limit then holds to within REFRESH (a minute of 8 hours), the way an API
token's last use is noted at most once a minute (congvu/api/actions.py). A session whose data
changed (signing in, a form's one-time token, a message) is saved as before, every time."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.middleware import SessionMiddleware
from django.utils import timezone
from django.utils.cache import patch_vary_headers

REFRESH = timedelta(minutes=1)


class SessionStore(DatabaseSessionStore):
    """Django's database sessions, remembering the stored expiry the row was read with."""

    stored_expiry: datetime | None = None

    def load(self) -> dict:
        row = self._get_session_from_db()
        self.stored_expiry = row.expire_date if row is not None else None
        return self.decode(row.session_data) if row is not None else {}


def recently_refreshed(session) -> bool:
    """Unchanged, stored, and its expiry within REFRESH of the one a save now would give it."""
    stored = getattr(session, "stored_expiry", None)
    if session.modified or stored is None or session.get_expire_at_browser_close():
        return False
    return stored >= timezone.now() + timedelta(seconds=session.get_expiry_age()) - REFRESH


class IdleSessionMiddleware(SessionMiddleware):
    """Django's session middleware, but an unchanged session saved less than REFRESH ago is not
    written again (nor its cookie sent again: the browser's copy expires with the stored row)."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if (session is not None and settings.SESSION_COOKIE_NAME in request.COOKIES
                and not session.is_empty() and recently_refreshed(session)):
            patch_vary_headers(response, ("Cookie",))
            return response
        return super().process_response(request, response)
