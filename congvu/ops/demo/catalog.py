"""The demo province as data: its units and the matters they decide.

The shape follows the two-tier local government in force since 01/07/2025 (Resolution
202/2025/QH15 merged provinces; the district level was abolished): the Province People's
Committee, its office, the specialised departments as reorganised in 2025 (Decree 45/2025/NĐ-CP),
and communes and wards. Tỉnh Đắk Lắk (merged with Phú Yên, the province of document 2230) is a
real province; every person, company, document and figure in the demo is fictional."""

from dataclasses import dataclass
from datetime import date

from congvu.ops.province import Delegated, MatterPlan, UnitPlan
from congvu.org.models import UnitKind
from congvu.registry.models import Authority, DelegationKind

PROVINCE_NAME = "tỉnh Đắk Lắk"
REFORM_DAY = date(2025, 7, 1)  # the two-tier local government took effect
AUTHORISED_UNTIL = date(2030, 12, 31)  # an authorisation (ủy quyền) always has an end date
MERGED_AWAY_SINCE = date(2008, 1, 1)
MERGED_AWAY_UNTIL = date(2025, 6, 30)
DEMO_PASSWORD = "congvu2026"  # noqa: S105 - the published password of the demo logins, not a secret


@dataclass(frozen=True)
class UnitSpec(UnitPlan):
    """A unit as the builder makes it (congvu/ops/province.py), and how the demo staffs it."""

    parent: str | None = "ubnd"
    deputies: int = 1
    officers: int = 3
    clerk: bool = True
    # Username prefixes for the head and deputies, as the post is called in that kind of unit.
    head_word: str = "giamdoc"
    deputy_word: str = "phogiamdoc"
    # Division staff are civil servants of the department too: they also hold its work.
    serves_parent: bool = False


COMMITTEE = UnitSpec("ubnd", f"Ủy ban nhân dân {PROVINCE_NAME}", "UBND", UnitKind.PROVINCE_COMMITTEE,
                     parent=None, deputies=2, officers=0, clerk=False, head_word="chutich", deputy_word="phochutich")
OFFICE = UnitSpec("vp", "Văn phòng Ủy ban nhân dân tỉnh", "VP", UnitKind.PROVINCE_OFFICE, deputies=2, officers=4,
                  head_word="chanhvanphong", deputy_word="phochanhvanphong")

