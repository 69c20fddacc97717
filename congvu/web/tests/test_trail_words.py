"""The trail as the reader needs it (issue 12): each actor with their own unit and title when they
acted, and a stored refusal in the reader's language."""

import pytest
from django.utils import translation

from congvu.consult import actions as consult
from congvu.lib.refusals import RULES, RuleViolation
from congvu.testing import working_item
from congvu.web.timeline import event_rows
from congvu.work import actions
from congvu.work.models import Event, EventKind, Outcome
from congvu.work.rules import OWN_COMPETENCE_TRANSFER


def rows_of(item, kind):
    return [row for row in event_rows(item) if row.event.kind == kind]


def test_the_province_office_head_appears_with_the_province_office_not_the_items_unit(province, client_of):
    p = province
    item = working_item(p, p.planning_approval)
    consult.submit_to_province(item, actor=p.construction_officer, summary="Tờ trình phê duyệt")
    actions.record_province_decision(item, actor=p.office_head, decision="Đồng ý phê duyệt")
    [decision] = rows_of(item, EventKind.PROVINCE_DECISION)
    assert decision.actor == f"{p.office_head.full_name} — Thủ trưởng, {p.office.name}"
    [assigned] = rows_of(item, EventKind.ASSIGN)
    assert assigned.actor == f"{p.construction_head.full_name} — Thủ trưởng, {p.construction.name}"
    page = client_of(p.construction_head).get(f"/cong-viec/{item.pk}/").content.decode()
    assert f"{p.office_head.full_name} — Thủ trưởng, {p.office.name}" in page


def refused_transfer(p):
    item = working_item(p)
    with pytest.raises(RuleViolation):
        actions.transfer(item, actor=p.construction_head, to_unit=p.finance)
    return item


def test_a_refusal_reads_in_english_for_an_official_who_chose_english(province, client_of):
    item = refused_transfer(province)
    with translation.override("en"):
        [refused] = rows_of(item, EventKind.REFUSED)
    assert refused.message.startswith("Work within the unit's own competence may not be transferred")
    with translation.override("vi"):
        [refused] = rows_of(item, EventKind.REFUSED)
    assert refused.message.startswith("Không được chuyển công việc thuộc thẩm quyền")


def test_a_refusal_stored_before_english_was_kept_is_worded_from_its_rule(province):
    item = refused_transfer(province)
    event = Event.objects.get(item=item, outcome=Outcome.REFUSED)
    # As events written before issue 12 are: the Vietnamese message only (the trail is never rewritten;
    # this test changes a copy in memory).
    event.data = {"message": event.data["message"]}
    with translation.override("en"):
        from congvu.web.timeline import stored_refusal

        assert stored_refusal(event, "en") == OWN_COMPETENCE_TRANSFER.general("en")
    assert RULES["R-2.2-UNRELATED-CONSULTATION"].clause == "2.2"  # consultation rules are known too
