"""The record trail: Home Affairs' cases (inspections, reviews, reports, commendations, backlog
rounds, public reports...) are not work items, yet every change to them is evidence. Each case gets
its own hash chain, exactly like an item's (`congvu.work.trail`): a head row per case holding the
count and last hash, append-only events linked by hash, and periodic seals of the heads that moved.

A case is named by its model's label and primary key, so any oversight model can keep a chain
without a foreign key per model (and without migrations in this table when a new kind of case comes)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from congvu.org.models import Official, Unit


class Record(models.Model):
    """The head of one case's chain."""

    subject_type = models.CharField(max_length=60)  # the case's model label, e.g. "oversight.inspection"
    subject_id = models.PositiveBigIntegerField()
    event_count = models.PositiveIntegerField(default=0)
    last_hash = models.CharField(max_length=64, blank=True)
    sealed_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("oversight record")
        verbose_name_plural = _("oversight records")
        constraints = [models.UniqueConstraint(fields=["subject_type", "subject_id"], name="one_record_per_case")]

    def __str__(self) -> str:
        return f"{self.subject_type}#{self.subject_id}"


class RecordEvent(models.Model):
    """Append-only, hash-chained per record: `hash = sha256(prev_hash + canonical content)`."""

    record = models.ForeignKey(Record, models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=60)
    actor = models.ForeignKey(Official, models.PROTECT, null=True, blank=True, related_name="+")
    unit = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField()
    data = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("oversight record event")
        verbose_name_plural = _("oversight record trail")
        ordering = ["record_id", "seq"]
        constraints = [models.UniqueConstraint(fields=["record", "seq"], name="one_record_event_per_seq")]

    def __str__(self) -> str:
        return f"{self.record_id}.{self.seq} {self.kind}"


class RecordSeal(models.Model):
    """A periodic seal of the record heads that moved, chained to the previous one (as `work.Seal`)."""

    at = models.DateTimeField()
    heads = models.JSONField(help_text="{record_id: [event_count, last_hash]} changed since the previous seal")
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"Niêm phong hồ sơ #{self.pk}"
