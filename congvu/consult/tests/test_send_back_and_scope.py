"""Clause 2.2 beyond the reply: whom a unit may consult, a consulted unit sending the request back
with grounds (its clock stops; counted against the wrong side), a late reply deemed agreement with
the same records whether or not the sweep came first, and the head reminded of unsigned notices."""

from datetime import date, datetime, timedelta

import pytest

from congvu.consult import actions
from congvu.consult import sweep as consult_sweep
from congvu.consult.models import (
    ConsultationRequest,
    Notice,
    ReplyPosition,
    RequestState,
    Responsibility,
    SendBackGrounds,
)
from congvu.consult.queries import requests_to_unit
from congvu.lib import clock
from congvu.lib.refusals import AccessDenied, InvalidState, RuleViolation
from congvu.lib.workdays import TZ
from congvu.org.models import Notification, Title, Unit, UnitKind
from congvu.registry.models import RegulationParameter
from congvu.testing import QUESTION, working_item
from congvu.work import actions as work
from congvu.work.models import Event, Outcome, State

pytestmark = pytest.mark.usefixtures("at_morning")
MIDNIGHT = datetime(2026, 3, 11, 0, 0, tzinfo=TZ)  # the requests asked at MORNING ran out at 10/03 24:00


def ask(p, units, item=None):
    return actions.ask(item or working_item(p), actor=p.construction_officer, units=units, question=QUESTION)


# Whom a unit may consult -------------------------------------------------------------------------------

def test_the_province_office_and_own_divisions_are_refused_and_the_registry_widens(province):
    item = working_item(province)
    division = Unit.objects.create(code="sxd-qlxd", name="Phòng Quản lý xây dựng", abbrev="QLXD",
                                   kind=UnitKind.DIVISION, parent=province.construction)
    for unit in (province.office, province.committee, division):
        with pytest.raises(RuleViolation) as caught:
            ask(province, [unit], item)
        assert caught.value.code == "R-2.2-NOT-CONSULTABLE"
    assert Event.objects.filter(item=item, outcome=Outcome.REFUSED, rule_code="R-2.2-NOT-CONSULTABLE").count() == 3
    setting = RegulationParameter.objects.get(key="consultation_any_unit")
    setting.value = 1
    setting.save()
    with pytest.raises(RuleViolation) as caught:
        ask(province, [division], item)
    assert caught.value.code == "R-2.2-NOT-CONSULTABLE"
    consultation = actions.ask(item, actor=province.construction_head, units=[province.office], question=QUESTION,
                               override_reason="Văn phòng theo dõi chương trình công tác")
    assert consultation.requests.get().unit == province.office


# Sending back ------------------------------------------------------------------------------------------

def test_a_consulted_unit_sends_the_request_back_with_grounds_and_its_clock_stops(province, consulted):
    item, finance, transport = consulted
    with pytest.raises(RuleViolation) as caught:
        actions.send_back(finance, actor=province.finance_head, grounds=SendBackGrounds.NOT_RELATED, reason=" ")
    assert caught.value.code == "R-2.2-SEND-BACK-GROUNDS"
    with pytest.raises(AccessDenied):
        actions.send_back(finance, actor=province.transport_head, grounds=SendBackGrounds.NOT_RELATED,
                          reason="Không thuộc chức năng")
    back = actions.send_back(finance, actor=province.finance_head, grounds=SendBackGrounds.OWN_MATTER,
                             reason="Việc thuộc thẩm quyền của Sở Xây dựng")
    assert back.state == RequestState.SENT_BACK and back.send_back_charged_to == province.construction
    actions.reply(transport, actor=province.transport_head, position=ReplyPosition.AGREE)
    item.refresh_from_db()
    assert item.state == State.IN_PROGRESS  # nothing left to wait for
    with clock.travel_to(MIDNIGHT):
        assert consult_sweep.deem_overdue() == 0  # its clock stopped: no deemed agreement, no notice
    assert not Notice.objects.exists() and not Responsibility.objects.exists()
    with pytest.raises(InvalidState):
        actions.reply(finance, actor=province.finance_head, position=ReplyPosition.AGREE)
    assert Event.objects.get(item=item, kind="consult_send_back").data["grounds"] == "own_matter"


def test_home_affairs_finds_on_a_send_back_and_it_counts_against_the_wrong_side(province, consulted):
    finance = actions.send_back(consulted.finance, actor=province.finance_head,
                                grounds=SendBackGrounds.NOT_RELATED, reason="Không liên quan đến tài chính")
    with pytest.raises(AccessDenied):
        actions.find_on_send_back(finance, actor=province.construction_head, upheld=False)
    found = actions.find_on_send_back(finance, actor=province.inspector, upheld=False)
    assert (found.send_back_upheld, found.send_back_charged_to) == (False, province.finance)
    found = actions.find_on_send_back(finance, actor=province.inspector, upheld=True)
    assert found.send_back_charged_to == province.construction


