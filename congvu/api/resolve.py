"""Ids in, objects out: each id the API receives is resolved here, through the access helpers.

An item or request the caller may not see answers exactly like one that does not exist (404), so
ids reveal nothing. A registry id in a body (unit, matter type, official) that names nothing usable
is a 404 too, naming the field: any id is well-formed (the schema cannot list the registry), so it
is the object, not the input, that is missing. The registries are public to every official.

A date the schema accepts but the working calendar does not cover is refused with 409 (the
calendar as it stands; the administrator adds the next years)."""

from datetime import date, timedelta
from typing import TypeVar

from django.db.models import Model, QuerySet

from congvu.api.errors import NotFound, not_found
from congvu.consult.access import items_in_sight, visible_requests
from congvu.consult.models import ConsultationRequest
from congvu.lib.clock import today
from congvu.lib.refusals import InvalidInput
from congvu.org.models import Official, Unit
from congvu.registry import snapshot
from congvu.registry.models import MatterType
from congvu.registry.queries import current_calendar
from congvu.work.models import WorkItem

# A date this close to the calendar's end could be moved past it (to the next working day).
CALENDAR_MARGIN = timedelta(days=31)

M = TypeVar("M", bound=Model)


def seen(visible: QuerySet[M], pk: int, what_vi: str, what_en: str) -> M:
    """Object `pk` among those the caller may see (`visible`), or the 404 of one that does not exist."""
    found = visible.filter(pk=pk).first()
    if found is None:
        raise not_found(what_vi, what_en, pk)
    return found


def item(official: Official, pk: int) -> WorkItem:
    """An item the caller sees whole or is consulted on (what they see of it: `serialize.item_detail`);
    an action on it then asks the action, which refuses who may not act (403)."""
    return seen(items_in_sight(official), pk, "công việc", "item")


def request(official: Official, pk: int) -> ConsultationRequest:
    return seen(visible_requests(official), pk, "yêu cầu xin ý kiến", "consultation request")


def unit(pk: int, field: str) -> Unit:
    found = snapshot.current().units.get(pk)
    if found is None or not found.is_active_on(today()):
        raise NotFound(f"{field}: không có đơn vị #{pk} đang hoạt động.", f"{field}: no active unit #{pk}.")
    return found.instance()


def unit_at_path(pk: int) -> Unit:
    found = snapshot.current().units.get(pk)
    if found is None or not found.is_active_on(today()):
        raise not_found("đơn vị", "unit", pk)
    return found.instance()


def unit_or_none(pk: int | None, field: str) -> Unit | None:
    return None if pk is None else unit(pk, field)


def units(pks: list[int], field: str) -> list[Unit]:
    return [unit(pk, field) for pk in dict.fromkeys(pks)]


def matter_type(pk: int) -> MatterType:
    found = MatterType.objects.filter(pk=pk).first()
    if found is None:
        raise NotFound(f"matter_type: không có loại việc #{pk}.", f"matter_type: no matter type #{pk}.")
    return found


def official(pk: int, field: str) -> Official:
    found = snapshot.current().officials.get(pk)
    if found is None:
        raise NotFound(f"{field}: không có cán bộ #{pk}.", f"{field}: no official #{pk}.")
    return found.instance()


def calendar_date(day: date | None, field: str) -> date | None:
    """A date counted on the working calendar must lie inside it; outside, say so (409, not a 500)."""
    if day is None:
        return None
    calendar = current_calendar()
    first, last = calendar.first_day, calendar.last_day - CALENDAR_MARGIN
    if not first <= day <= last:
        raise InvalidInput(
            f"{field}: ngày {day:%d/%m/%Y} nằm ngoài lịch làm việc ({first:%d/%m/%Y} – {last:%d/%m/%Y}).",
            f"{field}: {day:%d/%m/%Y} is outside the working calendar ({first:%d/%m/%Y} – {last:%d/%m/%Y}).",
        )
    return day


def period(since: date, until: date) -> tuple[date, date]:
    """A period asked of the figures: both ends on the working calendar, the end not before the start (409)."""
    since, until = calendar_date(since, "from"), calendar_date(until, "to")
    if until < since:
        raise InvalidInput("Ngày kết thúc kỳ phải sau ngày bắt đầu.", "The period's end must not precede its start.")
    return since, until
