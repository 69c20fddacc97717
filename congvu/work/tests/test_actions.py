"""The actions through their one door: each rule refuses, the refusal is in the trail, a head's
override is its own event, and the happy path moves the item with exactly one holder per step."""

from datetime import date, datetime

import pytest

from congvu.consult import actions as consult
from congvu.lib import clock
from congvu.lib.refusals import AccessDenied, InvalidInput, InvalidState, RuleViolation
from congvu.lib.workdays import TZ
from congvu.work import actions
from congvu.work.models import Event, Outcome, State, Step, StepKind
from congvu.work.rules import ReturnGrounds

pytestmark = pytest.mark.usefixtures("at_morning")


def register(p, matter=None, unit=None, clerk=None, **extra):
    return actions.register_incoming(
        actor=clerk or p.construction_clerk, unit=unit or p.construction, matter_type=matter or p.building_permit,
        sender="Công ty TNHH Xây dựng Hòa Bình", subject="Đề nghị cấp phép xây dựng nhà xưởng", **extra,
    )


def in_progress(p, matter=None):
    item = register(p, matter)
    actions.direct(item, actor=p.construction_head, lead_unit=p.construction)
    return actions.assign(item, actor=p.construction_head, holder=p.construction_officer)


def last_event(item):
    return Event.objects.filter(item=item).order_by("-seq").first()


def test_registering_numbers_incoming_documents_per_unit_and_year(province):
    first, second = register(province), register(province)
    assert (first.incoming.incoming_number, second.incoming.incoming_number) == (1, 2)
    other = register(province, unit=province.finance, clerk=province.finance_head)
    assert other.incoming.incoming_number == 1
    with clock.travel_to(datetime(2027, 1, 5, 9, 0, tzinfo=TZ)):
        assert register(province).incoming.incoming_number == 1


def test_registering_sets_the_legal_deadline_in_working_days(province):
    item = register(province)  # received Tuesday 03/03/2026, 20 working days
    assert item.due_date == date(2026, 3, 31)
    assert item.due_at == datetime(2026, 4, 1, 0, 0, tzinfo=TZ)
    assert item.calendar_version


def test_a_registered_document_is_presented_to_the_head_who_holds_the_step(province):
    item = register(province)
    step = Step.objects.get(item=item, ended_at__isnull=True)
    assert (step.kind, step.holder, item.holder) == (StepKind.PRESENT, province.construction_head,
                                                     province.construction_head)
    assert step.due_at == datetime(2026, 3, 5, 0, 0, tzinfo=TZ)  # end of the next working day


def test_only_the_units_clerk_or_leaders_register_its_documents(province):
    with pytest.raises(AccessDenied):
        register(province, clerk=province.finance_officer)


def test_a_blank_subject_is_refused_and_nothing_is_registered(province):
    with pytest.raises(InvalidInput):
        actions.register_incoming(actor=province.construction_clerk, unit=province.construction,
                                  matter_type=province.building_permit, sender="X", subject="  ")
    assert not province.construction.incoming.exists()


def test_direct_assign_complete_moves_the_item_through_one_holder_at_a_time(province):
    item = in_progress(province)
    assert item.state == State.IN_PROGRESS and item.holder == province.construction_officer
    done = actions.complete(item, actor=province.construction_officer, result="Đã cấp giấy phép số 12/GPXD")
    assert done.state == State.COMPLETED and done.completed_at is not None
    assert not Step.objects.filter(item=item, ended_at__isnull=True).exists()
    assert [e.kind for e in Event.objects.filter(item=item)] == ["register", "direct", "assign", "complete"]


def test_a_direction_may_shorten_but_not_lengthen_the_legal_deadline(province):
    item = register(province)
    with pytest.raises(RuleViolation) as caught:
        actions.direct(item, actor=province.construction_head, lead_unit=province.construction,
                       due_date=date(2026, 4, 15))
    assert caught.value.code == "R-1.5-DEADLINE"
    directed = actions.direct(item, actor=province.construction_head, lead_unit=province.construction,
                              due_date=date(2026, 3, 20))
    assert directed.due_date == date(2026, 3, 20)