# Late replies, the sweep and the notice ----------------------------------------------------------------

def records(request):
    return Notice.objects.get(request=request), Responsibility.objects.get(request=request)


def test_a_late_reply_leaves_the_same_records_before_or_after_the_sweep(province, consulted):
    item, finance, transport = consulted
    with clock.travel_to(MIDNIGHT + timedelta(hours=8)):  # Finance replies late, before any sweep
        actions.reply(finance, actor=province.finance_head, position=ReplyPosition.DISAGREE, reasons="Thiếu vốn")
        consult_sweep.deem_overdue()  # then the sweep settles Transport, silent
        actions.reply(transport, actor=province.transport_head, position=ReplyPosition.AGREE)  # and late after it
    (early, early_duty), (_, after_duty) = records(finance), records(transport)
    for request, duty in ((finance, early_duty), (transport, after_duty)):
        request.refresh_from_db()
        assert request.state == RequestState.DEEMED_AGREED and request.deemed_at == MIDNIGHT and request.late
        assert (duty.head, duty.holder) == (request.unit.positions.get(title=Title.HEAD).official, request.holder)
    with clock.travel_to(MIDNIGHT + timedelta(hours=9)):
        signed = actions.sign_notice(early, actor=province.construction_head)
    body = "\n".join(signed.content["paragraphs"])
    assert "sau thời hạn nêu trên, Sở Tài chính có ý kiến (Không đồng ý): Thiếu vốn" in body
    assert "được coi là đồng ý" in body


def test_unsigned_drafts_remind_the_head_every_working_day_and_stop_once_signed(province, consulted):
    with clock.travel_to(MIDNIGHT):
        consult_sweep.deem_overdue()
    reminders = Notification.objects.filter(official=province.construction_head, text__contains="chưa được ký")
    for day in (11, 12, 13):  # Wednesday to Friday: once a day for each of the two drafts
        with clock.travel_to(datetime(2026, 3, day, 8, 0, tzinfo=TZ)):
            assert consult_sweep.remind_unsigned() == 2
            assert consult_sweep.remind_unsigned() == 0
    with clock.travel_to(datetime(2026, 3, 14, 8, 0, tzinfo=TZ)):  # Saturday: none
        assert consult_sweep.remind_unsigned() == 0
    assert reminders.count() == 6
    with clock.travel_to(datetime(2026, 3, 16, 8, 0, tzinfo=TZ)):
        actions.sign_notice(Notice.objects.order_by("id").first(), actor=province.construction_head)
        assert consult_sweep.remind_unsigned() == 1
    assert Notice.objects.filter(reminded_on=date(2026, 3, 16)).count() == 1


# An incoming letter asking for an opinion by a date ----------------------------------------------------

def incoming(p, sender: str, reply_due=date(2026, 3, 6)):
    return work.register_incoming(actor=p.construction_clerk, unit=p.construction, matter_type=p.building_permit,
                                  sender=sender, subject="Xin ý kiến về dự thảo bảng giá vật liệu",
                                  notation="88/STC-QLG", issued_on=date(2026, 3, 2), reply_due=reply_due)


def test_an_incoming_letter_with_a_reply_date_is_a_consultation_request_counted_like_any_other(province):
    item = incoming(province, "Sở Tài chính")
    request = ConsultationRequest.objects.get(item=item)
    consultation = request.consultation
    assert (request.unit, request.holder, request.state) == (province.construction, province.construction_head,
                                                             RequestState.PENDING)
    assert (consultation.asking_unit, consultation.due_date, consultation.letter_notation) == (
        province.finance, date(2026, 3, 6), "88/STC-QLG")
    assert request in requests_to_unit({province.construction.pk})
    with clock.travel_to(datetime(2026, 3, 7, 0, 0, tzinfo=TZ)):  # 24:00 of the reply date
        assert consult_sweep.deem_overdue() == 1
    notice = Notice.objects.get(request=request)
    assert notice.unit == province.finance  # the asking unit issues it
    assert Responsibility.objects.get(request=request).unit == province.construction
    with clock.travel_to(datetime(2026, 3, 9, 9, 0, tzinfo=TZ)):
        signed = actions.sign_notice(notice, actor=province.finance_head)
    assert "Công văn số 88/STC-QLG ngày 02/03/2026" in signed.content["paragraphs"][0]


def test_a_letter_from_outside_the_registry_or_without_a_reply_date_is_no_consultation(province):
    incoming(province, "Công ty TNHH Sông Cầu")
    incoming(province, "Sở Tài chính", reply_due=None)
    assert not ConsultationRequest.objects.exists()
