"""Inspections of official duties (clause 1.6): routine and thematic plans and surprise inspections,
their findings per official and per unit with the evidence in the trail, and the measures that
follow, each with its follow-up deadline. Every change is an action in `congvu.oversight.inspections`
that records its event in the inspection's record trail (`congvu.oversight.record`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InspectionKind(models.TextChoices):
    ROUTINE = "routine", _("Routine inspection")
    THEMATIC = "thematic", _("Thematic inspection")
    SURPRISE = "surprise", _("Surprise inspection")


class InspectionState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPENED = "opened", _("Opened")
    CONCLUDED = "concluded", _("Concluded")
    FOLLOWED_UP = "followed_up", _("Measures followed up")


class FindingCategory(models.TextChoices):
    NOT_DARING = "not_daring", _("Not daring to act")
    AVOIDING = "avoiding", _("Avoiding or pushing work")
    DELAY = "delay", _("Delay")
    IRRESPONSIBLE = "irresponsible", _("Lack of responsibility")
    HARASSMENT = "harassment", _("Harassment")
    POSITIVE = "positive", _("Positive finding")


class MeasureKind(models.TextChoices):
    REMINDER = "reminder", _("Reminder")
    CRITICISM = "criticism", _("Criticism")
    REPLACE = "replace", _("Proposal to replace or move to other work")
    REVIEW = "review", _("Proposal to review responsibility")


class MeasureStatus(models.TextChoices):
    PENDING = "pending", _("Being followed up")
    DONE = "done", _("Carried out")
    NOT_DONE = "not_done", _("Not carried out")


class Inspection(models.Model):
    kind = models.CharField(_("kind"), max_length=12, choices=InspectionKind.choices)
    state = models.CharField(_("state"), max_length=12, choices=InspectionState.choices,
                             default=InspectionState.PLANNED)
    title = models.CharField(_("title"), max_length=300)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    period_from = models.DateField(_("period from"))
    period_to = models.DateField(_("period to"))
    units = models.ManyToManyField("org.Unit", related_name="inspections", verbose_name=_("units in scope"))
    team = models.ManyToManyField("org.Official", related_name="inspection_teams", verbose_name=_("team"))
    planned_by = models.ForeignKey("org.Official", models.PROTECT, related_name="+")
    planned_at = models.DateTimeField()
    # The surprise draw: the seed, the population snapshot (file and SHA-256) and what it drew.
    seed = models.CharField(max_length=64, blank=True)
    population_digest = models.CharField(max_length=64, blank=True)
    population = models.FileField(upload_to="inspections/population/%Y/", blank=True)
    sizes = models.JSONField(default=dict)
    drawn = models.JSONField(default=dict)
    # The decision (QUYẾT ĐỊNH) and the conclusion (KẾT LUẬN), numbered in Home Affairs' outgoing
    # register; their wording fixed when issued, their files rendered from it.
    decision_number = models.PositiveIntegerField(null=True, blank=True)
    decision_on = models.DateField(null=True, blank=True)
    decision_content = models.JSONField(default=dict)
    conclusion = models.TextField(_("conclusion"), blank=True)
    conclusion_number = models.PositiveIntegerField(null=True, blank=True)
    conclusion_on = models.DateField(null=True, blank=True)
    conclusion_content = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-planned_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Finding(models.Model):
    """What the inspection found about a unit, or about one official of it, with its evidence: the
    items and the events of their trail it rests on."""

    inspection = models.ForeignKey(Inspection, models.PROTECT, related_name="findings")
    category = models.CharField(_("category"), max_length=16, choices=FindingCategory.choices)
    unit = models.ForeignKey("org.Unit", models.PROTECT, related_name="+", verbose_name=_("unit"))
    official = models.ForeignKey("org.Official", models.PROTECT, null=True, blank=True,
                                 related_name="inspection_findings", verbose_name=_("official"))
    summary = models.TextField(_("summary"))
    item_ids = models.JSONField(default=list)
    event_ids = models.JSONField(default=list)
    recorded_by = models.ForeignKey("org.Official", models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.inspection_id}: {self.category}"

    @property
    def is_fault(self) -> bool:
        """Every category but a positive one: the ground for a review (templates ask this, not the code)."""
        return self.category != FindingCategory.POSITIVE


class Measure(models.Model):
    finding = models.ForeignKey(Finding, models.PROTECT, related_name="measures")
    kind = models.CharField(_("measure"), max_length=12, choices=MeasureKind.choices)
    due_on = models.DateField(_("follow-up deadline"))
    status = models.CharField(_("status"), max_length=10, choices=MeasureStatus.choices,
                              default=MeasureStatus.PENDING)
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey("org.Official", models.PROTECT, related_name="+")
    decided_on = models.DateField()
    followed_up_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.finding_id}: {self.kind}"

    @property
    def is_pending(self) -> bool:
        return self.status == MeasureStatus.PENDING

    def is_late_on(self, day) -> bool:
        """Still pending after its follow-up deadline: the inspector has a follow-up to chase."""
        return self.is_pending and self.due_on < day
