"""Consultations between units (clause 2.2) and the heads' reconciliation (clause 2.3).

A consultation is one question from an item's lead unit to one or more units; each consulted unit
has its own request, held by one named official, answered with a clear position or — at the end of
its deadline — deemed agreed, with the asking unit's written notice and a responsibility record
against the silent unit and its head."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from congvu.org.models import Official, Unit
from congvu.work.models import NumberSeries, WorkItem


class Consultation(models.Model):
    item = models.ForeignKey(WorkItem, models.PROTECT, related_name="consultations", verbose_name=_("work item"))
    asking_unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("asking unit"))
    asked_by = models.ForeignKey(Official, models.PROTECT, related_name="+", verbose_name=_("asked by"))
    question = models.TextField(_("question"))
    # What the asking unit proposes (its draft or position): what a silent unit is deemed to agree with.
    proposal = models.TextField(_("proposal consulted on"), blank=True)
    # The asking unit's letter (công văn) that put the question: numbered in its outgoing register when
    # asked through congvu, or the incoming letter's own number and date when the request came in by post.
    letter_notation = models.CharField(_("letter number"), max_length=80, blank=True)
    letter_date = models.DateField(_("letter date"), null=True, blank=True)
    attachment = models.FileField(_("attachment"), upload_to="consult/%Y/", blank=True)
    # The consulted units see the question and the attachment; the incoming original only when the
    # asking unit ticks it (the rest of the item's file stays with the units that hold the work).
    shares_original = models.BooleanField(_("original shared"), default=False)
    reply_days = models.PositiveSmallIntegerField(_("reply period (working days)"))
    asked_at = models.DateTimeField(_("asked on"))
    due_at = models.DateTimeField(_("reply deadline"))
    due_date = models.DateField(_("last day to reply"))
    calendar_version = models.CharField(max_length=16)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["asked_at", "id"]

    def __str__(self) -> str:
        return f"Xin ý kiến #{self.pk} — {self.item}"


class ReplyPosition(models.TextChoices):
    AGREE = "agree", _("Agree")
    AGREE_WITH_AMENDMENTS = "agree_amend", _("Agree, with amendments")
    DISAGREE = "disagree", _("Disagree")


class RequestState(models.TextChoices):
    PENDING = "pending", _("Awaiting reply")
    ANSWERED = "answered", _("Answered")
    DEEMED_AGREED = "deemed_agreed", _("Deemed agreed")
    SENT_BACK = "sent_back", _("Sent back by the consulted unit")
    # The letter that asked (an incoming document with a reply date) was revoked by its sender: nothing
    # is owed any more, and silence past the date is no agreement to a withdrawn proposal.
    WITHDRAWN = "withdrawn", _("Withdrawn: the letter was revoked")


class ConsultationSendBackGrounds(models.TextChoices):
    NOT_RELATED = "not_related", _("Not related to the consulted unit's functions")
    OWN_MATTER = "own_matter", _("The asking unit's own matter")


class ConsultationRequest(models.Model):
    # No index of its own on consultation, unit and holder: the (consultation, unit) constraint's and the
    # (unit, state) and (holder, state) indexes begin with them and serve every lookup by them. The
    # deemed-agreement sweep moves each request's state, so each index is an entry a request written.
    consultation = models.ForeignKey(Consultation, models.PROTECT, related_name="requests", db_index=False)
    item = models.ForeignKey(WorkItem, models.PROTECT, related_name="consultation_requests")
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="consultation_requests",
                             verbose_name=_("consulted unit"), db_index=False)
    holder = models.ForeignKey(Official, models.PROTECT, related_name="consultation_requests",
                               verbose_name=_("official answering"), db_index=False)
    state = models.CharField(_("state"), max_length=16, choices=RequestState.choices, default=RequestState.PENDING)
    due_at = models.DateTimeField(_("reply deadline"))
    position = models.CharField(_("reply position"), max_length=16, choices=ReplyPosition.choices, blank=True)
    reasons = models.TextField(_("reasons and specific opinion"), blank=True)
    replied_at = models.DateTimeField(_("replied on"), null=True, blank=True)
    # No index (nor on sent_back_by): nothing reads the requests by who replied or sent back (officials
    # are never deleted), and each reply paid for one (issue 13).
    replied_by = models.ForeignKey(Official, models.PROTECT, null=True, blank=True, related_name="+", db_index=False)
    late = models.BooleanField(_("replied late"), default=False)
    deemed_at = models.DateTimeField(_("deemed agreed from"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    # A send-back (clause 2.2: do not consult units that are unrelated or unnecessary): the consulted
    # unit's claim, and who it is counted against. By default the asking unit (it chose whom to ask);
    # Home Affairs may find the grounds wrong, and then it counts against the unit that sent it back.
    sent_back_at = models.DateTimeField(_("sent back on"), null=True, blank=True)
    sent_back_by = models.ForeignKey(Official, models.PROTECT, null=True, blank=True, related_name="+",
                                     db_index=False)
    send_back_grounds = models.CharField(_("grounds"), max_length=16, choices=ConsultationSendBackGrounds.choices,
                                         blank=True)
    send_back_reason = models.TextField(_("reasons for sending back"), blank=True)
    send_back_upheld = models.BooleanField(_("grounds upheld by Home Affairs"), null=True, blank=True)
    send_back_charged_to = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="+",
                                             verbose_name=_("send-back counted against"))

    class Meta:
        verbose_name = _("consultation request")
        verbose_name_plural = _("consultation requests")
        indexes = [
            # The item too, so the sweep's "which items have requests still due?" is read from the index
            # alone (no row per due request, once a batch: the catch-up after downtime; `congvu scale`).
            models.Index(fields=["state", "due_at", "item"]),
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

    Drafted by the sweep at the deadline (the agreement takes effect then); the asking unit's head or
    a deputy signs it in one click, which numbers it in the unit's outgoing register and dates it that
    working day, and fixes its wording (`content`); its .docx is rendered from those fields."""

    request = models.OneToOneField(ConsultationRequest, models.PROTECT, related_name="notice")
    # No index of its own: the (unit, year, number) constraint's index begins with it.
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="notices", verbose_name=_("issuing unit"),
                             db_index=False)
    drafted_at = models.DateTimeField(_("drafted on"), null=True)
    year = models.PositiveSmallIntegerField(null=True)
    number = models.PositiveIntegerField(_("number"), null=True)
    issued_on = models.DateField(_("issued on"), null=True)
    signer = models.ForeignKey(Official, models.PROTECT, null=True, related_name="+")
    signed_at = models.DateTimeField(_("signed on"), null=True)
    reminded_on = models.DateField(_("head last reminded on"), null=True)
    content = models.JSONField(default=dict,
                               help_text="The letter's fields as signed, so the file is always rendered the same")
    file = models.FileField(_(".docx file"), upload_to="notices/%Y/", blank=True)

    class Meta:
        verbose_name = _("deemed-agreement notice")
        verbose_name_plural = _("deemed-agreement notices")
        constraints = [models.UniqueConstraint(fields=["unit", "year", "number"], name="one_notice_number")]

    def __str__(self) -> str:
        return self.notation if self.is_signed else f"Dự thảo thông báo #{self.pk}"

    @property
    def is_signed(self) -> bool:
        return self.number is not None

    @property
    def notation(self) -> str:
        """"05/TB-SXD" (Decree 30: a leading 0 under 10); "" while a draft."""
        return f"{self.number:02d}/TB-{self.unit.abbrev}" if self.is_signed else ""


