"""What congvu keeps of the edXML messages it exchanges over the national document axis and of
the PDFs it signs:
- `OutboxMessage`: a status message or an issued document congvu wrote for the axis gateway;
- `SigningCertificate`, `NoticePdf`: a unit's certificate and the signed PDF of a notice;
- `SignedDocument`: the signed PDF of any other document congvu issues (inspection decisions and
  conclusions, discipline and commendation decisions, the province report);
- `EdxmlReceipt`: how an incoming document came over the axis (its DocumentId, the business type,
  the signature's verdict, the document it replaces);
- `StoredAttachment`: each received attachment as a file of its own, with its name and type;
- `ReceivedStatus`: a status message about a notice congvu issued (its outgoing documents)."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from congvu.consult.models import Notice
from congvu.documents.edxml_status import status_label
from congvu.org.models import Official, Unit
from congvu.work.models import Event, IncomingDocument


class OutboxKind(models.TextChoices):
    STATUS = "status", _("Status of an incoming document")
    DOCUMENT = "document", _("Document issued by congvu")


class OutboxMessage(models.Model):
    """An edXML message congvu wrote for the axis gateway: the status of an incoming document that
    arrived over the axis (one per trail event and status code, so a sweep that runs twice, or on two
    servers, never writes a status twice), or a document congvu issued, with its signed PDF (one per
    issued record: `source_model`, `source_id`). The row stays when the gateway takes the file away;
    statuses received about a sent document are matched to it by `notation` and `issued_on`."""

    kind = models.CharField(_("kind"), max_length=10, choices=OutboxKind.choices, default=OutboxKind.STATUS)
    event = models.ForeignKey(Event, models.PROTECT, null=True, blank=True, related_name="+")
    document = models.ForeignKey(IncomingDocument, models.PROTECT, null=True, blank=True,
                                 related_name="statuses_sent", verbose_name=_("incoming document"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("sending unit"))
    status_code = models.CharField(_("status code"), max_length=2, blank=True)
    to_organ_id = models.CharField(_("to (organ codes)"), max_length=400)
    file_name = models.CharField(_("file in the outbox"), max_length=200)
    created_at = models.DateTimeField(_("written"))
    # A sent document: what it is, as printed, and the record it was issued from.
    notation = models.CharField(_("number and notation"), max_length=100, blank=True, db_index=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    source_model = models.CharField(max_length=60, blank=True)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    sent_by = models.ForeignKey(Official, models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("issued by"))

    class Meta:
        verbose_name = _("outgoing edXML message")
        verbose_name_plural = _("edXML outbox")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "status_code"], name="one_status_per_event"),
            models.UniqueConstraint(fields=["source_model", "source_id"],
                                    condition=models.Q(kind=OutboxKind.DOCUMENT), name="one_sending_per_document"),
        ]

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


class SignedDocument(models.Model):
    """The signed PDF of a decision, conclusion or report congvu issued, one per record and kind
    (`congvu.documents.issued_kinds`: an inspection issues two, its decision and its conclusion).
    Made by a sweep step, like the notices' PDFs; this row is the `source` of its sending over the
    axis (`congvu.documents.outgoing`), the case's record trail says it went out."""

    source_model = models.CharField(max_length=60)
    source_id = models.PositiveBigIntegerField()
    kind = models.CharField(_("kind"), max_length=30)
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("issuing unit"))
    notation = models.CharField(_("number and notation"), max_length=100)
    file = models.FileField(_("PDF file"), upload_to="issued/%Y/")
    signed_by = models.CharField(_("signed with the certificate of"), max_length=400, blank=True)
    created_at = models.DateTimeField(_("made"))

    class Meta:
        verbose_name = _("signed PDF of an issued document")
        verbose_name_plural = _("signed PDFs of issued documents")
        constraints = [models.UniqueConstraint(fields=["source_model", "source_id", "kind"],
                                               name="one_pdf_per_issued_document")]

    def __str__(self) -> str:
        return self.notation


class SignatureVerdict(models.TextChoices):
    ABSENT = "absent", _("Not signed")
    NOT_CHECKED = "not_checked", _("Signed; not checked (no trust store configured)")
    VALID = "valid", _("Valid signature")
    INVALID = "invalid", _("Invalid signature")
    UNKNOWN_SIGNER = "unknown_signer", _("Signed by an unknown signer")


class EdxmlReceipt(models.Model):
    document = models.OneToOneField(IncomingDocument, models.PROTECT, related_name="edxml")
    edxml_id = models.CharField(_("edXML DocumentId"), max_length=200, blank=True, db_index=True)
    sender_organ_id = models.CharField(_("sender's organ code"), max_length=60, blank=True)
    business_type = models.PositiveSmallIntegerField(_("business type"), default=0)
    signature = models.CharField(_("signature"), max_length=20, choices=SignatureVerdict.choices,
                                 default=SignatureVerdict.ABSENT)
    signer = models.CharField(_("signer"), max_length=300, blank=True)
    replaces = models.ForeignKey(IncomingDocument, models.PROTECT, null=True, blank=True, related_name="replaced_by",
                                 verbose_name=_("replaces"))

    class Meta:
        verbose_name = _("edXML receipt")
        verbose_name_plural = _("edXML receipts")

    def __str__(self) -> str:
        return self.edxml_id or str(self.document)


class StoredAttachment(models.Model):
    document = models.ForeignKey(IncomingDocument, models.PROTECT, related_name="attachments")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=120)
    description = models.CharField(_("description"), max_length=500, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"))
    file = models.FileField(upload_to="incoming-attachments/%Y/")

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["document_id", "position"]
        constraints = [models.UniqueConstraint(fields=["document", "position"], name="one_attachment_position")]

    def __str__(self) -> str:
        return self.name


class ReceivedStatus(models.Model):
    """A status message: what a receiving body did with one of congvu's notices or other documents it
    sent over the axis (`sent`: the message it answers, when congvu sent one)."""

    notice = models.ForeignKey(Notice, models.PROTECT, null=True, blank=True, related_name="received_statuses")
    sent = models.ForeignKey(OutboxMessage, models.PROTECT, null=True, blank=True, related_name="statuses_received",
                             verbose_name=_("sent document"))
    status_code = models.CharField(_("status code"), max_length=2)
    description = models.CharField(_("description"), max_length=1000, blank=True)
    sender_organ_id = models.CharField(_("sender's organ code"), max_length=60, blank=True)
    sender_name = models.CharField(_("sender"), max_length=250, blank=True)
    staff = models.CharField(_("staff"), max_length=250, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"))
    received_by = models.ForeignKey(Official, models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+")
    message = models.FileField(upload_to="edxml-status/%Y/")

    class Meta:
        verbose_name = _("received status")
        verbose_name_plural = _("received statuses")
        ordering = ["notice_id", "received_at", "id"]

    def __str__(self) -> str:
        return f"{self.status_code} — {self.notice or self.sent}"

    @property
    def label(self) -> str:
        """The status said in the page's language ("Đã tiếp nhận, vào sổ" / "Accepted")."""
        return status_label(self.status_code, get_language() or "vi")
