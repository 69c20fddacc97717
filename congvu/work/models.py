"""Incoming documents, work items, their steps and the append-only event trail (clauses 1.3–2.1).

Nothing here saves itself: every change goes through one function in `congvu.work.actions`."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congvu.lib.folding import FoldedField
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
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")
    EXPRESS = "express", _("Very urgent")
    FLASH = "flash", _("Flash")


class IncomingDocument(models.Model):
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="incoming", verbose_name=_("receiving unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    incoming_number = models.PositiveIntegerField(_("incoming number"))
    sender = models.CharField(_("sender"), max_length=250)
    notation = models.CharField(_("number and notation"), max_length=80, blank=True)
    issued_on = models.DateField(_("date of the document"), null=True, blank=True)
    doc_type = models.CharField(_("document type"), max_length=60, default="Công văn")
    subject = models.CharField(_("subject"), max_length=500)
    received_on = models.DateField(_("date received"))
    reply_due = models.DateField(_("reply requested by (in the document)"), null=True, blank=True)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    original = models.FileField(_("original file"), upload_to="incoming/%Y/", blank=True)
    # No index: nothing reads the documents by who registered them (officials are never deleted).
    registered_by = models.ForeignKey(Official, models.PROTECT, related_name="+", verbose_name=_("registered by"),
                                      db_index=False)
    # The register's search (number, sender, subject) without accents or case (congvu/lib/folding.py).
    search_text = FoldedField(sources=("notation", "sender", "subject"))
    # Revoked by its sender (an edXML revocation, congvu.documents.edxml_receive): kept, marked, its item stopped.
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.CharField(_("reason for the revocation"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("incoming document")
        verbose_name_plural = _("incoming register")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "incoming_number"], name="one_incoming_number")
        ]
        indexes = [models.Index(fields=["notation"], name="work_incoming_notation_idx"),
                   models.Index(fields=["unit", "search_text"], name="work_incoming_search_idx")]

    def __str__(self) -> str:
        return f"Số đến {self.incoming_number}/{self.year} — {self.subject}"


class State(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    DIRECTED = "directed", _("Directed")
    IN_PROGRESS = "in_progress", _("In progress")
    CONSULTING = "consulting", _("Consulting")
    SUBMITTED = "submitted", _("Submitted to the Province")
    DECIDED_BY_PROVINCE = "decided_by_province", _("Decided by the Province")
    COMPLETED = "completed", _("Completed")
    RETURNED = "returned", _("Returned")
    TRANSFERRED = "transferred", _("Transferred to the competent unit")
    REVOKED = "revoked", _("Stopped: the document was revoked by its sender")


CLOSED_STATES = (State.COMPLETED, State.RETURNED, State.TRANSFERRED, State.REVOKED)
OPEN_STATES = tuple(s for s in State if s not in CLOSED_STATES)


class Origin(models.TextChoices):
    INCOMING = "incoming", _("Incoming document")
    DIRECTIVE = "directive", _("Direction or assigned task")
    REQUEST = "request", _("Request from another unit")


class DelayCause(models.TextChoices):
    """Why work was completed after its legal deadline (clause 1.5): asked at completion, counted."""

    WORKLOAD = "workload", _("Workload")
    WAITING = "waiting", _("Waiting for other units")
    INCOMPLETE_DOSSIER = "dossier", _("Incomplete dossier from the applicant")
    LEGAL_COMPLEXITY = "legal", _("Legal complexity")
    OTHER = "other", _("Other")


class WorkItem(models.Model):
    title = models.CharField(_("work to be done"), max_length=500)
    # The list's search without accents or case (congvu/lib/folding.py); the title is never changed.
    search_text = FoldedField(sources=("title",))
    matter_type = models.ForeignKey(MatterType, models.PROTECT, related_name="items", verbose_name=_("matter type"))
    origin = models.CharField(_("origin"), max_length=16, choices=Origin.choices, default=Origin.INCOMING)
    incoming = models.ForeignKey(
        IncomingDocument, models.PROTECT, null=True, blank=True, related_name="items",
        verbose_name=_("incoming document"),
    )
    requester_unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="requested_items",
        verbose_name=_("requesting unit"),
    )
    registered_unit = models.ForeignKey(Unit, models.PROTECT, related_name="registered_items")
    # No index of its own on lead_unit, holder_unit and holder: the (lead_unit, state, due_at), (holder_unit,
    # state) and (holder, state) indexes begin with them and serve every lookup by them (and the foreign
    # keys' checks). Each index is one more entry for every item update that moves the state (the
    # deemed-agreement catch-up writes 100,000 such rows: see README "Scale").
    lead_unit = models.ForeignKey(Unit, models.PROTECT, related_name="led_items", verbose_name=_("lead unit"),
                                  db_index=False)
    cooperating_units = models.ManyToManyField(
        Unit, blank=True, related_name="cooperating_items", verbose_name=_("co-operating units")
    )
    state = models.CharField(_("state"), max_length=24, choices=State.choices, default=State.REGISTERED)
    event_date = models.DateField(_("date of the event (not counted in the time limit)"))
    # The working deadline: what the holder works to, moved by an approved extension.
    due_at = models.DateTimeField(_("deadline"))
    due_date = models.DateField(_("last day of the deadline"))
    # The legal deadline (clause 1.5): set at registration and direction within the legal limit, never
    # moved by an extension. The figures count on time against it, so the unit cannot move them.
    legal_due_at = models.DateTimeField(_("legal deadline"))
    legal_due_date = models.DateField(_("last day of the legal deadline"))
    calendar_version = models.CharField(max_length=16)
    # The current step's holder, copied here so "my work" and the figures need no join.
    holder_unit = models.ForeignKey(Unit, models.PROTECT, related_name="held_items", db_index=False)
    holder = models.ForeignKey(Official, models.PROTECT, related_name="held_items", verbose_name=_("current holder"),
                               db_index=False)
    transferred_from = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="transferred_to"
    )
    created_at = models.DateTimeField(_("created"))
    # From when the item counts as undecided past twice its legal limit (clause 1.5, a signal of issue
    # 10): legal deadline + (legal deadline − registration), written with the legal deadline
    # (`deadlines.twice_the_limit`), so the signal reads an index instead of working it out for every
    # open item (`oversight/signal_charges.undecided_items`); `congvu signals --rebuild` refills it.
    undecided_twice_from = models.DateTimeField(null=True, blank=True, editable=False)
    completed_at = models.DateTimeField(_("completed on"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    # Why work completed past its legal deadline was late (clause 1.5), counted per category.
    delay_cause = models.CharField(_("cause of the delay"), max_length=16, choices=DelayCause.choices, blank=True)
    delay_note = models.TextField(_("details of the delay"), blank=True)
    remaining_differences = models.TextField(_("differences remaining at the submission"), blank=True)
    # Head of this item's hash chain: the trail can be verified against it (see congvu.work.trail).
    event_count = models.PositiveIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="")
    # How many of those events the seals cover: the next seal takes every item whose count moved past
    # it, however late the event's transaction committed (see congvu.work.trail.seal).
    sealed_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("work item")
        verbose_name_plural = _("work items")
        indexes = [
            models.Index(fields=["state", "due_at"]),
            # The figures' buckets count against the legal deadline (congvu.oversight.queries).
            models.Index(fields=["state", "legal_due_at"], name="work_item_state_legal_idx"),
            models.Index(fields=["holder", "state"]),
            models.Index(fields=["holder_unit", "state"]),
            # For the item list (/danh-sach/): sort by due date, filter by unit and state, search titles.
            # (due_at, id) is the list's whole sort key, so a page's ids are read from this index alone
            # (PostgreSQL's index-only scan; its index on due_at alone fetched each row walked for its
            # id and sorted them again: the middle page of 300,000 items took 815-968 ms against
            # 154-350 ms with this index, A/B at load 4-8). The state
            # lets the list of open work be walked in it too.
            models.Index(fields=["due_at", "id", "state"], name="work_item_due_id_state_idx"),
            models.Index(fields=["lead_unit", "state", "due_at"], name="work_item_lead_state_due_idx"),
            models.Index(fields=["title", "incoming"], name="work_item_title_idx"),
            models.Index(fields=["search_text", "incoming"], name="work_item_search_idx"),
            # The causes of delay of a period (the dashboard): only late completions carry one, so a
            # small partial index; the query's condition is written as this one (`delay_cause > ''`)
            # for SQLite's planner to see it applies.
            models.Index(fields=["completed_at", "lead_unit", "delay_cause"], condition=models.Q(delay_cause__gt=""),
                         name="work_item_delay_cause_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state not in CLOSED_STATES


class StepKind(models.TextChoices):
    PRESENT = "present", _("Presented to the leader for direction")
    ASSIGN = "assign", _("Assignment")
    HANDLE = "handle", _("Handling")
    PROVINCE = "province", _("Province's consideration")


class Step(models.Model):
    """One holding period of an item: always exactly one named holder (clause 1.3)."""

    item = models.ForeignKey(WorkItem, models.PROTECT, related_name="steps")
    kind = models.CharField(_("kind of step"), max_length=16, choices=StepKind.choices)
    # Neither has an index of its own: (holder, ended_at) below and the oversight's
    # oversight_step_holder_due_idx (holder_unit_id, holder_id, due_at, ended_at) begin with them.
    holder_unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("unit"), db_index=False)
    holder = models.ForeignKey(Official, models.PROTECT, related_name="steps", verbose_name=_("holder"),
                               db_index=False)
    started_at = models.DateTimeField(_("started"))
    due_at = models.DateTimeField(_("step deadline"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
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
    DONE = "done", _("Done")
    REFUSED = "refused", _("Refused by a rule")
    OVERRIDE = "override", _("Refusal overridden by the head")


# The trail's rare outcomes (~1 % of events). The indexes over them (`work_event_attempt_idx` here,
# `oversight_event_rule_attempt_idx`) are partial on NOT_DONE, so the events done (nearly every
# commit's) write neither (issue 13). SQLite reads a partial index only when the query's WHERE holds the
# index's condition term as written (`outcome IN ('refused', 'override')` does not match the query's
# `IN (?, ?)`): every query that reads refusals or overrides through them filters by NOT_DONE, and by
# the outcomes it wants as well, the equality SQLite seeks on before the moment (without it SQLite chose
# the unit's index, every event of the unit). PostgreSQL counts the two terms' selectivity twice
# (14 refusals of a year estimated for 1,699), harmless for these lists' plans.
NOT_DONE = ~Q(outcome=Outcome.DONE)
REFUSED_OR_OVERRIDDEN = Q(NOT_DONE, outcome__in=[Outcome.REFUSED, Outcome.OVERRIDE])


class EventKind(models.TextChoices):
    """Every kind of event in an item's trail, the consultation's too: the trail (a work model) is
    one chain per item whatever the area that wrote it, and work may not import consult (the layers
    run downward), so the kinds are listed here once. The values are hashed into the chain: never
    change one, only add."""

    REGISTER = "register", _("Registered the incoming document")
    DIRECT = "direct", _("Direction")
    ASSIGN = "assign", _("Assignment")
    TRANSFER = "transfer", _("Transfer to the competent unit")
    RETURN = "return", _("Return of the document")
    SUBMIT = "submit", _("Submission to the Province")
    PROVINCE_DECISION = "province_decision", _("Province's decision recorded")
    COMPLETE = "complete", _("Completed")
    EXTEND = "extend", _("Deadline extended")
    REFUSED = "refused", _("Action refused")
    OVERRIDE = "override", _("Refusal overridden")
    # Consultations (clauses 2.2–2.3, congvu.consult): the asking, the answers, the sweep's deemed
    # agreement and the heads' meeting.
    CONSULT = "consult", _("Opinions asked of related units")
    CONSULT_ASSIGN = "consult_assign", _("Consultation request assigned")
    CONSULT_REPLY = "consult_reply", _("Reply to the consultation")
    DEEMED_AGREEMENT = "deemed_agreement", _("Deemed agreement: no reply by the deadline")
    RECONCILE = "reconcile", _("Heads' meeting on a disagreement")
    # Authority (clauses 1.4, 2.1): the Province office's send-back, Home Affairs' findings and reviews.
    SEND_BACK = "send_back", _("Submission sent back by the Province office")
    RETURN_FOUND_WRONG = "return_found_wrong", _("Return found wrong: the matter was the returning unit's own")
    OVERRIDE_REVIEWED = "override_reviewed", _("Head's decision reviewed by Home Affairs")
    # Clause 1.5: an extension beyond what the lead unit may grant itself, asked of the level above.
    EXTENSION_REQUEST = "extension_request", _("Extension requested of the level above")
    EXTENSION_REFUSED = "extension_refused", _("Extension refused by the level above")
    CONSULT_SEND_BACK = "consult_send_back", _("Consultation sent back by the consulted unit")
    SEND_BACK_FINDING = "send_back_finding", _("Home Affairs' finding on a sent-back consultation")
    NOTICE_SIGNED = "notice_signed", _("Deemed-agreement notice signed and issued")
    # The sender's later messages about the incoming document (edXML business types 1–3).
    REVOKE = "revoke", _("Document revoked by its sender")
    AMEND = "amend", _("Document updated by its sender")
    REPLACED = "replaced", _("Document replaced by its sender")


class Event(models.Model):
    """Append-only and hash-chained per item: `hash = sha256(prev_hash + canonical content)`."""

    # No index of its own: the unique (item, seq) constraint's index begins with it.
    item = models.ForeignKey(WorkItem, models.PROTECT, related_name="events", db_index=False)
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=40, choices=EventKind.choices)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.DONE)
    # No index of its own: the signals read refusals by rule (oversight_event_rule_attempt_idx), nothing reads the rest.
    rule_code = models.CharField(max_length=60, blank=True)
    # No index: nothing reads the trail by actor (officials are never deleted), and every event paid for one.
    actor = models.ForeignKey(Official, models.PROTECT, null=True, blank=True, related_name="+", db_index=False)
    # No index: the trail is read by unit only beside a kind or an outcome and a moment, whose indexes
    # (oversight_event_kind_idx, work_event_attempt_idx) pick fewer events than all of a unit's.
    unit = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="+", db_index=False)
    at = models.DateTimeField()
    data = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("event trail")
        ordering = ["item_id", "seq"]
        constraints = [models.UniqueConstraint(fields=["item", "seq"], name="one_event_per_seq")]
        # Refusals and overrides by moment (the dashboard's, the export's, the head's and the risks'):
        # partial, see NOT_DONE.
        indexes = [models.Index(fields=["outcome", "at"], condition=NOT_DONE, name="work_event_attempt_idx")]

    def __str__(self) -> str:
        return f"#{self.item_id}.{self.seq} {self.kind}"


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class ExtensionRequest(models.Model):
    """An extension past what the lead unit may grant itself (clause 1.5), requested by its head of the
    level above (the matter type's `extension_approver`), who approves or refuses it with reasons."""

    item = models.ForeignKey(WorkItem, models.PROTECT, related_name="extension_requests")
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("requesting unit"))
    requested_by = models.ForeignKey(Official, models.PROTECT, related_name="+", verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested on"))
    new_due = models.DateField(_("deadline requested"))
    reason = models.TextField(_("reason"))
    approver = models.CharField(_("approved by"), max_length=24)
    status = models.CharField(_("status"), max_length=10, choices=ExtensionStatus.choices,
                              default=ExtensionStatus.PENDING)
    decided_by = models.ForeignKey(Official, models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reasons of the decision"), blank=True)

    class Meta:
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        constraints = [
            models.UniqueConstraint(fields=["item"], condition=Q(status=ExtensionStatus.PENDING),
                                    name="one_pending_extension")
        ]

    def __str__(self) -> str:
        return f"#{self.item_id} → {self.new_due:%d/%m/%Y}"


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
