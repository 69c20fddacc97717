"""Units, officials and their positions over time (clause 1.1). Levels are data, not code: the 2025
reform merged provinces and abolished districts, so a unit is a node in a dated tree."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q


class UnitKind(models.TextChoices):
    PROVINCE_COMMITTEE = "province_committee", "UBND tỉnh"
    PROVINCE_OFFICE = "province_office", "Văn phòng UBND tỉnh"
    DEPARTMENT = "department", "Sở, ban, ngành"
    COMMUNE = "commune", "UBND xã, phường"
    DIVISION = "division", "Phòng, ban trực thuộc"


class Unit(models.Model):
    code = models.SlugField("mã", max_length=32, unique=True)
    name = models.CharField("tên", max_length=200)
    abbrev = models.CharField("viết tắt", max_length=20, help_text="Dùng trong số ký hiệu văn bản, ví dụ SNV")
    kind = models.CharField("loại", max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name="đơn vị cấp trên"
    )
    valid_from = models.DateField("hiệu lực từ", default=date(2025, 7, 1))
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    successor = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="predecessors",
        verbose_name="đơn vị kế thừa (khi sáp nhập)",
    )
    is_home_affairs = models.BooleanField("là Sở Nội vụ", default=False)

    class Meta:
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def is_active_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Role(models.TextChoices):
    """What an official may do beyond their own units' work (DESIGN §1)."""

    OFFICIAL = "official", "Cán bộ, công chức"
    PROVINCE_OFFICE = "province_office", "Văn phòng UBND tỉnh"
    HOME_AFFAIRS = "home_affairs", "Sở Nội vụ (giám sát)"
    ADMINISTRATOR = "administrator", "Quản trị hệ thống"


class Official(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.PROTECT, related_name="official")
    full_name = models.CharField("họ và tên", max_length=120)
    email = models.EmailField("thư điện tử", blank=True)
    role = models.CharField("vai trò", max_length=32, choices=Role.choices, default=Role.OFFICIAL)
    # The official's own choice (their account page); the administrator keeps the address. The
    # database has the default too, so rows written without this field (raw inserts, code at an
    # older migration state) still mean "yes".
    receives_email = models.BooleanField("nhận thông báo qua thư điện tử", default=True, db_default=True)

    class Meta:
        verbose_name = "cán bộ, công chức"
        verbose_name_plural = "cán bộ, công chức"
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def sees_everything(self) -> bool:
        return self.role in (Role.PROVINCE_OFFICE, Role.HOME_AFFAIRS, Role.ADMINISTRATOR)


class Title(models.TextChoices):
    HEAD = "head", "Thủ trưởng"
    DEPUTY = "deputy", "Cấp phó"
    OFFICER = "officer", "Chuyên viên"
    CLERK = "clerk", "Văn thư"


LEADER_TITLES = (Title.HEAD, Title.DEPUTY)


class PositionQuerySet(models.QuerySet):
    def active_on(self, day: date) -> "PositionQuerySet":
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day)


class Position(models.Model):
    official = models.ForeignKey(Official, models.PROTECT, related_name="positions", verbose_name="cán bộ")
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="positions", verbose_name="đơn vị")
    title = models.CharField("chức danh", max_length=16, choices=Title.choices)
    valid_from = models.DateField("từ ngày")
    valid_to = models.DateField("đến ngày", null=True, blank=True)
    # Besides the office's head and deputies, the Province office names who records the Province's
    # decisions (e.g. the officer of its general division); a clerk only registers documents.
    records_decisions = models.BooleanField(
        "được giao ghi nhận quyết định của UBND tỉnh", default=False,
        help_text="Chỉ có hiệu lực với chức vụ tại Văn phòng UBND tỉnh; thủ trưởng, cấp phó luôn được ghi nhận.",
    )

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = "chức vụ"
        verbose_name_plural = "chức vụ"
        indexes = [models.Index(fields=["unit", "title"]), models.Index(fields=["official"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="position_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.official} — {self.get_title_display()}, {self.unit}"


class Notification(models.Model):
    """An in-application message to an official (and an e-mail where configured)."""

    official = models.ForeignKey("Official", models.CASCADE, related_name="notifications")
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "thông báo trong hệ thống"
        verbose_name_plural = "thông báo trong hệ thống"
        indexes = [models.Index(fields=["official", "read_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(text__gt=""), name="notification_has_text"),
        ]

    def __str__(self) -> str:
        return self.text
