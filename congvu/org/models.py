"""Units, officials and their positions over time (clause 1.1). Levels are data, not code: the 2025
reform merged provinces and abolished districts, so a unit is a node in a dated tree."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congvu.org.codes import MAX_LENGTH, validate_unit_code


class UnitKind(models.TextChoices):
    PROVINCE_COMMITTEE = "province_committee", _("Provincial People's Committee")
    PROVINCE_OFFICE = "province_office", _("Province office")
    DEPARTMENT = "department", _("Department, board or agency")
    COMMUNE = "commune", _("Commune or ward People's Committee")
    DIVISION = "division", _("Subordinate division or board")


class Unit(models.Model):
    code = models.CharField(
        _("code"), max_length=MAX_LENGTH, unique=True, validators=[validate_unit_code],
        help_text=_("The organ code on the national document axis, e.g. 000.00.12.H53, or a short code (sxd)"))
    name = models.CharField(_("name"), max_length=200)
    abbrev = models.CharField(_("abbreviation"), max_length=20,
                              help_text=_("Used in the notation of documents, e.g. SNV"))
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent unit")
    )
    valid_from = models.DateField(_("valid from"), default=date(2025, 7, 1))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successor = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="predecessors",
        verbose_name=_("successor (after a merger)"),
    )
    is_home_affairs = models.BooleanField(_("is the Department of Home Affairs"), default=False)

    class Meta:
        verbose_name = _("agency or unit")
        verbose_name_plural = _("agencies and units")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def is_active_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Role(models.TextChoices):
    """What an official may do beyond their own units' work (DESIGN §1)."""

    OFFICIAL = "official", pgettext_lazy("role", "Official")
    PROVINCE_OFFICE = "province_office", _("Province office")
    HOME_AFFAIRS = "home_affairs", _("Department of Home Affairs (oversight)")
    ADMINISTRATOR = "administrator", _("Administrator")


class Category(models.TextChoices):
    """Which body of law an official answers to for discipline (Law on Cadres and Civil Servants;
    Law on Public Employees): the forms offered depend on it (congvu.oversight.discipline)."""

    CAN_BO = "can_bo", _("Cadre")
    CONG_CHUC = "cong_chuc", _("Civil servant")
    VIEN_CHUC = "vien_chuc", _("Public employee")


class Official(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.PROTECT, related_name="official")
    full_name = models.CharField(_("full name"), max_length=120)
    email = models.EmailField(_("email"), blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.OFFICIAL)
    # The official's own choice (their account page); the administrator keeps the address. The
    # database has the default too, so rows written without this field (raw inserts, code at an
    # older migration state) still mean "yes".
    receives_email = models.BooleanField(_("receives notifications by e-mail"), default=True, db_default=True)
    # The interface language the official chose in the header ("" = not chosen: Vietnamese, whatever the
    # browser asks for). congvu.web.language reads it on every page.
    language = models.CharField(_("interface language"), max_length=8, blank=True, default="", db_default="",
                                choices=settings.LANGUAGES)
    # The official's record for discipline (clause 1.7): the forms in force differ by category, and
    # demotion or dismissal from a post applies only to one who holds a leadership post.
    category = models.CharField(_("category"), max_length=16, choices=Category.choices, default=Category.CONG_CHUC,
                                db_default=Category.CONG_CHUC)
    holds_leadership_post = models.BooleanField(_("holds a leadership or management post"), default=False,
                                                db_default=False)

    class Meta:
        verbose_name = _("civil servant")
        verbose_name_plural = _("civil servants")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def sees_everything(self) -> bool:
        return self.role in (Role.PROVINCE_OFFICE, Role.HOME_AFFAIRS, Role.ADMINISTRATOR)


class Title(models.TextChoices):
    HEAD = "head", _("Head")
    DEPUTY = "deputy", _("Deputy head")
    OFFICER = "officer", _("Officer")
    CLERK = "clerk", _("Clerk")


LEADER_TITLES = (Title.HEAD, Title.DEPUTY)


class PositionQuerySet(models.QuerySet):
    def active_on(self, day: date) -> "PositionQuerySet":
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day)


class Position(models.Model):
    official = models.ForeignKey(Official, models.PROTECT, related_name="positions", verbose_name=_("official"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="positions", verbose_name=_("unit"))
    title = models.CharField(_("title"), max_length=16, choices=Title.choices)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True)
    # Besides the office's head and deputies, the Province office names who records the Province's
    # decisions (e.g. the officer of its general division); a clerk only registers documents.
    records_decisions = models.BooleanField(
        _("records the Province's decisions"), default=False,
        help_text=_("Only for positions at the Province office; its head and deputies always record them."),
    )

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        indexes = [models.Index(fields=["unit", "title"]), models.Index(fields=["official"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="position_dates_in_order",
                violation_error_message=_("The position cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.official} — {self.get_title_display()}, {self.unit}"


class Notification(models.Model):
    """An in-application message to an official (and an e-mail where configured)."""

    # No index of its own: the (official, read_at) index begins with it (the deemed-agreement catch-up
    # writes two or three notifications a request).
    official = models.ForeignKey("Official", models.CASCADE, related_name="notifications", db_index=False)
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("in-app notification")
        verbose_name_plural = _("in-app notifications")
        indexes = [models.Index(fields=["official", "read_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(text__gt=""), name="notification_has_text"),
        ]

    def __str__(self) -> str:
        return self.text
