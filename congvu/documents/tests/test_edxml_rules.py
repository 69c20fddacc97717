"""An update from the sender is taken only while the document stands and its work is open
(congvu.documents.edxml_rules; answered 16 "update rejected" when refused). No database."""

from datetime import date

import pytest

from congvu.documents.edxml_rules import check_update
from congvu.lib.refusals import RuleViolation


def test_an_update_of_a_document_being_worked_on_is_taken():
    check_update("45/STC", revoked_on=None, item_state="in_progress", item_open=True)
    check_update("45/STC", revoked_on=None, item_state=None, item_open=True)  # registered without an item


@pytest.mark.parametrize(("state", "why"), [("completed", "its work is completed"),
                                            ("returned", "it was returned to the sender"),
                                            ("transferred", "it was transferred to the competent unit")])
def test_an_update_of_closed_work_is_refused_saying_why(state, why):
    with pytest.raises(RuleViolation) as refused:
        check_update("45/STC", revoked_on=None, item_state=state, item_open=False)
    assert refused.value.code == "R-EDXML-UPDATE-CLOSED" and why in refused.value.message_en
    assert "45/STC" in refused.value.message_vi and not refused.value.overridable


def test_a_revoked_document_is_not_updated():
    with pytest.raises(RuleViolation, match="thu hồi"):
        check_update("45/STC", revoked_on=date(2026, 3, 3), item_state="revoked", item_open=False)
