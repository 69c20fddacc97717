"""The official working schedule for civil servants (cán bộ, công chức, viên chức), as data.

The Labour Code (Bộ luật Lao động 2019, Điều 112) fixes the holidays, but every year the Prime
Minister approves, and the Ministry of Labour (Bộ LĐ-TB&XH, until 02/2025) or the Ministry of Home
Affairs (Bộ Nội vụ, since 03/2025) announces, the exact days off for civil servants with a fixed
Saturday–Sunday weekend: compensatory days (nghỉ bù, Điều 111 khoản 3) and swaps of a weekday off
against a make-up Saturday (hoán đổi, làm bù). The `holidays` package does not know all of these
(e.g. the 2026 New Year swap), so this table is what the calendar trusts where they differ.

Each entry carries the document it comes from, so a computed deadline can be explained and
checked. Weekend days inside an announced block are listed too, for completeness: only weekday
days off and weekend working days change the count.

A year that appears in this table has an official schedule, and for that year the table is
authoritative: a weekday the `holidays` package calls a holiday but the table does not list (e.g.
24/11 "Ngày Văn hóa Việt Nam" from 2026) stays a working day until the administrator confirms it
by adding it here. An entry whose text could not be checked against the document itself is marked
`verified=False` and shown as such wherever it is used.

This module is the seed; the administrator keeps the live copy (DESIGN §4).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class DayKind(StrEnum):
    DAY_OFF = "day_off"
    WORKING_DAY = "working_day"


@dataclass(frozen=True, slots=True)
class ScheduleEntry:
    day: date
    kind: DayKind
    name: str
    source: str
    # False when the entry could not be checked against the announcing document's own text.
    verified: bool = True


# Sources, named once so every entry of one announcement points at the same text.
_LABOUR_CODE = "Bộ luật Lao động 2019, Điều 112"
_LABOUR_CODE_COMP = "Bộ luật Lao động 2019, Điều 112 và khoản 3 Điều 111 về nghỉ bù"
_TB_2023 = (
    "Thông báo của Bộ LĐ-TB&XH về lịch nghỉ Tết Âm lịch và Quốc khánh năm 2023, "
    "theo Công văn 8056/VPCP-KGVX ngày 01/12/2022"
)
_TB_2024 = "Thông báo 5015/TB-LĐTBXH ngày 22/11/2023"
_SWAP_2024 = "Công văn 2450/VPCP-KGVX ngày 12/4/2024 về hoán đổi ngày làm việc 29/4 sang 04/5/2024"
_TB_2025 = "Thông báo 6150/TB-LĐTBXH, theo Công văn 8726/VPCP-KGVX ngày 26/11/2024"
_QK_2025 = "Thông báo 6150/TB-LĐTBXH; thông báo của Bộ Nội vụ tháng 8/2025 về nghỉ lễ Quốc khánh 2025"
_NY_2026 = "Công văn 12729/VPCP-KGVX ngày 25/12/2025, theo đề xuất của Bộ Nội vụ tại văn bản 12556/BNV-CVL"
_TB_2026 = "Thông báo 9441/TB-BNV ngày 16/10/2025"

_TET = "Nghỉ Tết Nguyên đán"
_NEW_YEAR = "Nghỉ Tết Dương lịch"
_HUNG_KINGS = "Giỗ Tổ Hùng Vương (10/3 âm lịch)"
_APR30_MAY1 = "Nghỉ lễ Ngày Chiến thắng 30/4 và Quốc tế Lao động 1/5"
_NATIONAL_DAY = "Nghỉ lễ Quốc khánh 2/9"


def _off(day: date, name: str, source: str) -> tuple[ScheduleEntry, ...]:
    return (ScheduleEntry(day, DayKind.DAY_OFF, name, source),)


def _off_span(first: date, last: date, name: str, source: str) -> tuple[ScheduleEntry, ...]:
    """Announcements speak in blocks ("from Thursday 08/02 to the end of Wednesday 14/02")."""
    days = (last - first).days + 1
    return tuple(ScheduleEntry(first + timedelta(i), DayKind.DAY_OFF, name, source) for i in range(days))


def _worked(day: date, name: str, source: str, verified: bool = True) -> tuple[ScheduleEntry, ...]:
    return (ScheduleEntry(day, DayKind.WORKING_DAY, name, source, verified),)


_D = date  # short alias: the table below is easier to check against the documents this way

OFFICIAL_SCHEDULE: tuple[ScheduleEntry, ...] = (
    # ---- 2023 ----
    *_off_span(
        _D(2023, 1, 1), _D(2023, 1, 2), f"{_NEW_YEAR} 2023 (nghỉ bù Thứ Hai 02/01)", _LABOUR_CODE_COMP
    ),
    *_off_span(_D(2023, 1, 20), _D(2023, 1, 26), f"{_TET} Quý Mão 2023", _TB_2023),
    # Hùng Kings' day fell on Saturday 29/04 and 30/04 on Sunday: compensatory days 02/05 and
    # 03/05 by the Labour Code itself, no swap and no make-up Saturday were announced.
    *_off_span(_D(2023, 4, 29), _D(2023, 5, 3), f"{_HUNG_KINGS}, {_APR30_MAY1} năm 2023", _LABOUR_CODE_COMP),
    *_off_span(_D(2023, 9, 1), _D(2023, 9, 4), f"{_NATIONAL_DAY} năm 2023", _TB_2023),
    # ---- 2024 ----
    *_off(_D(2024, 1, 1), f"{_NEW_YEAR} 2024", _LABOUR_CODE),
    *_off_span(_D(2024, 2, 8), _D(2024, 2, 14), f"{_TET} Giáp Thìn 2024", _TB_2024),
    *_off(_D(2024, 4, 18), f"{_HUNG_KINGS} năm 2024", _LABOUR_CODE),
    *_off_span(_D(2024, 4, 27), _D(2024, 5, 1), f"{_APR30_MAY1} năm 2024", _SWAP_2024),
    *_worked(_D(2024, 5, 4), "Làm bù cho Thứ Hai 29/4/2024", _SWAP_2024),
    *_off_span(_D(2024, 8, 31), _D(2024, 9, 3), f"{_NATIONAL_DAY} năm 2024", _TB_2024),
    # ---- 2025 ----
    *_off(_D(2025, 1, 1), f"{_NEW_YEAR} 2025", _LABOUR_CODE),
    *_off_span(_D(2025, 1, 25), _D(2025, 2, 2), f"{_TET} Ất Tỵ 2025", _TB_2025),
    *_off(_D(2025, 4, 7), f"{_HUNG_KINGS} năm 2025", _LABOUR_CODE),
    *_worked(_D(2025, 4, 26), "Làm bù cho Thứ Sáu 02/5/2025", _TB_2025),
    *_off_span(_D(2025, 4, 30), _D(2025, 5, 4), f"{_APR30_MAY1} năm 2025", _TB_2025),
    *_off_span(_D(2025, 8, 30), _D(2025, 9, 2), f"{_NATIONAL_DAY} năm 2025", _QK_2025),
    # ---- 2026 ----
    *_off_span(_D(2026, 1, 1), _D(2026, 1, 4), f"{_NEW_YEAR} 2026", _NY_2026),
    *_worked(_D(2026, 1, 10), "Làm bù cho Thứ Sáu 02/01/2026", _NY_2026),
    *_off_span(_D(2026, 2, 14), _D(2026, 2, 22), f"{_TET} Bính Ngọ 2026", _TB_2026),
    *_off_span(
        _D(2026, 4, 26), _D(2026, 4, 27), f"{_HUNG_KINGS} năm 2026 (nghỉ bù Thứ Hai 27/4)", _LABOUR_CODE_COMP
    ),
    *_off_span(_D(2026, 4, 30), _D(2026, 5, 3), f"{_APR30_MAY1} năm 2026", _LABOUR_CODE),
    # Five days with Monday 31/08 swapped; the make-up Saturday 22/08 is the least certain entry.
    *_worked(_D(2026, 8, 22), "Làm bù cho Thứ Hai 31/8/2026", _TB_2026, verified=False),
    *_off_span(_D(2026, 8, 29), _D(2026, 9, 2), f"{_NATIONAL_DAY} năm 2026", _TB_2026),
)
