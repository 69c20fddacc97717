from django.db import models
from django.utils.translation import gettext_lazy as _

from congvu.org.models import Unit
from congvu.work.models import Event, IncomingDocument


class OutboxMessage(models.Model):
    """An edXML message congvu wrote for the axis gateway: today the status of an incoming document
    that arrived over the axis. One per trail event and status code, so a sweep that runs twice, or on
    two servers, never writes a status twice; the row stays when the gateway takes the file away."""

    event = models.ForeignKey(Event, models.PROTECT, related_name="+")
    document = models.ForeignKey(IncomingDocument, models.PROTECT, related_name="statuses_sent",
                                 verbose_name=_("incoming document"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("sending unit"))
    status_code = models.CharField(_("status code"), max_length=2)
    to_organ_id = models.CharField(_("to (organ code)"), max_length=64)
    file_name = models.CharField(_("file in the outbox"), max_length=200)
    created_at = models.DateTimeField(_("written"))

    class Meta:
        verbose_name = _("outgoing edXML message")
        verbose_name_plural = _("edXML outbox")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["event", "status_code"], name="one_status_per_event")]

    def __str__(self) -> str:
        return self.file_name
