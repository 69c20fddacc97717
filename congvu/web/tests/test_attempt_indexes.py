"""The refusals and overrides are indexed only where they are (work/0021, oversight/0014: partial on
`outcome <> 'done'`, so that the events done, nearly every action's, write no entry in them). SQLite reads
a partial index only when the query carries its condition: these are the readers that must."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection

from congvu.lib import clock
from congvu.oversight import periods
from congvu.oversight.queries import refusals_and_overrides, refusals_in_units
from congvu.oversight.signal_charges import EVENT_CONDITIONS
from congvu.web.views_dashboard import period_refusals
from congvu.work.models import Event

pytestmark = pytest.mark.django_db

ATTEMPTS, BY_RULE = "work_event_attempt_idx", "oversight_event_rule_attempt_idx"


def reads_partial(index: str, plan: str) -> bool:
    """On an empty table PostgreSQL takes either partial index of the same condition, as cheap."""
    return index in plan if connection.vendor == "sqlite" else ATTEMPTS in plan or BY_RULE in plan


def plan_of(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # an empty table is read whole otherwise, rightly
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(row[-1] for row in cursor.fetchall())


def test_the_dashboard_reads_the_periods_refusals_from_their_index():
    scope = SimpleNamespace(period=periods.year(2025), units=None)
    assert reads_partial(ATTEMPTS, plan_of(period_refusals(scope).values_list("pk", flat=True)[:10]))
    assert reads_partial(ATTEMPTS, plan_of(period_refusals(scope).order_by()))


def test_the_export_and_the_heads_list_read_the_refusals_from_their_index():
    assert reads_partial(ATTEMPTS, plan_of(refusals_and_overrides()[:100]))
    assert reads_partial(ATTEMPTS, plan_of(refusals_in_units({1}, clock.now() - timedelta(days=30))[:10]))


@pytest.mark.parametrize("code", ["own_transfer", "foreign_matter", "unrelated_consultation"])
def test_the_signals_read_the_refused_attempts_by_rule_from_their_index(code):
    year = periods.year(2025)
    events = Event.objects.filter(EVENT_CONDITIONS[code], at__gte=year.start_at, at__lt=year.end_at)
    assert reads_partial(BY_RULE, plan_of(events.values("unit_id", "actor_id")))
