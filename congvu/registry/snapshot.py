"""An in-memory, read-only snapshot of the registry, shared by every action of a process.

Actions ask many small questions of the registry (does this official serve in that unit today? who
heads it? who is competent for this matter?). Asking the database each time cost a dozen queries per
action; the snapshot answers from memory and costs one tiny read of `RegistryVersion.token`, which
changes on every registry write (see `bump`, wired to the registry models' save and delete in
`RegistryConfig.ready`). The token is random rather than a counter, so a rolled-back transaction can
never make an old snapshot look current again."""

import hashlib
import threading
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date

from django.db import connection

from congvu.lib.official_schedule import DayKind, ScheduleEntry
from congvu.lib.workdays import Calendar
from congvu.org.models import Official, Position, Unit
from congvu.registry.models import CalendarDay, Delegation, MatterType, RegistryVersion, RegulationParameter


@dataclass(frozen=True)
class PositionFact:
    official: Official
    unit_id: int
    title: str
    valid_from: date
    valid_to: date | None
    records_decisions: bool = False

    def active_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Snapshot:
    token: str
    by_official: dict[int, tuple[PositionFact, ...]]
    by_unit: dict[int, tuple[PositionFact, ...]]
    units: dict[int, Unit]
    officials: dict[int, Official]
    matter_types: dict[int, MatterType]
    related_units: dict[int, frozenset[int]]
    parameters: dict[str, RegulationParameter]
    delegations: dict[int, tuple[Delegation, ...]]
    calendar: Calendar


_lock = threading.Lock()
_current: Snapshot | None = None
_calendars: dict[str, Calendar] = {}


def bump() -> None:
    """Mark the registry as changed; every process rebuilds its snapshot on its next read."""
    token = uuid.uuid4().hex
    if not RegistryVersion.objects.filter(pk=1).update(token=token):
        RegistryVersion.objects.create(pk=1, token=token)


def read_token() -> str:
    # A raw read: this runs once per action and the ORM's query building would cost more than the query.
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM registry_registryversion WHERE id = 1")
        row = cursor.fetchone()
    # No row (a flushed test database): a fresh token, so nothing stale is ever reused.
    return row[0] if row else uuid.uuid4().hex


# Inside an action the registry is read once and pinned: one token read per action, not per question.
_pinned: ContextVar[Snapshot | None] = ContextVar("congvu_registry_snapshot", default=None)


@contextmanager
def pinned() -> Iterator[Snapshot]:
    """Answer every registry question in this block from one snapshot (read inside the transaction)."""
    outer = _pinned.get()
    if outer is not None:
        yield outer
        return
    token = _pinned.set(current())
    try:
        yield _pinned.get()
    finally:
        _pinned.reset(token)


def current() -> Snapshot:
    global _current
    if (held := _pinned.get()) is not None:
        return held
    token = read_token()
    snapshot = _current
    if snapshot is not None and snapshot.token == token:
        return snapshot
    with _lock:
        _current = build(token)
        return _current


def build(token: str) -> Snapshot:
    by_official: dict[int, list[PositionFact]] = defaultdict(list)
    by_unit: dict[int, list[PositionFact]] = defaultdict(list)
    for p in Position.objects.select_related("official").order_by("valid_from", "id"):
        fact = PositionFact(p.official, p.unit_id, p.title, p.valid_from, p.valid_to, p.records_decisions)
        by_official[p.official_id].append(fact)
        by_unit[p.unit_id].append(fact)
    delegations: dict[int, list[Delegation]] = defaultdict(list)
    for d in Delegation.objects.order_by("valid_from", "id"):
        delegations[d.matter_type_id].append(d)
    return Snapshot(
        token=token,
        by_official={k: tuple(v) for k, v in by_official.items()},
        by_unit={k: tuple(v) for k, v in by_unit.items()},
        units={u.pk: u for u in Unit.objects.all()},
        officials={o.pk: o for o in Official.objects.all()},
        matter_types={m.pk: m for m in MatterType.objects.all()},
        related_units=related_units(),
        parameters={p.key: p for p in RegulationParameter.objects.all()},
        delegations={k: tuple(v) for k, v in delegations.items()},
        calendar=calendar_of(list(CalendarDay.objects.order_by("day"))),
    )


def related_units() -> dict[int, frozenset[int]]:
    pairs: dict[int, set[int]] = defaultdict(set)
    for matter_id, unit_id in MatterType.related_units.through.objects.values_list("mattertype_id", "unit_id"):
        pairs[matter_id].add(unit_id)
    return {k: frozenset(v) for k, v in pairs.items()}


def calendar_of(rows: list[CalendarDay]) -> Calendar:
    """The Calendar for these official-schedule rows; rebuilt only when their content changed."""
    key = hashlib.sha256(repr([(r.day, r.kind, r.name, r.source) for r in rows]).encode()).hexdigest()
    if key not in _calendars:
        entries = [ScheduleEntry(day=r.day, kind=DayKind(r.kind), name=r.name, source=r.source) for r in rows]
        _calendars.clear()
        _calendars[key] = Calendar(entries)
    return _calendars[key]


# The registry models whose changes make a snapshot stale.
WATCHED = (Unit, Official, Position, MatterType, Delegation, CalendarDay, RegulationParameter)
