"""The expected next step on an item, from its state and what the viewer is to it (no database)."""

import pytest

from congvu.consult.next_step import Facts, NextStep, next_step
from congvu.work.models import State


def test_a_registered_item_waits_for_its_holder_units_leader_to_direct_it():
    assert next_step(Facts(State.REGISTERED, leads_holder_unit=True)) == NextStep.DIRECT


def test_a_registered_item_asks_nothing_of_an_officer():
    assert next_step(Facts(State.REGISTERED, holds=False)) is None


def test_a_directed_item_waits_for_the_lead_units_leader_to_assign_it():
    assert next_step(Facts(State.DIRECTED, leads_lead_unit=True)) == NextStep.ASSIGN
    assert next_step(Facts(State.DIRECTED, leads_holder_unit=True)) is None


def test_the_holder_completes_work_his_unit_decides():
    assert next_step(Facts(State.IN_PROGRESS, holds=True)) == NextStep.COMPLETE


def test_the_holder_submits_work_the_province_decides():
    assert next_step(Facts(State.IN_PROGRESS, holds=True, province_decides=True)) == NextStep.SUBMIT


def test_a_timely_disagreement_makes_the_heads_meeting_the_next_step_before_the_submission():
    facts = Facts(State.IN_PROGRESS, holds=True, leads_lead_unit=True, province_decides=True, unreconciled=True)
    assert next_step(facts) == NextStep.RECONCILE


def test_the_holder_waits_for_his_head_to_meet_the_differing_heads():
    assert next_step(Facts(State.IN_PROGRESS, holds=True, province_decides=True, unreconciled=True)) is None


def test_a_leader_who_does_not_hold_the_work_has_no_next_step_while_it_is_worked_on():
    assert next_step(Facts(State.IN_PROGRESS, leads_lead_unit=True)) is None


def test_a_submission_waits_for_the_province_office_to_record_the_decision():
    assert next_step(Facts(State.SUBMITTED, records_province_decisions=True)) == NextStep.DECIDE
    assert next_step(Facts(State.SUBMITTED, holds=True)) is None


def test_after_the_provinces_decision_the_lead_unit_completes_the_work():
    assert next_step(Facts(State.DECIDED_BY_PROVINCE, holds=True)) == NextStep.COMPLETE


def test_while_consulting_the_replies_are_awaited():
    assert next_step(Facts(State.CONSULTING, holds=True)) is None


@pytest.mark.parametrize("state", [State.COMPLETED, State.RETURNED, State.TRANSFERRED, State.REVOKED])
def test_a_closed_item_has_no_next_step(state):
    assert next_step(Facts(state, holds=True, leads_holder_unit=True, leads_lead_unit=True)) is None


def test_a_reply_owed_by_the_viewers_unit_comes_before_the_items_own_course():
    # Silence past the deadline counts as agreement (clause 2.2): the reply runs against its own clock.
    assert next_step(Facts(State.REGISTERED, leads_holder_unit=True, owes_reply=True)) == NextStep.REPLY
    assert next_step(Facts(State.CONSULTING, owes_reply=True)) == NextStep.REPLY


def test_an_extension_awaiting_the_level_above_is_its_next_step():
    assert next_step(Facts(State.IN_PROGRESS, may_decide_extension=True)) == NextStep.DECIDE_EXTENSION


def test_an_unsigned_deemed_agreement_notice_is_its_heads_next_step():
    assert next_step(Facts(State.IN_PROGRESS, leads_lead_unit=True, may_sign_notice=True)) == NextStep.SIGN_NOTICE
