"""Signals of pushing work around (clause 1.2, issue 10), per unit and per official, per period, and
the avoidance index that combines them. Each number adds up charges (`signal_charges`) and opens the
records behind it (`evidence`): no black box.

The avoidance index of a unit, for a period:

    index = 100 × Σ (weight of the signal / 10 × the signal's number) / max(items registered, 10)

— weighted points per 100 items the unit received in the period, so a large unit is not marked for
its size and a unit with almost no work is not marked for one event. The weights are the registry's
parameters `avoidance_weight_<signal>`, in tenths of a point (Home Affairs changes them at
/quan-tri/; the page shows the ones in force). The step delay is counted in working days, so its
weight is per working day late."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from congvu.lib import clock
from congvu.org.models import Official, Unit
from congvu.oversight.period_figures import NOT_COUNTED, counts_per_unit, registered_in
from congvu.oversight.periods import Period
from congvu.oversight.signal_charges import CHARGERS, Charge, Tally, tallies
from congvu.registry.queries import parameter

MIN_BASE = 10


@dataclass(frozen=True)
class Signal:
    code: str
    slug: str  # in the evidence page's address
    label: object  # lazy translation
    clause: str
    unit_of_measure: object = _("times")


SIGNALS: tuple[Signal, ...] = (
    Signal("own_transfer", "chuyen-viec-cua-minh", _("Own-work transfers refused or overridden"), "2.1"),
    Signal("foreign_matter", "viec-don-vi-khac", _("Attempts on another unit's matter"), "2.1"),
    Signal("upward", "trinh-len-tren", _("Upward submissions refused or sent back"), "1.4"),
    Signal("unrelated_consultation", "xin-y-kien-khong-lien-quan", _("Unrelated consultations"), "2.2"),
    Signal("deemed", "coi-nhu-dong-y", _("Deemed agreements (silence or late reply)"), "2.2"),
    Signal("extension_self", "tu-gia-han", _("Extensions approved by the unit itself"), "1.5"),
    Signal("extension_above", "gia-han-vuot-muc", _("Extensions beyond the limit, asked of the level above"), "1.5"),
    Signal("returns_wrong", "tra-lai-sai", _("Returns later found wrong"), "2.1"),
    Signal("bounced", "chuyen-qua-lai", _("Items passed on twice or more between units"), "2.1"),
    Signal("undecided_twice", "qua-gap-doi-han", _("Items undecided past twice their legal limit"), "1.5"),
    Signal("step_delay", "cham-tung-buoc", _("Step delay charged to the holder"), "1.3", _("working days")),
    Signal("backlog_plan_missed", "tre-ke-hoach-ton-dong",
           _("Backlog items not decided by the date their plan promised"), "1.5"),
)
BY_CODE = {s.code: s for s in SIGNALS}
BY_SLUG = {s.slug: s for s in SIGNALS}


def weights() -> dict[str, int]:
    """The weights in force, from the registry (its shipped defaults when the administrator set none)."""
    return {s.code: parameter(f"avoidance_weight_{s.code}").value for s in SIGNALS}


@dataclass
class Row:
    """One unit's or one official's numbers for the period."""

    unit_id: int | None
    unit_name: str = ""
    official_id: int | None = None
    official_name: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    records: dict[str, int] = field(default_factory=dict)  # how many records each number adds up
    assigned: int = 0
    index: float = 0.0

    def add(self, code: str, tally: Tally) -> None:
        self.counts[code] = self.counts.get(code, 0) + tally.amount
        self.records[code] = self.records.get(code, 0) + tally.records

    @property
    def steps_late(self) -> int:
        return self.records.get("step_delay", 0)

    @property
    def days_late(self) -> int:
        return self.counts.get("step_delay", 0)

    @property
    def total(self) -> int:
        return sum(n for code, n in self.counts.items() if code != "step_delay")

    def cells(self) -> list[tuple[Signal, int]]:
        return [(s, self.counts.get(s.code, 0)) for s in SIGNALS]


def charges(period: Period, codes: tuple[str, ...] | None = None,
            now: datetime | None = None) -> list[tuple[str, Charge]]:
    """Every record behind the signals (the evidence)."""
    now = now or clock.now()
    return [(code, c) for code in (codes or tuple(CHARGERS)) for c in CHARGERS[code](period, now)]


def all_tallies(period: Period, now: datetime | None = None) -> list[tuple[str, Tally]]:
    """The same numbers grouped in the database where there are many records (the tables)."""
    now = now or clock.now()
    return [(code, t) for code in CHARGERS for t in tallies(code, period, now)]


def _in_units(charged: list, units: QuerySet[Unit] | None) -> list:
    if units is None:
        return charged
    ids = set(units.values_list("pk", flat=True))
    return [(code, c) for code, c in charged if c.unit_id in ids]


def index_of(counts: dict[str, int], assigned: int, weighting: dict[str, int]) -> float:
    """The avoidance index (see the module's note); pure."""
    points = sum(weighting.get(code, 0) * n for code, n in counts.items()) / 10  # weights are tenths
    return round(100 * points / max(assigned, MIN_BASE), 1)


def signals_by_unit(period: Period, units: QuerySet[Unit] | None = None, now: datetime | None = None,
                    charged: list[tuple[str, Tally]] | None = None) -> list[Row]:
    """Each unit with a signal in the period, the highest avoidance index first."""
    rows: dict[int, Row] = {}
    for code, c in _in_units(charged if charged is not None else all_tallies(period, now), units):
        if c.unit_id is not None:
            rows.setdefault(c.unit_id, Row(c.unit_id)).add(code, c)
    intake = intake_by_unit(period, now)
    names, weighting = dict(Unit.objects.filter(pk__in=rows).values_list("pk", "name")), weights()
    for row in rows.values():
        row.unit_name, row.assigned = names.get(row.unit_id, ""), intake.get(row.unit_id, 0)
        row.index = index_of(row.counts, row.assigned, weighting)
    return sorted(rows.values(), key=lambda r: (-r.index, r.unit_name))


def intake_by_unit(period: Period, now: datetime | None = None) -> dict[int, int]:
    """Items registered in the period per lead unit, every unit: the period figures' "assigned" (every
    state but returned, transferred and revoked: `period_figures`, read from the figure rollups when
    the period has them) plus the items registered in it that are now in one of those three states,
    read from the (state, completion, registration, …) index. Counted from the year's items in the
    (registration, …) index, 2025 cost ~60–145 ms at 300,000 items on SQLite (cProfile, load 4–5);
    `intake_by_unit_direct` is that count, the reference the tests hold this one to."""
    figures = counts_per_unit(period, None, now)
    counts = {unit_id: row["assigned"] for unit_id, row in figures.items() if row["assigned"]}
    not_counted = registered_in(period).filter(state__in=NOT_COUNTED)
    # (completed_at is null for them all, in practice: so each state's registrations are one index range)
    for part in (not_counted.filter(completed_at__isnull=True), not_counted.filter(completed_at__isnull=False)):
        grouped = part.values("lead_unit_id").annotate(n=Count("id")).order_by()
        for unit_id, n in grouped.values_list("lead_unit_id", "n"):
            counts[unit_id] = counts.get(unit_id, 0) + n
    return counts


def intake_by_unit_direct(period: Period) -> dict[int, int]:
    return dict(registered_in(period).values("lead_unit_id").annotate(n=Count("id")).order_by()
                .values_list("lead_unit_id", "n"))


def signals_by_official(period: Period, units: QuerySet[Unit] | None = None, now: datetime | None = None,
                        charged: list[tuple[str, Tally]] | None = None) -> list[Row]:
    """Each official with a signal in the period (within a unit), the most signals first."""
    rows: dict[tuple[int, int], Row] = {}
    for code, c in _in_units(charged if charged is not None else all_tallies(period, now), units):
        if c.official_id is not None and c.unit_id is not None:
            rows.setdefault((c.official_id, c.unit_id), Row(c.unit_id, official_id=c.official_id)).add(code, c)
    names = dict(Official.objects.filter(pk__in={o for o, _ in rows}).values_list("pk", "full_name"))
    units_ = dict(Unit.objects.filter(pk__in={u for _, u in rows}).values_list("pk", "name"))
    for (official_id, unit_id), row in rows.items():
        row.official_name, row.unit_name = names.get(official_id, ""), units_.get(unit_id, "")
    return sorted(rows.values(), key=lambda r: (-r.total, -r.counts.get("step_delay", 0), r.official_name))


def signals_of(period: Period, units: QuerySet[Unit] | None = None,
               now: datetime | None = None) -> tuple[list[Row], list[Row]]:
    """Per unit and per official, from one reading of the record."""
    charged = all_tallies(period, now)
    return signals_by_unit(period, units, now, charged), signals_by_official(period, units, now, charged)


def avoidance_index_by_unit(period: Period, now: datetime | None = None) -> dict[int, float]:
    """unit id -> avoidance index for the period (0 for a unit with no signal is simply absent)."""
    return {row.unit_id: row.index for row in signals_by_unit(period, now=now)}


def totals(rows: list[Row]) -> dict[str, int]:
    summed: dict[str, int] = defaultdict(int)
    for row in rows:
        for code, n in row.counts.items():
            summed[code] += n
    return dict(summed)


def evidence(code: str, period: Period, unit_id: int | None = None, official_id: int | None = None,
             now: datetime | None = None) -> list[Charge]:
    """The charges behind one number (a signal, of one unit or official, or of the province), newest
    first: the evidence page lists exactly these, and their amounts add up to the number."""
    found = [c for _code, c in charges(period, (code,), now)
             if (unit_id is None or c.unit_id == unit_id) and (official_id is None or c.official_id == official_id)]
    return sorted(found, key=lambda c: (c.at, c.pk), reverse=True)
