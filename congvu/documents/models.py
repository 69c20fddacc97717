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


class SigningCertificate(models.Model):
    """A unit's organisation certificate (PKCS#12) for signing the PDFs it issues (PAdES)."""

    unit = models.OneToOneField(Unit, models.PROTECT, related_name="signing_certificate", verbose_name=_("unit"))
    p12 = models.FileField(_("PKCS#12 file"), upload_to="certificates/")
    passphrase = models.CharField(_("passphrase"), max_length=200, blank=True)
    subject = models.CharField(_("certificate subject"), max_length=400, blank=True, editable=False)

    class Meta:
        verbose_name = _("signing certificate")
        verbose_name_plural = _("signing certificates")

    def __str__(self) -> str:
        return f"{self.unit} — {self.subject}"


class NoticePdf(models.Model):
    """The PDF of a deemed-agreement notice, signed with its unit's certificate when it has one.
    This, not the .docx, is what is downloaded and sent."""

    notice = models.OneToOneField("consult.Notice", models.PROTECT, related_name="pdf")
    file = models.FileField(_("PDF file"), upload_to="notices/%Y/")
    signed_by = models.CharField(_("signed with the certificate of"), max_length=400, blank=True)
    created_at = models.DateTimeField(_("made"))

    class Meta:
        verbose_name = _("notice PDF")
        verbose_name_plural = _("notice PDFs")

    def __str__(self) -> str:
        return self.file.name
