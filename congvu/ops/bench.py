"""The standard workload of DESIGN §8, *province-day(N)*, through the real actions and trail.

It runs in a database of its own (created beside the configured one and dropped afterwards), with
the configured engine and its durability settings, so the figures are those of production and
nothing is left behind in the real data."""

import resource
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TypeVar

from django.db import connection

from congvu.consult import actions as consult
from congvu.consult import sweep as consult_sweep
from congvu.consult.models import ConsultationRequest, Notice, ReplyPosition, RequestState
from congvu.lib import clock
from congvu.lib.workdays import TZ
from congvu.ops.floor import Floor, floor_beside
from congvu.ops.province import SyntheticProvince, build_synthetic, related_units
from congvu.oversight import queries
from congvu.work import actions
from congvu.work.models import Event, State, WorkItem

T = TypeVar("T")
UNITS, MATTER_TYPES, OFFICERS = 40, 20, 200
# Monday 02/03/2026, 08:00 local time; each item moves the clock on by a few seconds. The replies are
# due at the end of Monday 09/03 (5 working days); the sweep runs the next morning, then items complete.
START = datetime(2026, 3, 2, 8, 0, tzinfo=TZ)
SWEEP_AT = datetime(2026, 3, 10, 7, 0, tzinfo=TZ)
AFTER_REPLIES = datetime(2026, 3, 10, 8, 0, tzinfo=TZ)
ACTIONS_PER_ITEM = 6  # register, direct, assign, ask, reply, complete
# Every item starts within Monday's eight working hours, however large N is, so all replies fall due together.
WORKDAY_SLOTS = 8 * 3600 // 3


@dataclass
class BenchResult:
    engine: str
    items: int
    actions: int
    seconds: float
    actions_per_second: float
    read_overdue_ms: float
    read_figures_ms: float
    sweep_seconds: float
    deemed_agreements: int
    peak_memory_mb: float
    check_passed: bool
    # The bare-database floor of the same run, same disk, same durability (congvu/ops/floor.py), sampled
    # between congvu's windows; the ratio of the two is the figure that travels between machines.
    floor_actions_per_second: float = 0.0
    ratio_to_floor: float = 0.0
    # congvu's own processor time per action (this process: Python, Django, the SQLite library), without
    # the waits for the disk: on a machine shared with other jobs the wall-clock ratio swings with their
    # I/O, while this figure moves only with congvu's code, so each optimisation is measured by it.
    cpu_ms_per_action: float = 0.0
    checks: dict = field(default_factory=dict)


def build_org() -> SyntheticProvince:
    """40 departments, each with a head, a clerk and 5 officers (200), and 20 matter types."""
    return build_synthetic(units=UNITS, officers_per_unit=OFFICERS // UNITS, matter_types=MATTER_TYPES)


def request_ids_by_unit(consultation_id: int) -> dict[int, int]:
    """The consultation's requests as {unit id: request id}, read with one plain statement: building
    them through a queryset (its compiler, two model instances) was ~5 % of an item's processor
    time in cProfile, more than any action's own checks, and `reply` needs only the id."""
    meta = ConsultationRequest._meta
    columns = [connection.ops.quote_name(meta.get_field(name).column) for name in ("unit", "id", "consultation")]
    sql = f"SELECT {columns[0]}, {columns[1]} FROM {connection.ops.quote_name(meta.db_table)} WHERE {columns[2]} = %s"  # noqa: S608 - names from the model, the value a parameter
    with connection.cursor() as cursor:
        cursor.execute(sql, [consultation_id])
        return dict(cursor.fetchall())


def start_item(org: SyntheticProvince, n: int) -> tuple[WorkItem, int]:
    """Register, direct, assign, ask two related units, and let the first of them agree.
    Returns the item and the id of the request left unanswered (deemed agreed later by the sweep)."""
    u = n % MATTER_TYPES  # the unit competent for this matter type
    matter, unit, head = org.matter_types[u], org.units[u], org.heads[u]
    officer = org.officers[u][n % len(org.officers[u])]
    with clock.travel_to(START + timedelta(seconds=3 * (n % WORKDAY_SLOTS))):
        item = actions.register_incoming(actor=org.clerks[u], unit=unit, matter_type=matter,
                                         sender="Công ty thử nghiệm", subject=f"Hồ sơ số {n}")
        actions.direct(item, actor=head, lead_unit=unit)
        actions.assign(item, actor=head, holder=officer)
        answering, silent = related_units(u)
        consultation = consult.ask(item, actor=officer, units=[org.units[answering], org.units[silent]],
                                   question="Đề nghị cho ý kiến")
        requests = request_ids_by_unit(consultation.pk)
        consult.reply(requests[org.units[answering].pk], actor=org.heads[answering], position=ReplyPosition.AGREE)
    return item, requests[org.units[silent].pk]


def finish_item(org: SyntheticProvince, item: WorkItem, n: int) -> None:
    u = n % MATTER_TYPES
    officer = org.officers[u][n % len(org.officers[u])]
    with clock.travel_to(AFTER_REPLIES + timedelta(seconds=n)):
        actions.complete(item, actor=officer, result="Đã giải quyết")


def time_read(read: Callable[[], object], repeat: int = 5, digits: int = 2) -> float:
    """Median wall time of a read, in milliseconds rounded to `digits` (the first run warms the caches
    — the registry snapshot, the templates, the database's — and is dropped)."""
    read()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        read()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), digits)


