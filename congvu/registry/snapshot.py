"""An in-memory, read-only snapshot of the registry, shared by every action of a process.

Actions ask many small questions of the registry (does this official serve in that unit today? who
heads it? who is competent for this matter?). Asking the database each time cost a dozen queries per
action; the snapshot answers from memory and costs one tiny read of `RegistryVersion.token`, which
changes on every registry write (see `bump`, wired to the registry models' save and delete in
`RegistryConfig.ready`, and `loading` for bulk writes, which send no signal). The token is random
rather than a counter, so a rolled-back transaction can never make an old snapshot look current
again.

The snapshot holds frozen dataclasses, one per registry row, never model instances: a model instance
handed to every request of the process could be changed by one of them and seen by all. Who needs a
model instance (to assign a foreign key) asks the fact for a fresh one, `fact.instance()`.

Inside an action (`pinned`) and a request (`PinnedSnapshotMiddleware`) every question is answered from
one snapshot: one version of the registry throughout, and one token read."""

import hashlib
import threading
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cache
from operator import attrgetter
from typing import Any, ClassVar

from django.db import connection, models, transaction

from congvu.lib.instances import from_row
from congvu.lib.official_schedule import DayKind, ScheduleEntry
from congvu.lib.workdays import Calendar
from congvu.org.models import Official, Position, Unit
from congvu.registry.models import CalendarDay, Delegation, MatterType, RegistryVersion, RegulationParameter


class Fact:
    """One registry row, frozen: its model's columns (attnames, in the model's order)."""

    __slots__ = ()
    model: ClassVar[type[models.Model]]
    id: int | None

    @property
    def pk(self) -> int | None:
        return self.id

    def instance(self):
        """A fresh model instance of this row, as if just read from the database (for a foreign key)."""
        return from_row(self.model, _row_of(type(self))(self))

    @classmethod
    def all(cls) -> list:
        names = [f.name for f in fields(cls)]
        return [cls(*row) for row in cls.model.objects.order_by("pk").values_list(*names)]


@cache
def _row_of(cls: type[Fact]) -> Callable[[Fact], tuple]:
    """The fact's values in its dataclass's field order (`__match_args__`: without `fields()`'s work),
    read by one C call: an action builds two or three instances from facts."""
    names = cls.__match_args__
    return attrgetter(*names) if len(names) > 1 else lambda fact: (getattr(fact, names[0]),)


def _in_force(fact, day: date) -> bool:
    return fact.valid_from <= day and (fact.valid_to is None or day <= fact.valid_to)


@dataclass(frozen=True, slots=True)
class UnitFact(Fact):
    model = Unit
    id: int
    code: str
    name: str
    abbrev: str
    kind: str
    parent_id: int | None
    valid_from: date
    valid_to: date | None
    successor_id: int | None
    is_home_affairs: bool

    is_active_on = _in_force

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class OfficialFact(Fact):
    model = Official
    id: int
    user_id: int
    full_name: str
    email: str
    role: str
    receives_email: bool
    language: str
    category: str  # the discipline record (clause 1.7)
    holds_leadership_post: bool

    def __str__(self) -> str:
        return self.full_name


@dataclass(frozen=True, slots=True)
class MatterTypeFact(Fact):
    model = MatterType
    id: int
    code: str
    name: str
    field: str
    competent_unit_id: int | None
    competent_kind: str
    authority: str
    legal_basis: str
    time_limit_days: int
    extension_limit_days: int
    extension_approver: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class DelegationFact(Fact):
    model = Delegation
    id: int
    matter_type_id: int
    to_unit_id: int
    kind: str
    legal_basis: str
    valid_from: date
    valid_to: date | None
    to_kind: str
    from_unit_id: int | None
    document_number: str

    in_force_on = _in_force


@dataclass(frozen=True, slots=True)
class ParameterFact(Fact):
    model = RegulationParameter
    id: int | None  # None: the shipped default, no row in the database
    key: str
    description: str
    value: int
    minimum: int
    maximum: int
    legal_basis: str


@dataclass(frozen=True, slots=True)
class PositionFact:
    official_id: int
    unit_id: int
    title: str
    valid_from: date
    valid_to: date | None
    records_decisions: bool = False

    active_on = _in_force


@dataclass(frozen=True)
class Snapshot:
    token: str
    by_official: dict[int, tuple[PositionFact, ...]]
    by_unit: dict[int, tuple[PositionFact, ...]]
    units: dict[int, UnitFact]
    officials: dict[int, OfficialFact]
    matter_types: dict[int, MatterTypeFact]
    related_units: dict[int, frozenset[int]]
    parameters: dict[str, ParameterFact]
    delegations: dict[int, tuple[DelegationFact, ...]]
    calendar: Calendar
    # What pages compute from the registry alone (a select's options), kept as long as this version
    # lives: see `derived`.
    kept: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)


_lock = threading.Lock()
_current: Snapshot | None = None
_calendars: dict[str, Calendar] = {}


def bump() -> None:
    """Mark the registry as changed; every process rebuilds its snapshot on its next read."""
    token = uuid.uuid4().hex
    if not RegistryVersion.objects.filter(pk=1).update(token=token):
        RegistryVersion.objects.create(pk=1, token=token)


@contextmanager
def loading() -> Iterator[None]:
    """Write registry rows in bulk (`bulk_create` and `QuerySet.update` send no signal) in one
    transaction that marks the registry changed as it ends: nobody has to remember `bump()`."""
    with transaction.atomic():
        yield
        bump()


