"""The consultation sweeps: deemed agreement at the deadline (clause 2.2) and reminders before it.

Both are idempotent and safe with several workers: deemed agreement locks the items it settles
(`FOR UPDATE SKIP LOCKED` on PostgreSQL, so workers share the work; SQLite has one writer) and moves a
request only from pending; reminders set `reminded_at` by compare-and-set.

Both isolate a bad row (`congvu.lib.isolation`): it is logged and skipped, the others are done, and
the sweep then raises `RowsFailed` naming it."""

import logging
import multiprocessing
from collections import namedtuple
from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import F, Q

from congvu.consult.deemed import (
    RESPONSIBILITY_ROW,
    event_data,
    last_day_to_reply,
    notification_text,
    responsibility_row,
    told,
)
from congvu.consult.models import ConsultationRequest, Notice, RequestState, Responsibility
from congvu.consult.rules import DEEMED_AGREEMENT
from congvu.lib import clock, fastsql
from congvu.lib.isolation import Rows
from congvu.lib.workdays import local_date
from congvu.org.models import Notification
from congvu.org.notify import REMINDER_PREFIX, mail_copies, notify
from congvu.registry import snapshot
from congvu.registry.queries import current_calendar, parameter
from congvu.registry.serving import head_of
from congvu.work.deadlines import end_of_local_day
from congvu.work.models import Event, EventKind, State, WorkItem
from congvu.work.trail import CHAIN_FIELDS, EVENT_ROW, chain_row

BATCH = 1000
REMINDER_DAYS = "consultation_reminder_days"
log = logging.getLogger("congvu.sweep")


def deem_overdue(now: datetime | None = None) -> int:
    """Every request still unanswered at the end of its deadline becomes deemed agreed, as of that
    deadline (also when the sweep runs late, after downtime). Returns how many were settled.

    1. Lock a batch of items that have such requests (skipping items another worker holds).
    2. Move their due requests from pending to deemed agreed, dated at their own deadline.
    3. Issue each asking unit's numbered notice, record the silent unit's responsibility, chain an
       event on the item, and put the item back to work when nothing else is waiting.
    4. Should the batch fail, settle its items one by one, each in a savepoint: an item that still
       fails is rolled back, logged and left out of the next batches; the others settle.
    5. Repeat until no due request is left.
    The notices' files are rendered from their stored wording by the round's next step
    (`congvu.documents.notices.render_pending`, run by `congvu.ops.sweep`): this area writes no .docx.
    Raises `RowsFailed` at the end when an item failed (its requests stay pending, retried next round)."""
    now = now or clock.now()
    total, rows = 0, Rows("coi như đồng ý", "công việc")
    # The batches go up the item ids from `after`, so each finds its items without passing over the
    # ones settled before it (from the start every time, the lock's scan grew with the items done:
    # quadratic in a catch-up; at 29,000 of 30,000 items done, 45 ms from the start, 2.3 ms from `after`,
    # PostgreSQL, EXPLAIN ANALYZE). An item skipped while another worker held it is found by the last pass,
    # from the start again, which ends the sweep when it finds nothing.
    after = 0
    while True:
        with transaction.atomic(), snapshot.pinned():
            settled, last = _deem_batch(now, rows, after)
        if settled is None:
            if after == 0:
                break
            after = 0
            continue
        total, after = total + len(settled), last
    return rows.report(total)


def deem_overdue_in_parallel(workers: int, now: datetime | None = None) -> int:
    """A catch-up after downtime by `workers` sweepers at once, each a process with its own connection:
    on PostgreSQL they share the items through `SKIP LOCKED` (each batch locks items no other holds),
    so each request is still settled once. One sweeper where that cannot work (SQLite has one writer;
    inside a transaction the other processes would not see its rows)."""
    now = now or clock.now()
    if workers <= 1 or connection.vendor != "postgresql" or connection.in_atomic_block:
        return deem_overdue(now)
    connection.close()  # each process opens its own; a forked copy of an open socket would be shared
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return sum(pool.map(deem_overdue, [now] * workers))


def _deem_batch(now: datetime, rows: Rows, after: int) -> tuple[list[int] | None, int]:
    """The requests settled in one batch of locked items past item `after` (None when no item is left to
    lock), and the batch's last item."""
    items = _lock_items(now, rows.failed, after)
    if not items:
        return None, after
    return _settle_batch(items, now, rows), items[-1].pk


def _settle_batch(items: list["LockedItem"], now: datetime, rows: Rows) -> list[int]:
    try:
        with transaction.atomic():  # a savepoint: the whole batch at once is the fast path
            return _settle(items, now)
    except Exception:
        log.warning("deemed agreement: a batch of %s items failed; settling them one by one", len(items),
                    exc_info=True)
    settled: list[int] = []
    for pk in [item.pk for item in items]:
        with rows.each(pk):
            # Read again (still locked by this transaction): the failed attempt moved the chain heads
            # of the items in memory.
            settled += _settle(_lock_items(now, (), 0, only=pk), now)
    return settled