def check(n: int) -> dict:
    return {
        "completed": WorkItem.objects.filter(state=State.COMPLETED).count(), "expected_completed": n,
        "deemed_agreements": ConsultationRequest.objects.filter(state=RequestState.DEEMED_AGREED).count(),
        "notices": Notice.objects.count(), "expected_deemed_agreements": n,
        "events": Event.objects.count(), "expected_events": (ACTIONS_PER_ITEM + 1) * n,
    }


def passed(checks: dict) -> bool:
    return (checks["completed"] == checks["expected_completed"]
            and checks["deemed_agreements"] == checks["notices"] == checks["expected_deemed_agreements"]
            and checks["events"] == checks["expected_events"])


WINDOW = 100  # items per measured window; a floor sample of the same number of actions follows each


class Pace:
    """congvu's actions and the bare floor's, timed in alternating windows of equal action counts."""

    def __init__(self, floor: Floor) -> None:
        self.floor = floor
        self.seconds = self.floor_seconds = self.cpu_seconds = 0.0
        self.floor_done = 0

    @contextmanager
    def window(self, actions: int) -> Iterator[None]:
        started, cpu_started = time.perf_counter(), time.process_time()
        yield
        self.seconds += time.perf_counter() - started
        self.cpu_seconds += time.process_time() - cpu_started
        self.floor_seconds += actions / self.floor.sample(actions)
        self.floor_done += actions


def chunks(sequence: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(sequence), size):
        yield sequence[start:start + size]


def workload(n: int, progress: Callable[[int], None] | None = None) -> BenchResult:
    org = build_org()
    with floor_beside(connection) as floor:
        pace = Pace(floor)
        items: list[WorkItem] = []
        for chunk in chunks(range(n), WINDOW):
            with pace.window(len(chunk) * (ACTIONS_PER_ITEM - 1)):
                items += [start_item(org, i)[0] for i in chunk]
            if progress and len(items) % 1000 == 0:
                progress(len(items))
        started = time.perf_counter()
        with clock.travel_to(SWEEP_AT):
            deemed = consult_sweep.deem_overdue()
        sweep_seconds = time.perf_counter() - started
        for chunk in chunks(list(enumerate(items)), WINDOW):
            with pace.window(len(chunk)):
                for i, item in chunk:
                    finish_item(org, item, i)
    with clock.travel_to(AFTER_REPLIES + timedelta(days=60)):
        overdue_ms = time_read(lambda: queries.overdue_per_unit())
        figures_ms = time_read(lambda: queries.unit_figures())
    checks = check(n)
    done = ACTIONS_PER_ITEM * n
    rate, floor_rate = done / pace.seconds, pace.floor_done / pace.floor_seconds
    return BenchResult(
        engine=connection.vendor, items=n, actions=done, seconds=round(pace.seconds, 2),
        actions_per_second=round(rate, 1), read_overdue_ms=overdue_ms, read_figures_ms=figures_ms,
        sweep_seconds=round(sweep_seconds, 2), deemed_agreements=deemed,
        peak_memory_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        check_passed=passed(checks), checks=checks,
        floor_actions_per_second=round(floor_rate, 1), ratio_to_floor=round(rate / floor_rate, 4),
        cpu_ms_per_action=round(pace.cpu_seconds * 1000 / done, 3),
    )


def in_scratch_database(run: Callable[[], T]) -> T:
    """Create a scratch database of the configured engine, run, and drop it.

    For SQLite the scratch database is a file (not memory), so each commit is synced to disk as in
    production (WAL, synchronous=FULL). The connection's settings are restored afterwards, so this
    also works inside a test run."""
    config = connection.settings_dict
    saved_test = dict(config.get("TEST") or {})
    with TemporaryDirectory(prefix="congvu-bench-") as scratch:
        config["TEST"] = {**saved_test, "NAME": (
            str(Path(scratch) / "bench.sqlite3") if connection.vendor == "sqlite" else f"{config['NAME']}_bench"
        )}
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            return run()
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            config["TEST"] = saved_test


def bench(n: int, progress: Callable[[int], None] | None = None) -> BenchResult:
    return in_scratch_database(lambda: workload(n, progress))


def as_dict(result: BenchResult) -> dict:
    return asdict(result)