def read_token() -> str:
    # A raw read: this runs once per action and the ORM's query building would cost more than the query.
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM registry_registryversion WHERE id = 1")
        row = cursor.fetchone()
    # No row (a flushed test database): a fresh token, so nothing stale is ever reused.
    return row[0] if row else uuid.uuid4().hex


# Inside an action or a request the registry is read once and pinned: one token read, not one per question.
_pinned: ContextVar[Snapshot | None] = ContextVar("congvu_registry_snapshot", default=None)


@contextmanager
def pinned() -> Iterator[Snapshot]:
    """Answer every registry question in this block from one snapshot, read as the block starts (an
    action's transaction, or a request: see `PinnedSnapshotMiddleware`); an inner block keeps it."""
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
    if (held := _pinned.get()) is not None:
        return held
    token = read_token()
    if (pins := _deferred.get()) is not None:  # the first registry question of a deferred pin
        return _pin(pins, token)
    return _for_token(token)


def _for_token(token: str) -> Snapshot:
    global _current
    snapshot = _current
    if snapshot is not None and snapshot.token == token:
        return snapshot
    with _lock:
        _current = build(token)
        return _current


def derived(key: Any, compute: Callable[[], Any]) -> Any:
    """`compute()` once per registry version: a value that depends on registry rows only (say the
    list page's unit options, read in the database's own collation order), kept with the current
    snapshot and computed again after any registry change, since a change makes a new snapshot. The
    value must not be changed by who receives it (hand out tuples). Two threads computing the same key
    at once both store the same answer: harmless."""
    kept = current().kept
    try:
        return kept[key]
    except KeyError:
        value = kept[key] = compute()
        return value


def build(token: str) -> Snapshot:
    by_official: dict[int, list[PositionFact]] = defaultdict(list)
    by_unit: dict[int, list[PositionFact]] = defaultdict(list)
    columns = ("official_id", "unit_id", "title", "valid_from", "valid_to", "records_decisions")
    for row in Position.objects.order_by("valid_from", "id").values_list(*columns):
        fact = PositionFact(*row)
        by_official[fact.official_id].append(fact)
        by_unit[fact.unit_id].append(fact)
    delegations: dict[int, list[DelegationFact]] = defaultdict(list)
    for d in sorted(DelegationFact.all(), key=lambda d: (d.valid_from, d.id)):
        delegations[d.matter_type_id].append(d)
    return Snapshot(
        token=token,
        by_official={k: tuple(v) for k, v in by_official.items()},
        by_unit={k: tuple(v) for k, v in by_unit.items()},
        units={u.id: u for u in UnitFact.all()},
        officials={o.id: o for o in OfficialFact.all()},
        matter_types={m.id: m for m in MatterTypeFact.all()},
        related_units=related_units(),
        parameters={p.key: p for p in ParameterFact.all()},
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
    key = hashlib.sha256(repr([(r.day, r.kind, r.name, r.source, r.verified) for r in rows]).encode()).hexdigest()
    if key not in _calendars:
        entries = [ScheduleEntry(day=r.day, kind=DayKind(r.kind), name=r.name, source=r.source, verified=r.verified)
                   for r in rows]
        _calendars.clear()
        _calendars[key] = Calendar(entries)
    return _calendars[key]


# The registry models whose changes make a snapshot stale.
WATCHED = (Unit, Official, Position, MatterType, Delegation, CalendarDay, RegulationParameter)


# ---- pinning by the first statement that reads the token anyway -------------------------------------
# An action pins the registry for its whole transaction. Reading the token as the action starts cost
# one round trip of PostgreSQL's ~6 an action; most actions lock their item first, and that statement
# can carry the token read (`VERSION_SQL` as a scalar subquery beside the row: congvu.work.actions.lock).
# The token read by the lock's statement is at least as fresh as one read before it, and no registry
# question is answered before the pin: a question asked before any lock pins as `pinned` does.

VERSION_SQL = "SELECT token FROM registry_registryversion WHERE id = 1"

# Inside `pinned_at_first_use`: the context-variable resets of the pin it made (empty until it pins).
_deferred: ContextVar[list | None] = ContextVar("congvu_registry_pin_deferred", default=None)


@contextmanager
def pinned_at_first_use() -> Iterator[None]:
    """`pinned`, with the token read left to the first registry question (`current`) or to a
    statement that reads it beside its own row (`wants_token`, then `pin_token`), whichever comes
    first. Every question in the block is still answered from one snapshot. An outer pin is kept."""
    if _pinned.get() is not None or _deferred.get() is not None:
        yield
        return
    pins: list = []
    mark = _deferred.set(pins)
    try:
        yield
    finally:
        for pin in reversed(pins):
            _pinned.reset(pin)
        _deferred.reset(mark)


def wants_token() -> bool:
    """Whether a deferred pin still waits for its token (a statement reading a row may read it too)."""
    return _deferred.get() is not None and _pinned.get() is None


def pin_token(token: str | None) -> None:
    """Pin the deferred block's snapshot for `token`, read by the caller's own statement (None: no
    registry version row, as `read_token` treats it)."""
    if wants_token():
        _pin(_deferred.get(), token if token is not None else uuid.uuid4().hex)


def _pin(pins: list, token: str) -> Snapshot:
    snapshot = _for_token(token)
    pins.append(_pinned.set(snapshot))
    return snapshot
