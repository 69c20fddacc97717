"""The period figures' rollups (issue 10): each unit's figures per registration month, judged at a
closed period's end, so a closed month, quarter, year or reporting window is read from units × months
rows instead of its items (`congvu.oversight.figure_rollups` builds and reads them)."""

from django.db import models


class FigureSnapshot(models.Model):
    """Every unit's figures for twelve registration "months" ending at `judged_at` (a past local
    midnight), judged at that moment. The months start on `judged_at`'s day of the month (the 1st for
    calendar months; the 15th for the reporting windows of Decree 09). `through_event` is the last
    trail event when it was counted: an event after it that can move a figure makes it stale."""

    judged_at = models.DateTimeField()
    first_day = models.DateField()  # the first registration day counted (twelve months before)
    through_event = models.BigIntegerField()
    built_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["judged_at"], name="oversight_figure_snapshot_once")]

    def __str__(self) -> str:
        return f"figures judged at {self.judged_at:%Y-%m-%d %H:%M} UTC"


class FigureCell(models.Model):
    """One unit's figures for one registration month of a snapshot (month 0 is the earliest)."""

    snapshot = models.ForeignKey(FigureSnapshot, models.CASCADE, related_name="cells")
    lead_unit_id = models.IntegerField()
    month = models.SmallIntegerField()
    assigned = models.IntegerField(default=0)
    on_time = models.IntegerField(default=0)
    extended = models.IntegerField(default=0)
    late = models.IntegerField(default=0)
    within = models.IntegerField(default=0)
    overdue = models.IntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["snapshot", "month", "lead_unit_id"], name="oversight_figure_cell_idx")]

    def __str__(self) -> str:
        return f"unit {self.lead_unit_id}, month {self.month} of {self.snapshot_id}"
