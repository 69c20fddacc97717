"""The official working-day calendar: counting rules (Civil Code Art. 147–148) and the schedule data."""

from datetime import UTC, date, datetime, timedelta, timezone

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from congvu.lib.official_schedule import OFFICIAL_SCHEDULE, DayKind, ScheduleEntry
from congvu.lib.workdays import (
    TZ,
    Calendar,
    local_date,
    official_calendar,
    parse_vn_date,
)

CAL = official_calendar()
BARE = Calendar(overrides=())  # weekends + the `holidays` package only


def d(text: str) -> date:
    return parse_vn_date(text)


def days(first: str, last: str) -> list[date]:
    start, end = d(first), d(last)
    return [start + timedelta(i) for i in range((end - start).days + 1)]


# ---- the official schedule ------------------------------------------------------------------


def test_tet_2024_runs_from_thursday_08_02_to_wednesday_14_02():
    assert CAL.is_working_day(d("07/02/2024"))
    assert not any(CAL.is_working_day(x) for x in days("08/02/2024", "14/02/2024"))
    assert CAL.is_working_day(d("15/02/2024"))
    assert CAL.next_working_day(d("07/02/2024")) == d("15/02/2024")


def test_in_2025_saturday_26_04_is_worked_and_friday_02_05_is_off():
    assert CAL.is_working_day(d("26/04/2025"))
    assert not CAL.is_working_day(d("02/05/2025"))
    assert CAL.add_working_days(d("25/04/2025"), 1) == d("26/04/2025")
    # Tuesday 29/04 -> Wednesday 30/04 to Sunday 04/05 are all off.
    assert CAL.next_working_day(d("29/04/2025")) == d("05/05/2025")


def test_new_year_2026_is_four_days_off_with_saturday_10_01_worked():
    assert not any(CAL.is_working_day(x) for x in days("01/01/2026", "04/01/2026"))
    assert not CAL.is_working_day(d("02/01/2026"))  # a Friday, swapped
    assert CAL.is_working_day(d("10/01/2026"))  # a Saturday, the make-up day
    assert not CAL.is_working_day(d("11/01/2026"))
    assert CAL.next_working_day(d("31/12/2025")) == d("05/01/2026")


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("20/01/2023", "26/01/2023"),  # Tết Quý Mão
        ("29/04/2023", "03/05/2023"),  # Hùng Kings (Sat) + 30/4 (Sun) -> compensatory 02/05, 03/05
        ("01/09/2023", "04/09/2023"),
        ("18/04/2024", "18/04/2024"),
        ("27/04/2024", "01/05/2024"),
        ("31/08/2024", "03/09/2024"),
        ("25/01/2025", "02/02/2025"),  # Tết Ất Tỵ
        ("07/04/2025", "07/04/2025"),
        ("30/08/2025", "02/09/2025"),
        ("14/02/2026", "22/02/2026"),  # Tết Bính Ngọ
        ("26/04/2026", "27/04/2026"),  # Hùng Kings on Sunday -> Monday off
        ("30/04/2026", "03/05/2026"),
        ("29/08/2026", "02/09/2026"),
    ],
)
def test_announced_blocks_of_days_off_are_not_working_days(first, last):
    assert not any(CAL.is_working_day(x) for x in days(first, last))
    day_before, day_after = d(first) - timedelta(1), d(last) + timedelta(1)
    # The block is exactly as announced: the weekdays around it are ordinary working days.
    for edge in (day_before, day_after):
        if edge.weekday() < 5:
            assert CAL.is_working_day(edge), edge


@pytest.mark.parametrize("saturday", ["04/05/2024", "26/04/2025", "10/01/2026", "22/08/2026"])
def test_make_up_saturdays_are_working_days(saturday):
    assert d(saturday).weekday() == 5
    assert CAL.is_working_day(d(saturday))


def test_every_schedule_entry_names_its_source_and_days_are_unique():
    assert all(e.source.strip() and e.name.strip() for e in OFFICIAL_SCHEDULE)
    assert all(isinstance(e.kind, DayKind) for e in OFFICIAL_SCHEDULE)
    assert len({e.day for e in OFFICIAL_SCHEDULE}) == len(OFFICIAL_SCHEDULE)
    assert {e.day.year for e in OFFICIAL_SCHEDULE} == {2023, 2024, 2025, 2026}
    # A make-up day only means something on a weekend.
    assert all(e.day.weekday() >= 5 for e in OFFICIAL_SCHEDULE if e.kind == DayKind.WORKING_DAY)


# ---- weekends, the package, and who wins ------------------------------------------------------


