"""The open steps as the sweep last read them (issue 10: the step delay of `/tong-hop/` without
reading every open step at request time): one row per open step, and per (day its deadline falls,
holder unit, holder) how many and their working days late counted to a reference day — folded by
the sweep step `fold_signals` (`congvu.oversight.open_steps` folds and reads them)."""

from django.db import models


class OpenStep(models.Model):
    """One step not yet ended, as the sweep read it (the steps of items with a later event are read
    again by the reader, so a row may be stale only for those)."""

    step_id = models.BigIntegerField(primary_key=True)
    item_id = models.BigIntegerField(db_index=True)
    unit_id = models.IntegerField()
    holder_id = models.IntegerField()
    due_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"open step {self.step_id} of item {self.item_id}"


class OpenStepDay(models.Model):
    """The open steps whose deadline falls on `day` (Viet Nam's) — or, a `month` row, in the month
    beginning on `day` — of one holder: `steps` of them, and `late` = Σ working days from each one's
    last day to the mark's `ref_day` (a difference of two working-day counts: adding `steps` × the
    working days from `ref_day` to a later day gives their working days late then). Each step is in
    one day row and one month row: a reader adds the months before a day's month and that month's
    days before it (~200 holders × 14 months, not one row per holder and deadline)."""

    day = models.DateField()
    month = models.BooleanField(default=False)
    unit_id = models.IntegerField()
    holder_id = models.IntegerField()
    steps = models.IntegerField(default=0)
    late = models.BigIntegerField(default=0)

    class Meta:
        # (covering: a reader's two ranges read the index alone)
        indexes = [models.Index(fields=["month", "day", "unit_id", "holder_id", "steps", "late"],
                                name="oversight_open_step_day_idx")]

    def __str__(self) -> str:
        return f"{self.steps} open steps due {self.day:%Y-%m-%d}, holder {self.holder_id}"


class OpenStepMark(models.Model):
    """How far the open steps were read: every item with no event after `through_event` has exactly
    its `OpenStep` rows (one row; none before the first fold)."""

    through_event = models.BigIntegerField(default=0)
    folded_at = models.DateTimeField()
    calendar_version = models.CharField(max_length=64, default="")  # `late` was counted by it
    ref_day = models.DateField()

    def __str__(self) -> str:
        return f"open steps read through event {self.through_event}"


class OpenItem(models.Model):
    """One open item with the moment it counts as undecided past twice its legal limit, as the sweep
    read it (`congvu.oversight.open_items`; the items with a later event are read again by the reader)."""

    item_id = models.BigIntegerField(primary_key=True)
    unit_id = models.IntegerField()  # the lead unit
    holder_id = models.IntegerField(null=True)
    twice_from = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"open item {self.item_id}"


class OpenItemDay(models.Model):
    """The open items that pass twice their legal limit on `day` (Viet Nam's) — or, a `month` row, in
    the month beginning on `day` — of one lead unit and holder: `items` of them."""

    day = models.DateField()
    month = models.BooleanField(default=False)
    unit_id = models.IntegerField()
    holder_id = models.IntegerField(null=True)
    items = models.IntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["month", "day", "unit_id", "holder_id", "items"],
                                name="oversight_open_item_day_idx")]

    def __str__(self) -> str:
        return f"{self.items} open items twice past {self.day:%Y-%m-%d}, holder {self.holder_id}"


class OpenItemMark(models.Model):
    """How far the open items were read: every item with no event after `through_event` has exactly
    its `OpenItem` row, or none when closed (one row; none before the first fold)."""

    through_event = models.BigIntegerField(default=0)
    folded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"open items read through event {self.through_event}"
