"""A late reply that beats the sweep leaves what the sweep leaves (issue 9, clause 2.2): the same draft
notice, a responsibility record naming the silent unit, its head and the official who held the request
(not its head: the request had been handed to an officer), and the same notifications: the asking
unit's head learns a notice waits for signature, the silent unit's head that it is deemed to agree."""

from datetime import datetime

import pytest

from congvu.consult import actions
from congvu.consult import sweep as consult_sweep
from congvu.consult.models import Notice, ReplyPosition, RequestState, Responsibility
from congvu.lib import clock
from congvu.lib.workdays import TZ
from congvu.org.models import Notification

pytestmark = pytest.mark.usefixtures("at_morning")
AFTER_DEADLINE = datetime(2026, 3, 11, 8, 0, tzinfo=TZ)  # asked at MORNING for 5 working days: due 10/03 24:00


def deemed_notes(request) -> dict[int, str]:
    """Who was told of the deemed agreement, and what."""
    rows = Notification.objects.filter(text__startswith=f"Hết thời hạn trả lời, {request.unit.name}")
    return dict(rows.values_list("official_id", "text"))


def test_a_late_reply_before_the_sweep_leaves_the_records_and_notifications_the_sweep_leaves(province, consulted):
    item, finance, transport = consulted
    actions.assign_request(finance, actor=province.finance_head, holder=province.finance_officer)
    with clock.travel_to(AFTER_DEADLINE):
        actions.reply(finance, actor=province.finance_officer, position=ReplyPosition.DISAGREE, reasons="Thiếu vốn")
        consult_sweep.deem_overdue()  # Transport, silent, is settled by the sweep
    asking_side = {province.construction_head.pk, item.holder_id}
    expected = ((finance, province.finance_head, province.finance_officer),  # the late reply came first
                (transport, province.transport_head, province.transport_head))  # the sweep came first
    for request, head, holder in expected:
        request.refresh_from_db()
        assert request.state == RequestState.DEEMED_AGREED and request.deemed_at == request.due_at
        duty = Responsibility.objects.get(request=request)
        assert (duty.unit, duty.head, duty.holder) == (request.unit, head, holder)
        notice = Notice.objects.get(request=request)
        assert (notice.unit, notice.is_signed) == (province.construction, False)
        assert set(deemed_notes(request)) == asking_side | {head.pk, holder.pk}, request.unit
    late = deemed_notes(finance)[province.construction_head.pk]
    assert late.endswith(f"dự thảo thông báo chờ thủ trưởng {province.construction.name} ký ban hành")
    assert late == deemed_notes(transport)[province.construction_head.pk].replace(
        transport.unit.name, finance.unit.name)
