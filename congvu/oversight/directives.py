"""Disseminating a directive (clause 1.1): register it, send it to units or to every official, each
official acknowledges it ("Đã đọc và quán triệt"), and the sweep reminds those who have not after
CONGVU_DIRECTIVE_REMIND_DAYS working days. Home Affairs (or an administrator) keeps the register.

Each action is one transaction through `congvu.work.actions.action` (its inputs checked, a refusal
raised before anything changes); access is decided first."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse

from congvu.lib import clock
from congvu.lib.clock import today
from congvu.lib.refusals import AccessDenied, InvalidInput, InvalidState
from congvu.org.models import Official, Position, Unit
from congvu.org.notify import notify
from congvu.oversight.access import keeps_register
from congvu.oversight.models_directives import Acknowledgement, Directive, DirectiveKind, DirectiveRecipient
from congvu.oversight.record import record_event
from congvu.registry.queries import current_calendar
from congvu.work.actions import action


def keeper_refusal() -> AccessDenied:
    return AccessDenied("Chỉ Sở Nội vụ (hoặc quản trị viên) quản lý văn bản chỉ đạo.",
                        "Only the Department of Home Affairs (or an administrator) keeps the directives.")


def require_keeper(official: Official) -> None:
    if not keeps_register(official):
        raise keeper_refusal()


@action
def register_directive(*, actor: Official, notation: str, title: str, kind: str, issuer: str,
                       issued_on: date, file: File | None = None) -> Directive:
    require_keeper(actor)
    if not (notation.strip() and title.strip() and issuer.strip()):
        raise InvalidInput("Cần ghi số, ký hiệu, trích yếu và cơ quan ban hành.",
                           "The number, subject and issuer are required.")
    if kind not in DirectiveKind.values:
        raise InvalidInput("Loại văn bản chỉ đạo không hợp lệ.", "Unknown kind of directive.")
    directive = Directive(notation=notation.strip(), title=title.strip(), kind=kind, issuer=issuer.strip(),
                          issued_on=issued_on, registered_by=actor, registered_at=clock.now())
    if file is not None:
        directive.file.save(getattr(file, "name", "van-ban.pdf").rsplit("/", 1)[-1], file, save=False)
    directive.save()
    record_event(directive, "directive_registered", actor=actor,
                 data={"notation": directive.notation, "issued_on": directive.issued_on.isoformat()})
    return directive


def serving_officials(units: Iterable[Unit] | None, on: date) -> dict[int, int]:
    """{official id: unit id} of everyone holding a position on `on`, in `units` (all units when None);
    an official serving in several is counted in the first by unit name."""
    positions = Position.objects.active_on(on).select_related("unit").order_by("unit__name", "pk")
    if units is not None:
        positions = positions.filter(unit__in=list(units))
    chosen: dict[int, int] = {}
    for official_id, unit_id in positions.values_list("official_id", "unit_id"):
        chosen.setdefault(official_id, unit_id)
    return chosen


@action
def send_directive(directive: Directive, *, actor: Official, units: Iterable[Unit] | None = None) -> int:
    """Send to the officials of `units`, or to every serving official when `units` is None; those it
    was already sent to are left as they are. Returns how many officials it newly reached."""
    require_keeper(actor)
    on = today()
    units = None if units is None else list(units)
    if units is not None and not units:
        raise InvalidInput("Hãy chọn ít nhất một đơn vị, hoặc gửi đến toàn bộ cán bộ.",
                           "Choose at least one unit, or send it to every official.")
    already = set(directive.recipients.values_list("official_id", flat=True))
    new = {o: u for o, u in serving_officials(units, on).items() if o not in already}
    DirectiveRecipient.objects.bulk_create(
        DirectiveRecipient(directive=directive, official_id=o, unit_id=u, sent_by=actor, sent_on=on)
        for o, u in new.items())
    record_event(directive, "directive_sent", actor=actor,
                 data={"units": None if units is None else sorted(u.pk for u in units), "officials": len(new)})
    notify(Official.objects.filter(pk__in=new), f"Văn bản chỉ đạo cần quán triệt: {directive.notation} — "
           f"{directive.title}", reverse("directive", args=[directive.pk]))
    return len(new)


@action
def acknowledge(directive: Directive, *, actor: Official) -> Acknowledgement:
    """The official states they have read and taken in the directive; once, never changed."""
    recipient = DirectiveRecipient.objects.filter(directive=directive, official=actor).first()
    if recipient is None:
        raise AccessDenied("Văn bản chỉ đạo này không được gửi đến đồng chí.",
                           "This directive was not sent to you.")
    if Acknowledgement.objects.filter(directive=directive, official=actor).exists():
        raise InvalidState("Đồng chí đã xác nhận đã đọc và quán triệt văn bản này.",
                           "You have already acknowledged this directive.")
    now = clock.now()
    try:
        with transaction.atomic():
            acknowledgement = Acknowledgement.objects.create(
                directive=directive, official=actor, unit_id=recipient.unit_id, acknowledged_at=now,
                acknowledged_on=today())
            record_event(directive, "directive_acknowledged", actor=actor, unit=Unit(pk=recipient.unit_id),
                         data={"on": acknowledgement.acknowledged_on.isoformat()})
            return acknowledgement
    except IntegrityError:  # a second click raced the first
        raise InvalidState("Đồng chí đã xác nhận đã đọc và quán triệt văn bản này.",
                           "You have already acknowledged this directive.") from None


# Reads ---------------------------------------------------------------------------------------------


def my_directives(official: Official) -> QuerySet[DirectiveRecipient]:
    """What was sent to the official, the unacknowledged first, each with its acknowledgement if any."""
    done = Acknowledgement.objects.filter(official=official, directive_id=OuterRef("directive_id"))
    return (DirectiveRecipient.objects.filter(official=official).select_related("directive")
            .annotate(done_at=Subquery(done.values("acknowledged_at")[:1]))
            .order_by(F("done_at").desc(nulls_first=True), "-sent_on", "-pk"))


def acknowledged_on(official: Official, directive_ids: Iterable[int]) -> dict[int, date]:
    return dict(Acknowledgement.objects.filter(official=official, directive_id__in=list(directive_ids))
                .values_list("directive_id", "acknowledged_on"))


def pending_for(official: Official) -> list[Directive]:
    """The directives sent to the official that they have not acknowledged yet (the home page's list)."""
    done = Acknowledgement.objects.filter(official=official).values("directive_id")
    return list(Directive.objects.filter(recipients__official=official).exclude(pk__in=done)
                .order_by("-issued_on", "-pk"))


def not_acknowledged(directive: Directive, unit_ids: Iterable[int] | None = None) -> QuerySet[DirectiveRecipient]:
    done = directive.acknowledgements.values("official_id")
    rows = directive.recipients.exclude(official_id__in=done).select_related("official", "unit")
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=list(unit_ids))
    return rows.order_by("unit__name", "official__full_name")


