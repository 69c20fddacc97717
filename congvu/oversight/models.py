"""The oversight area's own rows. The figures are counted from the work and consultation areas' rows
(`congvu.oversight.queries`); what Home Affairs decides about them is kept here.

The queue "Thủ trưởng quyết định thực hiện — chờ xem xét" is every head's override of a 2.1 or 1.4
refusal (an `Outcome.OVERRIDE` event in the item's trail) that has no `OverrideReview` yet: the entry
opens with the override itself, in the same transaction, without work (a lower layer) having to know
that oversight exists, and no override can escape the queue."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from congvu.org.models import Official, Unit
from congvu.work.models import Event, WorkItem

# The refusals whose override Home Affairs reviews: competence (2.1) and own-authority submissions (1.4).
REVIEWED_RULE_PREFIXES = ("R-2.1-", "R-1.4-")


class Resolution(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed: the head's decision was right")
    REGISTRY_CORRECTED = "registry_corrected", _("The registry was corrected")
    KEPT_FOR_REVIEW = "kept_for_review", _("Kept as evidence for an accountability review")


class OverrideReview(models.Model):
    """Home Affairs' resolution of one override (the event it reviews), once and for all."""

    override = models.OneToOneField(Event, models.PROTECT, related_name="review", verbose_name=_("override"))
    item = models.ForeignKey(WorkItem, models.PROTECT, related_name="override_reviews", verbose_name=_("work item"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("unit whose head decided"))
    resolution = models.CharField(_("resolution"), max_length=24, choices=Resolution.choices)
    note = models.TextField(_("note"), blank=True)
    resolved_by = models.ForeignKey(Official, models.PROTECT, related_name="+", verbose_name=_("resolved by"))
    resolved_at = models.DateTimeField(_("resolved"))

    class Meta:
        verbose_name = _("review of a head's decision")
        verbose_name_plural = _("reviews of heads' decisions")
        indexes = [models.Index(fields=["unit", "resolution"])]

    def __str__(self) -> str:
        return f"#{self.item_id}: {self.get_resolution_display()}"


from congvu.oversight import (  # noqa: E402,F401  (the other rows of oversight, one module each)
    models_backlog,  # issue 10: the backlog review
    models_commendation,  # issue 10: 1.8
    models_directives,  # issue 11
    models_figures,  # issues 10, 11: the period figures' rollups
    models_inspections,  # issue 10: 1.6
    models_open_steps,  # issue 10: the open steps read by the sweep (the step delay)
    models_public,  # issue 11
    models_record,  # the record trail
    models_reports,  # issue 11: periodic reports (clause 3)
    models_reviews,  # issue 10: 1.7
    models_signal_days,  # issue 10: the trail signals' day counters
)
