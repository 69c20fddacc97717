"""congvu inspectiondraw — re-run a surprise inspection's draw from its population file, or measure the
draw over a large synthetic population.

    congvu inspectiondraw quan-the-12.tsv --seed 5eed0001 --units 3 --officials 5 --items 20
    congvu inspectiondraw --bench 300000

The first prints the file's SHA-256 (compare it with the digest on the inspection page) and the
sample, in the order drawn: the same as the inspection's. The second builds 300,000 items (with 4,000
officials and 150 units) in memory, with weights spread like the risk formula's, and prints how long
the digest and the draw take (clause 1.6 asks for under 2 s)."""

import random
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from congvu.oversight import draw


def synthetic(items: int, officials: int = 4000, units: int = 150) -> dict[str, dict[int, float]]:
    """Weights like the risk formula's: most members at 1, a tail of risky ones (fixed seed)."""
    rng = random.Random(2026)  # noqa: S311 - a reproducible benchmark population

    def weights(n: int) -> dict[int, float]:
        return {i: draw.rounded(1.0 + (rng.expovariate(0.5) if rng.random() < 0.2 else 0.0)) for i in range(1, n + 1)}

    return {"units": weights(units), "officials": weights(officials), "items": weights(items)}


class Command(BaseCommand):
    help = "Re-run a surprise inspection's draw from its population file, or measure the draw (--bench N)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", nargs="?", help="the population file downloaded from the inspection page")
        parser.add_argument("--seed", default="")
        parser.add_argument("--units", type=int, default=0)
        parser.add_argument("--officials", type=int, default=0)
        parser.add_argument("--items", type=int, default=0)
        parser.add_argument("--bench", type=int, metavar="ITEMS", help="measure the draw over ITEMS synthetic items")

    def handle(self, *args, file: str | None, seed: str, units: int, officials: int, items: int,
               bench: int | None, **options) -> None:
        if bench:
            return self.bench(bench, units or 5, officials or 10, items or 50)
        if not file or not seed:
            raise CommandError("Cần tệp tập chọn mẫu và --seed (hoặc --bench N).")
        population = draw.parse_snapshot(Path(file).read_text(encoding="utf-8"))
        sample = draw.draw_all(population, {"units": units, "officials": officials, "items": items}, seed)
        self.stdout.write(f"SHA-256 tập chọn mẫu: {sample.digest}")
        for stratum, drawn in sample.drawn.items():
            self.stdout.write(f"{stratum}: {' '.join(map(str, drawn))}")
        return None

    def bench(self, items: int, units: int, officials: int, sample_items: int) -> None:
        population = synthetic(items)
        sizes = {"units": units, "officials": officials, "items": sample_items}
        timings = []
        for run in range(3):
            start = time.perf_counter()
            sample = draw.draw_all(population, sizes, f"bench-{run}")
            timings.append(time.perf_counter() - start)
        count = f"{items:,}".replace(",", ".")
        self.stdout.write(f"Chọn mẫu đột xuất trên {count} hồ sơ, 4.000 cán bộ, 150 đơn vị "
                          f"({units}/{officials}/{sample_items}), gồm cả SHA-256 tập chọn mẫu:")
        self.stdout.write(f"  nhanh nhất {min(timings):.3f} s, chậm nhất {max(timings):.3f} s (mục tiêu < 2 s); "
                          f"digest {sample.digest[:16]}…")
        return None
