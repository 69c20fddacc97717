"""Who decides a matter, as the registry answers it (`congvu.registry.queries.competence_for`) and
the rules of clause 2.1 read it (`congvu.work.rules`): plain values, no database, so the registry
below work and the rules above it share one definition."""

from dataclasses import dataclass


@dataclass(frozen=True)
class UnitRef:
    id: int
    kind: str
    name: str


@dataclass(frozen=True)
class Competence:
    """Who the registry says decides an item's matter, on the item's date.

    `unit_id` names the competent unit; for matters decided by each commune on its own territory
    the registry names a `kind` instead and the unit where the work arose (`territory_id`) is the
    competent one. `decides_locally` is true when the authority rests with that unit: its head
    decides, or the Province's power was delegated to it (phân cấp, ủy quyền)."""

    unit_id: int | None
    kind: str
    decides_locally: bool
    territory_id: int | None = None

    def covers(self, unit: UnitRef) -> bool:
        if self.unit_id is not None:
            return unit.id == self.unit_id
        return unit.kind == self.kind and (self.territory_id is None or unit.id == self.territory_id)
