"""Periodic reports to the Province (clause 3): Home Affairs opens a reporting period, each unit
reports on it (its figures filled in, its narrative added, submitted by its head), and Home Affairs
compiles the province report to the Provincial People's Committee.

FROZEN: a unit's figures are stored as a snapshot (`figures`, JSON) when it submits, and the
compiled report keeps everything it printed (`content`); events arriving later never change
either. The live figures are only ever shown on a draft."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    HALF = "half", _("Six months")
    YEAR = "year", _("Year")


class PeriodState(models.TextChoices):
    OPEN = "open", _("Open: units are reporting")
    COMPILED = "compiled", _("Compiled: the province report is issued")


class ReportingPeriod(models.Model):
    """One period units report on. `starts_on`..`ends_on` is the data cut-off of Decree 09/2019
    Art. 12 (the 15th to the 14th); `due_on` is the units' deadline, a working day after it."""

    kind = models.CharField(_("kind of period"), max_length=8, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number within the year"))  # month 1-12, quarter 1-4, half 1-2, 1
    starts_on = models.DateField(_("data from"))
    ends_on = models.DateField(_("data until"))
    due_on = models.DateField(_("units report by"))
    state = models.CharField(_("state"), max_length=10, choices=PeriodState.choices, default=PeriodState.OPEN)
    opened_by = models.ForeignKey("org.Official", models.PROTECT, related_name="+")
    opened_at = models.DateTimeField()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-ends_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["kind", "year", "number"], name="reporting_period_once")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """"Quý I năm 2026", "Tháng 3 năm 2026", "6 tháng đầu năm 2026", "Năm 2026" (Vietnamese, as printed)."""
        roman = ("I", "II", "III", "IV")
        if self.kind == PeriodKind.MONTH:
            return f"Tháng {self.number} năm {self.year}"
        if self.kind == PeriodKind.QUARTER:
            return f"Quý {roman[self.number - 1]} năm {self.year}"
        if self.kind == PeriodKind.HALF:
            return f"6 tháng {'đầu' if self.number == 1 else 'cuối'} năm {self.year}"
        return f"Năm {self.year}"


class UnitReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class UnitReport(models.Model):
    """One unit's report on one period. Until submitted its figures are counted live; from the
    submission on they are `figures`, the snapshot taken then."""

    period = models.ForeignKey(ReportingPeriod, models.PROTECT, related_name="unit_reports")
    unit = models.ForeignKey("org.Unit", models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=10, choices=UnitReportState.choices,
                             default=UnitReportState.DRAFT)
    results = models.TextField(_("results"), blank=True)
    difficulties = models.TextField(_("difficulties and obstacles"), blank=True)
    proposals = models.TextField(_("proposals and recommendations"), blank=True)
    figures = models.JSONField(_("figures (frozen at submission)"), null=True, blank=True)
    drafted_by = models.ForeignKey("org.Official", models.PROTECT, null=True, blank=True, related_name="+")
    drafted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey("org.Official", models.PROTECT, null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_on = models.DateField(null=True, blank=True)
    # Urged (đôn đốc) after the due date: how many times, and the last day (once a working day at most).
    urged_count = models.PositiveIntegerField(default=0)
    urged_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("unit report")
        verbose_name_plural = _("unit reports")
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="unit_report_once")]
        indexes = [models.Index(fields=["state", "period"])]

    def __str__(self) -> str:
        return f"{self.period} — {self.unit_id}"

    @property
    def is_submitted(self) -> bool:
        return self.state == UnitReportState.SUBMITTED

    @property
    def submitted_late(self) -> bool:
        return self.submitted_on is not None and self.submitted_on > self.period.due_on


class ProvinceReport(models.Model):
    """The compiled "BÁO CÁO" to the Provincial People's Committee: numbered in Home Affairs'
    outgoing register, dated on a working day, everything it prints kept in `content` (the files
    are rendered from it by `congvu.documents.report_docs`, so they never change)."""

    period = models.OneToOneField(ReportingPeriod, models.PROTECT, related_name="province_report")
    unit = models.ForeignKey("org.Unit", models.PROTECT, related_name="+")  # Home Affairs, the issuer
    number = models.PositiveIntegerField()
    year = models.PositiveSmallIntegerField()
    issued_on = models.DateField()
    compiled_by = models.ForeignKey("org.Official", models.PROTECT, related_name="+")
    compiled_at = models.DateTimeField()
    content = models.JSONField()
    docx = models.FileField(upload_to="bao-cao/%Y/", blank=True)
    xlsx = models.FileField(upload_to="bao-cao/%Y/", blank=True)

    class Meta:
        verbose_name = _("province report")
        verbose_name_plural = _("province reports")

    def __str__(self) -> str:
        return self.notation

    @property
    def notation(self) -> str:
        return f"{self.number:02d}/BC-{self.unit.abbrev}"