D = UnitKind.DEPARTMENT
DEPARTMENTS: tuple[UnitSpec, ...] = (
    UnitSpec("snv", "Sở Nội vụ", "SNV", D, deputies=2, officers=5, is_home_affairs=True),
    UnitSpec("stc", "Sở Tài chính", "STC", D, deputies=2, officers=4),
    UnitSpec("sxd", "Sở Xây dựng", "SXD", D, deputies=2, officers=4),
    UnitSpec("snnmt", "Sở Nông nghiệp và Môi trường", "SNNMT", D, deputies=2, officers=4),
    UnitSpec("syt", "Sở Y tế", "SYT", D, officers=3),
    UnitSpec("sgddt", "Sở Giáo dục và Đào tạo", "SGDĐT", D, officers=3),
    UnitSpec("sct", "Sở Công Thương", "SCT", D, officers=3),
    UnitSpec("stp", "Sở Tư pháp", "STP", D, officers=3),
    UnitSpec("svhttdl", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", D, officers=2),
    UnitSpec("skhcn", "Sở Khoa học và Công nghệ", "SKHCN", D, officers=2),
    UnitSpec("sdttg", "Sở Dân tộc và Tôn giáo", "SDTTG", D, officers=2),
    UnitSpec("ttt", "Thanh tra tỉnh", "TTr", D, officers=3, head_word="chanhthanhtra", deputy_word="phochanhthanhtra"),
    UnitSpec("sngv", "Sở Ngoại vụ", "SNgV", D, officers=2),
    UnitSpec("bqlkcn", "Ban Quản lý các khu công nghiệp tỉnh", "BQLKCN", D, officers=2,
             head_word="truongban", deputy_word="photruongban"),
)

DIVISIONS: tuple[UnitSpec, ...] = (
    UnitSpec("sxd-qlxd", "Phòng Quản lý xây dựng (Sở Xây dựng)", "QLXD", UnitKind.DIVISION, parent="sxd",
             officers=2, clerk=False, head_word="truongphong", deputy_word="photruongphong", serves_parent=True),
    UnitSpec("sxd-qhkt", "Phòng Quy hoạch - Kiến trúc (Sở Xây dựng)", "QHKT", UnitKind.DIVISION, parent="sxd",
             officers=1, clerk=False, head_word="truongphong", deputy_word="photruongphong", serves_parent=True),
)

# Merged into Sở Xây dựng; its matters now fall to the successor (see registry.queries.successor_on).
MERGED_INTO = "sxd"
MERGED_AWAY = UnitSpec("sgtvt", "Sở Giao thông vận tải", "SGTVT", D, deputies=0, officers=0, clerk=False,
                       since=MERGED_AWAY_SINCE, until=MERGED_AWAY_UNTIL, successor=MERGED_INTO)

C = UnitKind.COMMUNE


def _commune(code: str, name: str, officers: int = 1) -> UnitSpec:
    return UnitSpec(code, f"UBND {name}", "UBND", C, officers=officers,
                    head_word="chutich", deputy_word="phochutich")


COMMUNES: tuple[UnitSpec, ...] = (
    _commune("buonmathuot", "phường Buôn Ma Thuột", 2),
    _commune("tanan", "phường Tân An", 2),
    _commune("eakao", "phường Ea Kao"),
    _commune("tuyhoa", "phường Tuy Hòa", 2),
    _commune("songcau", "phường Sông Cầu"),
    _commune("eakar", "xã Ea Kar", 2),
    _commune("krongpac", "xã Krông Pắc"),
    _commune("easup", "xã Ea Súp"),
    _commune("tuyanbac", "xã Tuy An Bắc"),
    _commune("sonhoa", "xã Sơn Hòa"),
)

ALL_UNITS: tuple[UnitSpec, ...] = (COMMITTEE, OFFICE, *DEPARTMENTS, *DIVISIONS, *COMMUNES)

# The demo logins that get fixed, memorable usernames (the rest follow `<post>[n].<unit code>`).
OFFICE_HEAD_LOGIN = "vanphong.ubnd"
INSPECTOR_LOGIN = "noivu.thanhtra"
ADMIN_LOGIN = "admin"
HOME_AFFAIRS_INSPECTORS = 3  # the first officers of Sở Nội vụ inspect official duties (clause 1.6)


@dataclass(frozen=True)
class MatterSpec(MatterPlan):
    """One matter type (competent: a unit code, or "commune" for matters each commune decides on its
    territory) and how the demo writes to it: subject templates, who sends it, how often."""

    subjects: tuple[str, ...] = ()
    sender: str = "company"  # company | citizen | agency
    # The demo's units may extend by up to 10 working days on their own (clause 1.5); beyond, the
    # Province office approves (congvu/ops/demo/cases_deadlines.py shows one).
    extension_days: int = 10
    weight: int = 4
    doc_type: str = "Đơn"


def is_local(spec: MatterSpec) -> bool:
    """The unit decides the matter itself: its head's authority, or the Province's delegated to it."""
    return spec.authority == Authority.UNIT_HEAD or spec.delegated is not None


HEAD = Authority.UNIT_HEAD
CHAIR = Authority.PROVINCE_CHAIRMAN
XD_BASIS = "Luật Xây dựng 2014, sửa đổi 2020; Nghị định 175/2024/NĐ-CP"
LAND_BASIS = "Luật Đất đai 2024; Nghị định 102/2024/NĐ-CP"
INVEST_BASIS = "Luật Đầu tư 2020; Nghị định 31/2021/NĐ-CP"

MATTERS: tuple[MatterSpec, ...] = (
    MatterSpec("cap-phep-xay-dung", "Cấp giấy phép xây dựng công trình cấp I, cấp II", "Xây dựng", "sxd", HEAD,
               XD_BASIS, 20, ("snnmt",), weight=9, doc_type="Hồ sơ", subjects=(
                   "Đề nghị cấp giấy phép xây dựng {building} tại {place}",
                   "Hồ sơ đề nghị cấp giấy phép xây dựng {building} của {company}",
               )),
    MatterSpec("tham-dinh-bao-cao-nckt", "Thẩm định báo cáo nghiên cứu khả thi đầu tư xây dựng", "Xây dựng", "sxd",
               HEAD, XD_BASIS, 30, ("stc", "snnmt"), weight=5, doc_type="Tờ trình", subjects=(
                   "Đề nghị thẩm định báo cáo nghiên cứu khả thi dự án {project}",
               )),
    MatterSpec("quy-hoach-chi-tiet", "Phê duyệt đồ án quy hoạch chi tiết tỷ lệ 1/500", "Quy hoạch", "sxd", CHAIR,
               "Luật Quy hoạch đô thị và nông thôn 2024", 25, ("snnmt", "stc", "svhttdl"), weight=4,
               doc_type="Tờ trình", subjects=(
                   "Đề nghị phê duyệt quy hoạch chi tiết tỷ lệ 1/500 {project}",
                   "Tờ trình phê duyệt đồ án quy hoạch chi tiết khu dân cư tại {place}",
               )),
    MatterSpec("gia-vat-lieu", "Công bố giá vật liệu xây dựng hằng quý", "Xây dựng", "sxd", CHAIR,
               "Nghị định 10/2021/NĐ-CP", 10, ("stc",), weight=2, sender="agency", doc_type="Công văn",
               delegated=Delegated(DelegationKind.AUTHORISATION, "Quyết định 18/2025/QĐ-UBND (ủy quyền công bố giá)",
                                   valid_to=AUTHORISED_UNTIL),
               subjects=("Đề nghị công bố giá vật liệu xây dựng trên địa bàn {commune}",)),
    MatterSpec("thi-cong-duong-bo", "Chấp thuận thi công công trình trên đường bộ đang khai thác", "Giao thông",
               "sgtvt", HEAD, "Luật Đường bộ 2024; Nghị định 165/2024/NĐ-CP", 10, ("sxd",), weight=3,
               subjects=("Đề nghị chấp thuận thi công {road_work} tại {place}",)),
    MatterSpec("chu-truong-dau-tu", "Chấp thuận chủ trương đầu tư dự án ngoài khu công nghiệp", "Đầu tư", "stc",
               CHAIR, INVEST_BASIS, 25, ("sxd", "snnmt", "sct"), weight=5, doc_type="Hồ sơ", subjects=(
                   "Hồ sơ đề nghị chấp thuận chủ trương đầu tư dự án {project}",
               )),
    MatterSpec("dieu-chinh-du-toan", "Bổ sung, điều chỉnh dự toán ngân sách cho đơn vị", "Tài chính", "stc", CHAIR,
               "Luật Ngân sách nhà nước 2015; Nghị định 163/2016/NĐ-CP", 15, weight=4, sender="agency",
               doc_type="Công văn", subjects=(
                   "Đề nghị bổ sung dự toán kinh phí {budget_purpose}",
               )),
    MatterSpec("dieu-chuyen-tai-san", "Quyết định điều chuyển tài sản công giữa các cơ quan cấp tỉnh", "Tài sản công",
               "stc", CHAIR, "Luật Quản lý, sử dụng tài sản công 2017; Nghị định 151/2017/NĐ-CP", 15, weight=2,
               sender="agency", doc_type="Công văn",
               delegated=Delegated(DelegationKind.DECENTRALISATION,
                                   "Nghị quyết 05/2025/NQ-HĐND (phân cấp quản lý tài sản công)"),
               subjects=("Đề nghị điều chuyển {asset} sau sắp xếp đơn vị hành chính",)),
    MatterSpec("giao-dat-cho-thue-dat", "Giao đất, cho thuê đất đối với tổ chức", "Đất đai", "snnmt", CHAIR,
               LAND_BASIS, 20, ("stc", "sxd"), weight=5, doc_type="Hồ sơ", subjects=(
                   "Đề nghị cho thuê đất thực hiện dự án {project}",
                   "Hồ sơ xin giao đất tại {place} của {company}",
               )),
    MatterSpec("giay-phep-moi-truong", "Cấp giấy phép môi trường", "Môi trường", "snnmt", CHAIR,
               "Luật Bảo vệ môi trường 2020; Nghị định 08/2022/NĐ-CP", 30, ("sxd", "syt"), weight=4, doc_type="Hồ sơ",
               delegated=Delegated(DelegationKind.AUTHORISATION,
                                   "Quyết định 22/2025/QĐ-UBND (ủy quyền cấp giấy phép môi trường)",
                                   valid_to=AUTHORISED_UNTIL),
               subjects=("Đề nghị cấp giấy phép môi trường cho {facility} của {company}",)),
    MatterSpec("hoa-giai-dat-dai", "Hòa giải tranh chấp đất đai", "Đất đai", "commune", HEAD,
               "Luật Đất đai 2024, Điều 235", 30, ("snnmt",), weight=6, sender="citizen", subjects=(
                   "Đơn đề nghị hòa giải tranh chấp ranh giới thửa đất tại {place}",
                   "Đơn đề nghị giải quyết tranh chấp lối đi chung tại {place}",
               )),
    MatterSpec("phep-xay-dung-nha-o", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Xây dựng", "commune", HEAD,
               XD_BASIS, 15, ("sxd",), weight=7, sender="citizen", doc_type="Hồ sơ", subjects=(
                   "Đề nghị cấp giấy phép xây dựng nhà ở riêng lẻ tại {place}",
                   "Hồ sơ xin phép sửa chữa, cải tạo nhà ở tại {place}",
               )),
    MatterSpec("tro-cap-xa-hoi", "Giải quyết trợ cấp xã hội hằng tháng", "Bảo trợ xã hội", "commune", HEAD,
               "Nghị định 20/2021/NĐ-CP", 10, ("syt",), weight=4, sender="citizen", subjects=(
                   "Đơn đề nghị hưởng trợ cấp xã hội hằng tháng cho người cao tuổi tại {place}",
                   "Đơn đề nghị trợ cấp xã hội cho người khuyết tật tại {place}",
               )),
    MatterSpec("giay-phep-hanh-nghe-kcb", "Cấp giấy phép hành nghề khám bệnh, chữa bệnh", "Y tế", "syt", HEAD,
               "Luật Khám bệnh, chữa bệnh 2023; Nghị định 96/2023/NĐ-CP", 20, weight=4, sender="citizen",
               subjects=("Đề nghị cấp giấy phép hành nghề khám bệnh, chữa bệnh chức danh {medical_title}",)),
    MatterSpec("thanh-lap-truong-tu-thuc", "Cho phép thành lập trường trung học phổ thông tư thục", "Giáo dục",
               "sgddt", CHAIR, "Luật Giáo dục 2019; Nghị định 125/2024/NĐ-CP", 20, ("snv", "stc", "sxd"), weight=1,
               doc_type="Hồ sơ", subjects=("Đề nghị cho phép thành lập trường THPT tư thục tại {place}",)),
    MatterSpec("khuyen-mai", "Xác nhận đăng ký thực hiện khuyến mại", "Công Thương", "sct", HEAD,
               "Luật Thương mại 2005; Nghị định 81/2018/NĐ-CP", 5, weight=3, doc_type="Công văn",
               subjects=("Đăng ký chương trình khuyến mại {promotion} của {company}",)),
    MatterSpec("ly-lich-tu-phap", "Cấp phiếu lý lịch tư pháp", "Tư pháp", "stp", HEAD,
               "Luật Lý lịch tư pháp 2009; Nghị định 111/2010/NĐ-CP", 10, weight=5, sender="citizen",
               doc_type="Tờ khai", subjects=("Yêu cầu cấp Phiếu lý lịch tư pháp số {n} của {person}",)),
    MatterSpec("tham-dinh-du-thao-qppl", "Thẩm định dự thảo quyết định quy phạm pháp luật của UBND tỉnh", "Tư pháp",
               "stp", HEAD, "Luật Ban hành văn bản quy phạm pháp luật 2025", 10, weight=3, sender="agency",
               doc_type="Công văn", subjects=("Đề nghị thẩm định dự thảo Quyết định quy định {regulation}",)),
    MatterSpec("vi-tri-viec-lam", "Phê duyệt vị trí việc làm và cơ cấu ngạch công chức", "Tổ chức bộ máy", "snv", CHAIR,
               "Nghị định 62/2020/NĐ-CP", 20, ("stc",), weight=2, sender="agency", doc_type="Tờ trình",
               subjects=("Đề nghị phê duyệt vị trí việc làm sau sắp xếp tổ chức bộ máy",)),
    MatterSpec("khen-thuong", "Thẩm định hồ sơ khen thưởng cấp tỉnh", "Thi đua, khen thưởng", "snv", CHAIR,
               "Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP", 20, weight=3, sender="agency",
               doc_type="Tờ trình", subjects=("Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho {award_reason}",)),
    MatterSpec("lu-hanh-noi-dia", "Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa", "Du lịch", "svhttdl", HEAD,
               "Luật Du lịch 2017; Nghị định 168/2017/NĐ-CP", 10, weight=2, doc_type="Hồ sơ",
               subjects=("Đề nghị cấp giấy phép kinh doanh dịch vụ lữ hành nội địa của {company}",)),
    MatterSpec("tham-dinh-cong-nghe", "Ý kiến thẩm định công nghệ dự án đầu tư", "Khoa học và Công nghệ", "skhcn",
               HEAD, "Luật Chuyển giao công nghệ 2017; Nghị định 76/2018/NĐ-CP", 15, weight=2, sender="agency",
               doc_type="Công văn", subjects=("Đề nghị cho ý kiến về công nghệ dự án {project}",)),
    MatterSpec("hoi-nghi-ton-giao", "Chấp thuận tổ chức hội nghị, đại hội của tổ chức tôn giáo", "Tôn giáo", "sdttg",
               HEAD, "Luật Tín ngưỡng, tôn giáo 2016; Nghị định 95/2023/NĐ-CP", 15, weight=1, sender="citizen",
               doc_type="Văn bản đề nghị", subjects=("Đề nghị chấp thuận tổ chức đại hội nhiệm kỳ tại {place}",)),
    MatterSpec("khieu-nai-lan-hai", "Giải quyết khiếu nại lần hai", "Khiếu nại, tố cáo", "ttt", CHAIR,
               "Luật Khiếu nại 2011", 30, ("snnmt", "snv"), weight=2, sender="citizen", subjects=(
                   "Đơn khiếu nại lần hai về quyết định thu hồi đất tại {place}",
               )),
    MatterSpec("hoi-thao-quoc-te", "Cho phép tổ chức hội nghị, hội thảo quốc tế", "Đối ngoại", "sngv", CHAIR,
               "Quyết định 06/2020/QĐ-TTg", 15, weight=1, sender="agency", doc_type="Công văn",
               subjects=("Đề nghị cho phép tổ chức hội thảo quốc tế về {conference_topic}",)),
    MatterSpec("dang-ky-dau-tu-kcn", "Cấp giấy chứng nhận đăng ký đầu tư dự án trong khu công nghiệp", "Đầu tư",
               "bqlkcn", HEAD, INVEST_BASIS, 15, ("stc",), weight=3, doc_type="Hồ sơ",
               subjects=("Đề nghị cấp giấy chứng nhận đăng ký đầu tư nhà máy {factory} tại {industrial_park}",)),
    MatterSpec("phep-xay-dung-kcn", "Cấp giấy phép xây dựng công trình trong khu công nghiệp", "Xây dựng", "bqlkcn",
               HEAD, XD_BASIS, 20, ("sxd",), weight=2, doc_type="Hồ sơ",
               subjects=("Đề nghị cấp giấy phép xây dựng nhà xưởng {factory} tại {industrial_park}",)),
)
