"""Trails for the bulk items of the benchmarks (`congvu dashbench --bulk N --trail K`), so the signals
of pushing work around (issue 10) have something to read at a province's scale.

`listbench.fill` makes items and steps without events. This adds K events to each item's hash chain
(true links: `trail.event_content` and `hashchain.link`, as `trail.chain_event` makes them, so
`congvu audit verify` accepts them), spread between the item's registration and its end (or the
benchmark's moment): an ordinary history (registered, directed, assigned, …) with, at a realistic
rate drawn from a fixed seed, the events the signals count — refused and overridden transfers of
the unit's own work, attempts on another unit's matter, refused upward submissions and send-backs,
unrelated consultations, extensions by the unit and asked of the level above, returns (some found
wrong later) and transfers. The step delays come from the bulk steps themselves (open and late).

Rows are made with `bulk_create`, not through the actions (300,000 items through the actions take
hours); everything happens in the benchmark's scratch database."""

import random
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from django.db import connection, transaction

from congvu.lib.hashchain import GENESIS, link
from congvu.work.actions import APPROVED_ABOVE, APPROVED_BY_UNIT
from congvu.work.models import Event, EventKind, Outcome, WorkItem
from congvu.work.trail import event_content

BATCH = 2000
SEED = 1110
ORDINARY = (EventKind.REGISTER, EventKind.DIRECT, EventKind.ASSIGN, EventKind.CONSULT, EventKind.CONSULT_REPLY,
            EventKind.CONSULT_ASSIGN)
# (share of items, kind, outcome, rule code, data): about one item in four carries a signal.
SIGNAL_EVENTS = (
    (0.03, EventKind.TRANSFER, Outcome.REFUSED, "R-2.1-OWN-COMPETENCE-TRANSFER", {}),
    (0.01, EventKind.OVERRIDE, Outcome.OVERRIDE, "R-2.1-OWN-COMPETENCE-TRANSFER", {"reason": "Thủ trưởng quyết định"}),
    (0.02, EventKind.TRANSFER, Outcome.REFUSED, "R-2.1-FOREIGN-COMPETENCE", {}),
    (0.02, EventKind.SUBMIT, Outcome.REFUSED, "R-1.4-OWN-AUTHORITY-SUBMISSION", {}),
    (0.01, EventKind.SEND_BACK, Outcome.DONE, "", {"reason": "Trả lại hồ sơ trình"}),
    (0.01, EventKind.CONSULT, Outcome.REFUSED, "R-2.2-UNRELATED-CONSULTATION", {}),
    (0.05, EventKind.EXTEND, Outcome.DONE, "", {"approval": APPROVED_BY_UNIT}),
    (0.01, EventKind.EXTEND, Outcome.DONE, "", {"approval": APPROVED_ABOVE}),
    (0.01, EventKind.EXTENSION_REQUEST, Outcome.DONE, "", {}),
    (0.02, EventKind.RETURN, Outcome.DONE, "", {}),
    (0.02, EventKind.TRANSFER, Outcome.DONE, "", {}),
)


def history(rng: random.Random, events: int) -> list[tuple[str, str, str, dict]]:
    """One item's K events: the ordinary ones, with the signal-bearing ones drawn in at their rates."""
    chosen = [(kind, outcome, rule, dict(data)) for share, kind, outcome, rule, data in SIGNAL_EVENTS
              if rng.random() < share]
    if any(kind == EventKind.SEND_BACK for kind, *_ in chosen):
        chosen.insert(0, (EventKind.SUBMIT, Outcome.DONE, "", {}))
    ordinary = [(ORDINARY[k % len(ORDINARY)], Outcome.DONE, "", {}) for k in range(max(1, events - len(chosen)))]
    return ordinary[:1] + chosen + ordinary[1:]


def moments(start: datetime, end: datetime, n: int) -> list[datetime]:
    span = max((end - start).total_seconds(), n)
    return [start + timedelta(seconds=span * (k + 1) / (n + 1)) for k in range(n)]


def chained(item: tuple, rng: random.Random, per_item: int, now: datetime) -> Iterator[Event]:
    pk, unit_id, holder_id, created_at, completed_at = item
    steps = history(rng, per_item)
    prev, returned_at = GENESIS, None
    for seq, ((kind, outcome, rule, data), at) in enumerate(
            zip(steps, moments(created_at, min(completed_at or now, now), len(steps)), strict=True), start=1):
        if kind == EventKind.RETURN:
            returned_at = seq
        content = event_content(item_id=pk, seq=seq, kind=kind, outcome=outcome, rule_code=rule,
                                actor_id=holder_id, unit_id=unit_id, at=at, data=data)
        digest = link(prev, content)
        yield Event(item_id=pk, seq=seq, kind=kind, outcome=outcome, rule_code=rule, actor_id=holder_id,
                    unit_id=unit_id, at=at, data=data, prev_hash=prev, hash=digest)
        prev = digest
    if returned_at is not None and rng.random() < 0.25:  # a quarter of the returns are found wrong later
        data = {"return_seq": returned_at}
        seq, at = len(steps) + 1, min(completed_at or now, now)
        content = event_content(item_id=pk, seq=seq, kind=EventKind.RETURN_FOUND_WRONG, outcome=Outcome.DONE,
                                rule_code="", actor_id=holder_id, unit_id=unit_id, at=at, data=data)
        digest = link(prev, content)
        yield Event(item_id=pk, seq=seq, kind=EventKind.RETURN_FOUND_WRONG, outcome=Outcome.DONE, rule_code="",
                    actor_id=holder_id, unit_id=unit_id, at=at, data=data, prev_hash=prev, hash=digest)


def fill_trails(per_item: int, now: datetime, progress: Callable[[int], None] | None = None) -> int:
    """Give every item (which has none yet) a trail of about `per_item` events; returns how many."""
    rng, done = random.Random(SEED), 0
    ids = list(WorkItem.objects.filter(event_count=0).order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = ids[start:start + BATCH]
        rows = WorkItem.objects.filter(id__in=batch).order_by("id").values_list(
            "id", "lead_unit_id", "holder_id", "created_at", "completed_at")
        with transaction.atomic():
            events, heads = [], []
            for row in rows:
                made = list(chained(row, rng, per_item, now))
                events += made
                heads.append(WorkItem(id=row[0], event_count=len(made), last_hash=made[-1].hash))
            Event.objects.bulk_create(events, batch_size=1000)
            WorkItem.objects.bulk_update(heads, ["event_count", "last_hash"], batch_size=1000)
        done += len(events)
        if progress:
            progress(done)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Event._meta.db_table}")  # noqa: S608 (the planner's statistics)
    return done
