"""Vietnamese full names for the officials of the demo and of the benchmarks' synthetic province
(congvu/ops/province.py), and for the citizens who write in to the demo.

Family names follow their rough share of the population (Nguyễn alone is about four in ten), so a
page of officials looks like a real one. Đắk Lắk is home to the Ê Đê and M'nông peoples, whose
names have another shape (Y/H' + given name + clan name), so a few of those appear as well."""

import random

# (family name, weight): weights are rough population shares in per mille.
FAMILY_NAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 30), ("Huỳnh", 30),
    ("Phan", 45), ("Vũ", 20), ("Võ", 30), ("Đặng", 20), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13),
    ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Đinh", 8), ("Trương", 8), ("Lưu", 4), ("Mai", 4),
)
MIDDLE_NAMES_MALE = ("Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Xuân", "Thanh", "Ngọc", "Anh")
MIDDLE_NAMES_FEMALE = ("Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Kim", "Minh", "Phương", "Bích")
GIVEN_NAMES_MALE = (
    "Hùng", "Dũng", "Tuấn", "Hải", "Nam", "Sơn", "Long", "Phong", "Quân", "Thắng", "Khoa", "Bình",
    "Trung", "Hiếu", "Tâm", "Phúc", "Lộc", "Tài", "Cường", "Đạt", "Huy", "Khánh", "Lâm", "Nghĩa",
    "Quý", "Thành", "Toàn", "Vinh", "Việt", "Hoàng", "Kiên", "Tú", "Duy", "Thịnh", "Bảo", "An",
)
GIVEN_NAMES_FEMALE = (
    "Lan", "Hương", "Hoa", "Mai", "Hằng", "Ngọc", "Trang", "Linh", "Thảo", "Nga", "Yến", "Vân",
    "Hạnh", "Nhung", "Phương", "Thủy", "Dung", "Huyền", "Loan", "Oanh", "Tuyết", "Hà", "Giang",
    "Trinh", "Diễm", "Ánh", "Quyên", "Nhi", "Châu", "Liên",
)
# Ê Đê names: men "Y <given> <clan>", women "H'<given> <clan>".
EDE_CLANS = ("Niê", "Mlô", "Êban", "Ktla", "Kbuôr", "Ayun", "Byă", "Adrơng")
EDE_GIVEN_MALE = ("Phôn", "Blim", "Jút", "Khoa", "Ngông", "Diêm", "Thanh", "Bhiêr")
EDE_GIVEN_FEMALE = ("Nga", "Ngun", "Đơn", "Bia", "Hen", "Yŭn", "Loan", "Nhi")
EDE_SHARE = 0.06


class NameGenerator:
    """Deterministic, distinct full names drawn from the generator's own `random.Random`."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._families = [name for name, _ in FAMILY_NAMES]
        self._weights = [weight for _, weight in FAMILY_NAMES]
        self._used: set[str] = set()

    def person(self) -> tuple[str, bool]:
        """A new full name and whether the person is a woman (for "Ông"/"Bà" in letters)."""
        while True:
            female = self._rng.random() < 0.45
            name = self._ede(female) if self._rng.random() < EDE_SHARE else self._kinh(female)
            # Two officials with one name exist in real life, but the demo reads better without.
            if name not in self._used:
                self._used.add(name)
                return name, female

    def full_name(self) -> str:
        return self.person()[0]

    def addressed(self) -> str:
        """A citizen as a letter names them: "Ông Nguyễn Văn Hùng" / "Bà Lê Thị Lan"."""
        name, female = self.person()
        return f"{'Bà' if female else 'Ông'} {name}"

    def _kinh(self, female: bool) -> str:
        family = self._rng.choices(self._families, self._weights)[0]
        middle = self._rng.choice(MIDDLE_NAMES_FEMALE if female else MIDDLE_NAMES_MALE)
        given = self._rng.choice(GIVEN_NAMES_FEMALE if female else GIVEN_NAMES_MALE)
        return f"{family} {middle} {given}"

    def _ede(self, female: bool) -> str:
        clan = self._rng.choice(EDE_CLANS)
        if female:
            return f"H'{self._rng.choice(EDE_GIVEN_FEMALE)} {clan}"
        return f"Y {self._rng.choice(EDE_GIVEN_MALE)} {clan}"
