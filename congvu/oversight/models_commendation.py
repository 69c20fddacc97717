"""Commendation (clause 1.8): a proposal per period for a unit or an official, with its evidence,
approved by Home Affairs (the standing body of the emulation and commendation council) and decided
by the authority of its form (`congvu.oversight.commendation_forms`). Actions in
`congvu.oversight.commendation`."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from congvu.org.models import Official, Unit
from congvu.oversight.models_shared import NumberedDecision


class CommendationState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    DECIDED = "decided", _("Decided")
    REFUSED = "refused", _("Not approved")


class Commendation(NumberedDecision, models.Model):
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="commendations", verbose_name=_("unit"))
    # None: the unit as a collective (tập thể).
    official = models.ForeignKey(Official, models.PROTECT, null=True, blank=True, related_name="commendations",
                                 verbose_name=_("official"))
    form = models.CharField(_("form"), max_length=40)
    evidence = models.JSONField(_("evidence"), default=list)
    reason = models.TextField(_("achievements"))
    state = models.CharField(_("state"), max_length=16, choices=CommendationState.choices,
                             default=CommendationState.PROPOSED)
    proposed_by = models.ForeignKey(Official, models.PROTECT, related_name="+")
    proposed_on = models.DateField(_("proposed on"))
    approved_by = models.ForeignKey(Official, models.PROTECT, null=True, blank=True, related_name="+")
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    deciding_unit = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="+")
    decision_number = models.PositiveIntegerField(null=True, blank=True)
    decision_year = models.PositiveIntegerField(null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(Official, models.PROTECT, null=True, blank=True, related_name="+")
    decision_content = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["-period_end", "-id"]
        indexes = [models.Index(fields=["unit", "state"]), models.Index(fields=["official", "state"])]

    def __str__(self) -> str:
        return f"Khen thưởng #{self.pk}: {self.official or self.unit}"
