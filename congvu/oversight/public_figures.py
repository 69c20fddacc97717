"""The figures the province publishes (`/cong-khai/`): for the last closed month, quarter or year,
each unit's work received, decided on time and late, still open past its deadline at the period's
end, and its deemed agreements, with a ranking in the manner of the national public-service portal's
index. Units only: nothing here names an official.

The work figures are the dashboard's (`period_figures.unit_figures_in`): the items a unit led that
were registered in the period, judged at its end — so a closed period's figures stay as they were.
They are computed once and kept in Django's cache under the period's key (a period closes, a new key
appears, and the old one ages out). Computing a period at 300,000 items takes seconds, so no visitor
waits for it: the every-minute sweep computes the last closed month, quarter and year as soon as they
close, or whenever the cache lost them (`warm`), and the page only ever reads the cache.

The index of each unit, out of 100 (the formula is shown on the page):
    50 × on-time rate       (decided by the legal deadline ÷ all decided)
  + 30 × (1 − overdue share) (open past the legal deadline at the period's end ÷ received)
  + 20 × reply rate        (consultations due in the period answered in time ÷ all due)
A part with nothing to count (nothing decided, nothing received, no consultation due) scores in full."""

from dataclasses import asdict, dataclass
from datetime import date, timedelta

from django.core.cache import cache
from django.db.models import Count, Q

from congvu.consult.models import ConsultationRequest
from congvu.org.models import Unit
from congvu.oversight.period_figures import unit_figures_in
from congvu.oversight.periods import Period, containing

CACHE_SECONDS = 24 * 3600
CACHE_VERSION = 2
KINDS = {"thang": "month", "quy": "quarter", "nam": "year"}
WEIGHTS = {"on_time": 50, "not_overdue": 30, "replies": 20}


def last_closed(kind: str, today: date) -> Period:
    """The last month, quarter or year that ended before `today`."""
    return containing(kind, containing(kind, today).start - timedelta(days=1))


@dataclass(frozen=True)
class PublicFigures:
    unit_id: int
    unit_name: str
    received: int
    on_time: int
    late: int  # decided after the legal deadline, extended or not
    within: int  # still open at the period's end, within the legal deadline
    overdue: int
    deemed: int
    consultations_due: int
    index: float = 0.0
    rank: int = 0


def index_of(on_time: int, late: int, overdue: int, received: int, deemed: int, due: int) -> float:
    decided = on_time + late
    on_time_rate = on_time / decided if decided else 1.0
    overdue_share = min(1.0, overdue / received) if received else 0.0
    reply_rate = max(0.0, 1 - deemed / due) if due else 1.0
    score = (WEIGHTS["on_time"] * on_time_rate + WEIGHTS["not_overdue"] * (1 - overdue_share)
             + WEIGHTS["replies"] * reply_rate)
    return round(score, 1)


def replies_in(period: Period) -> dict[int, tuple[int, int]]:
    """{unit id: (consultation requests due in the period, of which deemed agreed)} — one query."""
    rows = (ConsultationRequest.objects.filter(due_at__gte=period.start_at, due_at__lt=period.end_at)
            .values("unit_id").annotate(due=Count("id"), deemed=Count("id", filter=Q(deemed_at__isnull=False)))
            .order_by())
    return {r["unit_id"]: (r["due"], r["deemed"]) for r in rows}


def compute(period: Period) -> list[PublicFigures]:
    work = {f.unit_id: f for f in unit_figures_in(period)}
    replies = replies_in(period)
    names = dict(Unit.objects.filter(pk__in=set(replies) - set(work)).values_list("pk", "name"))
    figures = []
    for unit_id in set(work) | set(replies):
        w, (due, deemed) = work.get(unit_id), replies.get(unit_id, (0, 0))
        received, on_time = (w.assigned, w.completed_on_time) if w else (0, 0)
        late = w.completed_late + w.completed_after_extension if w else 0
        within, overdue = (w.open_within_deadline, w.open_overdue) if w else (0, 0)
        if not (received or due):
            continue  # only work passed on or extended in the period: nothing of its own to publish
        figures.append(PublicFigures(
            unit_id, w.unit_name if w else names.get(unit_id, ""), received, on_time, late, within, overdue,
            deemed, due, index_of(on_time, late, overdue, received, deemed, due)))
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


def cache_key(period: Period) -> str:
    return f"public-figures:v{CACHE_VERSION}:{period.kind}:{period.start.isoformat()}:{period.end.isoformat()}"


def published(period: Period) -> list[PublicFigures]:
    """The period's figures, from the cache when another visitor already asked for them."""
    found = cache.get(cache_key(period))
    if found is None:
        found = [asdict(f) for f in compute(period)]
        cache.set(cache_key(period), found, CACHE_SECONDS)
    return [PublicFigures(**f) for f in found]


def warm(today: date) -> int:
    """The sweep's part: compute the last closed periods that are not in the cache (none, most minutes)."""
    missing = [p for p in (last_closed(kind, today) for kind in KINDS.values()) if cache.get(cache_key(p)) is None]
    for period in missing:
        published(period)
    return len(missing)
