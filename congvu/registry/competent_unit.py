"""The one unit to offer as competent for a matter, so that forms pre-select it and a refusal can
name it and offer the transfer to it (clause 2.1: competence that guides instead of trapping).

`congvu.registry.queries.competence_for` says who is competent, possibly as a kind of unit ("the
commune of the territory"); this picks the unit itself: the named unit (or its delegate), else the
unit of that kind where the work arose or above it (a commune's division → the commune), else the
requesting unit when it is of that kind. None when the registry does not let us name one."""

from datetime import date

from congvu.org.models import Unit
from congvu.registry import snapshot
from congvu.registry.models import MatterType
from congvu.registry.queries import competence_for
from congvu.registry.snapshot import MatterTypeFact, UnitFact


def competent_unit_for(matter_type: MatterType | MatterTypeFact, on: date, territory: Unit | UnitFact | None,
                       requester: Unit | UnitFact | None = None) -> UnitFact | None:
    units = snapshot.current().units
    competence = competence_for(matter_type, on, territory=territory)
    named = competence.unit_id or competence.territory_id
    if named is not None:
        return units.get(named)
    for start in (territory, requester):
        found = _unit_of_kind_at_or_above(start.pk if start is not None else None, competence.kind, units)
        if found is not None:
            return found
    return None


def _unit_of_kind_at_or_above(unit_id: int | None, kind: str, units: dict[int, UnitFact]) -> UnitFact | None:
    seen: set[int] = set()
    while unit_id is not None and unit_id not in seen and unit_id in units:
        seen.add(unit_id)
        unit = units[unit_id]
        if kind and unit.kind == kind:
            return unit
        unit_id = unit.parent_id
    return None
