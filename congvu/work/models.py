"""Incoming documents, work items, their steps and the append-only event trail (clauses 1.3–2.1).

Nothing here saves itself: every change goes through one function in `congvu.work.actions`."""

from django.db import models
from django.db.models import Q

from congvu.org.models import Official, Unit
from congvu.registry.models import MatterType


class NumberSeries(models.Model):
    """A yearly numbering series of one unit (incoming register, notices …), incremented under lock."""

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=16)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year", "series"], name="one_series_per_year")]

    def __str__(self) -> str:
        return f"{self.series}/{self.year}: {self.last}"


class Priority(models.TextChoices):
    NORMAL = "normal", "Thường"
    URGENT = "urgent", "Khẩn"
    EXPRESS = "express", "Thượng khẩn"
    FLASH = "flash", "Hỏa tốc"


class IncomingDocument(models.Model):
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="incoming", verbose_name="đơn vị nhận")
    year = models.PositiveSmallIntegerField("năm")
    incoming_number = models.PositiveIntegerField("số đến")
    sender = models.CharField("nơi gửi", max_length=250)
    notation = models.CharField("số, ký hiệu", max_length=80, blank=True)
    issued_on = models.DateField("ngày văn bản", null=True, blank=True)
    doc_type = models.CharField("loại văn bản", max_length=60, default="Công văn")
    subject = models.CharField("trích yếu", max_length=500)
    received_on = models.DateField("ngày đến")
    reply_due = models.DateField("hạn trả lời (theo văn bản)", null=True, blank=True)
    priority = models.CharField("độ khẩn", max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    original = models.FileField("tệp gốc", upload_to="incoming/%Y/", blank=True)
    registered_by = models.ForeignKey(Official, models.PROTECT, related_name="+", verbose_name="văn thư")

    class Meta:
        verbose_name = "văn bản đến"
        verbose_name_plural = "sổ văn bản đến"
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "incoming_number"], name="one_incoming_number")
        ]
        indexes = [models.Index(fields=["notation"], name="work_incoming_notation_idx")]

    def __str__(self) -> str:
        return f"Số đến {self.incoming_number}/{self.year} — {self.subject}"


class State(models.TextChoices):
    REGISTERED = "registered", "Đã vào sổ"
    DIRECTED = "directed", "Đã có ý kiến chỉ đạo"
    IN_PROGRESS = "in_progress", "Đang xử lý"
    CONSULTING = "consulting", "Đang xin ý kiến"
    SUBMITTED = "submitted", "Đã trình UBND tỉnh"
    DECIDED_BY_PROVINCE = "decided_by_province", "UBND tỉnh đã quyết định"
    COMPLETED = "completed", "Hoàn thành"
    RETURNED = "returned", "Đã trả lại"
    TRANSFERRED = "transferred", "Đã chuyển đơn vị có thẩm quyền"


CLOSED_STATES = (State.COMPLETED, State.RETURNED, State.TRANSFERRED)
OPEN_STATES = tuple(s for s in State if s not in CLOSED_STATES)


class Origin(models.TextChoices):
    INCOMING = "incoming", "Văn bản đến"
    DIRECTIVE = "directive", "Chỉ đạo, giao nhiệm vụ"
    REQUEST = "request", "Đề nghị của đơn vị khác"


