"""Reports from the public (clause 1.7): a citizen or business reports harassment, petty corruption,
delay or avoidance about a unit, an official or a dossier, with no account. Home Affairs assigns it
to the unit concerned with a deadline in working days; the unit answers; Home Affairs closes it with
the answer the reporter reads with their tracking code.

The reporter's contact details are for Home Affairs only: the unit's pages never show them. Every
step is a row of `PublicReportStep`, written once (the report's own trail)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from congvu.oversight.models_shared import WrittenOnce


class ReportKind(models.TextChoices):
    HARASSMENT = "harassment", _("Harassment")
    PETTY_CORRUPTION = "petty_corruption", _("Petty corruption")
    DELAY = "delay", _("Delay")
    AVOIDANCE = "avoidance", _("Avoidance, passing the buck")


class ReportAbout(models.TextChoices):
    UNIT = "unit", _("A unit")
    OFFICIAL = "official", _("An official (name or title)")
    DOSSIER = "dossier", _("A dossier (reference on the receipt)")


class ReportState(models.TextChoices):
    RECEIVED = "received", _("Received, awaiting Home Affairs")
    ASSIGNED = "assigned", _("Assigned to the unit concerned")
    ANSWERED = "answered", _("Answered by the unit, under review")
    CLOSED = "closed", _("Closed")


class PublicReport(models.Model):
    code = models.CharField(max_length=10, unique=True)  # the reporter's tracking code (base32, 50 bits)
    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind.choices)
    about = models.CharField(_("about"), max_length=10, choices=ReportAbout.choices)
    unit = models.ForeignKey("org.Unit", models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("unit concerned"))
    official_named = models.CharField(_("official (name or title)"), max_length=200, blank=True)
    dossier_reference = models.CharField(_("dossier reference"), max_length=60, blank=True)
    description = models.TextField(_("what happened"))
    attachment = models.FileField(upload_to="phan-anh/%Y/", blank=True)
    # For Home Affairs only.
    reporter_name = models.CharField(max_length=120, blank=True)
    reporter_contact = models.CharField(max_length=200, blank=True)
    state = models.CharField(max_length=10, choices=ReportState.choices, default=ReportState.RECEIVED)
    received_at = models.DateTimeField()
    assigned_unit = models.ForeignKey("org.Unit", models.PROTECT, null=True, blank=True, related_name="+")
    due_on = models.DateField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    unit_answer = models.TextField(blank=True)
    public_answer = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("public report")
        verbose_name_plural = _("public reports")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["state", "due_on"]), models.Index(fields=["assigned_unit", "state"])]

    def __str__(self) -> str:
        return self.code


class PublicReportStep(WrittenOnce, models.Model):
    """One step of a report (received, assigned, reminded, answered, closed): who, when, what."""

    written_once = "a report's step"

    report = models.ForeignKey(PublicReport, models.PROTECT, related_name="steps")
    state = models.CharField(max_length=10, choices=ReportState.choices)
    actor = models.ForeignKey("org.Official", models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.state}"