def test_ordinary_weekdays_work_and_weekends_do_not():
    assert [CAL.is_working_day(x) for x in days("04/03/2024", "10/03/2024")] == [True] * 5 + [False] * 2
    assert CAL.day_off_reason(d("09/03/2024")) == "Thứ Bảy"
    assert CAL.day_off_reason(d("10/03/2024"), lang="en") == "Sunday"
    assert CAL.day_off_reason(d("08/03/2024")) is None


def test_statutory_holidays_from_the_package_are_off_in_years_without_an_official_schedule():
    assert not BARE.is_working_day(d("18/04/2024"))  # Hùng Kings 2024, from the package alone
    assert not BARE.is_working_day(d("02/09/2024"))
    assert "Bộ luật Lao động" in BARE.day_off_reason(d("18/04/2024"))
    # With the official schedule in place, every package holiday on a weekday that the schedule
    # does not mention is still a day off in the years the schedule does not cover; in the years it
    # covers, it waits for the administrator's confirmation (see the tests further down).
    listed = {e.day for e in OFFICIAL_SCHEDULE}
    covered = {e.day.year for e in OFFICIAL_SCHEDULE}
    package = holidays.country_holidays("VN", years=range(2020, 2036))
    unlisted = [x for x in package if x not in listed and x.weekday() < 5]
    assert unlisted
    assert not any(CAL.is_working_day(x) for x in unlisted if x.year not in covered)
    assert all(CAL.is_working_day(x) for x in unlisted if x.year in covered)


def test_the_official_schedule_beats_the_package_where_they_differ():
    # The package does not know the 2026 New Year swap.
    assert BARE.is_working_day(d("02/01/2026")) and not CAL.is_working_day(d("02/01/2026"))
    assert not BARE.is_working_day(d("10/01/2026")) and CAL.is_working_day(d("10/01/2026"))
    # An override also turns a package holiday back into a working day.
    worked = ScheduleEntry(d("02/09/2024"), DayKind.WORKING_DAY, "Giả định", "Thử nghiệm")
    assert Calendar(overrides=[worked]).is_working_day(d("02/09/2024"))
    # And its reason is the one shown.
    assert "5015/TB-LĐTBXH" in CAL.day_off_reason(d("12/02/2024"))


def test_overrides_may_be_stored_as_plain_strings():
    entry = ScheduleEntry(d("05/03/2024"), "day_off", "Nghỉ đột xuất", "Quyết định thử")  # type: ignore[arg-type]
    assert not Calendar(overrides=[entry]).is_working_day(d("05/03/2024"))


def test_two_different_entries_for_one_day_are_refused():
    a = ScheduleEntry(d("05/03/2024"), DayKind.DAY_OFF, "A", "X")
    b = ScheduleEntry(d("05/03/2024"), DayKind.WORKING_DAY, "B", "Y")
    with pytest.raises(ValueError, match="05/03/2024"):
        Calendar(overrides=[a, b])
    Calendar(overrides=[a, a])  # the same entry twice is harmless


# ---- counting -----------------------------------------------------------------------------------


def test_the_day_of_the_event_is_not_counted():
    # Monday 04/03/2024 + 1 working day is Tuesday, not Monday itself.
    assert CAL.add_working_days(d("04/03/2024"), 1) == d("05/03/2024")
    assert CAL.add_working_days(d("04/03/2024"), 5) == d("11/03/2024")


def test_an_event_on_a_day_off_counts_from_the_next_working_day():
    assert CAL.add_working_days(d("09/03/2024"), 1) == d("11/03/2024")  # Saturday event


def test_a_zero_day_period_ends_on_the_event_day_or_the_next_working_day():
    assert CAL.add_working_days(d("04/03/2024"), 0) == d("04/03/2024")
    assert CAL.add_working_days(d("09/02/2024"), 0) == d("15/02/2024")


def test_a_negative_period_is_refused():
    with pytest.raises(ValueError, match="n must not be negative"):
        CAL.add_working_days(d("04/03/2024"), -1)


def test_counting_across_tet_2024_skips_the_whole_holiday():
    assert CAL.add_working_days(d("07/02/2024"), 3) == d("19/02/2024")
    assert CAL.working_days_between(d("07/02/2024"), d("19/02/2024")) == 3


def test_between_counts_after_a_up_to_and_including_b():
    assert CAL.working_days_between(d("04/03/2024"), d("04/03/2024")) == 0
    assert CAL.working_days_between(d("04/03/2024"), d("05/03/2024")) == 1
    assert CAL.working_days_between(d("08/03/2024"), d("10/03/2024")) == 0
    assert CAL.working_days_between(d("05/03/2024"), d("04/03/2024")) == -1


