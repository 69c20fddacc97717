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

Rows are inserted directly, not through the actions (300,000 items through the actions take
hours); everything happens in the benchmark's scratch database."""

import json
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
REFUSAL = {"message": "Thao tác bị từ chối theo quy tắc.", "message_en": "Refused by a rule."}  # as the actions write
SIGNAL_EVENTS = (
    (0.03, EventKind.TRANSFER, Outcome.REFUSED, "R-2.1-OWN-COMPETENCE-TRANSFER", REFUSAL),
    (0.01, EventKind.OVERRIDE, Outcome.OVERRIDE, "R-2.1-OWN-COMPETENCE-TRANSFER",
     {"reason": "Thủ trưởng quyết định thực hiện", **REFUSAL}),
    (0.02, EventKind.TRANSFER, Outcome.REFUSED, "R-2.1-FOREIGN-COMPETENCE", REFUSAL),
    (0.02, EventKind.SUBMIT, Outcome.REFUSED, "R-1.4-OWN-AUTHORITY-SUBMISSION", REFUSAL),
    (0.01, EventKind.SEND_BACK, Outcome.DONE, "", {"reason": "Trả lại hồ sơ trình"}),
    (0.01, EventKind.CONSULT, Outcome.REFUSED, "R-2.2-UNRELATED-CONSULTATION", REFUSAL),
    (0.05, EventKind.EXTEND, Outcome.DONE, "", {"approval": APPROVED_BY_UNIT}),
    (0.01, EventKind.EXTEND, Outcome.DONE, "", {"approval": APPROVED_ABOVE}),
    (0.01, EventKind.EXTENSION_REQUEST, Outcome.DONE, "", {"message": "Đề nghị gia hạn"}),
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


def chained(item: tuple, rng: random.Random, per_item: int, now: datetime) -> Iterator[tuple]:
    """The item's events as (seq, kind, outcome, rule, actor, unit, at, data, prev_hash, hash)."""
    pk, unit_id, holder_id, created_at, completed_at = item
    end = min(completed_at or now, now)
    steps = history(rng, per_item)
    returned = [seq for seq, (kind, *_) in enumerate(steps, start=1) if kind == EventKind.RETURN]
    if returned and rng.random() < 0.25:  # a quarter of the returns are found wrong later
        steps.append((EventKind.RETURN_FOUND_WRONG, Outcome.DONE, "", {"return_seq": returned[0]}))
    prev = GENESIS
    for seq, ((kind, outcome, rule, data), at) in enumerate(
            zip(steps, moments(created_at, end, len(steps)), strict=True), start=1):
        content = event_content(item_id=pk, seq=seq, kind=kind, outcome=outcome, rule_code=rule,
                                actor_id=holder_id, unit_id=unit_id, at=at, data=data)
        digest = link(prev, content)
        yield seq, kind, outcome, rule, holder_id, unit_id, at, data, prev, digest
        prev = digest


def _insert_sql() -> tuple[str, str]:
    data = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    columns = "item_id, seq, kind, outcome, rule_code, actor_id, unit_id, at, data, prev_hash, hash"
    events = f"INSERT INTO {Event._meta.db_table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, {data}, %s, %s)"  # noqa: S608
    heads = f"UPDATE {WorkItem._meta.db_table} SET event_count = %s, last_hash = %s WHERE id = %s"  # noqa: S608
    return events, heads


def fill_trails(per_item: int, now: datetime, progress: Callable[[int], None] | None = None) -> int:
    """Give every item (which has none yet) a trail of about `per_item` events; returns how many.
    Plain `executemany` (3 M events: `bulk_create` building a model per row took most of an hour here)."""
    rng, done, ops = random.Random(SEED), 0, connection.ops
    insert_events, update_heads = _insert_sql()
    ids = list(WorkItem.objects.filter(event_count=0).order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), BATCH):
        rows = WorkItem.objects.filter(id__in=ids[start:start + BATCH]).order_by("id").values_list(
            "id", "lead_unit_id", "holder_id", "created_at", "completed_at")
        events, heads = [], []
        for row in rows:
            made = [(row[0], seq, kind, outcome, rule, actor, unit, ops.adapt_datetimefield_value(at), json.dumps(data),
                     prev, digest) for seq, kind, outcome, rule, actor, unit, at, data, prev, digest
                    in chained(row, rng, per_item, now)]
            events += made
            heads.append((len(made), made[-1][-1], row[0]))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(insert_events, events)
            cursor.executemany(update_heads, heads)
        done += len(events)
        if progress:
            progress(done)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Event._meta.db_table}")  # noqa: S608 (the planner's statistics)
    return done
