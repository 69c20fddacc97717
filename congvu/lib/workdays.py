"""The official working-day calendar and the counting of periods in working days (DESIGN §4).

Rules (Bộ luật Dân sự 2015, Điều 147–148): the day of the triggering event is not counted; a
period of n working days ends at 24:00 (Asia/Ho_Chi_Minh) of the n-th working day after it.

A day is a working day when it is Monday–Friday and not a day off. For a year with an official
schedule for civil servants (data: days off and make-up Saturdays, each with its source document and
whether it was verified), that schedule is authoritative: a holiday the `holidays` package adds but
the schedule does not list stays a working day, flagged, until the administrator confirms it (by
adding it to the schedule). For a year with no official schedule yet, the package's statutory
holidays are the best estimate and every explanation touching that year says so.

Everything is computed once in the constructor; every query is a binary search, so counting a
deadline costs the same for 3 days as for 300. Pure Python: no Django, no database, no clock.
"""

import hashlib
import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

from .official_schedule import OFFICIAL_SCHEDULE, DayKind, ScheduleEntry

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SATURDAY = 5


def format_vn_date(d: date) -> str:
    """dd/mm/yyyy, the way Vietnamese documents write dates."""
    return d.strftime("%d/%m/%Y")


def weekday_name(d: date, lang: str = "vi") -> str:
    return (_WEEKDAYS_EN if lang == "en" else _WEEKDAYS_VI)[d.weekday()]


_VN_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


def parse_vn_date(text: str) -> date:
    """Parse "dd/mm/yyyy"; the error message is meant to be shown to the user as is."""
    match = _VN_DATE.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"Ngày «{text}» không đúng định dạng dd/mm/yyyy (ví dụ: 08/02/2024).")
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(
            f"Ngày «{text}» không có thật trong lịch (ngày {day}, tháng {month}, năm {year})."
        ) from None


