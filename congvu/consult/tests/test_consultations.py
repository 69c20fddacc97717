"""Clause 2.2 and 2.3 end to end: ask only related units, clear replies, silence deemed agreement at
24:00 of the last working day with the notice and the responsibility, the heads' meeting first."""

from datetime import date, datetime, timedelta

import pytest

from congvu.consult import actions
from congvu.consult import sweep as consult_sweep
from congvu.consult.models import ConsultationRequest, Notice, ReplyPosition, RequestState, Responsibility
from congvu.lib import clock
from congvu.lib.refusals import InvalidInput, InvalidState, RuleViolation
from congvu.lib.workdays import TZ
from congvu.org.models import Notification
from congvu.testing import QUESTION, working_item
from congvu.work import trail
from congvu.work.models import Event, Outcome, State

pytestmark = pytest.mark.usefixtures("at_morning")
# Asked on Tuesday 03/03/2026 with 5 working days: the last day is Tuesday 10/03, due at 24:00.
LAST_MINUTE = datetime(2026, 3, 10, 23, 59, tzinfo=TZ)
MIDNIGHT = datetime(2026, 3, 11, 0, 0, tzinfo=TZ)


def ask(p, item, units, **extra):
    return actions.ask(item, actor=p.construction_officer, units=units, question=QUESTION, **extra)


def test_asking_related_units_opens_one_request_each_held_by_their_heads(province, consulted):
    item, finance, transport = consulted
    consultation = finance.consultation
    item.refresh_from_db()
    assert item.state == State.CONSULTING
    assert consultation.due_date == date(2026, 3, 10) and consultation.reply_days == 5
    assert (finance.holder, transport.holder) == (province.finance_head, province.transport_head)
    assert Notification.objects.filter(official=province.finance_head).exists()


def test_an_unrelated_unit_may_not_be_consulted(province):
    item = working_item(province, province.building_permit)
    with pytest.raises(RuleViolation) as caught:
        ask(province, item, [province.transport])
    assert caught.value.code == "R-2.2-UNRELATED-CONSULTATION" and caught.value.clause == "2.2"
    assert Event.objects.filter(item=item, outcome=Outcome.REFUSED,
                                rule_code="R-2.2-UNRELATED-CONSULTATION").exists()


def test_a_head_may_override_an_unrelated_consultation_with_a_reason(province):
    item = working_item(province, province.building_permit)
    consultation = actions.ask(item, actor=province.construction_head, units=[province.transport],
                               question="Ý kiến về đấu nối giao thông",
                               override_reason="Công trình tiếp giáp quốc lộ 1A")
    assert consultation.requests.count() == 1
    assert Event.objects.filter(item=item, outcome=Outcome.OVERRIDE, rule_code="R-2.2-UNRELATED-CONSULTATION").exists()


def test_every_consultation_of_an_item_is_counted(province, consulted):
    item = consulted.item
    actions.reply(consulted.finance, actor=province.finance_head, position=ReplyPosition.AGREE)
    actions.reply(consulted.transport, actor=province.transport_head, position=ReplyPosition.AGREE)
    ask(province, item, [province.finance])
    assert item.consultations.count() == 2 and item.consultation_requests.count() == 3


def test_the_reply_period_stays_within_the_working_regulation(province):
    item = working_item(province)
    with pytest.raises(InvalidInput):
        ask(province, item, [province.finance], reply_days=40)
    assert ask(province, item, [province.finance], reply_days=10).due_date == date(2026, 3, 17)


def test_a_reply_without_a_clear_position_is_refused(province, consulted):
    finance = consulted.finance
    for position, reasons in (("", ""), ("maybe", "Chưa rõ"), (ReplyPosition.DISAGREE, "  "),
                              (ReplyPosition.AGREE_WITH_AMENDMENTS, "")):
        with pytest.raises(RuleViolation) as caught:
            actions.reply(finance, actor=province.finance_head, position=position, reasons=reasons)
        assert caught.value.code == "R-2.2-CLEAR-POSITION"
    finance.refresh_from_db()
    assert finance.state == RequestState.PENDING


