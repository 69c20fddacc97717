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

STRATA = ("units", "officials", "items")


def rounded(weight: float) -> float:
    """Weights enter the draw as written into the snapshot (4 decimals), so a re-run from the file
    is exact."""
    return round(float(weight), 4)


def draw(weights: Mapping[int, float], size: int, seed: str, stratum: str) -> list[int]:
    """`size` member ids drawn from `weights` ({id: weight > 0}), the most likely first. Members of
    weight 0 or less are never drawn. The same arguments always give the same list."""
    if size <= 0 or not weights:
        return []
    stream = random.Random(f"{seed}:{stratum}")  # noqa: S311 - an auditable draw, not a secret
    keyed = []
    for member in sorted(weights):
        u = 1.0 - stream.random()  # in (0, 1]: log is defined
        weight = rounded(weights[member])
        if weight > 0:
            keyed.append((math.log(u) / weight, member))
    return [member for _, member in heapq.nlargest(size, keyed)]


@dataclass(frozen=True)
class Sample:
    seed: str
    digest: str
    drawn: dict[str, list[int]]


def snapshot_lines(population: Mapping[str, Mapping[int, float]]) -> Iterable[str]:
    for stratum in sorted(population):
        weights = population[stratum]
        for member in sorted(weights):
            yield f"{stratum}\t{member}\t{rounded(weights[member]):.4f}\n"


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
