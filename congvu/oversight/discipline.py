"""The discipline forms in force by date, category and post, and the limitation periods (clause 1.7).
Pure data and pure functions: no database, so the law can be read here and tested on its own.

Sources (each regime below names its own):
- Law on Cadres and Civil Servants 2008 as amended 2019 (Luật số 52/2019/QH14), Art. 78 (cán bộ),
  Art. 79 (công chức), Art. 80 (limitation periods and the processing time limit);
- Law on Public Employees 2010 as amended 2019, Art. 52 (viên chức);
- Decree 112/2020/NĐ-CP on the discipline of cán bộ, công chức, viên chức, as amended by Decree
  71/2023/NĐ-CP, for everyone until 30/06/2025, and for viên chức after it;
- Decree 172/2025/NĐ-CP on the discipline of cán bộ and công chức, in force from 01/07/2025 (with the
  Law on Cadres and Civil Servants 2025): the salary-step demotion (hạ bậc lương) is gone.

Where the texts were not at hand to check a detail, a comment says so rather than inventing it."""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from congvu.lib.refusals import Detail, Rule
from congvu.org.models import Category


@dataclass(frozen=True)
class Form:
    code: str
    name_vi: str
    name_en: str
    # A violation "to the level of a reprimand" has the 2-year limitation period; the others 5 years.
    reprimand_level: bool = False
    # Demotion and dismissal from a post exist only for one who holds a leadership or management post.
    leaders_only: bool = False
    # The salary-step demotion was for công chức without a leadership post (Law 2019, Art. 79.1).
    non_leaders_only: bool = False


FORMS: dict[str, Form] = {f.code: f for f in (
    Form("khien_trach", "Khiển trách", "Reprimand", reprimand_level=True),
    Form("canh_cao", "Cảnh cáo", "Warning"),
    Form("ha_bac_luong", "Hạ bậc lương", "Salary-step demotion", non_leaders_only=True),
    Form("giang_chuc", "Giáng chức", "Demotion from post", leaders_only=True),
    Form("cach_chuc", "Cách chức", "Dismissal from post", leaders_only=True),
    # Bãi nhiệm is for elected cán bộ; congvu records no "elected" flag, so it is offered to every
    # cán bộ (the committees' chairmen and vice-chairmen, the cán bộ of the demo).
    Form("bai_nhiem", "Bãi nhiệm", "Removal from elected office"),
    Form("buoc_thoi_viec", "Buộc thôi việc", "Forced resignation"),
)}


@dataclass(frozen=True)
class Regime:
    key: str
    source: str
    valid_from: date | None
    valid_to: date | None
    forms: dict[str, tuple[str, ...]]  # category -> form codes, mildest first
    processing_days: int = 90  # the processing time limit (thời hạn xử lý kỷ luật), calendar days
    extended_days: int = 150  # for a complicated case that needs verification

    def in_force_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


CUTOVER = date(2025, 7, 1)
D112_SOURCE = ("Nghị định 112/2020/NĐ-CP, sửa đổi bởi Nghị định 71/2023/NĐ-CP; Luật Cán bộ, công chức "
               "(sửa đổi 2019) Điều 78, 79; Luật Viên chức (sửa đổi 2019) Điều 52")
D172_SOURCE = "Nghị định 172/2025/NĐ-CP (hiệu lực từ 01/07/2025); Luật Cán bộ, công chức 2025"

