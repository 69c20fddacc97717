"""Dissemination of the directives down to every official (clause 1.1): the register of directives
kept by Home Affairs, whom each was sent to, and who has read it.

A directive is no work item (it has no holder, deadline or outcome), so it has no item trail: the
record is the acknowledgement table, append-only — a row is written once, when the official
acknowledges, and never changed or deleted (the model refuses both)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from congvu.oversight.models_shared import AppendOnly, WrittenOnce


class DirectiveKind(models.TextChoices):
    PRIME_MINISTER = "prime_minister", _("Prime Minister's dispatch")
    PROVINCE = "province", _("Province's implementing document")
    REGULATION = "regulation", _("Working regulation")
    OTHER = "other", _("Other directive")


class Directive(models.Model):
    notation = models.CharField(_("number and notation"), max_length=60)
    title = models.CharField(_("subject"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=DirectiveKind.choices)
    issuer = models.CharField(_("issuer"), max_length=200)
    issued_on = models.DateField(_("date issued"))
    file = models.FileField(_("file"), upload_to="directives/%Y/", blank=True)
    registered_by = models.ForeignKey("org.Official", models.PROTECT, related_name="+")
    registered_at = models.DateTimeField()

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-issued_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.notation} — {self.title}"


class DirectiveRecipient(models.Model):
    """One official a directive was sent to, through the unit they served in when it was sent.
    `reminded_on` is the last reminder's day (the sweep reminds again every N working days)."""

    directive = models.ForeignKey(Directive, models.CASCADE, related_name="recipients")
    official = models.ForeignKey("org.Official", models.PROTECT, related_name="directives_received")
    unit = models.ForeignKey("org.Unit", models.PROTECT, related_name="+", null=True, blank=True)
    sent_by = models.ForeignKey("org.Official", models.PROTECT, related_name="+")
    sent_on = models.DateField()
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["directive", "official"], name="directive_sent_once")]
        indexes = [models.Index(fields=["official", "directive"])]

    def __str__(self) -> str:
        return f"{self.directive_id} → {self.official_id}"


class Acknowledgement(WrittenOnce, models.Model):
    """"Đã đọc và quán triệt": who, which directive, when. Written once, never edited."""

    written_once = "an acknowledgement"

    directive = models.ForeignKey(Directive, models.PROTECT, related_name="acknowledgements")
    official = models.ForeignKey("org.Official", models.PROTECT, related_name="acknowledgements")
    unit = models.ForeignKey("org.Unit", models.PROTECT, related_name="+", null=True, blank=True)
    acknowledged_at = models.DateTimeField()
    acknowledged_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["directive", "official"], name="acknowledged_once")]

    def __str__(self) -> str:
        return f"{self.official_id} ✓ {self.directive_id}"

    def delete(self, *args, **kwargs):
        raise AppendOnly("an acknowledgement is never deleted")