def test_a_step_must_be_given_to_an_official_of_the_lead_unit(province):
    item = register(province)
    actions.direct(item, actor=province.construction_head, lead_unit=province.construction)
    with pytest.raises(RuleViolation) as caught:
        actions.assign(item, actor=province.construction_head, holder=province.finance_officer)
    assert caught.value.code == "R-1.3-STEP-HOLDER"
    refusal = last_event(item)
    assert (refusal.outcome, refusal.rule_code) == (Outcome.REFUSED, "R-1.3-STEP-HOLDER")


def test_a_department_may_not_transfer_work_it_is_competent_for(province):
    item = register(province)
    with pytest.raises(RuleViolation) as caught:
        actions.transfer(item, actor=province.construction_head, to_unit=province.finance)
    assert caught.value.code == "R-2.1-OWN-COMPETENCE-TRANSFER"
    item.refresh_from_db()
    assert item.state == State.REGISTERED
    assert last_event(item).rule_code == "R-2.1-OWN-COMPETENCE-TRANSFER"


def test_a_head_may_override_a_refused_transfer_with_a_written_reason_recorded_as_its_own_event(province):
    item = register(province)
    new_item = actions.transfer(item, actor=province.construction_head, to_unit=province.finance,
                                override_reason="Chỉ đạo của Chủ tịch UBND tỉnh tại cuộc họp ngày 02/03/2026")
    kinds = [(e.kind, e.outcome, e.rule_code) for e in Event.objects.filter(item=item)]
    assert kinds[-2:] == [("override", Outcome.OVERRIDE, "R-2.1-OWN-COMPETENCE-TRANSFER"),
                          ("transfer", Outcome.DONE, "")]
    assert new_item.lead_unit == province.finance


def test_only_a_leader_may_override(province):
    item = in_progress(province)
    with pytest.raises(RuleViolation):
        consult.submit_to_province(item, actor=province.construction_officer, override_reason="Tôi muốn trình")
    assert not Event.objects.filter(item=item, outcome=Outcome.OVERRIDE).exists()


def test_work_of_another_unit_is_transferred_to_the_competent_unit_and_continues_there(province):
    item = register(province, unit=province.finance, clerk=province.finance_head)
    new_item = actions.transfer(item, actor=province.finance_head, to_unit=province.construction, reason="Sai nơi")
    item.refresh_from_db()
    assert item.state == State.TRANSFERRED and new_item.transferred_from == item
    assert (new_item.lead_unit, new_item.holder, new_item.state) == (
        province.construction, province.construction_head, State.REGISTERED)


def test_a_transfer_goes_only_to_the_competent_unit(province):
    item = register(province, unit=province.finance, clerk=province.finance_head)
    with pytest.raises(RuleViolation) as caught:
        actions.transfer(item, actor=province.finance_head, to_unit=province.transport)
    assert caught.value.code == "R-2.1-FOREIGN-COMPETENCE"


def test_a_department_may_not_resolve_another_departments_work(province):
    item = register(province, unit=province.finance, clerk=province.finance_head)
    actions.direct(item, actor=province.finance_head, lead_unit=province.finance,
                   override_reason="Sở Xây dựng đề nghị phối hợp xử lý")
    actions.assign(item, actor=province.finance_head, holder=province.finance_officer)
    with pytest.raises(RuleViolation) as caught:
        actions.complete(item, actor=province.finance_officer, result="Đã xử lý")
    assert caught.value.code == "R-2.1-FOREIGN-COMPETENCE"


def test_returns_need_legal_grounds(province):
    item = register(province, unit=province.finance, clerk=province.finance_head)
    with pytest.raises(RuleViolation) as caught:
        actions.return_document(item, actor=province.finance_head, grounds=ReturnGrounds.NOT_OURS)
    assert caught.value.code == "R-2.1-RETURN-GROUNDS"
    returned = actions.return_document(item, actor=province.finance_head, grounds=ReturnGrounds.NOT_OURS,
                                       named_unit=province.construction)
    assert returned.state == State.RETURNED


def test_a_unit_may_not_return_its_own_work(province):
    item = register(province)
    with pytest.raises(RuleViolation):
        actions.return_document(item, actor=province.construction_head, grounds=ReturnGrounds.NOT_OURS,
                                named_unit=province.finance)


def test_a_unit_may_not_submit_to_the_province_what_it_decides_itself(province):
    item = in_progress(province)
    with pytest.raises(RuleViolation) as caught:
        consult.submit_to_province(item, actor=province.construction_officer)
    assert caught.value.code == "R-1.4-OWN-AUTHORITY-SUBMISSION"