REGIMES: tuple[Regime, ...] = (
    Regime("nd112-2020", D112_SOURCE, None, CUTOVER - timedelta(days=1), {
        Category.CAN_BO: ("khien_trach", "canh_cao", "cach_chuc", "bai_nhiem"),
        Category.CONG_CHUC: ("khien_trach", "canh_cao", "ha_bac_luong", "giang_chuc", "cach_chuc", "buoc_thoi_viec"),
        Category.VIEN_CHUC: ("khien_trach", "canh_cao", "cach_chuc", "buoc_thoi_viec"),
    }),
    # Decree 172/2025 governs cán bộ and công chức only; the processing limit of 90 days,
    # extendable to 150, is the brief's reading of it (the same figures as Law 2019, Art. 80.3).
    Regime("nd172-2025", D172_SOURCE, CUTOVER, None, {
        Category.CAN_BO: ("khien_trach", "canh_cao", "cach_chuc", "bai_nhiem"),
        Category.CONG_CHUC: ("khien_trach", "canh_cao", "giang_chuc", "cach_chuc", "buoc_thoi_viec"),
    }),
    # Viên chức keep the rules that govern them: Decree 112/2020 as amended continues for them
    # (Decree 172/2025 replaced it for cán bộ and công chức only).
    Regime("nd112-2020-vien-chuc", D112_SOURCE, CUTOVER, None, {
        Category.VIEN_CHUC: ("khien_trach", "canh_cao", "cach_chuc", "buoc_thoi_viec"),
    }),
)

# Limitation periods (thời hiệu), Law 2019 Art. 80.1, counted from the day of the violation.
REPRIMAND_LIMITATION_YEARS = 2
OTHER_LIMITATION_YEARS = 5
WARN_DAYS = 60  # a review is warned this many days before its limitation period ends

LIMITATION_EXPIRED = Rule(
    "R-1.7-LIMITATION", "1.7",
    "Đã hết thời hiệu xử lý kỷ luật{detail}",
    "The limitation period for discipline has ended{detail}",
)
FORM_NOT_IN_FORCE = Rule(
    "R-1.7-DISCIPLINE-FORM", "1.7",
    "Hình thức kỷ luật không có trong các hình thức đang áp dụng cho người này{detail}",
    "That form of discipline is not one in force for this official{detail}",
)


def regime_for(day: date, category: str) -> Regime:
    """The regime in force on `day` for the category (every day and category has exactly one)."""
    for regime in REGIMES:
        if regime.in_force_on(day) and category in regime.forms:
            return regime
    raise ValueError(f"no discipline regime for {category} on {day}")


def forms_offered(day: date, category: str, leadership: bool) -> tuple[Form, ...]:
    """The forms a decision may take on `day` for an official of `category`, with or without a post."""
    codes = regime_for(day, category).forms[category]
    forms = (FORMS[code] for code in codes)
    return tuple(f for f in forms
                 if not (f.leaders_only and not leadership) and not (f.non_leaders_only and leadership))


def check_form(code: str, day: date, category: str, leadership: bool) -> Form:
    offered = {f.code: f for f in forms_offered(day, category, leadership)}
    if code not in offered:
        names = ", ".join(f.name_vi for f in offered.values())
        raise FORM_NOT_IN_FORCE.violation(Detail(f": chỉ áp dụng {names}", f": only {names}"))
    return offered[code]


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def limitation_ends(violation_on: date, form: Form | None) -> date:
    """The last day discipline may be decided. Without a proposed form the longer period is shown;
    a reprimand-level violation has the shorter one."""
    years = REPRIMAND_LIMITATION_YEARS if form is not None and form.reprimand_level else OTHER_LIMITATION_YEARS
    return _add_years(violation_on, years) - timedelta(days=1)


class Limitation(StrEnum):
    OK = "ok"
    NEAR = "near"
    EXPIRED = "expired"


def limitation_status(violation_on: date, form: Form | None, today: date, warn_days: int = WARN_DAYS) -> Limitation:
    ends = limitation_ends(violation_on, form)
    if today > ends:
        return Limitation.EXPIRED
    return Limitation.NEAR if (ends - today).days <= warn_days else Limitation.OK


def check_limitation(violation_on: date, form: Form, today: date) -> None:
    ends = limitation_ends(violation_on, form)
    if today > ends:
        raise LIMITATION_EXPIRED.violation(Detail(f": hết ngày {ends:%d/%m/%Y}", f": it ended on {ends:%d/%m/%Y}"))


def processing_due(opened_on: date, regime: Regime, extended: bool) -> date:
    """The last day of the processing time limit, counted from the opening of the review."""
    return opened_on + timedelta(days=regime.extended_days if extended else regime.processing_days)
