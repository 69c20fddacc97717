"""The period an oversight figure is counted over: a month, a quarter, a year or a custom range of
days, in Viet Nam's time (Asia/Ho_Chi_Minh). Pure: no database, so it is unit-tested alone.

Read from the query string the same way by the pages and the API:

    ky=thang&thang=11&nam=2026      a month (thang may also be "11/2026" or "2026-11")
    ky=quy&quy=4&nam=2026           a quarter
    ky=nam&nam=2026                 a year
    ky=tuy-chon&tu=01/10/2026&den=15/11/2026   a range (dd/mm/yyyy or ISO 2026-10-01)

`ky` also takes the English month|quarter|year|custom (the API's words). Nothing given: the current
month. `parse_period` raises `PeriodError` on what it cannot read (the API answers 422);
`period_from_params` falls back to the current month (a page never fails on a bad link)."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from congvu.lib.workdays import TZ, parse_vn_date

Kind = Literal["month", "quarter", "year", "custom"]
KINDS: tuple[Kind, ...] = ("month", "quarter", "year", "custom")
# The query string's Vietnamese words for each kind, and back.
SLUGS: dict[Kind, str] = {"month": "thang", "quarter": "quy", "year": "nam", "custom": "tuy-chon"}
KIND_OF_SLUG: dict[str, Kind] = {**{v: k for k, v in SLUGS.items()}, **{k: k for k in KINDS}}
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_CUSTOM_DAYS = 366 * 5  # a custom range longer than five years is a typing mistake
ROMAN = ("I", "II", "III", "IV")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


class PeriodError(ValueError):
    """A period the query string asks for that cannot be read; both languages, like a refusal."""

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_vi)
        self.message_vi, self.message_en = message_vi, message_en


@dataclass(frozen=True)
class Period:
    """Days `start` to `end`, both included."""

    kind: Kind
    start: date
    end: date

    @property
    def slug(self) -> str:
        """The kind as the address says it (`?ky=thang`): what the period selector's options carry."""
        return SLUGS[self.kind]

    @property
    def start_at(self) -> datetime:
        """00:00 in Viet Nam of the first day, in UTC."""
        return datetime.combine(self.start, time(0), tzinfo=TZ).astimezone(UTC)

    @property
    def end_at(self) -> datetime:
        """24:00 in Viet Nam of the last day, in UTC (excluded: a moment counts if start_at <= m < end_at)."""
        return datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=TZ).astimezone(UTC)

    def judged_at(self, now: datetime) -> datetime:
        """The moment open and overdue are judged at: the period's end, or now while it runs."""
        return min(self.end_at, now)

    def is_current(self, now: datetime) -> bool:
        return self.start_at <= now < self.end_at

    @property
    def label_vi(self) -> str:
        if self.kind == "month":
            return f"Tháng {self.start.month:02d}/{self.start.year}"
        if self.kind == "quarter":
            return f"Quý {ROMAN[(self.start.month - 1) // 3]}/{self.start.year}"
        if self.kind == "year":
            return f"Năm {self.start.year}"
        return f"Từ {self.start:%d/%m/%Y} đến {self.end:%d/%m/%Y}"

    @property
    def label_en(self) -> str:
        if self.kind == "month":
            return f"{MONTHS_EN[self.start.month - 1]} {self.start.year}"
        if self.kind == "quarter":
            return f"Q{(self.start.month - 1) // 3 + 1} {self.start.year}"
        if self.kind == "year":
            return f"Year {self.start.year}"
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"

    def label(self, language: str = "vi") -> str:
        return self.label_en if language.startswith("en") else self.label_vi

    def params(self) -> dict[str, str]:
        """The query string that reads back as this period (for links that keep it)."""
        if self.kind == "month":
            return {"ky": "thang", "thang": str(self.start.month), "nam": str(self.start.year)}
        if self.kind == "quarter":
            return {"ky": "quy", "quy": str((self.start.month - 1) // 3 + 1), "nam": str(self.start.year)}
        if self.kind == "year":
            return {"ky": "nam", "nam": str(self.start.year)}
        return {"ky": "tuy-chon", "tu": f"{self.start:%d/%m/%Y}", "den": f"{self.end:%d/%m/%Y}"}

    def months(self) -> list["Period"]:
        """Each calendar month the period touches, clipped to it: the monthly trend's points."""
        out, first = [], self.start.replace(day=1)
        while first <= self.end:
            m = month(first.year, first.month)
            out.append(Period("month", max(m.start, self.start), min(m.end, self.end)))
            first = m.end + timedelta(days=1)
        return out

    def previous(self) -> "Period":
        """The period of the same kind just before (a custom range: the same number of days before)."""
        day_before = self.start - timedelta(days=1)
        if self.kind == "custom":
            return Period("custom", day_before - (self.end - self.start), day_before)
        return containing(self.kind, day_before)


def month(year: int, number: int) -> Period:
    start = date(year, number, 1)
    following = date(year + number // 12, number % 12 + 1, 1)
    return Period("month", start, following - timedelta(days=1))


def quarter(year: int, number: int) -> Period:
    first = 3 * (number - 1) + 1
    return Period("quarter", date(year, first, 1), month(year, first + 2).end)


def year(number: int) -> Period:
    return Period("year", date(number, 1, 1), date(number, 12, 31))


def containing(kind: Kind, day: date) -> Period:
    """The month, quarter or year `day` falls in (a custom kind: that one day)."""
    if kind == "month":
        return month(day.year, day.month)
    if kind == "quarter":
        return quarter(day.year, (day.month - 1) // 3 + 1)
    if kind == "year":
        return year(day.year)
    return Period("custom", day, day)


def current(kind: Kind, today: date) -> Period:
    return containing(kind, today)


def previous_closed(kind: Kind, today: date) -> Period:
    """The last period of this kind that has ended by `today` (the one a report covers)."""
    return containing(kind, today).previous() if kind != "custom" else Period("custom", today, today)


def _int(params: Mapping[str, str], name: str, low: int, high: int, default: int) -> int:
    text = (params.get(name) or "").strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
        raise PeriodError(f"«{name}={text[:20]}» phải là số từ {low} đến {high}.",
                          f"“{name}={text[:20]}” must be a number from {low} to {high}.")
    return int(text)


def _date(text: str, name: str) -> date:
    text = text.strip()
    try:
        day = date.fromisoformat(text) if "-" in text else parse_vn_date(text)
    except ValueError:
        raise PeriodError(f"«{name}={text[:20]}» không phải ngày dd/mm/yyyy.",
                          f"“{name}={text[:20]}” is not a date (dd/mm/yyyy or yyyy-mm-dd).") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise PeriodError(f"«{name}» phải trong các năm {FIRST_YEAR}–{LAST_YEAR}.",
                          f"“{name}” must be within {FIRST_YEAR}–{LAST_YEAR}.")
    return day


def _month_param(params: Mapping[str, str], today: date) -> Period:
    text = (params.get("thang") or "").strip()
    for sep, order in (("/", (0, 1)), ("-", (1, 0))):  # "11/2026" or "2026-11"
        if sep in text:
            parts = text.split(sep)
            if len(parts) == 2:
                m, y = parts[order[0]], parts[order[1]]
                number = _int({"thang": m}, "thang", 1, 12, today.month)
                return month(_int({"nam": y}, "nam", FIRST_YEAR, LAST_YEAR, today.year), number)
    number = _int(params, "thang", 1, 12, today.month)
    return month(_int(params, "nam", FIRST_YEAR, LAST_YEAR, today.year), number)


def parse_period(params: Mapping[str, str], today: date) -> Period:
    """The period the query string asks for; PeriodError when a value cannot be read."""
    slug = (params.get("ky") or "").strip()
    if not slug:
        slug = "tuy-chon" if params.get("tu") or params.get("den") else "thang"
    kind = KIND_OF_SLUG.get(slug)
    if kind is None:
        raise PeriodError(f"«ky={slug[:20]}» phải là thang, quy, nam hoặc tuy-chon.",
                          f"“ky={slug[:20]}” must be thang, quy, nam or tuy-chon (month, quarter, year, custom).")
    if kind == "month":
        return _month_param(params, today)
    if kind == "quarter":
        number = _int(params, "quy", 1, 4, (today.month - 1) // 3 + 1)
        return quarter(_int(params, "nam", FIRST_YEAR, LAST_YEAR, today.year), number)
    if kind == "year":
        return year(_int(params, "nam", FIRST_YEAR, LAST_YEAR, today.year))
    start = _date(params["tu"], "tu") if params.get("tu") else today.replace(day=1)
    end = _date(params["den"], "den") if params.get("den") else today
    start, end = min(start, end), max(start, end)
    if (end - start).days > MAX_CUSTOM_DAYS:
        raise PeriodError("Khoảng thời gian dài quá 5 năm.", "The range is longer than five years.")
    return Period("custom", start, end)


def period_from_params(params: Mapping[str, str], today: date) -> tuple[Period, PeriodError | None]:
    """For a page: the period asked for, or the current month and why the request was not read."""
    try:
        return parse_period(params, today), None
    except PeriodError as error:
        return current("month", today), error
