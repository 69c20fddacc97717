"""Reads of the registry: competence on a date, the official calendar, regulation parameters."""

from datetime import date

from django.db.models import Count, Max

from congvu.lib.official_schedule import DayKind, ScheduleEntry
from congvu.lib.workdays import Calendar
from congvu.org.models import Unit
from congvu.registry.models import Authority, CalendarDay, Delegation, MatterType, RegulationParameter
from congvu.work.rules import Competence

_calendar_cache: dict[tuple, Calendar] = {}


def current_calendar() -> Calendar:
    """The calendar built from the administrator's official schedule, rebuilt only when it changed."""
    stamp = CalendarDay.objects.aggregate(n=Count("id"), last=Max("updated_at"), top=Max("id"))
    key = (stamp["n"], stamp["last"], stamp["top"])
    if key not in _calendar_cache:
        entries = [
            ScheduleEntry(day=row.day, kind=DayKind(row.kind), name=row.name, source=row.source)
            for row in CalendarDay.objects.all()
        ]
        _calendar_cache.clear()
        _calendar_cache[key] = Calendar(entries)
    return _calendar_cache[key]


def successor_on(unit: Unit, on: date) -> Unit:
    """The unit that carries a merged unit's functions on `on` (follows the successor chain)."""
    seen = set()
    while unit.valid_to is not None and unit.valid_to < on and unit.successor_id and unit.pk not in seen:
        seen.add(unit.pk)
        unit = unit.successor
    return unit


def delegation_in_force(matter_type: MatterType, on: date) -> Delegation | None:
    return (
        Delegation.objects.filter(matter_type=matter_type, valid_from__lte=on)
        .exclude(valid_to__lt=on)
        .select_related("to_unit")
        .first()
    )


def competence_for(matter_type: MatterType, on: date, territory: Unit | None = None) -> Competence:
    """Who decides this matter on `on`: a delegation in force wins over the registry's unit."""
    delegation = delegation_in_force(matter_type, on)
    if delegation is not None:
        return Competence(unit_id=delegation.to_unit_id, kind="", decides_locally=True)
    local = matter_type.authority == Authority.UNIT_HEAD
    if matter_type.competent_unit_id:
        unit = successor_on(matter_type.competent_unit, on)
        return Competence(unit_id=unit.pk, kind="", decides_locally=local)
    territory_id = territory.pk if territory is not None and territory.kind == matter_type.competent_kind else None
    return Competence(unit_id=None, kind=matter_type.competent_kind, decides_locally=local, territory_id=territory_id)


def parameter(key: str) -> RegulationParameter:
    return RegulationParameter.objects.get(key=key)