# What the sweep reads and writes of a locked item: plain values, not a model instance (1,000 `WorkItem`
# instances a batch showed in the profile). `state`, `event_count` and `last_hash` are changed here and
# saved at the end of the batch; `trail.chain_row` moves the chain head.
class LockedItem:
    __slots__ = ("pk", "state", "event_count", "last_hash", "holder_id", "title")

    def __init__(self, pk: int, state: str, event_count: int, last_hash: str, holder_id: int | None, title: str):
        self.pk, self.state, self.event_count, self.last_hash = pk, state, event_count, last_hash
        self.holder_id, self.title = holder_id, title


LOCKED_COLUMNS = ("id", "state", "event_count", "last_hash", "holder_id", "title")


def _lock_items(now: datetime, failed, after: int, only: int | None = None) -> list[LockedItem]:
    """Lock a batch of items past `after` with requests due, in id order (skipping items another sweeper
    holds); `only`: that item."""
    # `item > after` on the requests too: the database does not carry it across the IN by itself.
    due = ConsultationRequest.objects.filter(state=RequestState.PENDING, due_at__lte=now, item_id__gt=after)
    locked = WorkItem.objects.select_for_update(skip_locked=only is None, of=("self",))
    if only is not None:
        locked = locked.filter(pk=only)
    else:
        locked = (locked.filter(id__in=due.values("item_id"), id__gt=after).exclude(id__in=failed)
                  .order_by("id")[:BATCH])
    return [LockedItem(*row) for row in locked.values_list(*LOCKED_COLUMNS)]


# What the sweep reads of a due request: plain values, not model instances. Building the request, its
# consultation, both units, the item and the holder as instances (select_related) was ~40 % of the
# catch-up's time (cProfile, 3,000 requests on PostgreSQL: 36,000 model __init__ calls).
DueRequest = namedtuple("DueRequest", "pk item_id unit_id holder_id state due_at asking_unit_id unit_name asking_name")
DUE_COLUMNS = ("id", "item_id", "unit_id", "holder_id", "state", "due_at", "consultation__asking_unit_id",
               "unit__name", "consultation__asking_unit__name")


def _settle(items: list[LockedItem], now: datetime) -> list[int]:
    """Deem every due request of these (locked) items agreed; the requests settled.

    Everything is computed here row by row (each event's hash needs the one before it in its item's
    chain) and written a table at a time: one UPDATE of the requests, one write each of the notices,
    responsibilities, events and notifications (COPY on PostgreSQL), and one UPDATE of the items."""
    by_id = {item.pk: item for item in items}
    # Selected by item alone, then filtered here: given `state = pending AND due_at <= now` as well, the
    # database walks the (state, due_at) index over every request still due and checks each row's item,
    # once a batch — quadratic in a catch-up (100,000 requests: 461 s). By item it reads only the batch's.
    requests = [
        r for r in map(DueRequest._make, ConsultationRequest.objects.filter(item_id__in=list(by_id))
                       .order_by("due_at", "id").values_list(*DUE_COLUMNS))
        if r.state == RequestState.PENDING and r.due_at <= now
    ]
    # By primary key alone: these requests were read pending just now, under their items' locks, which
    # every writer of a request takes first (`consult.actions.lock_request`). With `state = pending` added,
    # SQLite chose the state index and walked every pending request once a batch (quadratic catch-up).
    ConsultationRequest.objects.filter(pk__in=[r.pk for r in requests]).update(
        state=RequestState.DEEMED_AGREED, deemed_at=F("due_at")
    )
    notices, duties, events, notes = [], [], [], []
    now_db = Notification._meta.get_field("created_at").get_db_prep_save(now, connection)
    heads = HeadsOn()
    for request in requests:
        item = by_id[request.item_id]
        notices.append((request.pk, request.asking_unit_id, now))
        silent_head = heads(request.unit_id, last_day_to_reply(request.due_at))
        duties.append(responsibility_row(request, now, silent_head))
        events.append(chain_row(item, EventKind.DEEMED_AGREEMENT, actor_id=None, unit_id=request.unit_id,
                                rule_code=DEEMED_AGREEMENT.code, data=event_data(request)))
        asking_head = heads(request.asking_unit_id, local_date(now))
        notes += _notifications(request, item, asking_head, silent_head, now_db)
    fastsql.insert_rows(Notice, NOTICE_ROW, notices)
    fastsql.insert_rows(Responsibility, RESPONSIBILITY_ROW, duties)
    fastsql.insert_rows(Event, EVENT_ROW, events)
    fastsql.insert_values(Notification, NOTIFICATION_COLUMNS, notes)
    # Written in bulk rather than by notify(), so their e-mail copies are asked for here.
    mail_copies((official_id, text, url) for official_id, text, url, _at in notes)
    _back_to_work(items)
    _save_heads(items)
    return [r.pk for r in requests]


