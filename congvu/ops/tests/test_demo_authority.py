"""The demo's authority cases (congvu/ops/demo/cases_authority.py): heads' decisions reviewed each way
with some still waiting, a submission sent back by the Province office, a return found wrong, and a
phân cấp to every commune beside ủy quyền that all carry an end date."""

import pytest

from congvu.lib import clock
from congvu.ops.demo import build_demo
from congvu.oversight.models import OverrideReview, Resolution
from congvu.oversight.queries import authority_figures, overrides_to_review
from congvu.registry.models import Delegation, DelegationKind
from congvu.testing import MORNING
from congvu.work.models import Event, EventKind
from congvu.work.trail import verify


@pytest.fixture
def small_demo(db):
    with clock.travel_to(MORNING):
        return build_demo(items=40, seed=2230)


def test_the_demo_shows_each_authority_case(small_demo):
    assert set(OverrideReview.objects.values_list("resolution", flat=True)) == set(Resolution.values)
    assert overrides_to_review().exists()
    assert Event.objects.filter(kind=EventKind.SEND_BACK, rule_code="R-1.4-SENT-BACK").count() == 1
    assert Event.objects.filter(kind=EventKind.RETURN_FOUND_WRONG).count() == 1
    figures = authority_figures()
    assert sum(f.sent_back for f in figures) == 1 and sum(f.returns_found_wrong for f in figures) == 1
    assert Delegation.objects.filter(kind=DelegationKind.DECENTRALISATION, to_kind="commune").exists()
    authorisations = Delegation.objects.filter(kind=DelegationKind.AUTHORISATION)
    assert authorisations.exists() and not authorisations.filter(valid_to__isnull=True).exists()
    assert verify() == []
