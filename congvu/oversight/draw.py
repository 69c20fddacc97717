"""The surprise inspection's draw (clause 1.6): a weighted sample without replacement, reproducible
from a recorded seed and a recorded population. Pure Python, no Django: anyone holding the seed and
the population snapshot (the inspection page offers both) gets the same sample.

Method: Efraimidis & Spirakis (2006), "Weighted random sampling with a reservoir". Each member gets
the key log(u) / w, u uniform in (0, 1] from `random.Random(f"{seed}:{stratum}")` taken in the
snapshot's canonical order (by member id), and the `size` largest keys are drawn. A member's chance of
being drawn first is its weight's share of the total; a weight of 2 is twice as likely as 1.

The snapshot's canonical text (`snapshot_text`) is one line per member, "stratum<TAB>id<TAB>weight",
sorted by stratum then id, weights with 4 decimals; its SHA-256 (`digest`) is recorded with the
inspection, so a changed population (or weight) is seen before anyone trusts a re-run."""

from __future__ import annotations

import hashlib
import heapq
import math
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import repeat
from operator import sub, truediv

STRATA = ("units", "officials", "items")


def rounded(weight: float) -> float:
    """Weights are given to the draw as written into the snapshot (4 decimals), so a re-run from the
    file is exact: `congvu.oversight.risk` rounds its weights with this."""
    return round(float(weight), 4)


def draw(weights: Mapping[int, float], size: int, seed: str, stratum: str) -> list[int]:
    """`size` member ids drawn from `weights` ({id: weight}), the most likely first. Members of
    weight 0 or less are never drawn. The same arguments always give the same list. Weights carry at
    most 4 decimals (`rounded`), the snapshot's precision, so the file re-runs the draw exactly."""
    if size <= 0 or not weights:
        return []
    stream = random.Random(f"{seed}:{stratum}")  # noqa: S311 - an auditable draw, not a secret
    members = sorted(weights)
    rand = stream.random
    # One uniform per member in canonical order, whatever its weight, so that a member of weight 0
    # does not shift the others' numbers; 1 - u is in (0, 1], where log is defined. Built with map()
    # over C functions: a list comprehension of tuples took three times as long at 300,000 members.
    uniforms = list(map(sub, repeat(1.0), [rand() for _ in members]))
    shares = [weights[m] for m in members]
    if min(shares) > 0:
        keys, eligible = list(map(truediv, map(math.log, uniforms), shares)), len(members)
    else:
        keys = [math.log(u) / w if w > 0 else -math.inf for u, w in zip(uniforms, shares, strict=True)]
        eligible = sum(w > 0 for w in shares)
    return [member for _, member in heapq.nlargest(min(size, eligible), zip(keys, members, strict=True))]


@dataclass(frozen=True)
class Sample:
    seed: str
    digest: str
    drawn: dict[str, list[int]]


def snapshot_lines(population: Mapping[str, Mapping[int, float]]) -> Iterable[str]:
    for stratum in sorted(population):
        weights = population[stratum]
        members = sorted(weights)
        yield from map(f"{stratum}\t%d\t%.4f\n".__mod__, zip(members, map(weights.__getitem__, members),
                                                                 strict=True))


def snapshot_text(population: Mapping[str, Mapping[int, float]]) -> str:
    return "".join(snapshot_lines(population))


def digest(population: Mapping[str, Mapping[int, float]]) -> str:
    return hashlib.sha256(snapshot_text(population).encode()).hexdigest()


def parse_snapshot(text: str) -> dict[str, dict[int, float]]:
    """The population back from its canonical text (the file the inspection page offers)."""
    population: dict[str, dict[int, float]] = {}
    for line in text.splitlines():
        if line.strip():
            stratum, member, weight = line.split("\t")
            population.setdefault(stratum, {})[int(member)] = float(weight)
    return population


def draw_all(population: Mapping[str, Mapping[int, float]], sizes: Mapping[str, int], seed: str) -> Sample:
    """Each stratum drawn on its own stream of the one seed: adding officials to the population does
    not change which items are drawn."""
    drawn = {stratum: draw(population.get(stratum, {}), sizes.get(stratum, 0), seed, stratum)
             for stratum in sorted(sizes)}
    return Sample(seed, digest(population), drawn)


def new_seed() -> str:
    """A fresh seed for a draw: 16 hex digits from the operating system's randomness, recorded
    before the draw so that it cannot be chosen to suit a sample."""
    return random.SystemRandom().getrandbits(64).to_bytes(8, "big").hex()