@dataclass(frozen=True)
class Completion:
    unit_id: int | None
    unit_name: str
    sent: int
    acknowledged: int

    @property
    def percent(self) -> int:
        return round(100 * self.acknowledged / self.sent) if self.sent else 0


def completion_per_unit(directive: Directive, unit_ids: Iterable[int] | None = None) -> list[Completion]:
    """Sent and acknowledged per unit, the least complete first (Home Affairs' table)."""
    done = directive.acknowledgements.values("official_id")
    rows = directive.recipients.values("unit_id", "unit__name").annotate(
        sent=Count("pk"), acknowledged=Count("pk", filter=Q(official_id__in=done)))
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=list(unit_ids))
    found = [Completion(r["unit_id"], r["unit__name"] or "—", r["sent"], r["acknowledged"]) for r in rows]
    return sorted(found, key=lambda c: (c.acknowledged / c.sent if c.sent else 1, c.unit_name))


# The sweep -------------------------------------------------------------------------------------------


def remind_days() -> int:
    return settings.CONGVU_DIRECTIVE_REMIND_DAYS


def remind_unacknowledged() -> int:
    """Remind, once every N working days, each recipient who has not acknowledged N working days
    after it was sent (or after the last reminder). Idempotent within a day. Returns how many."""
    on, days, calendar = today(), remind_days(), current_calendar()
    done = Acknowledgement.objects.filter(directive_id__in=DirectiveRecipient.objects.values("directive_id"))
    done_pairs = set(done.values_list("directive_id", "official_id"))
    due = []
    for recipient in DirectiveRecipient.objects.filter(sent_on__lt=on).select_related("directive"):
        if (recipient.directive_id, recipient.official_id) in done_pairs:
            continue
        since = recipient.reminded_on or recipient.sent_on
        if calendar.working_days_between(since, on) >= days:
            due.append(recipient)
    with transaction.atomic():
        for recipient in due:
            notify([recipient.official], "Nhắc: đồng chí chưa xác nhận đã đọc và quán triệt văn bản chỉ đạo "
                   f"{recipient.directive.notation} — {recipient.directive.title}",
                   reverse("directive", args=[recipient.directive_id]))
        DirectiveRecipient.objects.filter(pk__in=[r.pk for r in due]).update(reminded_on=on)
    return len(due)