def test_the_consulted_unit_assigns_the_reply_to_one_of_its_officials(province, consulted):
    finance = consulted.finance
    with pytest.raises(RuleViolation) as caught:
        actions.assign_request(finance, actor=province.finance_head, holder=province.construction_officer)
    assert caught.value.code == "R-1.3-STEP-HOLDER"
    actions.assign_request(finance, actor=province.finance_head, holder=province.finance_officer)
    answered = actions.reply(finance, actor=province.finance_officer, position=ReplyPosition.AGREE)
    assert answered.state == RequestState.ANSWERED and answered.replied_by == province.finance_officer


def test_the_item_returns_to_work_when_every_unit_has_answered(province, consulted):
    item, finance, transport = consulted
    actions.reply(finance, actor=province.finance_head, position=ReplyPosition.AGREE)
    item.refresh_from_db()
    assert item.state == State.CONSULTING
    actions.reply(transport, actor=province.transport_head, position=ReplyPosition.AGREE_WITH_AMENDMENTS,
                  reasons="Bổ sung hành lang an toàn đường bộ")
    item.refresh_from_db()
    assert item.state == State.IN_PROGRESS


def test_silence_is_not_agreement_until_the_last_minute_of_the_last_day(province, consulted):
    with clock.travel_to(LAST_MINUTE):
        assert consult_sweep.deem_overdue() == 0
    with clock.travel_to(MIDNIGHT):
        assert consult_sweep.deem_overdue() == 2
    assert set(ConsultationRequest.objects.values_list("state", flat=True)) == {RequestState.DEEMED_AGREED}


def test_deemed_agreement_issues_the_notice_and_records_the_silent_units_responsibility(province, consulted):
    item, finance, transport = consulted
    actions.reply(transport, actor=province.transport_head, position=ReplyPosition.AGREE)
    with clock.travel_to(MIDNIGHT + timedelta(minutes=1)):
        assert consult_sweep.deem_overdue() == 1
    finance.refresh_from_db()
    assert finance.state == RequestState.DEEMED_AGREED and finance.deemed_at == MIDNIGHT
    notice = Notice.objects.get(request=finance)
    # A draft for Construction's head to sign: numbered and dated only when signed.
    assert (notice.unit, notice.number, notice.issued_on) == (province.construction, None, None)
    duty = Responsibility.objects.get(request=finance)
    assert (duty.unit, duty.head, duty.holder, duty.rule_code) == (
        province.finance, province.finance_head, finance.holder, "R-2.2-DEEMED-AGREEMENT")
    event = Event.objects.get(item=item, kind="deemed_agreement")
    assert event.rule_code == "R-2.2-DEEMED-AGREEMENT" and event.unit == province.finance
    assert Notification.objects.filter(official=province.finance_head, text__contains="coi là đồng ý").exists()
    assert Notification.objects.filter(official=province.construction_head, text__contains="chờ thủ trưởng").exists()
    item.refresh_from_db()
    assert item.state == State.IN_PROGRESS
    assert trail.verify() == []


def test_running_the_sweep_twice_changes_nothing_the_second_time(province, consulted):
    with clock.travel_to(MIDNIGHT):
        assert consult_sweep.deem_overdue() == 2
        assert consult_sweep.deem_overdue() == 0
    assert Notice.objects.count() == 2 and Responsibility.objects.count() == 2
    assert not Notice.objects.filter(number__isnull=False).exists()


def test_after_downtime_a_request_is_deemed_agreed_as_of_its_own_deadline(province, consulted):
    catch_up = datetime(2026, 3, 20, 14, 0, tzinfo=TZ)
    with clock.travel_to(catch_up):
        consult_sweep.deem_overdue()
    finance = ConsultationRequest.objects.get(pk=consulted.finance.pk)
    assert finance.deemed_at == MIDNIGHT
    assert Notice.objects.get(request=finance).drafted_at == catch_up


