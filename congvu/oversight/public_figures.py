"""The figures the province publishes (`/cong-khai/`): for the last closed month, quarter or year,
each unit's work received, decided on time and late, overdue at the period's end, and deemed
agreements, with a ranking in the manner of the national public-service portal's index. Units
only: nothing here names an official.

A closed period does not change, so its figures are computed once and kept in Django's cache under
the period's key (CACHE_SECONDS; a period closes, a new key appears, and the old one simply ages out).

The index of each unit, out of 100 (shown on the page):
    50 × on-time rate     (decided by the legal deadline ÷ all decided in the period)
  + 30 × (1 − overdue share)  (open past the legal deadline at the period's end ÷ received, at most 1)
  + 20 × reply rate      (consultations due in the period answered ÷ all due; deemed agreements are not)
A part with nothing to count (no work decided, none received, no consultation due) scores in full."""

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db.models import Count, F, Q

from congvu.consult.models import ConsultationRequest
from congvu.lib.workdays import TZ
from congvu.org.models import Unit
from congvu.work.models import State, WorkItem

CACHE_SECONDS = 24 * 3600
CACHE_VERSION = 1
KINDS = {"thang": "month", "quy": "quarter", "nam": "year"}
ROMAN = ("I", "II", "III", "IV")
WEIGHTS = {"on_time": 50, "not_overdue": 30, "replies": 20}
# Not the unit's work: sent back, passed on to the competent unit, or revoked by its sender.
NOT_COUNTED = (State.RETURNED, State.TRANSFERRED, State.REVOKED)


@dataclass(frozen=True)
class ClosedPeriod:
    kind: str  # month, quarter, year
    since: date
    until: date

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"Tháng {self.since:%m/%Y}"
        if self.kind == "quarter":
            return f"Quý {ROMAN[(self.since.month - 1) // 3]}/{self.since.year}"
        return f"Năm {self.since.year}"

    @property
    def key(self) -> str:
        return f"public-figures:{self.kind}:{self.since.isoformat()}:{self.until.isoformat()}"


def last_closed(kind: str, today: date) -> ClosedPeriod:
    """The last month, quarter or year that ended before `today`."""
    if kind == "year":
        return ClosedPeriod(kind, date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    months = 3 if kind == "quarter" else 1
    first_of_current = date(today.year, today.month - (today.month - 1) % months, 1)
    until = first_of_current - timedelta(days=1)
    return ClosedPeriod(kind, date(until.year, until.month - months + 1, 1), until)


@dataclass(frozen=True)
class PublicFigures:
    unit_id: int
    unit_name: str
    received: int
    on_time: int
    late: int
    overdue: int
    deemed: int
    consultations_due: int
    index: float = 0.0
    rank: int = 0


def index_of(on_time: int, late: int, overdue: int, received: int, deemed: int, due: int) -> float:
    decided = on_time + late
    on_time_rate = on_time / decided if decided else 1.0
    overdue_share = min(1.0, overdue / received) if received else (1.0 if overdue else 0.0)
    reply_rate = 1 - deemed / due if due else 1.0
    score = (WEIGHTS["on_time"] * on_time_rate + WEIGHTS["not_overdue"] * (1 - overdue_share)
             + WEIGHTS["replies"] * max(0.0, reply_rate))
    return round(score, 1)


def bounds(period: ClosedPeriod) -> tuple[datetime, datetime]:
    start = datetime.combine(period.since, datetime.min.time(), TZ)
    return start, datetime.combine(period.until + timedelta(days=1), datetime.min.time(), TZ)


def compute(period: ClosedPeriod) -> list[PublicFigures]:
    """Per lead unit, from the items and consultation requests: a few grouped SQL aggregates."""
    start, end = bounds(period)
    counted = WorkItem.objects.exclude(state__in=NOT_COUNTED)
    in_period = Q(completed_at__gte=start, completed_at__lt=end)
    rows = (counted.filter(Q(created_at__gte=start, created_at__lt=end) | in_period
                           | Q(created_at__lt=end, legal_due_at__lt=end))
            .filter(Q(completed_at__isnull=True) | Q(completed_at__gte=start))
            .values("lead_unit_id").annotate(
                received=Count("id", filter=Q(created_at__gte=start, created_at__lt=end)),
                on_time=Count("id", filter=in_period & Q(completed_at__lte=F("legal_due_at"))),
                late=Count("id", filter=in_period & Q(completed_at__gt=F("legal_due_at"))),
                overdue=Count("id", filter=Q(created_at__lt=end, legal_due_at__lt=end)
                              & (Q(completed_at__isnull=True) | Q(completed_at__gte=end)))))
    work = {r.pop("lead_unit_id"): r for r in rows}
    replies = {r["unit_id"]: r for r in ConsultationRequest.objects.filter(due_at__gte=start, due_at__lt=end)
               .values("unit_id").annotate(due=Count("id"), deemed=Count("id", filter=Q(deemed_at__isnull=False)))}
    names = dict(Unit.objects.filter(pk__in=set(work) | set(replies)).values_list("pk", "name"))
    figures = []
    for unit_id in set(work) | set(replies):
        w, r = work.get(unit_id, {}), replies.get(unit_id, {})
        numbers = {k: w.get(k, 0) for k in ("received", "on_time", "late", "overdue")}
        if not any(numbers.values()) and not r.get("due"):
            continue
        deemed, due = r.get("deemed", 0), r.get("due", 0)
        figures.append(PublicFigures(unit_id, names.get(unit_id, ""), **numbers, deemed=deemed,
                                     consultations_due=due,
                                     index=index_of(numbers["on_time"], numbers["late"], numbers["overdue"],
                                                    numbers["received"], deemed, due)))
    return ranked(figures)


def ranked(figures: list[PublicFigures]) -> list[PublicFigures]:
    """Highest index first (ties share a rank), then by name."""
    ordered = sorted(figures, key=lambda f: (-f.index, f.unit_name))
    out, rank = [], 0
    for position, f in enumerate(ordered, start=1):
        if not out or f.index != out[-1].index:
            rank = position
        out.append(PublicFigures(**{**asdict(f), "rank": rank}))
    return out


def published(period: ClosedPeriod) -> list[PublicFigures]:
    """The period's figures, from the cache when another visitor already asked for them."""
    key = f"{period.key}:v{CACHE_VERSION}"
    found = cache.get(key)
    if found is None:
        found = [asdict(f) for f in compute(period)]
        cache.set(key, found, CACHE_SECONDS)
    return [PublicFigures(**f) for f in found]
