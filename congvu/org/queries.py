"""Who serves where, on a given day. Every access decision asks these few questions."""

from collections.abc import Iterable
from datetime import date

from congvu.org.models import LEADER_TITLES, Official, Position, Title, Unit


def serves_in(official: Official, unit: Unit | int, on: date, titles: Iterable[str] | None = None) -> bool:
    positions = Position.objects.active_on(on).filter(official=official, unit=unit)
    if titles is not None:
        positions = positions.filter(title__in=list(titles))
    return positions.exists()


def is_leader(official: Official, unit: Unit | int, on: date) -> bool:
    """Head or deputy: directs, approves extensions, may override a refusal with a written reason."""
    return serves_in(official, unit, on, LEADER_TITLES)


def unit_ids_of(official: Official, on: date) -> set[int]:
    return set(Position.objects.active_on(on).filter(official=official).values_list("unit_id", flat=True))


def leader_unit_ids_of(official: Official, on: date) -> set[int]:
    positions = Position.objects.active_on(on).filter(official=official, title__in=LEADER_TITLES)
    return set(positions.values_list("unit_id", flat=True))


def head_of(unit: Unit | int, on: date) -> Official | None:
    """The unit's head, or its first deputy while the head's post is vacant."""
    positions = Position.objects.active_on(on).filter(unit=unit, title__in=LEADER_TITLES)
    position = positions.select_related("official").order_by("-title", "valid_from").first()
    # "head" sorts after "deputy", hence the descending order.
    return position.official if position else None


def officers_of(unit: Unit | int, on: date) -> list[Official]:
    positions = Position.objects.active_on(on).filter(unit=unit).select_related("official")
    return [p.official for p in positions.order_by("official__full_name")]


def is_clerk_or_leader(official: Official, unit: Unit | int, on: date) -> bool:
    return serves_in(official, unit, on, (Title.CLERK, *LEADER_TITLES))