def test_between_is_antisymmetric():
    a, b = d("01/01/2025"), d("15/05/2025")
    assert CAL.working_days_between(b, a) == -CAL.working_days_between(a, b)


def test_due_moment_is_the_end_of_the_last_day_in_viet_nam_which_is_17_00_utc():
    moment = CAL.due_moment(d("04/03/2024"), 1)
    assert moment == datetime(2024, 3, 5, 17, 0, tzinfo=UTC)
    assert moment.utcoffset() == timedelta(0)
    assert moment.astimezone(TZ) == datetime(2024, 3, 6, 0, 0, tzinfo=TZ)
    assert local_date(moment - timedelta(microseconds=1)) == d("05/03/2024")


def test_dates_outside_the_calendar_are_refused():
    with pytest.raises(ValueError, match="ngoài lịch làm việc"):
        CAL.is_working_day(date(2019, 12, 31))
    with pytest.raises(ValueError, match="ngoài lịch làm việc"):
        CAL.add_working_days(date(2036, 1, 1), 1)
    with pytest.raises(ValueError, match="ngoài lịch làm việc"):
        CAL.working_days_between(date(2024, 1, 1), date(2040, 1, 1))
    with pytest.raises(ValueError, match="vượt quá lịch làm việc"):
        CAL.add_working_days(date(2035, 12, 20), 30)


def test_a_calendar_can_cover_a_narrower_range_and_ignores_entries_outside_it():
    small = Calendar(first_year=2024, last_year=2024)
    assert not small.is_working_day(d("08/02/2024"))
    with pytest.raises(ValueError):
        small.is_working_day(d("02/01/2026"))


# ---- explanation and version ----------------------------------------------------------------------


def test_explain_lists_every_skipped_day_with_its_reason():
    why = CAL.explain(d("07/02/2024"), 3)
    assert why.due == d("19/02/2024")
    assert why.due_moment == CAL.due_moment(d("07/02/2024"), 3)
    assert [s.day for s in why.skipped] == days("08/02/2024", "14/02/2024") + days("17/02/2024", "18/02/2024")
    assert all("Tết Nguyên đán" in s.reason and "5015/TB-LĐTBXH" in s.reason for s in why.skipped[:7])
    assert [s.reason for s in why.skipped[7:]] == ["Thứ Bảy", "Chủ Nhật"]
    assert why.made_up == ()
    assert why.calendar_version == CAL.version


def test_explain_lists_the_make_up_saturdays_that_were_counted_with_their_source():
    why = CAL.explain(d("08/01/2026"), 2)
    assert why.due == d("10/01/2026")
    assert [m.day for m in why.made_up] == [d("10/01/2026")]
    assert "12729/VPCP-KGVX" in why.made_up[0].source


def test_explanation_lines_read_in_vietnamese_by_default_and_in_english_on_request():
    why = CAL.explain(d("07/02/2024"), 3)
    vi = "\n".join(why.lines())
    assert "07/02/2024" in vi and "không tính" in vi
    assert "Không tính 08/02/2024 (Thứ Năm): Nghỉ Tết Nguyên đán" in vi
    assert "Không tính 17/02/2024 (Thứ Bảy)." in vi
    assert "24:00 ngày 19/02/2024" in vi
    en = "\n".join(why.lines(lang="en"))
    assert "Not counted 17/02/2024 (Saturday)." in en
    assert "due at 24:00 on 19/02/2024" in en
    with pytest.raises(ValueError):
        why.lines(lang="fr")


def test_version_is_stable_for_the_same_data_and_changes_with_it():
    assert len(CAL.version) == 12 and int(CAL.version, 16) >= 0
    assert Calendar().version == CAL.version
    extra = ScheduleEntry(d("05/03/2024"), DayKind.DAY_OFF, "Nghỉ đột xuất", "Quyết định thử")
    assert Calendar(overrides=(*OFFICIAL_SCHEDULE, extra)).version != CAL.version
    assert Calendar(last_year=2030).version != CAL.version


# ---- dates in and out ---------------------------------------------------------------------------


def test_parse_vn_date_reads_day_month_year():
    assert parse_vn_date("08/02/2024") == date(2024, 2, 8)
    assert parse_vn_date(" 8/2/2024 ") == date(2024, 2, 8)


