"""The backlog review (clause 1.5): Home Affairs opens a round with a cutoff date; every item then
overdue or open too long is listed under the unit that holds it; that unit's head records for each
a plan (the date it will be decided, the cause, the official answerable for it) by the round's
deadline for plans. An item still open after its plan date is a signal (`backlog.backlog_plans_overdue`).

Every change is an action (congvu.oversight.backlog) with its event in the record trail."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BacklogCause(models.TextChoices):
    """Why the item is still undecided: the list a head chooses from (clause 1.5)."""

    WORKLOAD = "workload", _("Workload beyond the unit's staff")
    WAITING_UNITS = "waiting_units", _("Waiting for other units' opinions")
    DOSSIER = "dossier", _("Incomplete dossier from the applicant")
    LEGAL = "legal", _("Legal basis unclear or changing")
    FUNDING = "funding", _("Funding or resources not yet arranged")
    AVOIDANCE = "avoidance", _("Avoidance or delay by the holder")
    OTHER = "other", _("Other")


class BacklogReason(models.TextChoices):
    OVERDUE = "overdue", _("Overdue")
    LONG_RUNNING = "long_running", _("Long-running")


class BacklogRound(models.Model):
    title = models.CharField(_("title"), max_length=200)
    cutoff = models.DateField(_("cutoff date"))
    long_running_days = models.PositiveSmallIntegerField(_("open longer than (days)"))
    plans_due = models.DateField(_("deadline for the plans"))
    opened_by = models.ForeignKey("org.Official", models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("opened"))

    class Meta:
        verbose_name = _("backlog review round")
        verbose_name_plural = _("backlog review rounds")
        ordering = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class BacklogEntry(models.Model):
    """One listed item and, once its unit's head records it, its plan."""

    round = models.ForeignKey(BacklogRound, models.PROTECT, related_name="entries")
    item = models.ForeignKey("work.WorkItem", models.PROTECT, related_name="backlog_entries")
    unit = models.ForeignKey("org.Unit", models.PROTECT, related_name="+", verbose_name=_("holding unit"))
    reason = models.CharField(_("listed as"), max_length=16, choices=BacklogReason.choices)
    decision_date = models.DateField(_("to be decided by"), null=True, blank=True)
    cause = models.CharField(_("cause"), max_length=16, choices=BacklogCause.choices, blank=True)
    responsible = models.ForeignKey("org.Official", models.PROTECT, null=True, blank=True, related_name="backlog_plans",
                                    verbose_name=_("responsible official"))
    note = models.TextField(_("plan"), blank=True)
    recorded_by = models.ForeignKey("org.Official", models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_late = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("backlog item")
        verbose_name_plural = _("backlog items")
        ordering = ["round", "unit", "item"]
        constraints = [models.UniqueConstraint(fields=["round", "item"], name="backlog_item_once_per_round")]
        indexes = [models.Index(fields=["round", "unit"]), models.Index(fields=["decision_date"])]

    def __str__(self) -> str:
        return f"{self.round_id}: #{self.item_id}"

    @property
    def has_plan(self) -> bool:
        return self.decision_date is not None
