"""`congvu scale`: the province-year figures of issue 13 that are not page times, in a scratch database.

- **catch-up**: N consultation requests left pending past their deadline (the server was down over
  the deadline), then one `deem_overdue` run: how long until every one is deemed agreed, with its
  notice drafted, the responsibility recorded, the notifications written and the event chained.
- **verify**: N items with K events each in their hash chains, then `congvu audit verify`'s walk
  (`congvu.work.trail.verify`): how long, and that it finds nothing.

The rows are made with bulk inserts (`congvu.ops.listbench.fill`), not through the actions: 100,000
consultations through the real actions would take hours. The events are nevertheless true chain
links, made by the trail's own `chain_event` (content, previous hash, SHA-256), so `verify` checks
real chains; the deemed agreements are made by the real sweep, which is what is measured."""

import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from django.db import connection, transaction

from congvu.consult import sweep
from congvu.consult.models import Consultation, ConsultationRequest, Notice, RequestState
from congvu.lib import clock, fastsql
from congvu.ops.bench import chunks, in_scratch_database
from congvu.ops.listbench import NOW, fast_writes, fill
from congvu.ops.province import SyntheticProvince, build_synthetic, related_units
from congvu.registry.queries import current_calendar
from congvu.work import trail
from congvu.work.deadlines import end_of_local_day
from congvu.work.models import Event, EventKind, State, WorkItem

BATCH = 5000
# Every request fell due at the end of Monday 02/03/2026; the sweep comes back on Tuesday at 09:00.
DUE_DAY = date(2026, 3, 2)
CONSULTATION = ("id", "item_id", "asking_unit_id", "asked_by_id", "question", "reply_days", "asked_at", "due_at",
                "due_date", "calendar_version")
REQUEST = ("id", "consultation_id", "item_id", "unit_id", "holder_id", "state", "due_at")
# The kinds a history is made of, cycled (the content is chained and verified whatever it says).
KINDS = (EventKind.REGISTER, EventKind.DIRECT, EventKind.ASSIGN, EventKind.CONSULT, EventKind.CONSULT_REPLY,
         EventKind.COMPLETE)


@dataclass
class ScaleResult:
    engine: str
    items: int
    build_seconds: float
    events: int = 0
    workers: int = 1
    catchup_seconds: float = 0.0
    # The sweepers' CPU in the catch-up (this process's and its sweeper processes'), not the database
    # server's: on a shared machine the wall clock counts the neighbours too.
    catchup_cpu_seconds: float = 0.0
    deemed_agreements: int = 0
    notices: int = 0
    verify_seconds: float = 0.0
    findings: int = 0


def unit_index(org: SyntheticProvince) -> dict[int, int]:
    return {u.pk: n for n, u in enumerate(org.units)}


def make_pending(org: SyntheticProvince, n: int) -> None:
    """Item i is consulting its lead unit's first related unit, whose reply was due at the end of DUE_DAY."""
    ops, calendar = connection.ops, current_calendar()
    due_at = ops.adapt_datetimefield_value(end_of_local_day(DUE_DAY))
    asked_at = ops.adapt_datetimefield_value(end_of_local_day(DUE_DAY) - timedelta(days=7))
    due_date, index = ops.adapt_datefield_value(DUE_DAY), unit_index(org)
    rows = WorkItem.objects.order_by("id").values_list("id", "lead_unit_id")
    with fast_writes():
        for batch in chunks(list(rows), BATCH):
            with transaction.atomic():
                fastsql.insert_values(Consultation, CONSULTATION, (
                    (pk, pk, unit, org.heads[index[unit]].pk, "Đề nghị cho ý kiến", 5, asked_at, due_at, due_date,
                     calendar.version) for pk, unit in batch))
                fastsql.insert_values(ConsultationRequest, REQUEST, (
                    (pk, pk, pk, org.units[related_units(index[unit])[0]].pk,
                     org.heads[related_units(index[unit])[0]].pk, RequestState.PENDING, due_at)
                    for pk, unit in batch))
        WorkItem.objects.update(state=State.CONSULTING, completed_at=None)
    reset_sequences(Consultation, ConsultationRequest)


def reset_sequences(*models) -> None:
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)


def chain_history(events_per_item: int, progress: Callable[[int], None] | None = None) -> int:
    """Append `events_per_item` true chain links to every item (the trail's own `chain_event`)."""
    done = 0
    ids = list(WorkItem.objects.order_by("id").values_list("id", flat=True))
    with fast_writes():
        for batch in chunks(ids, BATCH // max(1, events_per_item // 2)):
            with transaction.atomic():
                items = list(WorkItem.objects.filter(id__in=batch).order_by("id"))
                events = [trail.chain_event(item, KINDS[k % len(KINDS)], actor=None, unit=None,
                                            data={"step": k, "note": "Lịch sử mô phỏng"})
                          for item in items for k in range(events_per_item)]
                fastsql.insert_many(events)
                fastsql.update_many(items, trail.CHAIN_FIELDS)
            done += len(events)
            if progress:
                progress(done)
    return done


def cpu_seconds() -> float:
    """This process's CPU and its finished children's (the sweeper processes, reaped when their pool
    closes); the database server's is not counted."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def timed(run: Callable[[], object]) -> tuple[object, float]:
    started = time.perf_counter()
    answer = run()
    return answer, round(time.perf_counter() - started, 2)


def measure(n: int, catchup: bool, events_per_item: int, progress: Callable[[int], None] | None,
            workers: int = 1) -> ScaleResult:
    started = time.perf_counter()
    with clock.travel_to(NOW):
        org = build_synthetic()
        fill(org, n, progress)
        if catchup:
            make_pending(org, n)
        events = chain_history(events_per_item, progress) if events_per_item else 0
    result = ScaleResult(connection.vendor, n, round(time.perf_counter() - started, 1), events=events, workers=workers)
    if catchup:
        with clock.travel_to(NOW):  # Tuesday 09:00: every request fell due at the end of Monday
            cpu = cpu_seconds()
            result.deemed_agreements, result.catchup_seconds = timed(lambda: sweep.deem_overdue_in_parallel(workers))
            result.catchup_cpu_seconds = round(cpu_seconds() - cpu, 2)
        result.notices = Notice.objects.count()
        result.events = Event.objects.count()
    findings, result.verify_seconds = timed(lambda: trail.verify(workers=workers))
    result.findings = len(findings)
    return result


def scale(n: int, *, catchup: bool = True, events_per_item: int = 0,
          progress: Callable[[int], None] | None = None, workers: int = 1) -> ScaleResult:
    """`workers`: processes for the catch-up (PostgreSQL) and for `audit verify`."""
    return in_scratch_database(lambda: measure(n, catchup, events_per_item, progress, workers))


def as_dict(result: ScaleResult) -> dict:
    return asdict(result)

