"""The dashboard's figures and the signals of pushing work around for one period (issue 10): the same
numbers as /tong-hop/ and /tong-hop/dau-hieu/. The period is read like the pages' (congvu.oversight.periods):
`period` month|quarter|year|custom with `year`, `month`, `quarter`, or `from`/`to` (ISO dates)."""

from datetime import date
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from congvu.api.errors import FILTERED
from congvu.api.fields import MAX_ID, InputDate, LocalDateTime
from congvu.api.routers.common import answers, caller
from congvu.lib import clock
from congvu.lib.refusals import AccessDenied, InvalidInput
from congvu.lib.replica import replica_reads
from congvu.org.models import LEADER_TITLES, Unit
from congvu.oversight.access import sees_figures
from congvu.oversight.period_figures import figures_and_trend, on_time_rate
from congvu.oversight.periods import Period, PeriodError, parse_period
from congvu.oversight.signals import SIGNALS, Row, signals_of, weights
from congvu.registry.serving import unit_ids_of

router = Router(tags=["Giám sát"])


class DashboardQuery(Schema):
    period: Literal["month", "quarter", "year", "custom"] = Field(
        "month", description="Kỳ: tháng, quý, năm hoặc khoảng ngày tùy chọn (mặc định: tháng hiện tại)")
    year: int | None = Field(None, ge=2000, le=2100, description="Năm của kỳ (mặc định: năm hiện tại)")
    month: int | None = Field(None, ge=1, le=12, description="Tháng (kỳ month)")
    quarter: int | None = Field(None, ge=1, le=4, description="Quý (kỳ quarter)")
    since: InputDate | None = Field(None, alias="from", description="Từ ngày (kỳ custom)")
    until: InputDate | None = Field(None, alias="to", description="Đến ngày (kỳ custom)")
    unit: int | None = Field(None, ge=1, le=MAX_ID, description="Chỉ một đơn vị")


class PeriodOut(Schema):
    kind: str
    start: date
    end: date
    label_vi: str
    label_en: str
    judged_at: LocalDateTime = Field(description="Thời điểm đánh giá: cuối kỳ, hoặc hiện tại nếu kỳ chưa hết")


class UnitPeriodFiguresOut(Schema):
    unit_id: int
    unit_name: str
    assigned: int
    completed_on_time: int
    completed_after_extension: int
    completed_late: int
    open_within_deadline: int
    open_overdue: int
    overdue_rate: float
    on_time_rate: float | None = Field(description="Hoàn thành đúng hạn / đã hoàn thành (%), null khi chưa có")
    passed_on: int
    extensions_self: int
    extensions_above: int


class TrendPointOut(Schema):
    month: str = Field(description="mm/yyyy")
    assigned: int
    completed: int
    on_time: int
    overdue: int
    on_time_rate: float | None


class SignalRowOut(Schema):
    unit_id: int
    unit_name: str
    official_id: int | None = None
    official_name: str = ""
    counts: dict[str, int] = Field(description="Số của từng dấu hiệu, theo mã (xem weights)")
    assigned: int = 0
    avoidance_index: float = 0.0


class DashboardOut(Schema):
    period: PeriodOut
    figures: list[UnitPeriodFiguresOut]
    trend: list[TrendPointOut]
    signals: list[SignalRowOut]


class SignalsOut(Schema):
    period: PeriodOut
    formula: str
    weights: dict[str, int] = Field(description="Trọng số (phần mười điểm) theo mã dấu hiệu, tham số của danh mục")
    units: list[SignalRowOut]
    officials: list[SignalRowOut]


FORMULA = ("avoidance_index = 100 × Σ (weight / 10 × count) / max(items registered in the period, 10); "
           "step_delay counts working days late")


def period_of(query: DashboardQuery) -> Period:
    words = {"period": "ky", "year": "nam", "month": "thang", "quarter": "quy"}
    params = {words[k]: str(v) for k, v in query.dict().items() if k in words and v is not None}
    params |= {"tu": query.since.isoformat()} if query.since else {}
    params |= {"den": query.until.isoformat()} if query.until else {}
    try:
        return parse_period(params, clock.today())
    except PeriodError as error:
        raise InvalidInput(error.message_vi, error.message_en) from None


def period_out(period: Period) -> dict:
    return {"kind": period.kind, "start": period.start, "end": period.end, "label_vi": period.label_vi,
            "label_en": period.label_en, "judged_at": period.judged_at(clock.now())}


def units_for(request: HttpRequest, query: DashboardQuery, heads_too: bool):
    """The units the caller may see (None: all), narrowed to `unit` when asked."""
    official = caller(request)
    allowed = None if sees_figures(official) else (
        unit_ids_of(official, clock.today(), LEADER_TITLES) if heads_too else set())
    if allowed is not None and not allowed:
        raise AccessDenied("Chỉ Sở Nội vụ, Văn phòng UBND tỉnh (và thủ trưởng với đơn vị mình) xem số liệu này.",
                           "Only Home Affairs, the Province office (and a head, for their own unit) see this.")
    if query.unit is not None:
        if allowed is not None and query.unit not in allowed:
            raise AccessDenied("Không xem được số liệu của đơn vị khác.", "You may not see another unit's figures.")
        return Unit.objects.filter(pk=query.unit)
    return None if allowed is None else Unit.objects.filter(pk__in=allowed)


def scope_of(request: HttpRequest, query: DashboardQuery, heads_too: bool):
    """The units the caller may see and the period asked for, in that order: a caller without access is
    refused before being told anything about the period."""
    return units_for(request, query, heads_too), period_of(query)


def signal_row(row: Row) -> dict:
    return {"unit_id": row.unit_id, "unit_name": row.unit_name, "official_id": row.official_id,
            "official_name": row.official_name, "assigned": row.assigned, "avoidance_index": row.index,
            "counts": {s.code: row.counts.get(s.code, 0) for s in SIGNALS}}


@router.get("/oversight/dashboard", response=answers(DashboardOut, FILTERED | {409}),
            summary="Tổng hợp theo kỳ: số liệu từng đơn vị, xu hướng theo tháng, dấu hiệu né tránh (Sở Nội vụ)")
@replica_reads()
def oversight_dashboard(request: HttpRequest, query: Query[DashboardQuery]):
    units, period = scope_of(request, query, heads_too=False)
    figures, trend = figures_and_trend(period, period, units)  # one pass over the period's items
    unit_rows, _officials = signals_of(period, units)
    return {
        "period": period_out(period),
        "figures": [{**vars(f), "overdue_rate": f.overdue_rate, "on_time_rate": on_time_rate(f)} for f in figures],
        "trend": [{**p, "month": p["label"]} for p in trend],
        "signals": [signal_row(r) for r in unit_rows],
    }


@router.get("/oversight/signals", response=answers(SignalsOut, FILTERED | {409}),
            summary="Dấu hiệu đùn đẩy, né tránh theo đơn vị và cán bộ, với chỉ số né tránh (Mục 1.2)")
@replica_reads()
def oversight_signals(request: HttpRequest, query: Query[DashboardQuery]):
    units, period = scope_of(request, query, heads_too=True)
    unit_rows, official_rows = signals_of(period, units)
    return {"period": period_out(period), "formula": FORMULA, "weights": weights(),
            "units": [signal_row(r) for r in unit_rows], "officials": [signal_row(r) for r in official_rows]}
