"""Clause 1.5 as the issue 9 review read it: an extension never moves the legal deadline; past what
the matter type lets the lead unit grant itself it is requested of the level above, who approves or
refuses with reasons; completing work past its legal deadline names the cause of the delay. (The
pure rules are tested in test_rules.py.)"""

from datetime import date, datetime, timedelta

import pytest

from congvu.lib import clock
from congvu.lib.refusals import AccessDenied, InvalidInput, RuleViolation
from congvu.lib.workdays import TZ
from congvu.registry.models import ExtensionApprover
from congvu.registry.queries import current_calendar
from congvu.work import actions
from congvu.work.models import DelayCause, Event, EventKind, ExtensionRequest, ExtensionStatus, WorkItem
from congvu.work.tests.test_actions import in_progress, last_event

pytestmark = pytest.mark.usefixtures("at_morning")


# Actions ------------------------------------------------------------------------------------------

def self_limit(item: WorkItem) -> date:
    return actions.self_extension_limit(WorkItem.objects.get(pk=item.pk))


def test_a_self_extension_moves_the_working_deadline_and_never_the_legal_one(province):
    item = in_progress(province)  # a building permit: Construction may extend by 10 working days itself
    legal = item.legal_due_date
    new_due = current_calendar().add_working_days(legal, 5)
    actions.extend_deadline(item, actor=province.construction_head, new_due=new_due, reason="Chờ hồ sơ bổ sung")
    item.refresh_from_db()
    assert (item.due_date, item.legal_due_date) == (new_due, legal)
    event = last_event(item)
    assert (event.kind, event.data["approval"], event.data["legal_due"]) == (
        EventKind.EXTEND, "self", f"{legal:%d/%m/%Y}")


def test_an_extension_past_the_limit_is_requested_and_the_province_office_approves_it(province):
    item = in_progress(province, province.planning_approval)  # no extension without the level above
    due, legal = item.due_date, item.legal_due_date
    new_due = current_calendar().add_working_days(due, 7)
    assert new_due > self_limit(item)
    actions.extend_deadline(item, actor=province.construction_head, new_due=new_due, reason="Họp liên ngành")
    item.refresh_from_db()
    assert item.due_date == due  # not moved until the level above approves
    request = ExtensionRequest.objects.get(item=item)
    assert (request.status, request.new_due, request.approver) == (ExtensionStatus.PENDING, new_due,
                                                                   "province_office")
    requested = last_event(item)
    assert (requested.kind, requested.rule_code, requested.outcome) == (
        EventKind.EXTENSION_REQUEST, "R-1.5-EXTENSION-LIMIT", "done")
    with pytest.raises(InvalidInput):  # one request at a time
        actions.extend_deadline(item, actor=province.construction_head, new_due=new_due, reason="Lần nữa")

    # The lead unit's own head may not approve his own request: refused before any rule, no event.
    events = Event.objects.filter(item=item).count()
    with pytest.raises(AccessDenied):
        actions.decide_extension(request, actor=province.construction_head, approve=True, reason="Tự duyệt")
    assert Event.objects.filter(item=item).count() == events

    actions.decide_extension(request, actor=province.office_head, approve=True,
                             reason="Đồng ý gia hạn, thừa lệnh Chủ tịch UBND tỉnh")
    item.refresh_from_db()
    request.refresh_from_db()
    assert (item.due_date, item.legal_due_date) == (new_due, legal)
    assert (request.status, request.decided_by) == (ExtensionStatus.APPROVED, province.office_head)
    event = last_event(item)
    assert (event.kind, event.actor, event.unit_id, event.data["approval"]) == (
        EventKind.EXTEND, province.office_head, province.construction.pk, "above")


