"""The forms of commendation and the emulation titles congvu proposes, as data with their source
(clause 1.8): Law on Emulation and Commendation 2022 (Luật Thi đua, khen thưởng số 06/2022/QH15, in
force from 01/01/2024) and Decree 98/2023/NĐ-CP guiding it. Who confers each is the authority named
there for a provincial department's staff and collectives; the article numbers are not cited because
they were not at hand to check."""

from dataclasses import dataclass
from enum import StrEnum

SOURCE = "Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP"


class Authority(StrEnum):
    UNIT_HEAD = "unit_head"  # the head of the agency (e.g. a department's director)
    CHAIRMAN = "chairman"  # the Chairman of the Province People's Committee


@dataclass(frozen=True)
class AwardForm:
    code: str
    name_vi: str
    name_en: str
    collective: bool  # for a unit (tập thể) rather than an individual
    authority: Authority
    title: bool = False  # an emulation title (danh hiệu thi đua) rather than a form of commendation


AWARD_FORMS: dict[str, AwardForm] = {f.code: f for f in (
    AwardForm("giay_khen", "Giấy khen", "Certificate of merit of the unit head", False, Authority.UNIT_HEAD),
    AwardForm("giay_khen_tap_the", "Giấy khen (tập thể)", "Certificate of merit of the unit head (collective)",
              True, Authority.UNIT_HEAD),
    AwardForm("bang_khen", "Bằng khen của Chủ tịch UBND tỉnh", "Certificate of merit of the Province Chairman",
              False, Authority.CHAIRMAN),
    AwardForm("bang_khen_tap_the", "Bằng khen của Chủ tịch UBND tỉnh (tập thể)",
              "Certificate of merit of the Province Chairman (collective)", True, Authority.CHAIRMAN),
    AwardForm("lao_dong_tien_tien", "Lao động tiên tiến", "Advanced worker", False, Authority.UNIT_HEAD, title=True),
    AwardForm("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở", "Grassroots emulation fighter", False,
              Authority.UNIT_HEAD, title=True),
    AwardForm("tap_the_lao_dong_tien_tien", "Tập thể lao động tiên tiến", "Advanced collective", True,
              Authority.UNIT_HEAD, title=True),
    AwardForm("tap_the_lao_dong_xuat_sac", "Tập thể lao động xuất sắc", "Excellent collective", True,
              Authority.CHAIRMAN, title=True),
)}


def forms_for(collective: bool) -> tuple[AwardForm, ...]:
    return tuple(f for f in AWARD_FORMS.values() if f.collective == collective)
