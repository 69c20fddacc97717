"""What the province has decided in advance: who is competent for which matter, within which legal
time limit, who was delegated what, the working-regulation parameters and the official calendar."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congvu.org.models import Unit, UnitKind


class Authority(models.TextChoices):
    UNIT_HEAD = "unit_head", _("The lead unit's head decides")
    PROVINCE_CHAIRMAN = "province_chairman", _("The Province's chairman decides")


class ExtensionApprover(models.TextChoices):
    """Who approves an extension beyond what the lead unit may grant itself (clause 1.5): one level up."""

    PROVINCE_OFFICE = "province_office", _("The Province office, on behalf of the Chairman")
    PARENT_HEAD = "parent_head", _("The head of the lead unit's superior body")


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
    # Clause 1.5: how far past the legal time limit the lead unit's head may extend on his own; beyond
    # it the extension is requested of `extension_approver`. 0: never without approval one level up.
    extension_limit_days = models.PositiveSmallIntegerField(
        _("extension the lead unit may grant itself (working days past the legal limit)"), default=0,
        validators=[MaxValueValidator(365)],
    )
    extension_approver = models.CharField(
        _("who approves a longer extension"), max_length=24, choices=ExtensionApprover.choices,
        default=ExtensionApprover.PROVINCE_OFFICE,
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
    """Authority over a matter type moved down for a period (clause 1.4: the unit then decides and may
    not push the matter back up). Two different things in law:

    - phân cấp (decentralisation): to a *class* of units (`to_kind`, e.g. every commune, each on its
      own territory), or to one named unit, by the decentralising document; open-ended allowed.
    - ủy quyền (authorisation): to a *named* unit, by a named delegating authority (`from_unit`), with
      the document's number, a start and a MANDATORY end date; outside it nothing is delegated.

    A matter type may carry several; the history is kept (rows are end-dated, never deleted), and on a
    given day the one in force that started last wins (`congvu.registry.queries.delegation_in_force`)."""

    matter_type = models.ForeignKey(
        MatterType, models.PROTECT, related_name="delegations", verbose_name=_("matter type")
    )
    to_unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="delegations", verbose_name=_("receiving unit"),
        help_text=_("Authorisation: always one named unit. Decentralisation: a named unit or a kind of unit."),
    )
    kind = models.CharField(_("form"), max_length=16, choices=DelegationKind.choices)
    legal_basis = models.CharField(_("delegating document"), max_length=300)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True,
                                help_text=_("Mandatory for an authorisation; the last day it is in force."))
    to_kind = models.CharField(
        _("or the receiving kind of unit (decentralisation)"), max_length=32, choices=UnitKind.choices, blank=True,
        help_text=_("Decentralisation to every unit of this kind, each on its own territory (e.g. every commune)"),
    )
    from_unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="delegated", verbose_name=_("delegating authority"),
    )
    document_number = models.CharField(_("document number"), max_length=80, blank=True,
                                       help_text=_("E.g. 18/2025/QD-UBND (as the document writes it)"))

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["matter_type", "valid_from", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                                   name="delegation_ends_after_it_starts"),
            models.CheckConstraint(
                condition=~Q(kind=DelegationKind.AUTHORISATION) | (
                    Q(to_unit__isnull=False, from_unit__isnull=False, valid_to__isnull=False, to_kind="")
                    & ~Q(document_number="")),
                name="authorisation_is_named_and_ends",
            ),
            models.CheckConstraint(
                condition=~Q(kind=DelegationKind.DECENTRALISATION) | (Q(to_unit__isnull=True) & ~Q(to_kind=""))
                | (Q(to_unit__isnull=False) & Q(to_kind="")),
                name="decentralisation_has_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.matter_type} → {self.to_unit or self.get_to_kind_display()}"

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def clean(self) -> None:
        """The administrator's mistakes, named in the field they concern (the admin shows them there)."""
        errors = delegation_errors(self)
        if errors:
            raise ValidationError(errors)


def delegation_errors(d: "Delegation") -> dict[str, str]:
    errors: dict[str, str] = {}
    if d.valid_to is not None and d.valid_from is not None and d.valid_to < d.valid_from:
        errors["valid_to"] = _("The end date cannot be before the start date.")
    if d.kind == DelegationKind.AUTHORISATION:
        if d.to_unit_id is None:
            errors["to_unit"] = _("An authorisation is given to one named unit: choose the receiving unit.")
        if d.to_kind:
            errors["to_kind"] = _("An authorisation is given to one named unit, not to a kind of unit.")
        if d.from_unit_id is None:
            errors["from_unit"] = _("Name the delegating authority of the authorisation.")
        elif d.from_unit_id == d.to_unit_id:
            errors["from_unit"] = _("A unit cannot authorise itself.")
        if not d.document_number.strip():
            errors["document_number"] = _("Enter the number of the authorising document.")
        if d.valid_to is None:
            errors.setdefault("valid_to", _("An authorisation must have an end date."))
    elif d.kind == DelegationKind.DECENTRALISATION and (d.to_unit_id is None) == (not d.to_kind):
        errors["to_kind"] = _("A decentralisation goes either to a kind of unit (e.g. every commune) or to "
                              "one named unit: choose exactly one.")
    return errors


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
    # False when the entry could not be checked against the announcing document's own text; it still
    # counts, and every deadline explanation that uses it says it is unverified.
    verified = models.BooleanField(_("verified against the document"), default=True)
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
