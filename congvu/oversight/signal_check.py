"""The fast tallies of the signals (issue 10) held to their direct computation: the tables and the
dashboard add up `signal_charges.tallies` (indexed columns, grouped in the database), the evidence
pages list `signal_charges.CHARGERS`' records, and the reference below works each signal out as the
code did before the speed work, record by record (`undecided_items_direct`: every open item's
registration and legal deadline). `congvu signals --check` and the tests compare them."""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime

from congvu.oversight.periods import Period
from congvu.oversight.signal_charges import CHARGERS, Charge, raw_moments, tallies, undecided_items_direct

Totals = dict[tuple[int | None, int | None], tuple[int, int]]  # (unit, official) -> (amount, records)


def direct_undecided(period: Period, now: datetime) -> Iterator[Charge]:
    at = period.judged_at(now)
    for pk, unit_id, holder_id in raw_moments(undecided_items_direct(period, now), "pk", "lead_unit_id", "holder_id"):
        yield Charge(unit_id, holder_id, 1, "item", pk, at)


REFERENCE = {**CHARGERS, "undecided_twice": direct_undecided}


def summed(rows: Iterable) -> Totals:
    totals: dict[tuple[int | None, int | None], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        total = totals[(row.unit_id, row.official_id)]
        total[0] += row.amount
        total[1] += getattr(row, "records", 1)
    return {key: (amount, records) for key, (amount, records) in totals.items()}


def differences(period: Period, now: datetime) -> dict[str, tuple[Totals, Totals]]:
    """Each signal whose tallies differ from the reference: code -> (tallies, reference); empty when
    every number agrees."""
    found = {}
    for code, reference in REFERENCE.items():
        fast, direct = summed(tallies(code, period, now)), summed(reference(period, now))
        if fast != direct:
            found[code] = (fast, direct)
    return found