def test_a_delegated_matter_may_not_be_pushed_back_up_to_the_province(province):
    item = in_progress(province, province.delegated_matter)
    with pytest.raises(RuleViolation) as caught:
        consult.submit_to_province(item, actor=province.construction_officer)
    assert caught.value.code == "R-1.4-OWN-AUTHORITY-SUBMISSION"


def test_a_province_matter_is_submitted_decided_and_completed(province):
    item = in_progress(province, province.planning_approval)
    submitted = consult.submit_to_province(item, actor=province.construction_officer, summary="Tờ trình 15/TTr-SXD")
    assert (submitted.state, submitted.holder_unit, submitted.holder) == (
        State.SUBMITTED, province.office, province.office_head)
    decided = actions.record_province_decision(item, actor=province.office_head, decision="Quyết định 501/QĐ-UBND")
    assert (decided.state, decided.holder) == (State.DECIDED_BY_PROVINCE, province.construction_officer)
    assert actions.complete(item, actor=province.construction_officer, result="Đã công bố").state == State.COMPLETED


def test_only_the_province_office_records_the_provinces_decision(province):
    item = in_progress(province, province.planning_approval)
    consult.submit_to_province(item, actor=province.construction_officer)
    with pytest.raises(AccessDenied):
        actions.record_province_decision(item, actor=province.construction_head, decision="Đồng ý")


def test_an_extension_needs_a_leader_and_a_reason(province):
    item = in_progress(province)
    with pytest.raises(RuleViolation) as caught:
        actions.extend_deadline(item, actor=province.construction_officer, new_due=date(2026, 4, 10), reason="Chậm")
    assert caught.value.code == "R-1.5-EXTENSION"
    with pytest.raises(RuleViolation):
        actions.extend_deadline(item, actor=province.construction_head, new_due=date(2026, 4, 10), reason=" ")
    extended = actions.extend_deadline(item, actor=province.construction_head, new_due=date(2026, 4, 11),
                                       reason="Chờ ý kiến thẩm định của Bộ Xây dựng")
    # Saturday 11/04/2026 is not a working day: the deadline moves to Monday 13/04 (Civil Code Art. 148).
    assert extended.due_date == date(2026, 4, 13)
    assert Step.objects.get(item=item, ended_at__isnull=True).due_at == extended.due_at


def test_a_completed_item_cannot_be_completed_twice(province):
    item = in_progress(province)
    actions.complete(item, actor=province.construction_officer, result="Xong")
    with pytest.raises(InvalidState):
        actions.complete(item, actor=province.construction_officer, result="Xong lần hai")


def test_an_outsider_may_not_act_on_an_item(province):
    item = in_progress(province)
    for act in (
        lambda: actions.complete(item, actor=province.outsider, result="x"),
        lambda: actions.assign(item, actor=province.outsider, holder=province.outsider),
        lambda: actions.transfer(item, actor=province.outsider, to_unit=province.finance),
        lambda: actions.extend_deadline(item, actor=province.outsider, new_due=date(2026, 5, 1), reason="x"),
    ):
        with pytest.raises((AccessDenied, RuleViolation)):
            act()
    item.refresh_from_db()
    assert item.state == State.IN_PROGRESS


def test_a_commune_matter_is_resolved_by_the_commune_of_its_territory(province):
    item = actions.register_incoming(
        actor=province.commune_head, unit=province.commune, matter_type=province.land_dispute,
        sender="Ông Nguyễn Văn Bình", subject="Đơn đề nghị hòa giải tranh chấp ranh giới thửa đất",
    )
    actions.direct(item, actor=province.commune_head, lead_unit=province.commune)
    actions.assign(item, actor=province.commune_head, holder=province.commune_officer)
    assert actions.complete(item, actor=province.commune_officer, result="Hòa giải thành").state == State.COMPLETED


def test_an_action_reads_the_registry_version_once(province):
    # Read in the statement that locks the item: see test_registry_pin.py.
    from congvu.work.tests.test_registry_pin import statements, version_reads

    item = register(province)
    with statements() as seen:
        actions.direct(item, actor=province.construction_head, lead_unit=province.construction)
    assert len(version_reads(seen)) == 1