class WorkItem(models.Model):
    title = models.CharField("nội dung công việc", max_length=500)
    matter_type = models.ForeignKey(MatterType, models.PROTECT, related_name="items", verbose_name="loại việc")
    origin = models.CharField("nguồn", max_length=16, choices=Origin.choices, default=Origin.INCOMING)
    incoming = models.ForeignKey(
        IncomingDocument, models.PROTECT, null=True, blank=True, related_name="items", verbose_name="văn bản đến"
    )
    requester_unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="requested_items",
        verbose_name="đơn vị đề nghị",
    )
    registered_unit = models.ForeignKey(Unit, models.PROTECT, related_name="registered_items")
    lead_unit = models.ForeignKey(Unit, models.PROTECT, related_name="led_items", verbose_name="đơn vị chủ trì")
    cooperating_units = models.ManyToManyField(
        Unit, blank=True, related_name="cooperating_items", verbose_name="đơn vị phối hợp"
    )
    state = models.CharField("trạng thái", max_length=24, choices=State.choices, default=State.REGISTERED)
    event_date = models.DateField("ngày phát sinh (không tính vào thời hạn)")
    due_at = models.DateTimeField("hạn giải quyết")
    due_date = models.DateField("ngày hết hạn")
    calendar_version = models.CharField(max_length=16)
    # The current step's holder, copied here so "my work" and the figures need no join.
    holder_unit = models.ForeignKey(Unit, models.PROTECT, related_name="held_items")
    holder = models.ForeignKey(Official, models.PROTECT, related_name="held_items", verbose_name="người đang giữ")
    transferred_from = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="transferred_to"
    )
    created_at = models.DateTimeField("ngày tạo")
    completed_at = models.DateTimeField("ngày hoàn thành", null=True, blank=True)
    result = models.TextField("kết quả", blank=True)
    remaining_differences = models.TextField("ý kiến còn khác nhau khi trình", blank=True)
    # Head of this item's hash chain: the trail can be verified against it (see congvu.work.trail).
    event_count = models.PositiveIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="")
    # How many of those events the seals cover: the next seal takes every item whose count moved past
    # it, however late the event's transaction committed (see congvu.work.trail.seal).
    sealed_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "công việc"
        verbose_name_plural = "công việc"
        indexes = [
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["lead_unit", "state"]),
            models.Index(fields=["holder", "state"]),
            models.Index(fields=["holder_unit", "state"]),
            # For the item list (/danh-sach/): sort by due date, filter by unit and state, search titles.
            models.Index(fields=["due_at"], name="work_item_due_idx"),
            models.Index(fields=["lead_unit", "state", "due_at"], name="work_item_lead_state_due_idx"),
            models.Index(fields=["title", "incoming"], name="work_item_title_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state not in CLOSED_STATES


class StepKind(models.TextChoices):
    PRESENT = "present", "Trình lãnh đạo cho ý kiến chỉ đạo"
    ASSIGN = "assign", "Phân công xử lý"
    HANDLE = "handle", "Xử lý"
    PROVINCE = "province", "UBND tỉnh xem xét"


class Step(models.Model):
    """One holding period of an item: always exactly one named holder (clause 1.3)."""

    item = models.ForeignKey(WorkItem, models.PROTECT, related_name="steps")
    kind = models.CharField("bước", max_length=16, choices=StepKind.choices)
    holder_unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name="đơn vị")
    holder = models.ForeignKey(Official, models.PROTECT, related_name="steps", verbose_name="người giữ")
    started_at = models.DateTimeField("bắt đầu")
    due_at = models.DateTimeField("hạn của bước")
    ended_at = models.DateTimeField("kết thúc", null=True, blank=True)

    class Meta:
        verbose_name = "bước xử lý"
        verbose_name_plural = "bước xử lý"
        ordering = ["started_at", "id"]
        indexes = [models.Index(fields=["holder", "ended_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["item"], condition=Q(ended_at__isnull=True), name="one_open_step_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.holder}"


class Outcome(models.TextChoices):
    DONE = "done", "Thực hiện"
    REFUSED = "refused", "Bị từ chối theo quy định"
    OVERRIDE = "override", "Thủ trưởng vượt quyền từ chối"


class Event(models.Model):
    """Append-only and hash-chained per item: `hash = sha256(prev_hash + canonical content)`."""

    item = models.ForeignKey(WorkItem, models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=40)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.DONE)
    rule_code = models.CharField(max_length=60, blank=True, db_index=True)
    actor = models.ForeignKey(Official, models.PROTECT, null=True, blank=True, related_name="+")
    unit = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField()
    data = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = "sự kiện"
        verbose_name_plural = "nhật ký sự kiện"
        ordering = ["item_id", "seq"]
        constraints = [models.UniqueConstraint(fields=["item", "seq"], name="one_event_per_seq")]
        indexes = [models.Index(fields=["outcome", "at"])]

    def __str__(self) -> str:
        return f"#{self.item_id}.{self.seq} {self.kind}"


class Seal(models.Model):
    """A periodic seal: the chain heads that moved since the previous seal, hashed with that seal."""

    at = models.DateTimeField()
    heads = models.JSONField(help_text="{item_id: [event_count, last_hash]} changed since the previous seal")
    # The highest event id committed when the seal ran, kept for the record (it is hashed into every
    # seal); it does not decide what is sealed: an event with a lower id may commit later.
    last_event_id = models.BigIntegerField()
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"Niêm phong #{self.pk}"
