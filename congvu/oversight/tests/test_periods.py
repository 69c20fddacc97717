"""Reading the period of the dashboard and the reports from the query string (pure, no database)."""

from datetime import UTC, date, datetime

import pytest

from congvu.oversight.periods import (
    Period,
    PeriodError,
    parse_period,
    period_from_params,
    previous_closed,
    quarter,
)

TODAY = date(2026, 11, 30)


def test_nothing_asked_is_the_current_month():
    assert parse_period({}, TODAY) == Period("month", date(2026, 11, 1), date(2026, 11, 30))


@pytest.mark.parametrize(("params", "start", "end"), [
    ({"ky": "thang", "thang": "2", "nam": "2028"}, date(2028, 2, 1), date(2028, 2, 29)),
    ({"ky": "thang", "thang": "12/2025"}, date(2025, 12, 1), date(2025, 12, 31)),
    ({"ky": "month", "thang": "2025-03"}, date(2025, 3, 1), date(2025, 3, 31)),
    ({"ky": "quy", "quy": "4", "nam": "2025"}, date(2025, 10, 1), date(2025, 12, 31)),
    ({"ky": "quy"}, date(2026, 10, 1), date(2026, 12, 31)),
    ({"ky": "nam", "nam": "2025"}, date(2025, 1, 1), date(2025, 12, 31)),
    ({"ky": "tuy-chon", "tu": "15/10/2026", "den": "2026-11-05"}, date(2026, 10, 15), date(2026, 11, 5)),
    ({"tu": "05/11/2026", "den": "15/10/2026"}, date(2026, 10, 15), date(2026, 11, 5)),  # swapped, custom
])
def test_each_kind_reads_its_days(params, start, end):
    period = parse_period(params, TODAY)
    assert (period.start, period.end) == (start, end)
    assert parse_period(period.params(), TODAY) == period  # links keep the period


@pytest.mark.parametrize("params", [
    {"ky": "tuan"}, {"ky": "thang", "thang": "13"}, {"ky": "quy", "quy": "5"}, {"ky": "nam", "nam": "٢٠٢٥"},
    {"ky": "tuy-chon", "tu": "31/02/2026"}, {"ky": "tuy-chon", "tu": "01/01/2001", "den": "01/01/2020"},
    {"ky": "nam", "nam": "1999"},
])
def test_what_cannot_be_read_is_refused_in_both_languages_and_a_page_falls_back(params):
    with pytest.raises(PeriodError) as refused:
        parse_period(params, TODAY)
    assert refused.value.message_vi and refused.value.message_en
    period, error = period_from_params(params, TODAY)
    assert period == parse_period({}, TODAY) and error is not None


def test_labels_in_vietnamese_first_and_english():
    q = quarter(2026, 4)
    assert (q.label_vi, q.label_en, q.label("en-us")) == ("Quý IV/2026", "Q4 2026", "Q4 2026")
    assert parse_period({}, TODAY).label() == "Tháng 11/2026"
    assert parse_period({"tu": "01/10/2026", "den": "05/10/2026"}, TODAY).label_vi == "Từ 01/10/2026 đến 05/10/2026"


def test_a_period_runs_from_midnight_to_midnight_in_viet_nam():
    period = parse_period({}, TODAY)
    assert period.start_at == datetime(2026, 10, 31, 17, 0, tzinfo=UTC)
    assert period.end_at == datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
    now = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
    assert period.is_current(now) and period.judged_at(now) == now
    assert period.previous().judged_at(now) == datetime(2026, 10, 31, 17, 0, tzinfo=UTC)


def test_the_previous_closed_period_of_each_kind():
    assert previous_closed("month", TODAY) == Period("month", date(2026, 10, 1), date(2026, 10, 31))
    assert previous_closed("quarter", date(2026, 1, 5)) == Period("quarter", date(2025, 10, 1), date(2025, 12, 31))
    assert previous_closed("year", TODAY) == Period("year", date(2025, 1, 1), date(2025, 12, 31))


def test_the_months_of_a_range_are_clipped_to_it():
    months = parse_period({"tu": "15/10/2026", "den": "05/12/2026"}, TODAY).months()
    assert [(m.start, m.end) for m in months] == [
        (date(2026, 10, 15), date(2026, 10, 31)), (date(2026, 11, 1), date(2026, 11, 30)),
        (date(2026, 12, 1), date(2026, 12, 5))]
