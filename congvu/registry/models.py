"""What the province has decided in advance: who is competent for which matter, within which legal
time limit, who was delegated what, the working-regulation parameters and the official calendar."""

from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from congvu.org.models import Unit, UnitKind


class Authority(models.TextChoices):
    UNIT_HEAD = "unit_head", "Thủ trưởng đơn vị chủ trì quyết định"
    PROVINCE_CHAIRMAN = "province_chairman", "Chủ tịch UBND tỉnh quyết định"


class MatterType(models.Model):
    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên loại việc", max_length=250)
    field = models.CharField("lĩnh vực", max_length=120)
    competent_unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="competent_for",
        verbose_name="đơn vị có thẩm quyền",
    )
    competent_kind = models.CharField(
        "hoặc loại đơn vị có thẩm quyền (theo địa bàn)", max_length=32, choices=UnitKind.choices, blank=True,
        help_text="Dùng khi mỗi xã, phường giải quyết việc trên địa bàn của mình",
    )
    authority = models.CharField("thẩm quyền quyết định", max_length=32, choices=Authority.choices)
    legal_basis = models.CharField("căn cứ pháp lý", max_length=300)
    time_limit_days = models.PositiveSmallIntegerField(
        "thời hạn giải quyết (ngày làm việc)", validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    related_units = models.ManyToManyField(
        Unit, blank=True, related_name="related_to_matters", verbose_name="đơn vị có chức năng liên quan"
    )

    class Meta:
        verbose_name = "loại việc"
        verbose_name_plural = "loại việc"
        ordering = ["field", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(competent_unit__isnull=False) | ~Q(competent_kind=""),
                name="matter_type_has_competence",
            )
        ]

    def __str__(self) -> str:
        return self.name


class DelegationKind(models.TextChoices):
    DECENTRALISATION = "phan_cap", "Phân cấp"
    AUTHORISATION = "uy_quyen", "Ủy quyền"


class Delegation(models.Model):
    """Authority over a matter type moved to a unit for a period (phân cấp, ủy quyền): while it is in
    force, that unit decides and may not push the matter back up (clause 1.4)."""

    matter_type = models.ForeignKey(
        MatterType, models.PROTECT, related_name="delegations", verbose_name="loại việc"
    )
    to_unit = models.ForeignKey(Unit, models.PROTECT, related_name="delegations", verbose_name="đơn vị nhận")
    kind = models.CharField("hình thức", max_length=16, choices=DelegationKind.choices)
    legal_basis = models.CharField("văn bản phân cấp, ủy quyền", max_length=300)
    valid_from = models.DateField("hiệu lực từ")
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)

    class Meta:
        verbose_name = "phân cấp, ủy quyền"
        verbose_name_plural = "phân cấp, ủy quyền"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.matter_type} → {self.to_unit}"

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class RegulationParameter(models.Model):
    """A number from the Province's working regulation that the administrator may change."""

    key = models.SlugField("mã", max_length=60, unique=True)
    description = models.CharField("nội dung", max_length=250)
    value = models.IntegerField("giá trị")
    minimum = models.IntegerField("tối thiểu")
    maximum = models.IntegerField("tối đa")
    legal_basis = models.CharField("căn cứ", max_length=250, blank=True)

    class Meta:
        verbose_name = "tham số quy chế làm việc"
        verbose_name_plural = "tham số quy chế làm việc"
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum__lte=models.F("value")) & Q(value__lte=models.F("maximum")),
                name="parameter_within_bounds",
            )
        ]

    def __str__(self) -> str:
        return f"{self.description}: {self.value}"


class CalendarDayKind(models.TextChoices):
    DAY_OFF = "day_off", "Ngày nghỉ"
    WORKING_DAY = "working_day", "Ngày làm việc bù"


class CalendarDay(models.Model):
    """One line of the official civil-servant schedule; it wins over the `holidays` package."""

    day = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=16, choices=CalendarDayKind.choices)
    name = models.CharField("tên", max_length=200)
    source = models.CharField("văn bản công bố", max_length=250)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    class Meta:
        verbose_name = "ngày trong lịch công vụ"
        verbose_name_plural = "lịch nghỉ, làm bù chính thức"
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} — {self.name}"


class RegistryVersion(models.Model):
    """One row whose token changes whenever any registry data changes (units, officials, positions,
    matter types, delegations, the calendar, parameters). Every process keeps an in-memory snapshot of
    the registry and rebuilds it when the token differs: one tiny read per action instead of a dozen."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "phiên bản danh mục"

    def __str__(self) -> str:
        return self.token
