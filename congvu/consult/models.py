"""Consultations between units (clause 2.2) and the heads' reconciliation (clause 2.3).

A consultation is one question from an item's lead unit to one or more units; each consulted unit
has its own request, held by one named official, answered with a clear position or — at the end of
its deadline — deemed agreed, with the asking unit's written notice and a responsibility record
against the silent unit and its head."""

from django.db import models

from congvu.org.models import Official, Unit
from congvu.work.models import WorkItem


class Consultation(models.Model):
    item = models.ForeignKey(WorkItem, models.PROTECT, related_name="consultations", verbose_name="công việc")
    asking_unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name="đơn vị xin ý kiến")
    asked_by = models.ForeignKey(Official, models.PROTECT, related_name="+", verbose_name="người xin ý kiến")
    question = models.TextField("nội dung xin ý kiến")
    attachment = models.FileField("tài liệu kèm theo", upload_to="consult/%Y/", blank=True)
    # The consulted units see the question and the attachment; the incoming original only when the
    # asking unit ticks it (the rest of the item's file stays with the units that hold the work).
    shares_original = models.BooleanField("gửi kèm văn bản gốc", default=False)
    reply_days = models.PositiveSmallIntegerField("thời hạn trả lời (ngày làm việc)")
    asked_at = models.DateTimeField("ngày xin ý kiến")
    due_at = models.DateTimeField("hạn trả lời")
    due_date = models.DateField("ngày cuối của hạn trả lời")
    calendar_version = models.CharField(max_length=16)

    class Meta:
        verbose_name = "đợt xin ý kiến"
        verbose_name_plural = "đợt xin ý kiến"
        ordering = ["asked_at", "id"]

    def __str__(self) -> str:
        return f"Xin ý kiến #{self.pk} — {self.item}"


class ReplyPosition(models.TextChoices):
    AGREE = "agree", "Đồng ý"
    AGREE_WITH_AMENDMENTS = "agree_amend", "Đồng ý, có ý kiến bổ sung"
    DISAGREE = "disagree", "Không đồng ý"


class RequestState(models.TextChoices):
    PENDING = "pending", "Chờ trả lời"
    ANSWERED = "answered", "Đã trả lời đúng hạn"
    DEEMED_AGREED = "deemed_agreed", "Coi như đồng ý (quá hạn không trả lời)"


class ConsultationRequest(models.Model):
    consultation = models.ForeignKey(Consultation, models.PROTECT, related_name="requests")
    item = models.ForeignKey(WorkItem, models.PROTECT, related_name="consultation_requests")
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="consultation_requests", verbose_name="đơn vị được hỏi")
    holder = models.ForeignKey(Official, models.PROTECT, related_name="consultation_requests",
                               verbose_name="người chịu trách nhiệm trả lời")
    state = models.CharField("trạng thái", max_length=16, choices=RequestState.choices, default=RequestState.PENDING)
    due_at = models.DateTimeField("hạn trả lời")
    position = models.CharField("ý kiến", max_length=16, choices=ReplyPosition.choices, blank=True)
    reasons = models.TextField("lý do, ý kiến cụ thể", blank=True)
    replied_at = models.DateTimeField("ngày trả lời", null=True, blank=True)
    replied_by = models.ForeignKey(Official, models.PROTECT, null=True, blank=True, related_name="+")
    late = models.BooleanField("trả lời quá hạn", default=False)
    deemed_at = models.DateTimeField("coi như đồng ý từ", null=True, blank=True)
    reminded_at = models.DateTimeField("đã nhắc lúc", null=True, blank=True)

    class Meta:
        verbose_name = "yêu cầu xin ý kiến"
        verbose_name_plural = "yêu cầu xin ý kiến"
        indexes = [
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["unit", "state"]),
            models.Index(fields=["holder", "state"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "unit"], name="one_request_per_unit_and_consultation")
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.get_state_display()}"

    @property
    def effective_position(self) -> str:
        """What counts (clause 2.2): a timely reply's position; agreement for silence or a late reply."""
        if self.state == RequestState.ANSWERED and not self.late:
            return self.position
        return ReplyPosition.AGREE if self.state != RequestState.PENDING else ""


class Notice(models.Model):
    """The asking unit's written notice that a silent unit is deemed to agree (Thông báo, Decree 30).

    Issued (numbered, dated, worded) by the sweep at the deadline; its .docx is rendered from these
    fields, at once for a few and in bounded batches after a large catch-up."""

    request = models.OneToOneField(ConsultationRequest, models.PROTECT, related_name="notice")
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="notices", verbose_name="đơn vị ban hành")
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField("số")
    issued_on = models.DateField("ngày ban hành")
    signer = models.ForeignKey(Official, models.PROTECT, null=True, related_name="+")
    content = models.JSONField(help_text="The letter's fields as issued, so the file is always rendered the same")
    file = models.FileField("tệp .docx", upload_to="notices/%Y/", blank=True)

    class Meta:
        verbose_name = "thông báo coi như đồng ý"
        verbose_name_plural = "thông báo coi như đồng ý"
        constraints = [models.UniqueConstraint(fields=["unit", "year", "number"], name="one_notice_number")]

    def __str__(self) -> str:
        return f"Thông báo số {self.number:02d}/TB-{self.unit.abbrev}"


class Responsibility(models.Model):
    """The silent unit, and its head, answer for the deemed agreement (clause 2.2)."""

    request = models.OneToOneField(ConsultationRequest, models.PROTECT, related_name="responsibility")
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="responsibilities")
    head = models.ForeignKey(Official, models.PROTECT, null=True, related_name="responsibilities")
    rule_code = models.CharField(max_length=40, default="R-2.2-DEEMED-AGREEMENT")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = "trách nhiệm do không trả lời đúng hạn"
        verbose_name_plural = "trách nhiệm do không trả lời đúng hạn"

    def __str__(self) -> str:
        return f"{self.unit} — {self.rule_code}"


class Outcome(models.TextChoices):
    AGREED = "agreed", "Đã thống nhất"
    STILL_DIFFER = "still_differ", "Còn ý kiến khác nhau"


class Reconciliation(models.Model):
    """The direct meeting of the two heads before a submission with a disagreement (clause 2.3)."""

    request = models.ForeignKey(ConsultationRequest, models.PROTECT, related_name="reconciliations")
    item = models.ForeignKey(WorkItem, models.PROTECT, related_name="reconciliations")
    held_on = models.DateField("ngày làm việc trực tiếp")
    attendees = models.TextField("thành phần")
    outcome = models.CharField("kết quả", max_length=16, choices=Outcome.choices)
    lead_view = models.TextField("ý kiến đơn vị chủ trì", blank=True)
    other_view = models.TextField("ý kiến đơn vị còn khác", blank=True)
    recorded_by = models.ForeignKey(Official, models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = "làm việc trực tiếp giữa thủ trưởng"
        verbose_name_plural = "làm việc trực tiếp giữa thủ trưởng"

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} — {self.get_outcome_display()}"
