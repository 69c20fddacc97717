"""What the dashboard pages read from the request and hand to the charts: the period (?ky=…), the
unit filter (?don-vi=…), who may see which units, and the charts' data (passed with json_script,
drawn by static/congvu/charts.js: the CSP allows no inline script)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.http import urlencode
from django.utils.translation import get_language

from congvu.lib import clock
from congvu.lib.ids import parse_id
from congvu.org.models import LEADER_TITLES, Official, Unit
from congvu.oversight.period_figures import on_time_rate
from congvu.oversight.periods import Period, PeriodError, period_from_params
from congvu.oversight.queries import UnitFigures
from congvu.oversight.signals import SIGNALS, Row
from congvu.registry.serving import unit_ids_of
from congvu.web.roles import sees_overview

TOP = 10  # rows of each table on the dashboard; "Xem tất cả" opens the rest
UNIT_PARAM = "don-vi"


@dataclass
class Scope:
    """The period and the units a dashboard page shows, and the query string that keeps both."""

    period: Period
    error: PeriodError | None
    unit: Unit | None
    units: QuerySet[Unit] | None  # None: every unit (an overseer without a filter)

    def query(self, **extra) -> str:
        params = {**self.period.params(), **({UNIT_PARAM: self.unit.pk} if self.unit else {}), **extra}
        return urlencode({k: v for k, v in params.items() if v not in (None, "")})

    @property
    def label(self) -> str:
        return self.period.label(get_language() or "vi")


def led_unit_ids(official: Official) -> set[int]:
    """Units the official heads or deputises today: a unit head sees its own unit's signals."""
    return set(unit_ids_of(official, clock.today(), LEADER_TITLES))


def scope_of(request: HttpRequest) -> Scope | None:
    """The period and units asked for, within what the official may see; None: nothing to see."""
    period, error = period_from_params(request.GET, clock.today())
    official = request.official
    allowed = None if sees_overview(official) else led_unit_ids(official)
    if allowed is not None and not allowed:
        return None
    unit_id = parse_id(request.GET.get(UNIT_PARAM, ""))
    unit = Unit.objects.filter(pk=unit_id).first() if unit_id else None
    if unit is not None and allowed is not None and unit.pk not in allowed:
        unit = None
    if unit is not None:
        units = Unit.objects.filter(pk=unit.pk)
    else:
        units = None if allowed is None else Unit.objects.filter(pk__in=allowed)
    return Scope(period, error, unit, units)


def trend_period(period: Period) -> Period:
    """The monthly trend covers the period, or the twelve months up to its end when it is shorter
    than three months (a trend of one point says nothing)."""
    if len(period.months()) >= 3:
        return period
    year, month = period.end.year, period.end.month - 11
    if month <= 0:
        year, month = year - 1, month + 12
    return Period("custom", date(year, month, 1), period.end)


def chart_data(figures: list[UnitFigures], trend: list[dict], signal_rows: list[Row]) -> dict:
    """Three charts: on-time rate per unit, the monthly trend (over `trend_period`), the signals per unit
    (top units)."""
    rated = sorted(((f.unit_name, on_time_rate(f)) for f in figures if on_time_rate(f) is not None),
                   key=lambda pair: pair[1])
    top = signal_rows[:TOP]
    return {
        "onTime": {"labels": [n for n, _ in rated], "values": [r for _, r in rated]},
        "trend": {"labels": [p["label"] for p in trend], "assigned": [p["assigned"] for p in trend],
                  "onTime": [p["on_time"] for p in trend], "overdue": [p["overdue"] for p in trend],
                  "rate": [p["on_time_rate"] for p in trend]},
        "signals": {"labels": [r.unit_name for r in top],
                    "series": [{"label": str(s.label), "values": [r.counts.get(s.code, 0) for r in top]}
                               for s in SIGNALS if s.code != "step_delay"],
                    "index": [r.index for r in top]},
    }