class OutgoingRegister(NumberSeries):
    """A unit's outgoing register (sổ văn bản đi): one yearly series for all its outgoing documents —
    the consultation letters it sends and the notices it signs. The administrator sets the next number
    so congvu follows the register the unit already keeps."""

    SERIES = "di"

    class Meta:
        proxy = True
        verbose_name = _("outgoing register")
        verbose_name_plural = _("outgoing registers")

    @property
    def next_number(self) -> int:
        return self.last + 1


class Responsibility(models.Model):
    """The silent unit, and its head, answer for the deemed agreement (clause 2.2)."""

    request = models.OneToOneField(ConsultationRequest, models.PROTECT, related_name="responsibility")
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="responsibilities")
    head = models.ForeignKey(Official, models.PROTECT, null=True, related_name="responsibilities")
    # The official who held the request when its deadline passed (clause 1.3: each step has a holder).
    holder = models.ForeignKey(Official, models.PROTECT, null=True, related_name="+",
                               verbose_name=_("official holding the request"))
    rule_code = models.CharField(max_length=40, default="R-2.2-DEEMED-AGREEMENT")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("responsibility for not replying in time")
        verbose_name_plural = _("responsibilities for not replying in time")

    def __str__(self) -> str:
        return f"{self.unit} — {self.rule_code}"


# What the heads' meeting concluded (clause 2.3); an event's outcome is `congvu.work.models.Outcome`.
# (A comment, not a docstring: the API's schema would show a docstring as the enum's description.)
class MeetingOutcome(models.TextChoices):
    AGREED = "agreed", _("Agreed")
    STILL_DIFFER = "still_differ", _("Still differ")


class Reconciliation(models.Model):
    """The direct meeting of the two heads before a submission with a disagreement (clause 2.3)."""

    request = models.ForeignKey(ConsultationRequest, models.PROTECT, related_name="reconciliations")
    item = models.ForeignKey(WorkItem, models.PROTECT, related_name="reconciliations")
    held_on = models.DateField(_("date of the meeting"))
    attendees = models.TextField(_("attendees"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=MeetingOutcome.choices)
    lead_view = models.TextField(_("the lead unit's view"), blank=True)
    other_view = models.TextField(_("the differing unit's view"), blank=True)
    recorded_by = models.ForeignKey(Official, models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("heads' meeting")
        verbose_name_plural = _("heads' meetings")

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} — {self.get_outcome_display()}"
