"""Home Affairs' review of heads' overrides (the queue "Thủ trưởng quyết định thực hiện — chờ xem xét")
and a return found wrong (clauses 1.4, 2.1): actions with an event in the item's trail, counted per unit."""

import pytest

from congvu.consult import actions as consult
from congvu.lib.refusals import AccessDenied, InvalidInput, InvalidState
from congvu.oversight import actions
from congvu.oversight.models import OverrideReview, Resolution
from congvu.oversight.queries import authority_figures, overrides_to_review, reviewed_overrides
from congvu.work import actions as work
from congvu.work.models import Event, EventKind, Outcome
from congvu.work.tests.test_actions import in_progress, register
from congvu.work.trail import verify

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at_morning")]


def pushed_up(p, subject="Tờ trình"):
    item = in_progress(p, p.building_permit)
    consult.submit_to_province(item, actor=p.construction_head, summary=subject,
                               override_reason="Công trình có ý nghĩa đặc biệt")
    return Event.objects.get(item=item, outcome=Outcome.OVERRIDE)


def wrongly_returned(p):
    """Construction's head returns a building permit (its own) as 'not ours', over the 2.1 refusal."""
    item = register(p, p.building_permit)
    work.return_document(item, actor=p.construction_head, grounds="not_ours", named_unit=p.finance,
                         override_reason="Danh mục ghi nhầm, việc của Sở Tài chính")
    return item


def figures_of(unit):
    return next(f for f in authority_figures() if f.unit_id == unit.pk)


def test_every_override_of_a_2_1_or_1_4_refusal_opens_an_entry_of_the_queue(province):
    override = pushed_up(province)
    assert list(overrides_to_review()) == [override]
    assert figures_of(province.construction).overrides_open == 1


def test_home_affairs_resolves_each_entry_one_way_and_it_is_in_the_trail_and_counted(province):
    p = province
    confirmed, corrected, kept = (pushed_up(p, f"Tờ trình {n}") for n in range(3))
    actions.resolve_override(confirmed, actor=p.inspector, resolution=Resolution.CONFIRMED, note="Đúng")
    actions.resolve_override(corrected, actor=p.inspector, resolution=Resolution.REGISTRY_CORRECTED)
    actions.resolve_override(kept, actor=p.inspector, resolution=Resolution.KEPT_FOR_REVIEW, note="Lặp lại")
    assert list(overrides_to_review()) == []
    assert {e.review.resolution for e in reviewed_overrides()} == set(Resolution.values)
    figures = figures_of(p.construction)
    assert (figures.overrides_open, figures.overrides_confirmed, figures.overrides_registry_corrected,
            figures.overrides_kept) == (0, 1, 1, 1)
    event = Event.objects.filter(item=kept.item).latest("seq")
    assert (event.kind, event.actor, event.data["resolution"]) == (
        EventKind.OVERRIDE_REVIEWED, p.inspector, "kept_for_review")
    assert verify() == []  # every chain still verifies


def test_an_entry_is_resolved_once_only_by_home_affairs(province):
    p = province
    override = pushed_up(p)
    for who in (p.office_head, p.construction_head, p.outsider):
        with pytest.raises(AccessDenied):
            actions.resolve_override(override, actor=who, resolution=Resolution.CONFIRMED)
    with pytest.raises(InvalidInput):
        actions.resolve_override(override, actor=p.inspector, resolution="ignore")
    actions.resolve_override(override, actor=p.inspector, resolution=Resolution.CONFIRMED)
    with pytest.raises(InvalidState):
        actions.resolve_override(override, actor=p.inspector, resolution=Resolution.KEPT_FOR_REVIEW)
    assert OverrideReview.objects.count() == 1


def test_a_return_found_wrong_counts_against_the_returning_unit(province):
    p = province
    item = wrongly_returned(p)
    assert figures_of(p.construction).returns_found_wrong == 0
    actions.record_return_found_wrong(item, actor=p.inspector,
                                      explanation="Cấp phép công trình cấp II thuộc thẩm quyền Sở Xây dựng")
    assert figures_of(p.construction).returns_found_wrong == 1
    event = Event.objects.filter(item=item).latest("seq")
    assert (event.kind, event.unit_id) == (EventKind.RETURN_FOUND_WRONG, p.construction.pk)
    with pytest.raises(InvalidState):  # found once
        actions.record_return_found_wrong(item, actor=p.office_head, explanation="Lần nữa")


def test_only_home_affairs_or_the_province_office_find_a_return_wrong_and_only_a_returned_one(province):
    p = province
    item = wrongly_returned(p)
    for who in (p.finance_head, p.office_clerk, p.construction_head):
        with pytest.raises(AccessDenied):
            actions.record_return_found_wrong(item, actor=who, explanation="Sai")
    with pytest.raises(InvalidInput):
        actions.record_return_found_wrong(item, actor=p.office_head, explanation=" ")
    with pytest.raises(InvalidState):
        actions.record_return_found_wrong(in_progress(p, p.building_permit), actor=p.office_head, explanation="x")
    actions.record_return_found_wrong(item, actor=p.office_head, explanation="Thuộc thẩm quyền Sở Xây dựng")
