"""The tamper-evident trail: append an event to an item's hash chain, seal the chain heads, verify.

Each item carries its own chain (no global lock: two items never wait for each other). A periodic
seal hashes the heads that moved since the previous seal together with that seal's hash, so a
tail cut off a chain, or a chain head rewritten to match, is still caught."""

import multiprocessing
from collections import namedtuple
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Max, Min

from congvu.lib import clock, fastsql
from congvu.lib.hashchain import GENESIS, link
from congvu.org.models import Official, Unit
from congvu.registry.snapshot import UnitFact
from congvu.work.models import Event, Outcome, Seal, WorkItem


def event_content(*, item_id: int, seq: int, kind: str, outcome: str, rule_code: str,
                  actor_id: int | None, unit_id: int | None, at: datetime, data: dict) -> dict[str, Any]:
    return {
        "item": item_id, "seq": seq, "kind": kind, "outcome": outcome, "rule": rule_code,
        "actor": actor_id, "unit": unit_id, "at": at.astimezone(UTC).isoformat(), "data": data,
    }


def _next_link(item: WorkItem, kind: str, actor_id: int | None, unit_id: int | None, data: dict, outcome: str,
               rule_code: str) -> tuple[int, datetime, str, str]:
    """The next link of `item`'s chain: (seq, at, prev_hash, hash). Moves the item's chain head; the
    caller saves `event_count` and `last_hash` with the item."""
    at = clock.now()
    seq = item.event_count + 1
    content = event_content(item_id=item.pk, seq=seq, kind=kind, outcome=outcome, rule_code=rule_code,
                            actor_id=actor_id, unit_id=unit_id, at=at, data=data)
    prev = item.last_hash or GENESIS
    digest = link(prev, content)
    item.event_count, item.last_hash = seq, digest
    return seq, at, prev, digest


def chain_event(
    item: WorkItem, kind: str, *, actor: Official | None, unit: Unit | UnitFact | None, data: dict | None = None,
    outcome: str = Outcome.DONE, rule_code: str = "",
) -> Event:
    """The next event of `item`'s chain, linked but not yet saved (the sweep saves many at once).
    Moves the item's chain head; the caller saves `event_count` and `last_hash` with the item."""
    data = data or {}
    unit_id = unit.pk if unit else None
    seq, at, prev, digest = _next_link(item, kind, actor.pk if actor else None, unit_id, data, outcome, rule_code)
    return Event(  # the unit by id: it may be the registry snapshot's frozen fact, not a model instance
        item=item, seq=seq, kind=kind, outcome=outcome, rule_code=rule_code, actor=actor,
        unit_id=unit_id, at=at, data=data, prev_hash=prev, hash=digest,
    )


def append_event(
    item: WorkItem, kind: str, *, actor: Official | None, unit: Unit | UnitFact | None, data: dict | None = None,
    outcome: str = Outcome.DONE, rule_code: str = "",
) -> None:
    """Append one event to `item`'s chain. The caller holds the item's row lock and saves
    `event_count` and `last_hash` with its own update of the item. The row is written from its values,
    with no `Event` instance: every action appends one, and building the instance and reading its id
    back cost more than preparing the eleven values (`congvu bench`, cProfile)."""
    fastsql.insert_rows(Event, EVENT_ROW, [_event_row(item, kind, actor, unit, data, outcome, rule_code)])


def append_event_and_save(
    item: WorkItem, kind: str, *, fields: tuple[str, ...], actor: Official | None, unit: Unit | UnitFact | None,
    data: dict | None = None, outcome: str = Outcome.DONE, rule_code: str = "",
) -> None:
    """`append_event`, then the item's `fields` saved with its chain head, as an action's last write:
    on PostgreSQL one statement (one round trip, not two; `fastsql.insert_row_and_update`)."""
    row = _event_row(item, kind, actor, unit, data, outcome, rule_code)
    fastsql.insert_row_and_update(Event, EVENT_ROW, row, item, [*fields, *CHAIN_FIELDS])


def _event_row(item: WorkItem, kind: str, actor: Official | None, unit: Unit | UnitFact | None, data: dict | None,
               outcome: str, rule_code: str) -> tuple:
    data = data or {}
    actor_id, unit_id = (actor.pk if actor else None), (unit.pk if unit else None)
    seq, at, prev, digest = _next_link(item, kind, actor_id, unit_id, data, outcome, rule_code)
    return item.pk, seq, kind, outcome, rule_code, actor_id, unit_id, at, data, prev, digest


CHAIN_FIELDS = ["event_count", "last_hash"]


def seal_content(at: datetime, heads: dict, last_event_id: int) -> dict[str, Any]:
    return {"at": at.astimezone(UTC).isoformat(), "heads": heads, "last_event_id": last_event_id}


