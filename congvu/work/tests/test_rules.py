"""The clauses of 2230/UBND-NC as pure checks: no database, read like the document."""

from datetime import date, timedelta

import pytest
from django.utils import translation

from congvu.lib.refusals import InvalidState, RuleViolation
from congvu.registry.competence import Competence, UnitRef
from congvu.work import rules
from congvu.work.models import DelayCause, State
from congvu.work.rules import ReturnGrounds, SendBackGrounds, Transition

CONSTRUCTION = UnitRef(1, "department", "Sở Xây dựng")
FINANCE = UnitRef(2, "department", "Sở Tài chính")
COMMUNE_A = UnitRef(3, "commune", "UBND xã An Mỹ")
COMMUNE_B = UnitRef(4, "commune", "UBND xã Hòa Bình")
CONSTRUCTION_DECIDES = Competence(unit_id=1, kind="", decides_locally=True)
PROVINCE_DECIDES = Competence(unit_id=1, kind="", decides_locally=False)
EACH_COMMUNE = Competence(unit_id=None, kind="commune", decides_locally=True)


def refusal_code(check) -> str:
    with pytest.raises(RuleViolation) as caught:
        check()
    return caught.value.code


def test_a_department_may_not_transfer_work_it_is_competent_for():
    code = refusal_code(lambda: rules.check_transfer(CONSTRUCTION_DECIDES, CONSTRUCTION, FINANCE))
    assert code == "R-2.1-OWN-COMPETENCE-TRANSFER"


def test_work_may_be_transferred_only_to_the_competent_unit():
    assert refusal_code(lambda: rules.check_transfer(CONSTRUCTION_DECIDES, FINANCE, COMMUNE_A)) == (
        "R-2.1-FOREIGN-COMPETENCE"
    )
    rules.check_transfer(CONSTRUCTION_DECIDES, FINANCE, CONSTRUCTION)


def test_a_department_may_not_resolve_another_departments_work():
    assert refusal_code(lambda: rules.check_may_resolve(CONSTRUCTION_DECIDES, FINANCE)) == "R-2.1-FOREIGN-COMPETENCE"
    rules.check_may_resolve(CONSTRUCTION_DECIDES, CONSTRUCTION)


def test_a_commune_matter_belongs_to_the_commune_of_its_territory():
    territory_a = Competence(unit_id=None, kind="commune", decides_locally=True, territory_id=COMMUNE_A.id)
    rules.check_may_resolve(territory_a, COMMUNE_A)
    assert refusal_code(lambda: rules.check_may_resolve(territory_a, COMMUNE_B)) == "R-2.1-FOREIGN-COMPETENCE"
    rules.check_may_resolve(EACH_COMMUNE, COMMUNE_B)


def test_a_document_is_returned_only_naming_the_competent_unit():
    def returning(unit, grounds, named=None, requester=None):
        return lambda: rules.check_return(CONSTRUCTION_DECIDES, unit, grounds, named_unit=named, requester=requester)

    assert refusal_code(returning(FINANCE, ReturnGrounds.NOT_OURS)) == "R-2.1-RETURN-GROUNDS"
    assert refusal_code(returning(FINANCE, ReturnGrounds.NOT_OURS, named=COMMUNE_A)) == "R-2.1-RETURN-GROUNDS"
    rules.check_return(CONSTRUCTION_DECIDES, FINANCE, ReturnGrounds.NOT_OURS, named_unit=CONSTRUCTION, requester=None)


def test_a_unit_may_not_return_its_own_work_as_not_its_own():
    refused = lambda: rules.check_return(  # noqa: E731
        CONSTRUCTION_DECIDES, CONSTRUCTION, ReturnGrounds.NOT_OURS, named_unit=FINANCE, requester=None
    )
    assert refusal_code(refused) == "R-2.1-RETURN-GROUNDS"


