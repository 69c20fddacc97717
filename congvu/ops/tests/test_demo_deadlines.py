"""The demo shows issue 9's cases of clause 1.5 and of the days held (congvu/ops/demo/cases_deadlines.py):
a self-extension counted, an extension above the limit approved by the Province office, an overdue
completion with its cause, and a transfer whose days stay with the first unit."""

import pytest

from congvu.lib import clock
from congvu.ops.tests.test_demo import build
from congvu.org.models import Role
from congvu.oversight.queries import unit_figures
from congvu.testing import MORNING
from congvu.work.models import Event, EventKind, ExtensionRequest, ExtensionStatus, State, WorkItem

pytestmark = pytest.mark.django_db


def test_the_demo_shows_each_deadline_case(db):
    build()
    with clock.travel_to(MORNING):
        figures = {f.unit_name: f for f in unit_figures()}

    self_extended = Event.objects.filter(kind=EventKind.EXTEND, data__approval="self")
    assert self_extended.exists()

    approved = ExtensionRequest.objects.get(status=ExtensionStatus.APPROVED)
    assert approved.decided_by.role == Role.PROVINCE_OFFICE and approved.decision_reason
    above = Event.objects.get(kind=EventKind.EXTEND, data__approval="above")
    assert above.item_id == approved.item_id and figures[approved.unit.name].extensions_above == 1

    completed = WorkItem.objects.get(title__contains="nhà xưởng chế biến nông sản Phú Thịnh")
    assert completed.state == State.COMPLETED and completed.delay_cause == "dossier"
    assert completed.legal_due_at < completed.completed_at <= completed.due_at  # on time after extension
    assert figures["Sở Xây dựng"].completed_after_extension >= 1

    passed_on = WorkItem.objects.get(title__contains="cửa hàng xăng dầu", state=State.TRANSFERRED)
    transport = figures[passed_on.lead_unit.name]
    assert (transport.passed_on, transport.held_beyond_share) >= (1, 1) and transport.days_held >= 4