def seal() -> Seal | None:
    """Seal the head of every chain that grew since it was last sealed; None when none did.

    1. Take the seals' lock (several workers may run the sweep: they seal one after another, each
       chained to the one before; see `_lock_seals`).
    2. Lock the items whose event count is past their sealed count, skipping any an action holds
       right now (its new event is not committed yet; the next seal takes it).
    3. Store the new seal, chained to the previous one by hash, and move each item's sealed count up
       to the count just sealed (unchanged meanwhile: the item is locked).

    Counts, not event ids: an id is handed out when the event is inserted, not when it commits, so on
    PostgreSQL an event with a lower id can commit after a seal that covered a higher one, and a
    high-water mark of ids would never seal it. An item's count grows only under its row lock."""
    with transaction.atomic():
        _lock_seals()
        previous = Seal.objects.order_by("-id").first()
        # A scan of the items (~0.1 s at 300,000 rows on SQLite, once a minute); an index on the moved
        # items would cost every action an index write instead.
        moved = list(
            WorkItem.objects.select_for_update(skip_locked=True).filter(event_count__gt=F("sealed_count"))
            .order_by("id").values_list("id", "event_count", "last_hash")
        )
        if not moved:
            return None
        heads = {str(pk): [count, digest] for pk, count, digest in moved}
        at, top = clock.now(), Event.objects.aggregate(top=Max("id"))["top"] or 0
        prev_hash = previous.hash if previous else GENESIS
        digest = link(prev_hash, seal_content(at, heads, top))
        sealed = Seal.objects.create(at=at, heads=heads, last_event_id=top, prev_hash=prev_hash, hash=digest)
        for start in range(0, len(moved), SEAL_BATCH):
            ids = [pk for pk, _, _ in moved[start:start + SEAL_BATCH]]
            WorkItem.objects.filter(id__in=ids).update(sealed_count=F("event_count"))
        return sealed


SEAL_BATCH = 1000  # items per UPDATE: well inside every backend's limit on query parameters


