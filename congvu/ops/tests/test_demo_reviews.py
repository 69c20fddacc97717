"""The demo's reviews and commendations (congvu/ops/demo/cases_reviews.py): a review ending in
discipline before 01/07/2025 under Decree 112/2020 (the salary-step demotion still a form) and one
after under Decree 172/2025 (it is gone), each decision a Decree 30 letter on a working day; a unit's
review closed; commendations proposed, approved and decided; every record trail intact."""

from datetime import date

import pytest

from congvu.documents.layout import problems, read_back
from congvu.documents.review_docs import decision_docx
from congvu.lib import clock
from congvu.ops.demo import build_demo
from congvu.oversight.models_commendation import Commendation, CommendationState
from congvu.oversight.models_reviews import AccountabilityReview, ReviewState
from congvu.oversight.record import record_events_of
from congvu.oversight.reviews import discipline_facts
from congvu.registry.queries import current_calendar
from congvu.testing import MORNING


@pytest.fixture
def small_demo(db):
    with clock.travel_to(MORNING):
        return build_demo(items=40, seed=2230)


def test_the_demo_shows_discipline_before_and_after_the_cutover(small_demo):
    decided = list(AccountabilityReview.objects.filter(state=ReviewState.DECIDED).order_by("decided_on"))
    before, after = decided[0], decided[-1]
    assert before.decided_on < date(2025, 7, 1) <= after.decided_on
    assert before.decided_form == "ha_bac_luong" and before.regime == "nd112-2020"
    assert "ha_bac_luong" in [f.code for f in discipline_facts(before).forms]
    assert after.regime == "nd172-2025" and "ha_bac_luong" not in [f.code for f in discipline_facts(after).forms]
    for review in decided:
        letter = read_back(decision_docx(review))
        assert problems(letter) == [] and current_calendar().is_working_day(date(*reversed(letter.day)))
        assert [e.kind for e in record_events_of(review)][-1] == "discipline_decided"
    assert AccountabilityReview.objects.filter(state=ReviewState.CLOSED, official__isnull=True).exists()


def test_the_demo_shows_commendations_at_each_step(db):
    """At the demo's full size: a small one has too few items for anyone to reach the thresholds."""
    with clock.travel_to(MORNING):
        build_demo()
    states = set(Commendation.objects.values_list("state", flat=True))
    assert {CommendationState.APPROVED, CommendationState.DECIDED} <= states
    for found in Commendation.objects.filter(state=CommendationState.DECIDED):
        assert problems(read_back(decision_docx(found))) == [] and found.evidence
