"""Who serves where, on a given day. Every access decision asks these few questions; they are
answered from the registry snapshot (congvu.registry.snapshot), not a query each.

They live in the registry, not in `org` beside the models they read, because the snapshot that
answers them is the registry's (it also holds matter types, delegations and the calendar): `org`
stays the bottom area that knows nothing above it. Pages ask the same helpers as the actions
(`congvu.web.roles`), so a menu never offers what the action would refuse for who one is."""

from collections.abc import Iterable
from datetime import date

from congvu.org.models import LEADER_TITLES, Official, Title, Unit, UnitKind
from congvu.registry import snapshot


def _pk(obj: Unit | Official | int) -> int:
    return obj if isinstance(obj, int) else obj.pk


def serves_in(official: Official, unit: Unit | int, on: date, titles: Iterable[str] | None = None) -> bool:
    unit_id, wanted = _pk(unit), None if titles is None else set(titles)
    return any(
        p.unit_id == unit_id and p.active_on(on) and (wanted is None or p.title in wanted)
        for p in snapshot.current().by_official.get(official.pk, ())
    )


def is_leader(official: Official, unit: Unit | int, on: date) -> bool:
    """Head or deputy: directs, approves extensions, may override a refusal with a written reason."""
    return serves_in(official, unit, on, LEADER_TITLES)


def records_province_decisions(official: Official, on: date) -> bool:
    """May record the Province's decision on a submission: the Province office's head or deputy, or
    an official whose position in the office the registry names for it (`Position.records_decisions`)."""
    registry = snapshot.current()
    return any(
        p.active_on(on) and (p.title in LEADER_TITLES or p.records_decisions)
        and (office := registry.units.get(p.unit_id)) is not None and office.kind == UnitKind.PROVINCE_OFFICE
        and office.is_active_on(on)
        for p in registry.by_official.get(official.pk, ())
    )


# Who may write in a unit's incoming register (`congvu.work.actions.register_incoming`).
REGISTRAR_TITLES = (Title.CLERK, *LEADER_TITLES)


def is_clerk_or_leader(official: Official, unit: Unit | int, on: date) -> bool:
    return serves_in(official, unit, on, REGISTRAR_TITLES)


def positions_on(official: Official, on: date) -> list[snapshot.PositionFact]:
    """The official's positions on `on` (a person may hold several, in several units)."""
    return [p for p in snapshot.current().by_official.get(official.pk, ()) if p.active_on(on)]


def unit_ids_of(official: Official, on: date, titles: Iterable[str] | None = None) -> set[int]:
    """The units the official serves in on `on`; with `titles`, only where they hold one of them."""
    wanted = None if titles is None else set(titles)
    return {p.unit_id for p in positions_on(official, on) if wanted is None or p.title in wanted}


def leader_unit_ids_of(official: Official, on: date) -> set[int]:
    return unit_ids_of(official, on, LEADER_TITLES)


def head_of(unit: Unit | int, on: date) -> Official | None:
    """The unit's head, or its longest-serving deputy while the head's post is vacant."""
    registry = snapshot.current()
    leaders = [p for p in registry.by_unit.get(_pk(unit), ()) if p.active_on(on) and p.title in LEADER_TITLES]
    leaders.sort(key=lambda p: (p.title != Title.HEAD, p.valid_from))
    # A fresh instance: the caller may assign it to a foreign key or change it, unseen by anyone else.
    return registry.officials[leaders[0].official_id].instance() if leaders else None


def officer_ids_of(unit: Unit | int, on: date) -> set[int]:
    """The ids of everyone serving in the unit on `on`, without an instance each (a reply asks it)."""
    return {p.official_id for p in snapshot.current().by_unit.get(_pk(unit), ()) if p.active_on(on)}


def officers_of(unit: Unit | int, on: date) -> list[Official]:
    """Everyone serving in the unit on `on`, by name (one entry per person)."""
    registry = snapshot.current()
    by_name = sorted(officer_ids_of(unit, on), key=lambda pk: (registry.officials[pk].full_name, pk))
    return [registry.officials[pk].instance() for pk in by_name]