def _lock_seals() -> None:
    """One sealer at a time, each chaining to the seal made before it. Locking the latest seal's row
    is not enough on PostgreSQL: a second sealer waits on that row, then chains to it as well (its
    READ COMMITTED snapshot does not show the seal just made), forking the chain — and before the
    first seal there is no row to lock. Plain reads (verify) are not blocked. SQLite's IMMEDIATE
    transaction already holds its only write lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {connection.ops.quote_name(Seal._meta.db_table)} IN EXCLUSIVE MODE")


@dataclass(frozen=True)
class Finding:
    item_id: int | None
    problem: str

    def __str__(self) -> str:
        where = f"công việc #{self.item_id}" if self.item_id is not None else "niêm phong"
        return f"{where}: {self.problem}"


def verify_chains(workers: int = 1, sealed: dict[int, tuple[int, str]] | None = None) -> list[Finding]:
    """Walk every item's chain in order; name each item whose chain does not hold, or whose sealed
    head (`sealed`: item → count and hash a seal recorded) is no longer in its chain.

    The chains are per item, so a split by item ranges is exact: with `workers` > 1 each range is
    walked by a process of its own with its own database connection (a province-year, 3 M events, is
    ~90 µs of canonical JSON and SHA-256 per event: minutes on one core)."""
    sealed = sealed or {}
    ranges = item_ranges(workers * RANGES_PER_WORKER if workers > 1 else 1)
    if workers <= 1 or len(ranges) <= 1 or not can_fork_connections():
        return [finding for low, high in ranges for finding in verify_range(low, high, sealed)]
    connection.close()  # each process opens its own; a forked copy of an open socket would be shared
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        parts = pool.starmap(verify_range, [(low, high, sealed) for low, high in ranges])
    return [finding for part in parts for finding in part]


RANGES_PER_WORKER = 4  # smaller ranges than workers: a range slowed by a busy neighbour holds no one up


def item_ranges(parts: int) -> list[tuple[int, int]]:
    """[low, high] id ranges of about equal width covering every item (and any event whose item is gone)."""
    bounds = WorkItem.objects.aggregate(low=Min("id"), high=Max("id"))
    orphans = Event.objects.aggregate(low=Min("item_id"), high=Max("item_id"))
    lows = [v for v in (bounds["low"], orphans["low"]) if v is not None]
    if not lows:
        return []
    low, high = min(lows), max(v for v in (bounds["high"], orphans["high"]) if v is not None)
    width = max(1, -(-(high - low + 1) // max(1, parts)))
    return [(start, min(high, start + width - 1)) for start in range(low, high + 1, width)]


def can_fork_connections() -> bool:
    """Processes of their own see the same data only when it is committed to a shared database: not
    inside a transaction (a test's), not an in-memory SQLite database."""
    name = str(connection.settings_dict.get("NAME") or "")
    in_memory = connection.vendor == "sqlite" and (":memory:" in name or "mode=memory" in name)
    return not (connection.in_atomic_block or in_memory)


def verify_range(low: int, high: int, sealed: dict[int, tuple[int, str]]) -> list[Finding]:
    """The chains of the items with ids in [low, high]."""
    heads = dict((pk, (n, h)) for pk, n, h in WorkItem.objects.filter(id__gte=low, id__lte=high)
                 .values_list("id", "event_count", "last_hash"))
    # Rows, not model instances: building an Event per row cost a third of the walk (`congvu scale`).
    rows = (Event.objects.filter(item_id__gte=low, item_id__lte=high).order_by("item_id", "seq")
            .values_list(*EVENT_ROW).iterator(chunk_size=5000))
    findings: list[Finding] = []
    expected_seq, prev, current, seen, sealed_found = 0, GENESIS, None, set(), set()
    for event in map(EventRow._make, rows):
        if event.item_id != current:
            if current is not None:
                findings += _check_head(current, expected_seq, prev, heads)
            current, expected_seq, prev = event.item_id, 0, GENESIS
            seen.add(current)
        expected_seq += 1
        findings += _check_event(event, expected_seq, prev)
        if sealed.get(event.item_id) == (event.seq, event.hash):
            sealed_found.add(event.item_id)
        prev = event.hash
    if current is not None:
        findings += _check_head(current, expected_seq, prev, heads)
    for pk, (count, _) in heads.items():
        if count and pk not in seen:
            findings.append(Finding(pk, "mọi sự kiện của công việc đã bị xóa"))
    findings += [_sealed_changed(pk, count) for pk, (count, _digest) in sorted(sealed.items())
                 if low <= pk <= high and pk not in sealed_found]
    return findings


def _sealed_changed(item_id: int, count: int) -> Finding:
    return Finding(item_id, f"sự kiện số {count} đã niêm phong không còn nguyên vẹn")


EVENT_ROW = ("item_id", "seq", "kind", "outcome", "rule_code", "actor_id", "unit_id", "at", "data", "prev_hash", "hash")
EventRow = namedtuple("EventRow", EVENT_ROW)


def _check_event(event: EventRow, expected_seq: int, prev: str) -> Iterator[Finding]:
    if event.seq != expected_seq:
        yield Finding(event.item_id, f"thiếu hoặc đảo thứ tự sự kiện: gặp số {event.seq}, cần số {expected_seq}")
    if event.prev_hash != prev:
        yield Finding(event.item_id, f"sự kiện số {event.seq} không nối với sự kiện trước (bị xóa, chèn hoặc đảo)")
    content = event_content(
        item_id=event.item_id, seq=event.seq, kind=event.kind, outcome=event.outcome,
        rule_code=event.rule_code, actor_id=event.actor_id, unit_id=event.unit_id, at=event.at,
        data=event.data,
    )
    if link(event.prev_hash, content) != event.hash:
        yield Finding(event.item_id, f"nội dung sự kiện số {event.seq} đã bị sửa")


def _check_head(item_id: int, last_seq: int, last_hash: str, heads: dict) -> Iterator[Finding]:
    count, digest = heads.get(item_id, (None, None))
    if count != last_seq or digest != last_hash:
        yield Finding(item_id, f"đầu chuỗi ghi {count} sự kiện nhưng chuỗi có {last_seq} (sự kiện cuối bị xóa?)")


def replay_seals() -> tuple[list[Finding], dict[int, tuple[int, str]]]:
    """Replay the seals: each chains to the one before. Returns the findings and every item's last
    sealed head (count, hash), which the chains' walk then checks is still in the chain."""
    prev, findings = GENESIS, []
    sealed: dict[int, tuple[int, str]] = {}
    for seal_row in Seal.objects.order_by("id"):
        content = seal_content(seal_row.at, seal_row.heads, seal_row.last_event_id)
        if seal_row.prev_hash != prev or link(prev, content) != seal_row.hash:
            findings.append(Finding(None, f"niêm phong #{seal_row.pk} đã bị sửa hoặc xóa niêm phong trước đó"))
        prev = seal_row.hash
        for pk, (count, digest) in seal_row.heads.items():
            sealed[int(pk)] = (count, digest)
    return findings, sealed


def verify(workers: int = 1) -> list[Finding]:
    """Every chain and every seal; `workers` processes walk the chains (see `verify_chains`)."""
    seal_findings, sealed = replay_seals()
    return [*verify_chains(workers, sealed), *seal_findings]
