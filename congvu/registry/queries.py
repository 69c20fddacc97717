"""Reads of the registry: competence on a date, the official calendar, regulation parameters."""

from datetime import date

from congvu.lib.workdays import Calendar
from congvu.org.models import Unit
from congvu.registry import snapshot
from congvu.registry.competence import Competence
from congvu.registry.models import Authority, MatterType
from congvu.registry.parameters import DEFAULTS
from congvu.registry.snapshot import DelegationFact, MatterTypeFact, ParameterFact, UnitFact


def current_calendar() -> Calendar:
    """The calendar built from the administrator's official schedule (rebuilt only when it changed)."""
    return snapshot.current().calendar


def successor_on(unit: UnitFact, on: date) -> UnitFact:
    """The unit that carries a merged unit's functions on `on` (follows the successor chain)."""
    units, seen = snapshot.current().units, set()
    while unit.valid_to is not None and unit.valid_to < on and unit.successor_id and unit.pk not in seen:
        seen.add(unit.pk)
        unit = units[unit.successor_id]
    return unit


def delegation_in_force(matter_type: MatterType | MatterTypeFact, on: date) -> DelegationFact | None:
    """The delegation of this matter type in force on `on`: of several, the one that started last
    (a newer document supersedes an older one); None outside every period (an authorisation past
    its end date delegates nothing)."""
    in_force = [d for d in snapshot.current().delegations.get(matter_type.pk, ()) if d.in_force_on(on)]
    return in_force[-1] if in_force else None  # the snapshot keeps them by (valid_from, id)


def competence_for(matter_type: MatterType | MatterTypeFact, on: date,
                   territory: Unit | UnitFact | None = None) -> Competence:
    """Who decides this matter on `on`: a delegation in force wins over the registry's unit; a
    decentralisation to a kind of unit makes each unit of that kind competent on its own territory."""
    delegation = delegation_in_force(matter_type, on)
    if delegation is not None and delegation.to_unit_id is not None:
        return Competence(unit_id=delegation.to_unit_id, kind="", decides_locally=True)
    if delegation is not None:
        territory_id = territory.pk if territory is not None and territory.kind == delegation.to_kind else None
        return Competence(unit_id=None, kind=delegation.to_kind, decides_locally=True, territory_id=territory_id)
    local = matter_type.authority == Authority.UNIT_HEAD
    if matter_type.competent_unit_id:
        unit = successor_on(snapshot.current().units[matter_type.competent_unit_id], on)
        return Competence(unit_id=unit.pk, kind="", decides_locally=local)
    territory_id = territory.pk if territory is not None and territory.kind == matter_type.competent_kind else None
    return Competence(unit_id=None, kind=matter_type.competent_kind, decides_locally=local, territory_id=territory_id)


def parameter(key: str) -> ParameterFact:
    """The administrator's value, or the shipped default when the row is missing."""
    if (row := snapshot.current().parameters.get(key)) is not None:
        return row
    return ParameterFact(None, *next(default for default in DEFAULTS if default[0] == key))  # [0]: the key


def matter_type(matter_type_id: int) -> MatterType:
    """A fresh instance (callers assign it to a foreign key), from the snapshot rather than a query."""
    return snapshot.current().matter_types[matter_type_id].instance()


def related_unit_ids(matter_type_id: int) -> frozenset[int]:
    return snapshot.current().related_units.get(matter_type_id, frozenset())


def unit(unit_id: int) -> UnitFact:
    return snapshot.current().units[unit_id]
