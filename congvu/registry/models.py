"""What the province has decided in advance: who is competent for which matter, within which legal
time limit, who was delegated what, the working-regulation parameters and the official calendar."""

from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congvu.org.models import Unit, UnitKind


class Authority(models.TextChoices):
    UNIT_HEAD = "unit_head", _("The lead unit's head decides")
    PROVINCE_CHAIRMAN = "province_chairman", _("The Province's chairman decides")


class MatterType(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name of the matter type"), max_length=250)
    field = models.CharField(_("field"), max_length=120)
    competent_unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="competent_for",
        verbose_name=_("competent unit"),
    )
    competent_kind = models.CharField(
        _("or the competent kind of unit (by territory)"), max_length=32, choices=UnitKind.choices, blank=True,
        help_text=_("When each commune or ward decides the matters of its own territory"),
    )
    authority = models.CharField(_("deciding authority"), max_length=32, choices=Authority.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    time_limit_days = models.PositiveSmallIntegerField(
        _("time limit (working days)"), validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    related_units = models.ManyToManyField(
        Unit, blank=True, related_name="related_to_matters", verbose_name=_("units with related functions")
    )

    class Meta:
        verbose_name = _("matter type")
        verbose_name_plural = _("matter types")
        ordering = ["field", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(competent_unit__isnull=False) | ~Q(competent_kind=""),
                name="matter_type_has_competence",
                # The administrator reads this in /quan-tri/ instead of Django's "Constraint … is violated."
                violation_error_message=_(
                    "Choose the competent unit, or the kind of unit that decides by territory (one of the two)."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class DelegationKind(models.TextChoices):
    DECENTRALISATION = "phan_cap", _("Decentralisation")
    AUTHORISATION = "uy_quyen", _("Authorisation")


class Delegation(models.Model):
    """Authority over a matter type moved to a unit for a period (phân cấp, ủy quyền): while it is in
    force, that unit decides and may not push the matter back up (clause 1.4)."""

    matter_type = models.ForeignKey(
        MatterType, models.PROTECT, related_name="delegations", verbose_name=_("matter type")
    )
    to_unit = models.ForeignKey(Unit, models.PROTECT, related_name="delegations", verbose_name=_("receiving unit"))
    kind = models.CharField(_("form"), max_length=16, choices=DelegationKind.choices)
    legal_basis = models.CharField(_("delegating document"), max_length=300)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.matter_type} → {self.to_unit}"

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class RegulationParameter(models.Model):
    """A number from the Province's working regulation that the administrator may change."""

    key = models.SlugField(_("code"), max_length=60, unique=True)
    description = models.CharField(_("description"), max_length=250)
    value = models.IntegerField(_("value"))
    minimum = models.IntegerField(_("minimum"))
    maximum = models.IntegerField(_("maximum"))
    legal_basis = models.CharField(_("basis"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("working-regulation parameter")
        verbose_name_plural = _("working-regulation parameters")
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum__lte=models.F("value")) & Q(value__lte=models.F("maximum")),
                name="parameter_within_bounds",
                violation_error_message=_("The value must lie between the minimum and the maximum."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.description}: {self.value}"


class CalendarDayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Day off")
    WORKING_DAY = "working_day", _("Make-up working day")


class CalendarDay(models.Model):
    """One line of the official civil-servant schedule; it wins over the `holidays` package."""

    day = models.DateField(_("day"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=CalendarDayKind.choices)
    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(_("announcing document"), max_length=250)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("day of the official calendar")
        verbose_name_plural = _("official days off and make-up working days")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} — {self.name}"


class RegistryVersion(models.Model):
    """One row whose token changes whenever any registry data changes (units, officials, positions,
    matter types, delegations, the calendar, parameters). Every process keeps an in-memory snapshot of
    the registry and rebuilds it when the token differs: one tiny read per action instead of a dozen."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("registry version")

    def __str__(self) -> str:
        return self.token