NOTICE_ROW = ("request_id", "unit_id", "drafted_at")  # as `deemed.draft_notice`: unnumbered, unworded


class HeadsOn:
    """`head_of` by id, once per (unit, day) in a batch (a batch's requests share a few units and days)."""

    def __init__(self):
        self.known: dict[tuple[int, date], int | None] = {}

    def __call__(self, unit_id: int, day: date) -> int | None:
        if (unit_id, day) not in self.known:
            head = head_of(unit_id, day)
            self.known[unit_id, day] = head.pk if head else None
        return self.known[unit_id, day]


def _save_heads(items: list[LockedItem]) -> None:
    """Save each item's state and chain head, in one statement for the batch."""
    fastsql.update_rows(WorkItem, ["state", *CHAIN_FIELDS],
                        [(item.state, item.event_count, item.last_hash, item.pk) for item in items])


NOTIFICATION_COLUMNS = ("official_id", "text", "url", "created_at")


def _notifications(request: DueRequest, item, asking_head: int | None, silent_head: int | None, now_db) -> list[tuple]:
    """Rows for `Notification` (see NOTIFICATION_COLUMNS): the asking side and the silent side."""
    text = notification_text(request.unit_name, request.asking_name, item.title)
    people = told(request, item.holder_id, asking_head, silent_head)
    return [(pk, text, f"/cong-viec/{item.pk}/", now_db) for pk in people]


def _back_to_work(items: list[LockedItem]) -> None:
    # By item alone, the state checked here (the same reason as in `_settle`: SQLite scanned the table).
    waiting = {item_id for item_id, state in ConsultationRequest.objects.filter(item_id__in=[i.pk for i in items])
               .values_list("item_id", "state") if state == RequestState.PENDING}
    for item in items:
        if item.state == State.CONSULTING and item.pk not in waiting:
            item.state = State.IN_PROGRESS


def remind(now: datetime | None = None) -> int:
    """Remind the consulted unit's head and the official holding the request, a set number of working
    days before the deadline; each request once (compare-and-set on `reminded_at`)."""
    now = now or clock.now()
    days = parameter(REMINDER_DAYS).value
    horizon = end_of_local_day(current_calendar().add_working_days(local_date(now), days) if days else local_date(now))
    due = (ConsultationRequest.objects.filter(state=RequestState.PENDING, reminded_at__isnull=True,
                                              due_at__gt=now, due_at__lte=horizon)
           .select_related("item", "unit", "holder", "consultation").order_by("due_at")[:BATCH])
    rows, sent = Rows("nhắc hạn xin ý kiến", "yêu cầu"), 0
    for request in due:
        with rows.each(request.pk):  # a failed reminder is rolled back, so it is tried again next round
            sent += _remind_one(request, now)
    return rows.report(sent)


def _remind_one(request: ConsultationRequest, now: datetime) -> bool:
    """Remind about one request, unless another worker just did (then False)."""
    if not ConsultationRequest.objects.filter(pk=request.pk, reminded_at__isnull=True).update(reminded_at=now):
        return False
    last_day = request.consultation.due_date
    notify([head_of(request.unit, local_date(now)), request.holder],
           f"{REMINDER_PREFIX} về “{request.item.title}” trước 24:00 ngày {last_day:%d/%m/%Y}; "
           f"quá hạn sẽ được coi là đồng ý (Mục 2.2)", f"/cong-viec/{request.item_id}/")
    return True


def remind_unsigned(now: datetime | None = None) -> int:
    """Every working day, remind the asking unit's head of each deemed-agreement notice still unsigned
    (once a day: compare-and-set on `reminded_on`). Home Affairs sees the same drafts in its list."""
    now = now or clock.now()
    day = local_date(now)
    if not current_calendar().is_working_day(day):
        return 0
    drafts = (Notice.objects.filter(number__isnull=True).filter(Q(reminded_on__isnull=True) | Q(reminded_on__lt=day))
              .select_related("unit", "request__item", "request__unit").order_by("id")[:BATCH])
    rows, sent = Rows("nhắc ký thông báo", "thông báo"), 0
    for notice in drafts:
        with rows.each(notice.pk):
            sent += _remind_signing(notice, day)
    return rows.report(sent)


def _remind_signing(notice: Notice, day) -> bool:
    if not Notice.objects.filter(pk=notice.pk, number__isnull=True).filter(
            Q(reminded_on__isnull=True) | Q(reminded_on__lt=day)).update(reminded_on=day):
        return False
    request = notice.request
    notify([head_of(notice.unit_id, day)],
           f"Dự thảo thông báo {request.unit.name} được coi là đồng ý với đề xuất được lấy ý kiến "
           f"về “{request.item.title}” chưa được ký "
           f"ban hành (Mục 2.2)", f"/cong-viec/{request.item_id}/")
    return True
