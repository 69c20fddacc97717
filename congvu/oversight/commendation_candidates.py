"""Who may be proposed for commendation in a period, and why (clause 1.8): units and officials whose
work completed in the period was on time against its legal deadline, with no deemed agreement
charged to them and nothing of theirs overdue, including hard matters (long legal time limits)
decided within their limits. The figures are counted with `figure_conditions`, so they agree with
the overview's. The thresholds are named below and shown on the page: nothing hidden."""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, Q
from django.urls import reverse

from congvu.consult.models import Responsibility
from congvu.lib.workdays import TZ
from congvu.org.models import UnitKind
from congvu.oversight.models_inspections import Finding, FindingCategory
from congvu.oversight.queries import figure_conditions
from congvu.work.models import State, WorkItem

MIN_COMPLETED = 3  # fewer completed items say too little to commend
MIN_ON_TIME_PERCENT = 90
HARD_MATTER_DAYS = 20  # a matter type with a legal time limit of at least this many working days


@dataclass(frozen=True)
class Candidate:
    unit_id: int
    unit_name: str
    official_id: int | None
    official_name: str
    completed: int
    on_time: int
    hard_on_time: int
    evidence: list[dict] = field(default_factory=list)

    @property
    def on_time_percent(self) -> float:
        return round(100 * self.on_time / self.completed, 1) if self.completed else 0.0


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return datetime.combine(start, time.min, TZ), datetime.combine(end, time.max, TZ)


def _evidence(c: dict, start: date, end: date, per: str) -> list[dict]:
    # The item list has no completion-date filter: it opens the on-time work of the unit or holder.
    base = f"/danh-sach/?{per}&bucket=on_time"
    return [
        {"label": f"Hoàn thành {c['completed']} việc trong kỳ, đúng hạn {c['on_time']} "
                  f"({round(100 * c['on_time'] / c['completed'], 1)}%)", "url": base},
        {"label": f"Việc khó (thời hạn từ {HARD_MATTER_DAYS} ngày làm việc) giải quyết đúng hạn: {c['hard_on_time']}",
         "url": base},
        {"label": "Không có trường hợp coi như đồng ý (không trả lời xin ý kiến đúng hạn) trong kỳ", "url": ""},
        {"label": "Không có việc quá hạn chưa giải quyết", "url": ""},
    ]


def _rows(start: date, end: date, by: tuple[str, ...], unit_field: str) -> list[dict]:
    since, until = _bounds(start, end)
    conditions = figure_conditions()
    # The Province committee's own work is not commended by itself: candidates are the units it oversees.
    return list(WorkItem.objects.filter(state=State.COMPLETED, completed_at__range=(since, until))
                .exclude(**{f"{unit_field}__kind": UnitKind.PROVINCE_COMMITTEE})
                .values(*by).annotate(
                    completed=Count("id"), on_time=Count("id", filter=conditions["on_time"]),
                    hard_on_time=Count("id", filter=conditions["on_time"]
                                       & Q(matter_type__time_limit_days__gte=HARD_MATTER_DAYS)))
                .filter(completed__gte=MIN_COMPLETED).order_by(*by))


def _qualifies(row: dict) -> bool:
    return 100 * row["on_time"] >= MIN_ON_TIME_PERCENT * row["completed"]


def positive_findings(start: date, end: date, per: str) -> dict[int, list[dict]]:
    """Inspections' positive findings of the period (clause 1.6 -> 1.8), as evidence per unit
    (`per="unit_id"`) or per official (`per="official_id"`)."""
    found: dict[int, list[dict]] = {}
    rows = (Finding.objects.filter(category=FindingCategory.POSITIVE, recorded_at__range=_bounds(start, end))
            .exclude(**{per: None}).select_related("inspection").order_by("recorded_at"))
    for finding in rows:
        found.setdefault(getattr(finding, per), []).append(
            {"label": f"Kiểm tra “{finding.inspection.title}” ghi nhận: {finding.summary}",
             "url": reverse("inspection", args=[finding.inspection_id])})
    return found


def unit_candidates(start: date, end: date) -> list[Candidate]:
    since, until = _bounds(start, end)
    silent = set(Responsibility.objects.filter(recorded_at__range=(since, until)).values_list("unit_id", flat=True))
    overdue = set(WorkItem.objects.filter(figure_conditions()["overdue"]).values_list("lead_unit_id", flat=True))
    praised = positive_findings(start, end, "unit_id")
    return [Candidate(r["lead_unit_id"], r["lead_unit__name"], None, "", r["completed"], r["on_time"],
                      r["hard_on_time"], _evidence(r, start, end, f"unit={r['lead_unit_id']}")
                      + praised.get(r["lead_unit_id"], []))
            for r in _rows(start, end, ("lead_unit_id", "lead_unit__name"), "lead_unit")
            if _qualifies(r) and r["lead_unit_id"] not in silent | overdue]


def official_candidates(start: date, end: date) -> list[Candidate]:
    since, until = _bounds(start, end)
    silent = set(Responsibility.objects.filter(recorded_at__range=(since, until))
                 .values_list("holder_id", flat=True))
    overdue = set(WorkItem.objects.filter(figure_conditions()["overdue"]).values_list("holder_id", flat=True))
    praised = positive_findings(start, end, "official_id")
    return [Candidate(r["holder_unit_id"], r["holder_unit__name"], r["holder_id"], r["holder__full_name"],
                      r["completed"], r["on_time"], r["hard_on_time"],
                      _evidence(r, start, end, f"holder={r['holder_id']}") + praised.get(r["holder_id"], []))
            for r in _rows(start, end, ("holder_id", "holder__full_name", "holder_unit_id", "holder_unit__name"),
                           "holder_unit")
            if _qualifies(r) and r["holder_id"] not in silent | overdue]
