"""What the incoming documents say and who sends them: subjects filled from the matter type's
templates with plausible places, companies and projects of the province (all fictional)."""

import random
import string
from dataclasses import dataclass

from congvu.ops.demo.catalog import MatterSpec
from congvu.ops.names import NameGenerator
from congvu.org.models import Unit

COMPANY_FORMS = ("Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV", "Hợp tác xã")
COMPANY_NAMES = (
    "Xây dựng Hoàng Long", "Đầu tư Cao Nguyên Xanh", "Nông sản Ea Tam", "Năng lượng gió Tuy An",
    "Thương mại Dịch vụ Minh Phát", "Chế biến nông sản Krông Pắc", "Du lịch Biển Vàng", "Vật liệu xây dựng Sông Ba",
    "Dược phẩm Phú An", "Cà phê Hương Núi", "Thủy sản Vũng Rô Xanh", "Kỹ thuật điện Đông Nam",
    "Bất động sản Bình Minh", "Sầu riêng Tây Nguyên", "Gỗ mỹ nghệ Ea Kar", "Logistics Miền Trung",
)
BUILDINGS = ("trụ sở văn phòng 9 tầng", "khách sạn 12 tầng", "trung tâm thương mại", "nhà máy chế biến cà phê",
             "kho lạnh bảo quản nông sản", "trường mầm non tư thục", "bệnh viện đa khoa 200 giường", "chung cư 15 tầng")
PROJECTS = ("Khu dân cư Ea Tam mở rộng", "Khu đô thị mới phía Bắc Tuy Hòa", "Trung tâm logistics Buôn Ma Thuột",
            "Điện gió Sơn Hòa 2", "Khu du lịch sinh thái hồ Lắk", "Nhà máy chế biến sầu riêng xuất khẩu",
            "Đường liên xã Ea Kar - Krông Pắc", "Khu nhà ở xã hội phường Tân An", "Cụm công nghiệp Ea Súp")
ROAD_WORKS = ("đấu nối đường nhánh vào Quốc lộ 14", "lắp đặt đường ống cấp nước dọc Quốc lộ 1",
              "cải tạo nút giao đường tỉnh 8", "đặt cáp quang ngầm dọc Quốc lộ 26")
BUDGET_PURPOSES = ("sắp xếp trụ sở sau hợp nhất", "mua sắm trang thiết bị phòng họp trực tuyến",
                   "chuyển đổi số hồ sơ lưu trữ", "bồi dưỡng công chức cấp xã sau sắp xếp")
ASSETS = ("trụ sở làm việc cũ của Sở Giao thông vận tải", "02 xe ô tô phục vụ công tác chung",
          "trụ sở UBND huyện cũ", "trang thiết bị phòng họp trực tuyến")
FACILITIES = ("nhà máy chế biến tinh bột sắn", "trang trại chăn nuôi heo tập trung", "nhà máy xử lý rác thải",
              "cơ sở chế biến cà phê nhân")
MEDICAL_TITLES = ("bác sĩ y khoa", "điều dưỡng", "bác sĩ y học cổ truyền", "kỹ thuật viên xét nghiệm")
PROMOTIONS = ("tri ân khách hàng cuối năm", "mua hàng trúng thưởng", "khai trương chi nhánh mới")
REGULATIONS = ("phân cấp quản lý đường đô thị", "giá dịch vụ thu gom rác thải sinh hoạt",
               "quản lý cụm công nghiệp trên địa bàn tỉnh", "định mức hỗ trợ phát triển sản xuất nông nghiệp")
AWARD_REASONS = ("tập thể có thành tích xuất sắc trong sắp xếp đơn vị hành chính",
                 "cá nhân có thành tích trong phòng, chống thiên tai", "doanh nghiệp tiêu biểu năm 2026")
TOPICS = ("phát triển bền vững cà phê Tây Nguyên", "năng lượng tái tạo khu vực Nam Trung Bộ",
          "hợp tác du lịch biển - đại ngàn")
FACTORIES = ("sản xuất bao bì", "chế biến hạt điều", "lắp ráp thiết bị điện", "chế biến gỗ xuất khẩu")
INDUSTRIAL_PARKS = ("Khu công nghiệp Hòa Phú", "Khu công nghiệp Hòa Hiệp", "Khu công nghiệp Ea Đar")
WARD_PLACES = ("tổ dân phố {n}", "đường Nguyễn Tất Thành, tổ dân phố {n}", "khu phố {n}")
COMMUNE_PLACES = ("thôn {n}", "buôn Ko Tam", "buôn Kram", "thôn Tân Lập {n}")


@dataclass(frozen=True)
class Letter:
    subject: str
    sender: str
    notation: str
    doc_type: str


class Writer:
    """Fills a matter type's subject templates; draws only from its own seeded `random.Random`."""

    def __init__(self, rng: random.Random, names: NameGenerator) -> None:
        self._rng = rng
        self._names = names

    def letter(self, spec: MatterSpec, territory: Unit, requester: Unit | None) -> Letter:
        company = self.company()
        person = self._names.addressed()
        subject = self._rng.choice(spec.subjects).format_map(self._fields(territory, company, person))
        if requester is not None:
            return Letter(subject, requester.name, self._agency_notation(requester), "Công văn")
        sender = {"company": company, "citizen": person}.get(spec.sender, territory.name)
        notation = self._company_notation(company) if spec.sender == "company" else ""
        return Letter(subject, sender, notation, spec.doc_type)

    def company(self) -> str:
        return f"{self._rng.choice(COMPANY_FORMS)} {self._rng.choice(COMPANY_NAMES)}"

    def place(self, territory: Unit) -> str:
        area = territory.name.removeprefix("UBND ")
        forms = WARD_PLACES if area.startswith("phường") else COMMUNE_PLACES
        return f"{self._rng.choice(forms).format(n=self._rng.randint(1, 12))}, {area}"

    def _fields(self, territory: Unit, company: str, person: str) -> dict[str, str]:
        pick = self._rng.choice
        return {
            "company": company, "person": person, "place": self.place(territory),
            "commune": territory.name.removeprefix("UBND "), "n": str(self._rng.randint(1, 9999)).zfill(4),
            "building": pick(BUILDINGS), "project": pick(PROJECTS), "road_work": pick(ROAD_WORKS),
            "budget_purpose": pick(BUDGET_PURPOSES), "asset": pick(ASSETS), "facility": pick(FACILITIES),
            "medical_title": pick(MEDICAL_TITLES), "promotion": pick(PROMOTIONS), "regulation": pick(REGULATIONS),
            "award_reason": pick(AWARD_REASONS), "conference_topic": pick(TOPICS), "factory": pick(FACTORIES),
            "industrial_park": pick(INDUSTRIAL_PARKS),
        }

    def _company_notation(self, company: str) -> str:
        # Companies number their letters too: "15/CV-HL" (initials of the trading name).
        words = company.split()[-2:]
        initials = "".join(w[0] for w in words).upper()
        initials = "".join(c for c in initials if c in string.ascii_uppercase) or "DN"
        return f"{self._rng.randint(1, 300):02d}/CV-{initials}"

    def _agency_notation(self, unit: Unit) -> str:
        return f"{self._rng.randint(1, 2500):02d}/{unit.abbrev}-VP"
