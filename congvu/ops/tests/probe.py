"""Run inside a scratch installation by the ops tests (`python -m congvu.ops.tests.probe WHAT`), with
that installation's settings; prints one JSON document.

    province            the test province (congvu.testing) and an API token for each persona
    consulted N DAYS    N items of Construction (each with its original), each asking Finance, DAYS days
                        ago (so now overdue)
    tables              each table's rows (none in a database never migrated)
    facts               what the tests check: numbers, counts, chains, steps, files, the trail
    quiet               (PostgreSQL) wait until no other session uses the database — a killed
                        client's transaction has then been rolled back"""

import json
import sys
import time
from collections import Counter
from datetime import timedelta

import django


def province() -> dict:
    from django.test import override_settings

    from congvu.api.actions import issue_token
    from congvu.testing import PASSWORD, PERSONAS, build_province

    # ~0.5 s of PBKDF2 per persona would make every scratch province cost seconds; only the inspector
    # signs in with a password (web pages), so only theirs is hashed the production way.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        p = build_province()
    p.inspector.user.set_password(PASSWORD)
    p.inspector.user.save(update_fields=["password"])
    personas = {*PERSONAS.values(), "inspector", "transport_head"}
    return {
        "tokens": {name: issue_token(official=getattr(p, name), name="ops-tests")[1] for name in sorted(personas)},
        "officials": {name: getattr(p, name).pk for name in sorted(personas)},
        "usernames": {name: getattr(p, name).user.username for name in sorted(personas)},
        "password": PASSWORD,
        "units": {name: getattr(p, name).pk for name in ("construction", "finance", "transport", "office")},
        "matters": {name: getattr(p, name).pk for name in ("building_permit", "planning_approval")},
    }


def persona(username: str):
    from congvu.org.models import Official

    return Official.objects.select_related("user").get(user__username=username)


def consulted(count: str, days_ago: str) -> list[int]:
    from django.core.files.base import ContentFile

    from congvu.consult import actions as consult
    from congvu.lib import clock
    from congvu.org.models import Unit
    from congvu.registry.models import MatterType
    from congvu.work import actions as work

    clerk, head, officer = persona("sxd.clerk"), persona("sxd.head"), persona("sxd.officer")
    construction, finance = Unit.objects.get(code="sxd"), Unit.objects.get(code="stc")
    matter = MatterType.objects.get(code="cap-phep-xay-dung")
    ids = []
    with clock.travel_to(clock.now() - timedelta(days=int(days_ago))):
        for n in range(int(count)):
            item = work.register_incoming(actor=clerk, unit=construction, matter_type=matter, sender="Công ty Sông Cầu",
                                          subject=f"Cấp phép xây dựng nhà xưởng số {n + 1}",
                                          original=ContentFile(f"%PDF-1.4 hồ sơ số {n + 1}".encode()),
                                          original_name=f"ho-so-{n + 1}.pdf")
            work.direct(item, actor=head, lead_unit=construction)
            work.assign(item, actor=head, holder=officer)
            consult.ask(item, actor=officer, units=[finance], question="Ý kiến về nguồn vốn?")
            ids.append(item.pk)
    return ids


def facts() -> dict:
    from django.db import connection
    from django.db.models import Count, Q

    from congvu.consult.models import ConsultationRequest, Notice, Responsibility
    from congvu.ops.backup import missing_files, table_counts
    from congvu.work import trail
    from congvu.work.models import Event, IncomingDocument, NumberSeries, WorkItem

    items = WorkItem.objects.annotate(
        n_events=Count("events", distinct=True), n_steps=Count("steps", distinct=True),
        n_open_steps=Count("steps", filter=Q(steps__ended_at__isnull=True), distinct=True),
    ).order_by("id")
    integrity = connection.cursor().execute("PRAGMA integrity_check").fetchone()[0] if connection.vendor == "sqlite" \
        else None
    return {
        "tables": table_counts(),
        "incoming": list(IncomingDocument.objects.order_by("id").values_list("unit_id", "year", "incoming_number")),
        "series": list(NumberSeries.objects.order_by("id").values_list("unit_id", "year", "series", "last")),
        "notices": list(Notice.objects.order_by("id").values_list("unit_id", "year", "number", "request_id")),
        "items": [{"id": i.pk, "title": i.title, "state": i.state, "event_count": i.event_count, "events": i.n_events,
                   "steps": i.n_steps, "open_steps": i.n_open_steps} for i in items],
        "events": dict(Counter(f"{kind}/{outcome}" for kind, outcome in Event.objects.values_list("kind", "outcome"))),
        "requests": dict(Counter(ConsultationRequest.objects.values_list("state", flat=True))),
        "responsibilities": Responsibility.objects.count(),
        "notice_files": Notice.objects.exclude(file="").count(),
        "missing_files": missing_files(),
        "trail": [str(finding) for finding in trail.verify()],
        "integrity": integrity,
    }


def quiet() -> bool:
    from django.db import connection

    if connection.vendor != "postgresql":
        return True
    deadline = time.monotonic() + 60
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                           "AND pid <> pg_backend_pid()")
            if cursor.fetchone()[0] == 0:
                return True
            time.sleep(0.05)
    return False


def tables() -> dict[str, int]:
    from congvu.ops.backup import table_counts

    return table_counts()


def sign() -> int:
    """Construction's head signs every drafted notice, on the next working day from today at 09:00."""
    from datetime import datetime, time

    from congvu.consult import actions as consult
    from congvu.consult.models import Notice
    from congvu.lib import clock
    from congvu.lib.workdays import TZ
    from congvu.registry.queries import current_calendar

    calendar, today = current_calendar(), clock.today()
    day = today if calendar.is_working_day(today) else calendar.next_working_day(today)
    drafts = list(Notice.objects.filter(number__isnull=True).order_by("id"))
    with clock.travel_to(datetime.combine(day, time(9, 0), tzinfo=TZ)):
        for notice in drafts:
            consult.sign_notice(notice, actor=persona("sxd.head"))
    return len(drafts)


COMMANDS = {"province": province, "consulted": consulted, "sign": sign, "facts": facts, "quiet": quiet,
            "tables": tables}

if __name__ == "__main__":
    django.setup()
    what, *args = sys.argv[1:]
    print(json.dumps(COMMANDS[what](*args), ensure_ascii=False, default=str))
