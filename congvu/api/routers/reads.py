"""Reads that are not about one item: who I am, the registries, the calendar, the unit figures."""

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from congvu.api import resolve
from congvu.api.errors import AUTH, FILTERED, ONE_OBJECT, language
from congvu.api.fields import MAX_ID, InputDate
from congvu.api.routers.common import answers, caller
from congvu.api.schemas import DeadlineOut, FiguresOut, MatterTypeOut, MeOut, OfficialOut, StepDelaysOut, UnitOut
from congvu.lib.choices import label_of
from congvu.lib.clock import today
from congvu.lib.refusals import AccessDenied, InvalidInput
from congvu.lib.replica import replica_reads
from congvu.org.models import LEADER_TITLES, Position, Title, Unit, UnitKind
from congvu.oversight.access import sees_figures
from congvu.oversight.queries import step_delays, unit_figures
from congvu.registry import queries as registry
from congvu.registry.models import MatterType
from congvu.registry.queries import current_calendar
from congvu.registry.serving import positions_on, serves_in
from congvu.work.access import may_register

router = Router(tags=["Tra cứu"])


@router.get("/me", response=answers(MeOut, AUTH), summary="Tôi là ai: cán bộ, đơn vị, chức danh, vai trò")
def me(request: HttpRequest):
    official = caller(request)
    # Asked of the registry as every access decision asks it (congvu.registry.serving).
    held = sorted(positions_on(official, today()), key=lambda p: registry.unit(p.unit_id).name)
    rows = [{"unit_id": p.unit_id, "unit_name": registry.unit(p.unit_id).name, "title": p.title,
             "title_label": label_of(Title, p.title), "is_leader": p.title in LEADER_TITLES} for p in held]
    return {
        "id": official.pk, "username": official.user.get_username(), "full_name": official.full_name,
        "email": official.email, "role": official.role, "role_label": official.get_role_display(),
        "sees_everything": official.sees_everything, "sees_figures": sees_figures(official),
        "may_register": may_register(official), "positions": rows,
        "unit_ids": sorted({r["unit_id"] for r in rows}),
        "leader_unit_ids": sorted({r["unit_id"] for r in rows if r["is_leader"]}),
    }


class UnitFilters(Schema):
    kind: UnitKind | None = None


@router.get("/units", response=answers(list[UnitOut], FILTERED), summary="Các cơ quan, đơn vị đang hoạt động")
def units(request: HttpRequest, filters: Query[UnitFilters]):
    on = today()
    found = Unit.objects.filter(valid_from__lte=on).exclude(valid_to__lt=on).order_by("kind", "name")
    return found.filter(kind=filters.kind) if filters.kind else found


@router.get("/units/{unit_id}/officials", response=answers(list[OfficialOut], ONE_OBJECT),
            summary="Cán bộ đang công tác tại một đơn vị (để phân công)")
def unit_officials(request: HttpRequest, unit_id: int = Path(..., ge=1, le=MAX_ID)):
    official, on = caller(request), today()
    unit = resolve.unit_at_path(unit_id)
    if not official.sees_everything and not serves_in(official, unit, on):
        raise AccessDenied("Chỉ cán bộ của đơn vị mới xem được danh sách cán bộ của đơn vị.",
                           "Only the unit's own officials may list its officials.")
    positions = Position.objects.active_on(on).filter(unit=unit).select_related("official")
    people: dict[int, dict] = {}
    for p in positions.order_by("official__full_name", "id"):
        row = people.setdefault(p.official_id, {"id": p.official_id, "full_name": p.official.full_name, "titles": []})
        row["titles"].append(p.title)
    return list(people.values())


@router.get("/matter-types", response=answers(list[MatterTypeOut], AUTH), summary="Danh mục loại việc và thẩm quyền")
def matter_types(request: HttpRequest):
    rows = MatterType.objects.prefetch_related("related_units").order_by("field", "name")
    return [{**{f: getattr(m, f) for f in ("id", "code", "name", "field", "competent_unit_id", "competent_kind",
                                           "authority", "legal_basis", "time_limit_days", "extension_limit_days",
                                           "extension_approver")},
             "related_unit_ids": sorted(u.pk for u in m.related_units.all())} for m in rows]


class DeadlineQuery(Schema):
    event_date: InputDate = Field(alias="from", description="Ngày xảy ra sự kiện (không tính vào thời hạn)")
    days: int = Field(ge=0, le=365, description="Số ngày làm việc")


@router.get("/deadline", response=answers(DeadlineOut, FILTERED | {409}),
            summary="Hạn của thời hạn N ngày làm việc và cách tính (Điều 147–148 BLDS 2015)")
def deadline(request: HttpRequest, params: Query[DeadlineQuery]):
    start = resolve.calendar_date(params.event_date, "from")
    try:
        explanation = current_calendar().explain(start, params.days)
    except ValueError as error:  # the period runs past the calendar: the message is meant for the reader
        raise InvalidInput(str(error), str(error)) from None
    vi, en = explanation.lines("vi"), explanation.lines("en")
    return {"event_date": start, "days": params.days, "due_date": explanation.due,
            "due_at": explanation.due_moment, "calendar_version": explanation.calendar_version,
            "lines": en if language() == "en" else vi, "lines_vi": vi, "lines_en": en,
            "unconfirmed_holidays": [p.day for p in explanation.unconfirmed],
            "unpublished_years": list(explanation.unpublished_years)}


@router.get("/figures", response=answers(list[FiguresOut], AUTH),
            summary="Số liệu theo đơn vị (Sở Nội vụ, Văn phòng UBND tỉnh)")
@replica_reads()  # from the read replica, when there is one (congvu/lib/replica.py)
def figures(request: HttpRequest):
    if not sees_figures(caller(request)):
        raise AccessDenied("Chỉ Sở Nội vụ và Văn phòng UBND tỉnh xem số liệu của mọi đơn vị.",
                           "Only Home Affairs and the Province office see the figures of every unit.")
    return [{**vars(f), "overdue_rate": f.overdue_rate} for f in unit_figures()]


class PeriodQuery(Schema):
    since: InputDate = Field(alias="from", description="Từ ngày")
    until: InputDate = Field(alias="to", description="Đến ngày")


@router.get("/figures/step-delays", response=answers(StepDelaysOut, FILTERED | {409}),
            summary="Số ngày chậm của từng bước, tính cho cán bộ giữ bước và đơn vị (theo kỳ)")
@replica_reads()
def step_delay_figures(request: HttpRequest, period: Query[PeriodQuery]):
    if not sees_figures(caller(request)):
        raise AccessDenied("Chỉ Sở Nội vụ và Văn phòng UBND tỉnh xem số liệu của mọi đơn vị.",
                           "Only Home Affairs and the Province office see the figures of every unit.")
    since, until = resolve.period(period.since, period.until)
    officials, units = step_delays(since, until)
    return {"since": since, "until": until, "officials": [vars(r) for r in officials],
            "units": [vars(r) for r in units]}