def test_a_late_reply_is_kept_but_counts_as_agreement(province, consulted):
    item, finance, transport = consulted
    with clock.travel_to(MIDNIGHT + timedelta(hours=9)):
        late = actions.reply(finance, actor=province.finance_head, position=ReplyPosition.DISAGREE,
                             reasons="Chưa đủ cơ sở xác định nguồn vốn")
    assert late.late and late.position == ReplyPosition.DISAGREE and late.effective_position == ReplyPosition.AGREE
    # Before the sweep came: deemed agreed as of the deadline all the same, with its notice and responsibility.
    assert (late.state, late.deemed_at) == (RequestState.DEEMED_AGREED, MIDNIGHT)
    assert Notice.objects.filter(request=finance).exists() and Responsibility.objects.filter(request=finance).exists()
    assert Event.objects.get(item=item, kind="deemed_agreement").data["late_reply"] is True
    with clock.travel_to(MIDNIGHT + timedelta(hours=10)):
        consult_sweep.deem_overdue()
        also_late = actions.reply(transport, actor=province.transport_head, position=ReplyPosition.AGREE)
    assert also_late.state == RequestState.DEEMED_AGREED and also_late.late
    item.refresh_from_db()
    assert item.state == State.IN_PROGRESS
    with clock.travel_to(MIDNIGHT + timedelta(hours=11)):
        actions.submit_to_province(item, actor=province.construction_officer)


def test_a_request_is_answered_once(province, consulted):
    actions.reply(consulted.finance, actor=province.finance_head, position=ReplyPosition.AGREE)
    with pytest.raises(InvalidState):
        actions.reply(consulted.finance, actor=province.finance_head, position=ReplyPosition.DISAGREE, reasons="Đổi ý")


def test_a_disagreement_must_be_reconciled_by_the_heads_before_submission(province, consulted):
    item, finance, transport = consulted
    actions.reply(finance, actor=province.finance_head, position=ReplyPosition.DISAGREE,
                  reasons="Chưa cân đối được nguồn vốn đầu tư hạ tầng")
    actions.reply(transport, actor=province.transport_head, position=ReplyPosition.AGREE)
    with pytest.raises(RuleViolation) as caught:
        actions.submit_to_province(item, actor=province.construction_officer)
    assert caught.value.code == "R-2.3-RECONCILE-FIRST" and "Sở Tài chính" in caught.value.message_vi
    actions.record_reconciliation(
        finance, actor=province.construction_head, held_on=date(2026, 3, 3),
        attendees="Giám đốc Sở Xây dựng, Giám đốc Sở Tài chính", outcome="still_differ",
        lead_view="Bố trí vốn theo kế hoạch trung hạn 2026–2030", other_view="Chỉ bố trí sau năm 2027",
    )
    submitted = actions.submit_to_province(item, actor=province.construction_officer)
    assert "Chỉ bố trí sau năm 2027" in submitted.remaining_differences
    event = Event.objects.get(item=item, kind="submit")
    assert event.data["remaining_differences"][0]["unit"] == "Sở Tài chính"


def test_reminders_go_out_once_a_working_day_before_the_deadline(province, consulted):
    with clock.travel_to(datetime(2026, 3, 6, 8, 0, tzinfo=TZ)):  # Friday: the last day is 3 working days off
        assert consult_sweep.remind() == 0
    with clock.travel_to(datetime(2026, 3, 9, 8, 0, tzinfo=TZ)):  # Monday: the last day is tomorrow
        assert consult_sweep.remind() == 2
        assert consult_sweep.remind() == 0
    assert Notification.objects.filter(official=province.finance_head, text__startswith="Nhắc hạn").count() == 1
