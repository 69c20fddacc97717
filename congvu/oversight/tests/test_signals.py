"""The signals of pushing work around (congvu.oversight.signals) on constructed cases: each number is
charged to the right unit and official, opens exactly its evidence, and feeds the avoidance index by
the formula the page shows."""

from datetime import date, timedelta

import pytest

from congvu.lib import clock
from congvu.oversight.periods import Period, month, quarter
from congvu.oversight.signals import (
    SIGNALS,
    avoidance_index_by_unit,
    evidence,
    index_of,
    signals_by_official,
    signals_by_unit,
    weights,
)
from congvu.work import actions as work
from congvu.work.models import Event, Step

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at_morning")]
Q1 = quarter(2026, 1)


def unit_row(rows, unit):
    return next(r for r in rows if r.unit_id == unit.pk)


def test_the_busy_quarter_charges_each_signal_to_its_unit(province, busy):
    construction = unit_row(signals_by_unit(Q1), province.construction)
    assert construction.counts["own_transfer"] == 1  # the refused transfer of its own building permit
    assert construction.counts["upward"] == 1  # the head's override of the own-authority submission
    assert construction.counts["extension_self"] == 1
    transport = unit_row(signals_by_unit(Q1), province.transport)
    assert transport.counts["deemed"] == 1  # silent on the consultation


def test_the_official_who_acted_is_charged(province, busy):
    rows = signals_by_official(Q1)
    head = next(r for r in rows if r.official_id == province.construction_head.pk)
    assert head.counts["own_transfer"] == 1 and head.unit_id == province.construction.pk


def test_each_number_opens_exactly_its_evidence(province, busy):
    for row in signals_by_unit(Q1):
        for signal, number in row.cells():
            assert sum(c.amount for c in evidence(signal.code, Q1, unit_id=row.unit_id)) == number
    refused = evidence("own_transfer", Q1, unit_id=province.construction.pk)
    assert Event.objects.get(pk=refused[0].pk).item_id == busy.refused.pk


def test_a_period_without_the_events_has_no_signal_from_them(province, busy):
    assert all(r.counts.get("own_transfer", 0) == 0 for r in signals_by_unit(month(2025, 12)))
    assert signals_by_unit(month(2025, 12)) == []


def test_the_step_delay_is_the_working_days_late_of_the_holder(province, busy):
    found = evidence("step_delay", Q1)
    assert found and all(Step.objects.filter(pk=c.pk).exists() and c.amount >= 1 for c in found)


def test_an_item_transferred_twice_is_a_bounce_charged_to_both_units(province):
    item = work.register_incoming(actor=province.commune_head, unit=province.commune,
                                  matter_type=province.building_permit, sender="Hộ ông Lê Văn Chuyển",
                                  subject="Cấp phép sửa chữa nhà ở")
    at_construction = work.transfer(item, actor=province.commune_head, to_unit=province.construction)
    at_finance = work.transfer(at_construction, actor=province.construction_head, to_unit=province.finance,
                               override_reason="Liên quan nguồn vốn ngân sách")
    found = evidence("bounced", month(2026, 3))
    assert {(c.pk, c.unit_id) for c in found} == {(at_finance.pk, province.commune.pk),
                                                  (at_finance.pk, province.construction.pk)}
    assert unit_row(signals_by_unit(month(2026, 3)), province.commune).counts["bounced"] == 1


def test_undecided_past_twice_the_limit_is_a_signal(province, busy):
    late_in_year = Period("custom", date(2026, 1, 1), date(2026, 12, 31))
    with clock.travel_to(clock.now() + timedelta(days=120)):
        found = evidence("undecided_twice", late_in_year)
    assert busy.overdue.pk in {c.pk for c in found}


def test_the_index_is_weighted_points_per_100_items_by_the_registry_weights(province, busy):
    w = weights()
    assert set(w) == {s.code for s in SIGNALS} and w["returns_wrong"] == 40
    assert index_of({"own_transfer": 1, "deemed": 2}, 4, w) == round(100 * (3 + 6) / 10, 1)
    assert index_of({"own_transfer": 1}, 30, w) == 10.0
    by_unit = avoidance_index_by_unit(Q1)
    assert by_unit[province.construction.pk] == unit_row(signals_by_unit(Q1), province.construction).index > 0
