"""The trail signals' day counters (issue 10: `/tong-hop/` under 500 ms at a province-year): per (day
in Viet Nam, signal, unit, official) the number of trail events charged — and the figures' passed-on
work and extensions per (day, unit) — folded from the trail by a sweep step up to a watermark
(`congvu.oversight.signal_days` folds and reads them)."""

from django.db import models


class SignalDay(models.Model):
    """The charges of one trail signal on one day (Viet Nam's), to one unit and official: `amount`
    adds up to the signal's number, `records` counts the events behind it."""

    day = models.DateField()
    code = models.CharField(max_length=24)
    unit_id = models.IntegerField(null=True)
    official_id = models.IntegerField(null=True)
    amount = models.IntegerField(default=0)
    records = models.IntegerField(default=0)
    days = models.IntegerField(null=True)  # "held": the working days held before passing the item on

    class Meta:
        indexes = [models.Index(fields=["code", "day"], name="oversight_signal_day_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.day:%Y-%m-%d} unit {self.unit_id} official {self.official_id}"


class SignalFoldMark(models.Model):
    """How far the trail is folded into `SignalDay`: every event with an id up to `through_event`
    (one row; none until the first fold)."""

    through_event = models.BigIntegerField(default=0)
    folded_at = models.DateTimeField()
    calendar_version = models.CharField(max_length=64, default="")  # the working days were counted by it
    steps_through = models.DateTimeField(null=True)  # the steps that ended late before it (a local midnight)

    def __str__(self) -> str:
        return f"signals folded through event {self.through_event}"
