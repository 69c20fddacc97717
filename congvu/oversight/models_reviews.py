"""Accountability reviews (kiểm điểm trách nhiệm) and the discipline that may follow (clause 1.7).

A review opens from evidence (a deemed agreement, overdue work, a head's override kept for review, an
item, an inspection finding: `congvu.oversight.reviews.SOURCES`) for a unit or one official; records
the parties, the meeting, the self-criticism and the conclusion; and, for an official, may end in a
discipline decision in a form in force on the day (`congvu.oversight.discipline`). Every change is an
action in `congvu.oversight.reviews` with its event in the record trail."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from congvu.org.models import Official, Unit
from congvu.oversight.models_shared import NumberedDecision


class ReviewSubject(models.TextChoices):
    UNIT = "unit", _("A unit (collective)")
    OFFICIAL = "official", _("An official (individual)")


class ReviewState(models.TextChoices):
    OPEN = "open", _("Opened")
    MEETING_HELD = "meeting_held", _("Review meeting held")
    DISCIPLINE_PROPOSED = "discipline_proposed", _("Discipline proposed")
    CLOSED = "closed", _("Concluded without discipline")
    DECIDED = "decided", _("Discipline decided")


class AccountabilityReview(NumberedDecision, models.Model):
    subject = models.CharField(_("reviewed"), max_length=16, choices=ReviewSubject.choices)
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="accountability_reviews", verbose_name=_("unit"))
    official = models.ForeignKey(Official, models.PROTECT, null=True, blank=True, related_name="accountability_reviews",
                                 verbose_name=_("official"))
    # Where it came from: a kind of `congvu.oversight.reviews.SOURCES` and that row's id, with the
    # evidence as it read when the review opened (labels and links), so it still reads the same later.
    source_kind = models.CharField(_("source"), max_length=32)
    source_id = models.PositiveBigIntegerField(_("source id"))
    evidence = models.JSONField(_("evidence"), default=list)
    reason = models.TextField(_("why the review is opened"))
    opened_by = models.ForeignKey(Official, models.PROTECT, related_name="+")
    opened_on = models.DateField(_("opened on"))
    state = models.CharField(_("state"), max_length=24, choices=ReviewState.choices, default=ReviewState.OPEN)
    # The meeting (cuộc họp kiểm điểm).
    parties = models.TextField(_("parties"), blank=True)
    meeting_on = models.DateField(_("meeting date"), null=True, blank=True)
    meeting_place = models.CharField(_("meeting place"), max_length=200, blank=True)
    meeting_chair = models.CharField(_("chaired by"), max_length=200, blank=True)
    self_criticism = models.TextField(_("self-criticism"), blank=True)
    # The conclusion; for an official, the discipline proposed and the day of the violation.
    conclusion = models.TextField(_("conclusion"), blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    violation_on = models.DateField(_("day of the violation"), null=True, blank=True)
    proposed_form = models.CharField(_("discipline proposed"), max_length=24, blank=True)
    processing_extended = models.BooleanField(_("processing time limit extended"), default=False)
    # The decision (QUYẾT ĐỊNH kỷ luật), numbered in the deciding unit's outgoing register.
    decided_form = models.CharField(_("discipline decided"), max_length=24, blank=True)
    regime = models.CharField(_("legal basis of the forms"), max_length=32, blank=True)
    deciding_unit = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="+")
    decision_number = models.PositiveIntegerField(null=True, blank=True)
    decision_year = models.PositiveIntegerField(null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(Official, models.PROTECT, null=True, blank=True, related_name="+")
    decision_content = models.JSONField(default=dict, blank=True)  # the letter's wording, fixed at signing

    class Meta:
        verbose_name = _("accountability review")
        verbose_name_plural = _("accountability reviews")
        ordering = ["-opened_on", "-id"]
        indexes = [models.Index(fields=["unit", "state"]), models.Index(fields=["official", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(subject=ReviewSubject.UNIT) | models.Q(official__isnull=False),
                name="review_of_an_official_names_them"),
        ]

    def __str__(self) -> str:
        return f"Kiểm điểm #{self.pk}: {self.official or self.unit}"
