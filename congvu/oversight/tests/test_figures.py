"""The oversight figures (congvu.oversight.queries) over a busy province: the Government Office's
numbers per unit, and the lists behind them (overdue work, deemed agreements, refusals and overrides)."""

import pytest

from congvu.oversight.queries import (
    deemed_agreements,
    figure_conditions,
    first_rows,
    overdue_items,
    refusals_and_overrides,
    unit_figures,
)
from congvu.work.models import Outcome, WorkItem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at_morning")]


def test_the_figures_count_the_scenario_as_the_government_office_would(province, busy):
    construction = next(f for f in unit_figures() if f.unit_id == province.construction.pk)
    # Returned work is not Construction's: 8 of its 9 items count.
    assert (construction.assigned, construction.completed_on_time, construction.completed_late) == (8, 1, 1)
    assert (construction.open_overdue, construction.open_within_deadline) == (4, 2)


def test_the_overdue_list_holds_exactly_what_the_overdue_figures_count(province, busy):
    counted = sum(f.open_overdue for f in unit_figures())
    assert overdue_items().count() == counted == WorkItem.objects.filter(figure_conditions()["overdue"]).count()
    assert busy.overdue in overdue_items() and busy.on_time not in overdue_items()


def test_the_silent_unit_and_the_refused_and_overridden_attempts_are_listed(province, busy):
    assert [r.unit for r in deemed_agreements()] == [province.transport]
    signals = refusals_and_overrides()
    assert {(e.item_id, e.outcome) for e in signals} >= {(busy.refused.pk, Outcome.REFUSED),
                                                         (busy.pushed_up.pk, Outcome.OVERRIDE)}
    assert all(e.outcome in (Outcome.REFUSED, Outcome.OVERRIDE) for e in signals)


def test_the_ten_oldest_overdue_are_the_list_s_first_in_its_order(busy):
    # The dashboard picks the ids first and then reads only those rows: the same items, in the same
    # order (oldest legal deadline first), as slicing the list itself.
    items = overdue_items()
    assert items.count() >= 2
    assert [i.pk for i in first_rows(items, 10)] == [i.pk for i in items[:10]]
    legal = [i.legal_due_at for i in first_rows(items, 10)]
    assert legal == sorted(legal)