def local_date(dt: datetime) -> date:
    """The calendar date in Viet Nam of an aware moment (stored moments are UTC)."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        # A naive datetime has no place in time; guessing its zone would shift deadlines by a day.
        raise ValueError("local_date cần thời điểm có múi giờ (aware datetime), không nhận datetime naive.")
    return dt.astimezone(TZ).date()


def _end_of_day(d: date) -> datetime:
    """24:00 of `d` in Viet Nam, i.e. 00:00 of the next day there, expressed in UTC."""
    return datetime.combine(d + timedelta(days=1), time(0), tzinfo=TZ).astimezone(UTC)


@dataclass(frozen=True, slots=True)
class SkippedDay:
    """A non-working day and why it is one (Vietnamese first, English for the second language)."""

    day: date
    reason: str
    reason_en: str


@dataclass(frozen=True, slots=True)
class MadeUpDay:
    """A weekend day that is an official working day (làm bù), with the document that says so."""

    day: date
    name: str
    source: str
    verified: bool = True


@dataclass(frozen=True, slots=True)
class PackageDay:
    """A weekday the `holidays` package calls a holiday, in a year whose official schedule does not
    list it: counted as a working day until the administrator confirms it."""

    day: date
    name: str
    name_en: str


@dataclass(frozen=True, slots=True)
class Explanation:
    """How a deadline was counted, to be shown next to it and kept with it."""

    start: date
    n: int
    due: date
    due_moment: datetime
    calendar_version: str
    skipped: tuple[SkippedDay, ...]
    made_up: tuple[MadeUpDay, ...]
    unconfirmed: tuple[PackageDay, ...] = ()
    unpublished_years: tuple[int, ...] = ()

    def lines(self, lang: str = "vi") -> list[str]:
        if lang not in EXPLANATION_TEXT:
            raise ValueError(f"Unsupported language {lang!r}: use 'vi' or 'en'.")
        text = EXPLANATION_TEXT[lang]

        def day(d: date) -> dict:
            return {"day": format_vn_date(d), "weekday": weekday_name(d, lang)}

        lines = [text["event"].format(**day(self.start)), text["period"].format(n=self.n, s="" if self.n == 1 else "s")]
        lines += [text["skipped"].format(day=format_vn_date(s.day), why=_weekday_and_reason(
            s.day, s.reason_en if lang == "en" else s.reason, lang)) for s in self.skipped]
        lines += [text["made_up"].format(**day(m.day), name=m.name, source=m.source) + (
            "" if m.verified else text["unverified"]) for m in self.made_up]
        lines += [text["unconfirmed"].format(**day(p.day), name=p.name_en if lang == "en" else p.name,
                                             year=p.day.year) for p in self.unconfirmed]
        lines += [text["unpublished"].format(year=year) for year in self.unpublished_years]
        lines += [text["last"].format(**day(self.due)), text["version"].format(version=self.calendar_version)]
        return lines


# An explanation's sentences in each language (`Explanation.lines` fills them in).
EXPLANATION_TEXT = {
    "vi": {
        "event": "Ngày xảy ra sự kiện: {day} ({weekday}), không tính vào thời hạn (Điều 147 Bộ luật Dân sự 2015).",
        "period": "Thời hạn: {n} ngày làm việc.",
        "skipped": "Không tính {day} {why}.",
        "made_up": "Có tính {day} ({weekday}): ngày làm bù, {name} ({source}).",
        "unverified": " Mục này của lịch chưa được xác minh với văn bản công bố.",
        "unconfirmed": "Có tính {day} ({weekday}) là ngày làm việc: thư viện holidays ghi «{name}» là ngày nghỉ "
                       "nhưng lịch nghỉ chính thức năm {year} không có; chỉ tính là ngày nghỉ khi quản trị viên "
                       "xác nhận.",
        "unpublished": "Lịch năm {year} chưa được công bố: ngày nghỉ lễ năm {year} tạm tính theo Bộ luật Lao động "
                       "(thư viện holidays); hạn có thể thay đổi khi lịch được công bố.",
        "last": "Ngày cuối cùng của thời hạn: {day} ({weekday}); hết hạn lúc 24:00 ngày {day} (giờ Việt Nam).",
        "version": "Phiên bản lịch làm việc: {version}.",
    },
    "en": {
        "event": "Triggering event: {day} ({weekday}), not counted (Civil Code 2015, Art. 147).",
        "period": "Period: {n} working day{s}.",
        "skipped": "Not counted {day} {why}.",
        "made_up": "Counted {day} ({weekday}): make-up working day, {name} ({source}).",
        "unverified": " This schedule entry has not been verified against the announcing document.",
        "unconfirmed": "Counted {day} ({weekday}) as a working day: the holidays package lists “{name}” as a day "
                       "off but the official schedule for {year} does not; it is a day off only once the "
                       "administrator confirms it.",
        "unpublished": "The schedule for {year} has not been published: its public holidays are estimated from the "
                       "Labour Code (holidays package); the deadline may change once it is published.",
        "last": "Last day of the period: {day} ({weekday}); due at 24:00 on {day} (Viet Nam time).",
        "version": "Working calendar version: {version}.",
    },
}


def _weekday_and_reason(day: date, reason: str, lang: str) -> str:
    # A plain weekend day's reason is its weekday name; don't print "(Saturday): Saturday".
    name = weekday_name(day, lang)
    return f"({name})" if reason == name else f"({name}): {reason}"


class Calendar:
    """Working days between 01/01/first_year and 31/12/last_year."""

    def __init__(
        self,
        overrides: Iterable[ScheduleEntry] = OFFICIAL_SCHEDULE,
        first_year: int = 2020,
        last_year: int = 2035,
    ) -> None:
        if first_year > last_year:
            raise ValueError(f"first_year ({first_year}) must not be after last_year ({last_year}).")
        self._first = date(first_year, 1, 1)
        self._last = date(last_year, 12, 31)
        entries = self._index_overrides(overrides)
        # A year the schedule speaks of at all has an official schedule, and there the schedule rules.
        self._published = frozenset(e.day.year for e in entries.values())
        years = range(first_year, last_year + 1)
        statutory_vi = holidays.country_holidays("VN", years=years, language="vi")
        statutory_en = holidays.country_holidays("VN", years=years, language="en_US")

        working: list[int] = []
        off: dict[int, SkippedDay] = {}
        made_up: dict[int, MadeUpDay] = {}
        unconfirmed: dict[int, PackageDay] = {}
        # Built once, in date order, so every list below is already sorted for bisect.
        for ordinal in range(self._first.toordinal(), self._last.toordinal() + 1):
            day = date.fromordinal(ordinal)
            entry = entries.get(ordinal)
            if entry is not None and entry.kind == DayKind.WORKING_DAY:
                working.append(ordinal)
                if day.weekday() >= _SATURDAY:
                    made_up[ordinal] = MadeUpDay(day, entry.name, entry.source, entry.verified)
            elif entry is not None:
                doubt_vi, doubt_en = ("", "") if entry.verified else ("; chưa xác minh", "; not verified")
                off[ordinal] = SkippedDay(
                    day, f"{entry.name} ({entry.source}{doubt_vi})",
                    f"Official day off: {entry.name} ({entry.source}{doubt_en})",
                )
            elif day in statutory_vi and day.weekday() < _SATURDAY and day.year in self._published:
                # The package knows a holiday the official schedule does not: not a day off until confirmed.
                working.append(ordinal)
                unconfirmed[ordinal] = PackageDay(day, statutory_vi[day], statutory_en[day])
            elif day in statutory_vi:
                off[ordinal] = SkippedDay(
                    day,
                    f"{statutory_vi[day]} (ngày nghỉ lễ, Tết theo Bộ luật Lao động)",
                    f"{statutory_en[day]} (public holiday under the Labour Code)",
                )
            elif day.weekday() >= _SATURDAY:
                off[ordinal] = SkippedDay(day, weekday_name(day), weekday_name(day, "en"))
            else:
                working.append(ordinal)

        self._working = working
        self._off = off
        self._off_ordinals = list(off)
        self._made_up = made_up
        self._made_up_ordinals = list(made_up)
        self._unconfirmed = unconfirmed
        self._unconfirmed_ordinals = list(unconfirmed)
        self._version = self._digest(entries.values(), first_year, last_year)

    # ---- construction helpers -------------------------------------------------------------

    def _index_overrides(self, overrides: Iterable[ScheduleEntry]) -> dict[int, ScheduleEntry]:
        """One entry per day inside the range; two different entries for one day is a data error."""
        index: dict[int, ScheduleEntry] = {}
        for entry in overrides:
            # Accept kinds stored as plain strings (the administrator's copy lives in a database).
            entry = ScheduleEntry(entry.day, DayKind(entry.kind), entry.name, entry.source,
                                  bool(getattr(entry, "verified", True)))
            if not self._first <= entry.day <= self._last:
                continue  # cannot affect any query this calendar answers
            previous = index.setdefault(entry.day.toordinal(), entry)
            if previous != entry:
                raise ValueError(
                    f"Lịch chính thức có hai mục khác nhau cho ngày {format_vn_date(entry.day)}: "
                    f"{previous.kind} «{previous.name}» và {entry.kind} «{entry.name}»."
                )
        return index

    @staticmethod
    def _digest(entries: Iterable[ScheduleEntry], first_year: int, last_year: int) -> str:
        # Everything that can change an answer goes in, so a stored deadline can say which
        # calendar produced it and a changed calendar is detectable.
        payload = {
            "overrides": sorted((e.day.isoformat(), str(e.kind), e.name, e.source, e.verified) for e in entries),
            # Since 2026-11 the schedule is authoritative for its years (package-only holidays wait for
            # confirmation): the same data counted the old way gave other answers, so another version.
            "rules": "schedule-authoritative",
            "holidays": holidays.__version__,
            "years": [first_year, last_year],
        }
        blob = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:12]

    def _check(self, d: date) -> int:
        if not self._first <= d <= self._last:
            raise ValueError(
                f"Ngày {format_vn_date(d)} nằm ngoài lịch làm việc đã có "
                f"({format_vn_date(self._first)} – {format_vn_date(self._last)}); "
                f"date outside the working calendar."
            )
        return d.toordinal()

    # ---- queries ----------------------------------------------------------------------------

    @property
    def version(self) -> str:
        return self._version

    @property
    def first_day(self) -> date:
        return self._first

    @property
    def last_day(self) -> date:
        return self._last

    def has_official_schedule(self, year: int) -> bool:
        return year in self._published

    def unconfirmed_package_days(self, year: int | None = None) -> list[PackageDay]:
        """Weekdays the `holidays` package calls holidays that the official schedule of their year does
        not list (counted as working days until the administrator confirms them)."""
        return [p for p in self._unconfirmed.values() if year is None or p.day.year == year]

    def is_working_day(self, d: date) -> bool:
        ordinal = self._check(d)
        i = bisect_left(self._working, ordinal)
        return i < len(self._working) and self._working[i] == ordinal

    def day_off_reason(self, d: date, lang: str = "vi") -> str | None:
        """Why `d` is not a working day, or None when it is one."""
        skipped = self._off.get(self._check(d))
        if skipped is None:
            return None
        return skipped.reason_en if lang == "en" else skipped.reason

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day strictly after `start` (the event day itself is not counted).

        n == 0 gives `start` when it is a working day, else the next one: a period of zero days
        still has to end on a day the office is open.
        """
        if n < 0:
            raise ValueError(f"Số ngày làm việc phải >= 0 (n = {n}); n must not be negative.")
        ordinal = self._check(start)
        # bisect_left finds `start` itself when it is a working day; bisect_right skips it.
        i = bisect_left(self._working, ordinal) if n == 0 else bisect_right(self._working, ordinal) + n - 1
        if i >= len(self._working):
            raise ValueError(
                f"Thời hạn {n} ngày làm việc kể từ {format_vn_date(start)} vượt quá lịch làm việc đã có "
                f"(đến {format_vn_date(self._last)}); the period runs past the working calendar."
            )
        return date.fromordinal(self._working[i])

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after `d`."""
        return self.add_working_days(d, 1)

    def working_days_between(self, a: date, b: date) -> int:
        """Working days d with a < d <= b; negative (the same count, negated) when b < a."""
        return bisect_right(self._working, self._check(b)) - bisect_right(self._working, self._check(a))

    def due_moment(self, start: date, n: int) -> datetime:
        """End (24:00 Viet Nam time) of the last day of the period, as an aware UTC datetime."""
        return _end_of_day(self.add_working_days(start, n))

    def explain(self, start: date, n: int) -> Explanation:
        due = self.add_working_days(start, n)
        start_ordinal, due_ordinal = start.toordinal(), due.toordinal()
        lo = bisect_right(self._off_ordinals, start_ordinal)
        hi = bisect_left(self._off_ordinals, due_ordinal)
        skipped = tuple(self._off[o] for o in self._off_ordinals[lo:hi])
        lo = bisect_right(self._made_up_ordinals, start_ordinal)
        hi = bisect_right(self._made_up_ordinals, due_ordinal)
        made_up = tuple(self._made_up[o] for o in self._made_up_ordinals[lo:hi])
        lo = bisect_right(self._unconfirmed_ordinals, start_ordinal)
        hi = bisect_right(self._unconfirmed_ordinals, due_ordinal)
        unconfirmed = tuple(self._unconfirmed[o] for o in self._unconfirmed_ordinals[lo:hi])
        # The years whose days were counted: the day after the event to the last day.
        counted_years = range((start + timedelta(days=1)).year, due.year + 1)
        unpublished = tuple(y for y in counted_years if y not in self._published)
        return Explanation(
            start=start,
            n=n,
            due=due,
            due_moment=_end_of_day(due),
            calendar_version=self._version,
            skipped=skipped,
            made_up=made_up,
            unconfirmed=unconfirmed,
            unpublished_years=unpublished,
        )


@cache
def official_calendar() -> Calendar:
    """The calendar built from the seed schedule, shared (it is immutable once built)."""
    return Calendar()
