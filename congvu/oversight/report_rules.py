"""Clause 3's periodic reports as pure checks, tested without a database: the data cut-off of each
kind of period (Decree 09/2019/NĐ-CP Art. 12: from the 15th of the month before to the 14th), the
units' due date (a working day, at least one working day after the cut-off: Art. 8), the narrative
a head submits, and the day the province report is issued."""

from datetime import date, timedelta

from congvu.lib.refusals import Detail, InvalidInput, Rule
from congvu.oversight.models_reports import PeriodKind

DUE_DAY = Rule(
    "R-3-REPORT-DUE-DAY", "3",
    "Hạn gửi báo cáo phải là ngày làm việc, sau ngày chốt số liệu ít nhất một ngày làm việc: {detail}",
    "A report's due date must be a working day at least one working day after the data cut-off: {detail}",
)
NARRATIVE = Rule(
    "R-3-REPORT-NARRATIVE", "3",
    "Báo cáo phải nêu kết quả thực hiện; {detail}",
    "A report must state its results; {detail}",
)
ISSUE_DAY = Rule(
    "R-3-REPORT-ISSUE-DAY", "3",
    "Báo cáo chỉ được ban hành vào ngày làm việc: hôm nay {day} không phải ngày làm việc, ngày làm việc tiếp "
    "theo là {next_day}",
    "A report is issued on a working day only: today {day} is not one; the next working day is {next_day}",
)

# The narrative's three parts, each capped (a report is read by people: a page or two each).
NARRATIVE_CAPS = {"results": 8000, "difficulties": 6000, "proposals": 6000}
NARRATIVE_LABELS = {
    "results": ("kết quả thực hiện", "results"),
    "difficulties": ("khó khăn, vướng mắc", "difficulties and obstacles"),
    "proposals": ("đề xuất, kiến nghị", "proposals and recommendations"),
}
NUMBERS_IN_YEAR = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF: 2, PeriodKind.YEAR: 1}
# The last month of each kind's n-th period.
MONTHS_PER_PERIOD = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF: 6, PeriodKind.YEAR: 12}
CUT_OFF_DAY = 14
MAX_DAYS_AFTER_CUT_OFF = 90


def check_period(kind: str, year: int, number: int) -> None:
    if kind not in NUMBERS_IN_YEAR:
        raise InvalidInput("Loại kỳ báo cáo không hợp lệ.", "Unknown kind of reporting period.")
    if not 1 <= number <= NUMBERS_IN_YEAR[PeriodKind(kind)] or not 2000 <= year <= 2100:
        raise InvalidInput("Kỳ báo cáo không hợp lệ (số thứ tự hoặc năm).",
                           "The reporting period's number or year is out of range.")


def cut_off(kind: str, year: int, number: int) -> tuple[date, date]:
    """The data window of Decree 09/2019 Art. 12: from the 15th of the month before the period's first
    month to the 14th of its last month (quarter I 2026: 15/12/2025–14/03/2026)."""
    check_period(kind, year, number)
    months = MONTHS_PER_PERIOD[PeriodKind(kind)]
    last_month = number * months
    first_month = last_month - months + 1
    start_year, start_month = (year - 1, 12) if first_month == 1 else (year, first_month - 1)
    return date(start_year, start_month, CUT_OFF_DAY + 1), date(year, last_month, CUT_OFF_DAY)


def check_due_window(due_on: date, ends_on: date) -> None:
    """Before the calendar is asked: after the cut-off, and within three months of it."""
    if not ends_on < due_on <= ends_on + timedelta(days=MAX_DAYS_AFTER_CUT_OFF):
        raise DUE_DAY.violation(Detail(f"số liệu chốt đến hết ngày {ends_on:%d/%m/%Y}, hạn gửi phải sau ngày đó và "
                                       f"trong vòng {MAX_DAYS_AFTER_CUT_OFF} ngày",
                                       f"the data run until the end of {ends_on:%d/%m/%Y}; the due date must follow "
                                       f"it, within {MAX_DAYS_AFTER_CUT_OFF} days"))


def check_due_day(due_on: date, ends_on: date, is_working_day: bool, working_days_after_cut_off: int) -> None:
    if not is_working_day:
        raise DUE_DAY.violation(Detail(f"{due_on:%d/%m/%Y} là ngày nghỉ", f"{due_on:%d/%m/%Y} is a day off"))
    if due_on <= ends_on or working_days_after_cut_off < 1:
        raise DUE_DAY.violation(Detail(f"số liệu chốt đến hết ngày {ends_on:%d/%m/%Y}",
                                       f"the data run until the end of {ends_on:%d/%m/%Y}"))


def check_narrative_lengths(texts: dict[str, str]) -> None:
    for field, cap in NARRATIVE_CAPS.items():
        if len(texts.get(field, "")) > cap:
            vi, en = NARRATIVE_LABELS[field]
            raise InvalidInput(f"Phần “{vi}” dài quá {cap} ký tự.", f"The “{en}” part is longer than {cap} characters.")


def check_submittable(results: str) -> None:
    if not results.strip():
        raise NARRATIVE.violation(Detail("phần “kết quả thực hiện” còn trống", "the “results” part is empty"))


def check_issue_day(day: date, is_working_day: bool, next_working_day: date) -> None:
    if not is_working_day:
        raise ISSUE_DAY.violation(day=f"{day:%d/%m/%Y}", next_day=f"{next_working_day:%d/%m/%Y}")
