"""The benchmarks' bulk trails (`congvu.ops.signalfill`): true hash chains that `audit verify` accepts,
with every signal the trail feeds present, so `dashbench --trail` times the signals on real work."""

from datetime import date

import pytest
from django.db import connection

from congvu.lib import clock
from congvu.ops.listbench import NOW, fill
from congvu.ops.province import build_synthetic
from congvu.ops.signalfill import fill_trails
from congvu.org.models import Official, Role
from congvu.oversight.period_figures import extensions_in, held_in
from congvu.oversight.periods import Period
from congvu.oversight.signal_charges import EVENT_CONDITIONS
from congvu.oversight.signals import signals_by_unit, totals
from congvu.work.models import Event, WorkItem
from congvu.work.trail import verify

EVERYTHING = Period("custom", date(2024, 1, 1), date(2026, 12, 31))


@pytest.fixture
def filled(db):
    with clock.travel_to(NOW):
        fill(build_synthetic(), 400)
        made = fill_trails(10, NOW)
    return made


def test_the_bulk_trails_are_true_chains(filled):
    assert filled == Event.objects.count() >= 400 * 10
    assert not WorkItem.objects.filter(event_count=0).exists()
    assert verify() == []


def test_every_signal_read_from_the_trail_has_records(filled):
    with clock.travel_to(NOW):
        counted = totals(signals_by_unit(EVERYTHING))
        assert {code: counted.get(code, 0) > 0 for code in EVENT_CONDITIONS} == dict.fromkeys(EVENT_CONDITIONS, True)
        assert sum(h.items for h in held_in(EVERYTHING).values()) > 0  # transfers and returns: days held
        assert sum(sum(e.values()) for e in extensions_in(EVERYTHING).values()) > 0


@pytest.mark.django_db
def test_the_dashboard_indexes_exist():
    """The period dashboard's indexes (oversight migration 0008) on the trail, the items and the steps."""
    with connection.cursor() as cursor:
        names = {table: set(connection.introspection.get_constraints(cursor, table))
                 for table in ("work_event", "work_workitem", "work_step")}
    assert {"oversight_event_kind_idx", "oversight_event_rule_attempt_idx"} <= names["work_event"]
    assert "oversight_item_registered_idx" in names["work_workitem"]
    assert {"oversight_step_holder_due_idx", "oversight_step_ended_idx"} <= names["work_step"]


def test_the_dashboard_shows_the_bulk_trails(filled, client):
    """The events read as the actions write them: the refusals' messages are on the page."""
    reader = Official.objects.filter(user__isnull=False).order_by("pk").first()
    Official.objects.filter(pk=reader.pk).update(role=Role.HOME_AFFAIRS)
    client.force_login(reader.user)
    with clock.travel_to(NOW):
        page = client.get("/tong-hop/?ky=nam&nam=2025")
    assert page.status_code == 200
    assert "Thao tác bị từ chối theo quy tắc." in page.content.decode()