def test_a_document_is_returned_to_a_requester_whose_own_matter_it_is():
    rules.check_return(CONSTRUCTION_DECIDES, FINANCE, ReturnGrounds.REQUESTER_OWN, named_unit=None,
                       requester=CONSTRUCTION)
    refused = lambda: rules.check_return(  # noqa: E731
        CONSTRUCTION_DECIDES, FINANCE, ReturnGrounds.REQUESTER_OWN, named_unit=None, requester=COMMUNE_A
    )
    assert refusal_code(refused) == "R-2.1-RETURN-GROUNDS"
    no_grounds = lambda: rules.check_return(  # noqa: E731
        CONSTRUCTION_DECIDES, FINANCE, "", named_unit=None, requester=None
    )
    assert refusal_code(no_grounds) == "R-2.1-RETURN-GROUNDS"


def test_a_unit_may_not_submit_to_the_province_what_it_decides_itself():
    assert refusal_code(lambda: rules.check_submission(CONSTRUCTION_DECIDES)) == "R-1.4-OWN-AUTHORITY-SUBMISSION"
    rules.check_submission(PROVINCE_DECIDES)


def test_a_deadline_may_be_shorter_than_the_law_but_not_longer():
    rules.check_deadline(date(2026, 3, 10), date(2026, 3, 12))
    rules.check_deadline(date(2026, 3, 12), date(2026, 3, 12))
    assert refusal_code(lambda: rules.check_deadline(date(2026, 3, 13), date(2026, 3, 12))) == "R-1.5-DEADLINE"


def test_an_extension_needs_a_leader_a_reason_and_a_later_date():
    ok = dict(approver_is_leader=True, reason="Chờ kết quả giám định", new_due=date(2026, 4, 1),
              current_due=date(2026, 3, 20))
    rules.check_extension(**ok)
    for change in ({"approver_is_leader": False}, {"reason": "  "}, {"new_due": date(2026, 3, 19)}):
        assert refusal_code(lambda change=change: rules.check_extension(**{**ok, **change})) == "R-1.5-EXTENSION"


def test_every_step_has_one_named_holder_of_the_unit():
    assert refusal_code(lambda: rules.check_step_holder(False, holder_given=False)) == "R-1.3-STEP-HOLDER"
    assert refusal_code(lambda: rules.check_step_holder(False)) == "R-1.3-STEP-HOLDER"
    rules.check_step_holder(True)


def test_a_refusal_carries_its_clause_and_both_languages():
    with pytest.raises(RuleViolation) as caught:
        rules.check_transfer(CONSTRUCTION_DECIDES, CONSTRUCTION, FINANCE)
    refusal = caught.value
    assert refusal.clause == "2.1"
    assert refusal.message_vi == (
        "Không được chuyển công việc thuộc thẩm quyền của đơn vị mình sang đơn vị khác (Mục 2.1)"
    )
    assert "(clause 2.1)" in refusal.message_en
    assert refusal.overridable


def test_deadline_and_step_holder_refusals_may_not_be_overridden():
    with pytest.raises(RuleViolation) as caught:
        rules.check_deadline(date(2026, 3, 13), date(2026, 3, 12))
    assert not caught.value.overridable


def test_a_completed_item_cannot_be_completed_again():
    with pytest.raises(InvalidState):
        rules.check_transition(Transition.COMPLETE, State.COMPLETED)
    assert rules.check_transition(Transition.COMPLETE, State.IN_PROGRESS) == State.COMPLETED


def test_only_a_submitted_item_awaits_the_provinces_decision():
    assert rules.check_transition(Transition.DECIDE, State.SUBMITTED) == State.DECIDED_BY_PROVINCE
    with pytest.raises(InvalidState):
        rules.check_transition(Transition.DECIDE, State.IN_PROGRESS)


def test_every_transition_is_in_the_table():
    assert set(rules.TRANSITIONS) == set(Transition)


def test_a_refused_transition_names_the_state_in_each_language():
    # The reader's language does not change what each message says.
    with translation.override("en"), pytest.raises(InvalidState) as caught:
        rules.check_transition(Transition.SUBMIT, State.CONSULTING)
    assert "“Đang xin ý kiến”" in caught.value.message_vi
    assert "“Consulting”" in caught.value.message_en