@pytest.mark.parametrize("bad", ["2024-02-08", "08-02-2024", "", "abc", "08/02/24"])
def test_parse_vn_date_refuses_other_formats_with_a_vietnamese_message(bad):
    with pytest.raises(ValueError, match="không đúng định dạng dd/mm/yyyy"):
        parse_vn_date(bad)


def test_parse_vn_date_refuses_days_that_do_not_exist():
    with pytest.raises(ValueError, match="không có thật"):
        parse_vn_date("30/02/2024")


def test_local_date_is_the_date_in_viet_nam():
    assert local_date(datetime(2024, 2, 7, 16, 59, tzinfo=UTC)) == date(2024, 2, 7)
    assert local_date(datetime(2024, 2, 7, 17, 0, tzinfo=UTC)) == date(2024, 2, 8)
    assert local_date(datetime(2024, 2, 8, 1, 0, tzinfo=timezone(timedelta(hours=9)))) == date(2024, 2, 7)
    with pytest.raises(ValueError):
        local_date(datetime(2024, 2, 7, 17, 0))


# ---- properties ---------------------------------------------------------------------------------

_STARTS = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 6, 30))


@given(start=_STARTS, n=st.integers(min_value=1, max_value=120))
def test_adding_n_working_days_then_counting_them_gives_n_and_lands_on_a_working_day(start, n):
    due = CAL.add_working_days(start, n)
    assert CAL.working_days_between(start, due) == n
    assert CAL.is_working_day(due)
    assert due > start
    # No earlier day would do: the day before the due date is one working day short.
    assert CAL.working_days_between(start, due - timedelta(1)) == n - 1


@given(start=_STARTS, n=st.integers(min_value=0, max_value=60))
def test_explain_agrees_with_counting(start, n):
    why = CAL.explain(start, n)
    assert why.due == CAL.add_working_days(start, n)
    span = (why.due - start).days - 1 if why.due > start else 0
    # Every calendar day strictly between start and due is either counted or skipped.
    counted = CAL.working_days_between(start, why.due) - (1 if why.due > start else 0)
    assert len(why.skipped) + counted == span


# ---- the schedule is authoritative for its years (issue 9) -------------------------------------


def test_a_package_holiday_the_schedule_does_not_list_is_a_working_day_and_flagged():
    # 24/11/2026 "Ngày Văn hóa Việt Nam": the holidays package has it, the 2026 schedule does not.
    assert d("24/11/2026") in holidays.country_holidays("VN", years=2026)
    assert CAL.is_working_day(d("24/11/2026"))
    assert CAL.add_working_days(d("20/11/2026"), 5) == d("27/11/2026")
    assert [p.day for p in CAL.unconfirmed_package_days(2026)] == [d("24/11/2026")]
    lines = CAL.explain(d("20/11/2026"), 5).lines()
    assert any("24/11/2026" in line and "chỉ tính là ngày nghỉ khi quản trị viên xác nhận" in line for line in lines)


def test_a_package_holiday_counts_as_a_day_off_once_confirmed_in_the_schedule():
    confirmed = ScheduleEntry(d("24/11/2026"), DayKind.DAY_OFF, "Ngày Văn hóa Việt Nam", "Xác nhận của quản trị viên")
    calendar = Calendar(overrides=(*OFFICIAL_SCHEDULE, confirmed))
    assert not calendar.is_working_day(d("24/11/2026"))
    assert calendar.add_working_days(d("20/11/2026"), 5) == d("30/11/2026")
    assert calendar.unconfirmed_package_days(2026) == []
    assert calendar.version != CAL.version  # items record which calendar counted them


def test_an_unverified_schedule_entry_is_shown_as_such():
    lines = CAL.explain(d("20/08/2026"), 3).lines()
    made_up = next(line for line in lines if "22/08/2026" in line)
    assert "chưa được xác minh" in made_up
    assert any("not been verified" in line for line in CAL.explain(d("20/08/2026"), 3).lines("en"))
    # A verified make-up day says nothing of the kind.
    assert not any("xác minh" in line for line in CAL.explain(d("09/01/2026"), 1).lines())


def test_a_deadline_into_a_year_without_official_schedule_says_so():
    assert CAL.has_official_schedule(2026) and not CAL.has_official_schedule(2027)
    lines = CAL.explain(d("28/12/2026"), 10).lines()
    assert any(line.startswith("Lịch năm 2027 chưa được công bố") for line in lines)
    # Counted inside a published year, no such sentence.
    assert not any("chưa được công bố" in line for line in CAL.explain(d("02/11/2026"), 10).lines())
    # Without a schedule, the package's holidays are the estimate: 01/01/2027 is off.
    assert not CAL.is_working_day(d("01/01/2027"))