def test_the_province_office_may_refuse_an_extension_with_its_reasons(province):
    item = in_progress(province, province.planning_approval)
    due = item.due_date
    actions.extend_deadline(item, actor=province.construction_head, reason="Chờ ý kiến",
                            new_due=current_calendar().add_working_days(due, 3))
    request = ExtensionRequest.objects.get(item=item)
    with pytest.raises(RuleViolation):
        actions.decide_extension(request, actor=province.office_head, approve=False, reason=" ")
    actions.decide_extension(request, actor=province.office_head, approve=False, reason="Không có căn cứ gia hạn")
    item.refresh_from_db()
    assert item.due_date == due
    assert ExtensionRequest.objects.get(pk=request.pk).status == ExtensionStatus.REFUSED
    assert (last_event(item).kind, last_event(item).data["reason"]) == (EventKind.EXTENSION_REFUSED,
                                                                        "Không có căn cứ gia hạn")
    with pytest.raises(InvalidInput):  # decided once
        actions.decide_extension(request, actor=province.office_head, approve=True, reason="Đổi ý")


def test_completing_past_the_legal_deadline_asks_the_cause_of_the_delay(province):
    item = in_progress(province)
    late = datetime.combine(current_calendar().add_working_days(item.legal_due_date, 2), datetime.min.time(),
                            tzinfo=TZ).replace(hour=10)
    with clock.travel_to(late):
        with pytest.raises(RuleViolation) as caught:
            actions.complete(item, actor=province.construction_officer, result="Đã cấp phép")
        assert caught.value.code == "R-1.5-DELAY-CAUSE"
        assert WorkItem.objects.get(pk=item.pk).state != "completed"
        actions.complete(item, actor=province.construction_officer, result="Đã cấp phép",
                         delay_cause=DelayCause.INCOMPLETE_DOSSIER, delay_note="Chủ đầu tư bổ sung hồ sơ chậm")
    item.refresh_from_db()
    assert (item.delay_cause, item.delay_note) == ("dossier", "Chủ đầu tư bổ sung hồ sơ chậm")
    assert last_event(item).data == {"on_time": False, "on_time_after_extension": False,
                                     "delay_cause": "dossier", "delay_note": "Chủ đầu tư bổ sung hồ sơ chậm"}


def test_work_completed_on_time_is_not_asked_for_a_cause(province):
    item = actions.complete(in_progress(province), actor=province.construction_officer, result="Đã cấp phép")
    assert item.delay_cause == "" and last_event(item).data["on_time"] is True


def test_the_migration_backfills_the_legal_deadline_from_before_the_first_extension(province):
    from importlib import import_module

    from django.apps import apps

    backfill = import_module("congvu.work.migrations.0008_deadlines_legal_due").backfill_legal_deadline
    extended, plain = in_progress(province), in_progress(province)
    legal = extended.legal_due_date
    for days in (2, 4):
        actions.extend_deadline(extended, actor=province.construction_head, reason="Chờ hồ sơ",
                                new_due=current_calendar().add_working_days(legal, days))
    # As the rows stood before the migration: no legal deadline of their own (here: a wrong one).
    WorkItem.objects.update(legal_due_date=date(2020, 1, 1), legal_due_at=datetime(2020, 1, 1, tzinfo=TZ))
    backfill(apps, None)
    extended.refresh_from_db()
    plain.refresh_from_db()
    assert extended.legal_due_date == legal and extended.due_date > legal
    assert (plain.legal_due_date, plain.legal_due_at) == (plain.due_date, plain.due_at)
    assert extended.legal_due_at == datetime.combine(legal + timedelta(days=1), datetime.min.time(), tzinfo=TZ)


def test_the_matter_type_may_name_the_superior_bodys_head_as_the_approver(province):
    matter = province.planning_approval
    matter.extension_approver = ExtensionApprover.PARENT_HEAD  # the registry's setting, per matter type
    matter.save(update_fields=["extension_approver"])
    item = in_progress(province, matter)
    actions.extend_deadline(item, actor=province.construction_head, reason="Họp liên ngành",
                            new_due=current_calendar().add_working_days(item.due_date, 4))
    request = ExtensionRequest.objects.get(item=item)
    assert request.approver == "parent_head"
    with pytest.raises(AccessDenied):  # not the Province office's, this time
        actions.decide_extension(request, actor=province.office_head, approve=True, reason="Đồng ý")
    actions.decide_extension(request, actor=province.chairman, approve=True, reason="Đồng ý")  # heads the committee
    assert ExtensionRequest.objects.get(pk=request.pk).status == ExtensionStatus.APPROVED
