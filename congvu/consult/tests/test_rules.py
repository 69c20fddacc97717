"""Clauses 2.2 and 2.3 as pure checks: no database, read like the document."""

from datetime import date

import pytest

from congvu.consult import rules
from congvu.consult.models import ReplyPosition
from congvu.lib.refusals import InvalidInput, RuleViolation
from congvu.org.models import UnitKind

FINANCE, TRANSPORT, HOME_AFFAIRS = 2, 5, 7
RELATED_TO_PLANNING = {FINANCE, TRANSPORT}


def refusal_code(check) -> str:
    with pytest.raises(RuleViolation) as caught:
        check()
    return caught.value.code


def test_only_units_whose_functions_relate_to_the_matter_may_be_consulted():
    rules.check_related(FINANCE, "Sở Tài chính", RELATED_TO_PLANNING)
    assert refusal_code(lambda: rules.check_related(HOME_AFFAIRS, "Sở Nội vụ", RELATED_TO_PLANNING)) == (
        "R-2.2-UNRELATED-CONSULTATION"
    )


def test_a_reply_states_a_clear_position_and_gives_reasons_unless_it_simply_agrees():
    rules.check_clear_position(ReplyPosition.AGREE, "")
    rules.check_clear_position(ReplyPosition.DISAGREE, "Nguồn vốn chưa được bố trí")
    for position, reasons in (("", ""), ("maybe", "Chưa rõ"), (ReplyPosition.DISAGREE, " "),
                              (ReplyPosition.AGREE_WITH_AMENDMENTS, "")):
        assert refusal_code(lambda p=position, r=reasons: rules.check_clear_position(p, r)) == "R-2.2-CLEAR-POSITION"


def test_a_disagreement_is_reconciled_by_the_heads_before_the_submission():
    rules.check_reconciled([])
    assert refusal_code(lambda: rules.check_reconciled(["Sở Tài chính", "Sở Giao thông vận tải"])) == (
        "R-2.3-RECONCILE-FIRST"
    )


def test_the_reply_period_is_within_the_working_regulation():
    rules.check_reply_days(5, 3, 10)
    with pytest.raises(InvalidInput):
        rules.check_reply_days(11, 3, 10)


def test_the_lead_unit_asks_at_least_one_other_unit():
    rules.check_units_to_ask({FINANCE}, lead_unit_id=1)
    for asked in (set(), {1, FINANCE}):
        with pytest.raises(InvalidInput):
            rules.check_units_to_ask(asked, lead_unit_id=1)


def test_only_units_that_decide_matters_are_consulted_unless_the_registry_widens_it():
    rules.check_consultable("Sở Tài chính", UnitKind.DEPARTMENT, False, widened=False)
    rules.check_consultable("UBND xã An Mỹ", UnitKind.COMMUNE, False, widened=False)
    for kind in (UnitKind.PROVINCE_COMMITTEE, UnitKind.PROVINCE_OFFICE, UnitKind.DIVISION):
        assert refusal_code(lambda k=kind: rules.check_consultable("X", k, False, widened=False)) == (
            "R-2.2-NOT-CONSULTABLE")
        rules.check_consultable("X", kind, False, widened=True)
    # Never one's own division, widened or not.
    assert refusal_code(lambda: rules.check_consultable("Phòng QLXD", UnitKind.DIVISION, True, widened=True)) == (
        "R-2.2-NOT-CONSULTABLE")


def test_a_send_back_names_its_grounds_and_reasons():
    rules.check_send_back("not_related", "Không thuộc chức năng của Sở")
    for grounds, reason in (("", "Lý do"), ("maybe", "Lý do"), ("own_matter", "  ")):
        assert refusal_code(lambda g=grounds, r=reason: rules.check_send_back(g, r)) == "R-2.2-SEND-BACK-GROUNDS"


def test_a_notice_is_signed_on_a_working_day():
    rules.check_signing_day(date(2026, 3, 11), True, date(2026, 3, 12))
    assert refusal_code(lambda: rules.check_signing_day(date(2026, 3, 14), False, date(2026, 3, 16))) == (
        "R-2.2-NOTICE-WORKING-DAY")
