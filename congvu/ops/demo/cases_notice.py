"""The demo's deemed-agreement notices and send-backs (issue 9, clause 2.2).

- Signing: the sweep drafts a notice at each deadline; the asking unit's head — or, for every other
  notice, a deputy ("KT.") — signs it one to three working days later, in office hours, so each
  notice is numbered in the unit's outgoing register and dated on a working day. Every fourth draft
  is left unsigned (its head is reminded daily; Home Affairs lists it), as are those still too recent.
  `activity.sweep_until` interleaves these signings with the deadlines, in time order.
- A consulted unit sends a pending request back, with grounds, on the build's last morning
  (`add_cases`, called once by `build`).

Deterministic: everything follows from the ids the seeded build created."""

import zlib
from datetime import datetime, time, timedelta

from congvu.consult import actions as consult
from congvu.consult.models import ConsultationRequest, ConsultationSendBackGrounds, Notice, RequestState
from congvu.lib import clock
from congvu.lib.workdays import TZ, local_date
from congvu.ops.demo import consult_texts
from congvu.org.models import Official, Position, Title
from congvu.registry.queries import current_calendar
from congvu.registry.serving import head_of

LEFT_UNSIGNED_EVERY = 4


def ordinal(notice: Notice) -> int:
    """A number drawn from what the notice is about (the item and the silent unit), not from database
    ids: PostgreSQL does not hand the same ids out again after a rolled-back build, so choices made from
    ids made two builds of the same seed differ there (ops/tests/test_demo.py)."""
    request = notice.request
    key = f"{request.item.created_at.isoformat()}|{request.item.title}|{request.unit.code}"
    return zlib.crc32(key.encode())


def signing_moment(notice: Notice) -> datetime:
    """One to three working days after the last day to reply, between 08:05 and 08:54."""
    last_day = local_date(notice.request.due_at - timedelta(microseconds=1))
    day = current_calendar().add_working_days(last_day, 1 + ordinal(notice) % 3)
    return datetime.combine(day, time(8, 5 + ordinal(notice) // 3 % 50), tzinfo=TZ)


def next_signing() -> tuple[datetime, Notice] | None:
    """The earliest signing still owed (drafts left unsigned on purpose are never owed)."""
    drafts = Notice.objects.filter(number__isnull=True).select_related("request__item", "request__unit")
    owed = [(signing_moment(n), n) for n in drafts if ordinal(n) % LEFT_UNSIGNED_EVERY]
    return min(owed, key=lambda entry: (entry[0], ordinal(entry[1])), default=None)


def signer(notice: Notice, day) -> Official | None:
    """The head; for every other notice a deputy, signing "KT." for the head, when the unit has one."""
    deputy = (Position.objects.active_on(day).filter(unit_id=notice.unit_id, title=Title.DEPUTY)
              .select_related("official").order_by("pk").first())
    if deputy is not None and ordinal(notice) // 150 % 2 == 0:
        return deputy.official
    return head_of(notice.unit_id, day)


def sign(at: datetime, notice: Notice) -> None:
    with clock.travel_to(at):
        consult.sign_notice(notice, actor=signer(notice, at.astimezone(TZ).date()))


def add_cases(now: datetime) -> None:
    """On the build's last morning, a consulted unit sends back the request still waiting the longest ahead."""
    # The one due last: those due soon stay for the reminder sweep to show.
    waiting = ConsultationRequest.objects.filter(state=RequestState.PENDING).order_by("-due_at", "-pk")
    with clock.travel_to(now):
        for request in waiting:
            head = head_of(request.unit_id, local_date(now))
            if head is not None:
                consult.send_back(request, actor=head, grounds=ConsultationSendBackGrounds.NOT_RELATED,
                                  reason=consult_texts.SEND_BACK_REASON)
                return