def test_the_rule_needs_one_of_the_three_grounds_and_an_explanation():
    rules.check_send_back(SendBackGrounds.OWN_AUTHORITY, "Thuộc thẩm quyền Giám đốc Sở")
    with pytest.raises(RuleViolation) as no_grounds:
        rules.check_send_back("", "Không rõ")
    assert no_grounds.value.code == "R-1.4-SENT-BACK" and no_grounds.value.clause == "1.4"
    with pytest.raises(RuleViolation):
        rules.check_send_back("because", "Không rõ")
    with pytest.raises(RuleViolation):
        rules.check_send_back(SendBackGrounds.INCOMPLETE, "   ")


def test_a_foreign_competence_refusal_names_the_competent_unit_and_carries_its_id():
    with pytest.raises(RuleViolation) as caught:
        rules.check_may_resolve(CONSTRUCTION_DECIDES, FINANCE, competent=CONSTRUCTION)
    refusal = caught.value
    assert refusal.code == "R-2.1-FOREIGN-COMPETENCE" and refusal.competent_unit_id == CONSTRUCTION.id
    assert "Đơn vị có thẩm quyền theo danh mục: Sở Xây dựng" in refusal.message_vi
    assert "The competent unit in the registry: Sở Xây dựng" in refusal.message_en
    assert refusal.as_dict()["competent_unit"] == CONSTRUCTION.id
    with pytest.raises(RuleViolation) as caught:
        rules.check_transfer(CONSTRUCTION_DECIDES, FINANCE, COMMUNE_A, competent=CONSTRUCTION)
    assert caught.value.competent_unit_id == CONSTRUCTION.id
    # Nothing to name (a commune matter with no commune known): the refusal says no more than before.
    with pytest.raises(RuleViolation) as caught:
        rules.check_may_resolve(EACH_COMMUNE, FINANCE)
    assert caught.value.competent_unit_id is None and "competent_unit" not in caught.value.as_dict()


# Clause 1.5, issue 9: the self-extension limit, the cause of a delay, the level above's reasons.

def add_days(day: date, n: int) -> date:  # a calendar of weekdays only, enough for a pure check
    while n:
        day += timedelta(days=1)
        n -= day.weekday() < 5
    return day


def test_the_self_extension_limit_is_the_legal_limit_plus_the_matter_types_working_days():
    assert rules.self_extension_limit(date(2026, 3, 31), 0, add_days) == date(2026, 3, 31)
    assert rules.self_extension_limit(date(2026, 3, 31), 5, add_days) == date(2026, 4, 7)


def test_an_extension_past_the_self_limit_needs_the_level_above():
    assert not rules.needs_approval_above(date(2026, 4, 7), date(2026, 4, 7))
    assert rules.needs_approval_above(date(2026, 4, 8), date(2026, 4, 7))
    with pytest.raises(RuleViolation) as caught:
        rules.check_self_extension(date(2026, 4, 8), date(2026, 4, 7))
    assert caught.value.code == "R-1.5-EXTENSION-LIMIT" and "07/04/2026" in caught.value.message_vi


def test_overdue_work_names_a_cause_category_and_its_text():
    causes = DelayCause.values
    rules.check_delay_cause(past_legal_deadline=False, legal_due=date(2026, 3, 2), cause="", note="", causes=causes)
    rules.check_delay_cause(past_legal_deadline=True, legal_due=date(2026, 3, 2), cause="workload",
                            note="Nhiều hồ sơ", causes=causes)
    for cause, note in (("", "Nhiều hồ sơ"), ("workload", " "), ("lazy", "x")):
        with pytest.raises(RuleViolation) as caught:
            rules.check_delay_cause(past_legal_deadline=True, legal_due=date(2026, 3, 2), cause=cause, note=note,
                                    causes=causes)
        assert caught.value.code == "R-1.5-DELAY-CAUSE"
        assert "nguyên nhân chậm trễ" in caught.value.message_vi and "02/03/2026" in caught.value.message_vi


def test_a_decision_on_an_extension_request_states_its_reasons():
    with pytest.raises(RuleViolation) as caught:
        rules.check_extension_decision("  ")
    assert caught.value.code == "R-1.5-EXTENSION-DECISION"
