"""`make loadtest`: a fresh PostgreSQL database, the roster (prepare.py), `congvu serve` on loopback,
then Locust headless: one run at 100 officials, and a stepped run to find the knee (the number of
users at which p95 crosses 1 s). Prints one JSON summary per run and a table at the end.

    python -m congvu.ops.loadtest.run [--users 100] [--seconds 60] [--steps 25,50,100,150,200]
                                      [--step-seconds 30] [--port 8765] [--workers 2] [--threads 4]
    python -m congvu.ops.loadtest.run --compare 2x4,4x2,4x1 --rounds 2 [--users 100] [--seconds 45]
(the second compares server shapes, workers x threads, alternating). Each run also reports the CPU it
cost (server, PostgreSQL, Locust), the cores it got, and per endpoint the server's wall, CPU, queries
and database time (gunicorn hooks, congvu/ops/request_log.py): which page drives the p95.
LOADTEST_DATABASE_URL: the server to use (default postgres://postgres@127.0.0.1:5432/congvu_load);
its database is dropped and created again, so never point it at real data."""

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).parent
BIN = Path(sys.executable).parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/congvu_load"


def recreate(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def wait_until_up(base: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/dang-nhap/", timeout=2) as answer:  # noqa: S310 - loopback
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"congvu serve did not answer at {base} within {seconds} s")


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of these processes so far (Linux /proc; a process gone since counts 0)."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def server_pids(server: subprocess.Popen) -> list[int]:
    """gunicorn's master and workers: the process group `congvu serve` leads."""
    return [int(d.name) for d in Path("/proc").iterdir() if d.name.isdigit() and _group(int(d.name)) == server.pid]


def _group(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[2])
    except (OSError, IndexError, ValueError):
        return None


def database_pids(url: str) -> list[int]:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        return [row[0] for row in admin.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [name])]


class BackendCpu(threading.Thread):
    """PostgreSQL's CPU for this database during a run: its backends' CPU, polled every second (a backend
    opened during the run counts from 0; one closed between two polls loses its last second)."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url, self.done = url, threading.Event()
        self.first = {pid: cpu_seconds([pid]) for pid in database_pids(url)}
        self.last = dict(self.first)

    def run(self) -> None:
        while not self.done.wait(1.0):
            for pid in database_pids(self.url):
                now = cpu_seconds([pid])
                self.first.setdefault(pid, 0.0)
                if now:
                    self.last[pid] = now

    def stop(self) -> float:
        self.done.set()
        self.join()
        return sum(self.last[pid] - self.first[pid] for pid in self.last)


def endpoint(path: str) -> str:
    """/cong-viec/123/ and /api/items/123/direct group as /cong-viec/<id>/ and /api/items/<id>/direct."""
    return "/".join("<id>" if part.isdigit() else part for part in path.split("/"))


def percentile(values: list[float], fraction: float) -> float:
    """The locustfile's rule (nearest rank), so the server's p95 and the client's compare."""
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))], 1)


def server_side(request_log: Path) -> dict:
    """Per endpoint from the server's request log: requests, p95 wall ms, mean CPU ms, share of all CPU."""
    rows: dict[str, list[tuple[float, ...]]] = {}
    if request_log.exists():
        for line in request_log.read_text(encoding="utf-8").splitlines():
            method, path, _status, wall, cpu, _pid, queries, db = line.split("\t")
            rows.setdefault(f"{method} {endpoint(path)}", []).append(
                (float(wall), float(cpu), float(queries), float(db)))
    total_cpu = sum(sample[1] for samples in rows.values() for sample in samples) or 1.0

    def mean(samples: list[tuple[float, ...]], column: int) -> float:
        return round(sum(sample[column] for sample in samples) / len(samples), 1)

    return {name: {"requests": len(samples),
                   "p50_wall_ms": percentile([s[0] for s in samples], 0.5),
                   "p95_wall_ms": percentile([s[0] for s in samples], 0.95),
                   "mean_cpu_ms": mean(samples, 1), "queries": mean(samples, 2), "mean_db_ms": mean(samples, 3),
                   "cpu_share": round(sum(s[1] for s in samples) / total_cpu, 3)}
            for name, samples in sorted(rows.items(), key=lambda kv: -sum(s[1] for s in kv[1]))}


def locust(env: dict, base: str, users: int, seconds: int, work: Path) -> dict:
    summary = work / f"summary-{users}.json"
    subprocess.run(  # noqa: S603 - our own venv's locust, arguments built here
        [BIN / "locust", "-f", HERE / "locustfile.py", "--headless", "--host", base, "-u", str(users),
         "-r", str(max(1, users // 10)), "-t", f"{seconds}s", "--only-summary", "--stop-timeout", "10",
         "--loglevel", "WARNING"],
        env={**env, "LOADTEST_SUMMARY": str(summary)}, check=False, stdout=subprocess.DEVNULL,
    )
    return json.loads(summary.read_text(encoding="utf-8"))


def measured_run(env: dict, base: str, users: int, seconds: int, work: Path, server: subprocess.Popen,
                 url: str) -> dict:
    """One Locust run, with the CPU it cost: the server's processes, PostgreSQL's backends for this
    database, and Locust itself (all on the same cores), and the server's per-endpoint figures."""
    request_log = work / "requests.log"
    request_log.unlink(missing_ok=True)
    servers, backends = server_pids(server), BackendCpu(url)
    before = (cpu_seconds(servers), resource.getrusage(resource.RUSAGE_CHILDREN))
    backends.start()
    started = time.monotonic()
    result = locust(env, base, users, seconds, work)
    wall = time.monotonic() - started
    after_children, postgres = resource.getrusage(resource.RUSAGE_CHILDREN), backends.stop()
    result["cpu_seconds"] = {
        "wall": round(wall, 1),
        "server": round(cpu_seconds(servers) - before[0], 1),
        "postgres": round(postgres, 1),
        "locust": round(after_children.ru_utime + after_children.ru_stime - before[1].ru_utime - before[1].ru_stime, 1),
    }
    result["server_side"] = server_side(request_log)
    request_log.rename(work / f"requests-{users}-{int(started)}.log")
    return result


class Server:
    """`congvu serve` on loopback with W workers x T threads, for the length of a `with` block."""

    def __init__(self, env: dict, port: int, workers: int, threads: int, work: Path) -> None:
        self.command = [BIN / "congvu", "serve", "--port", str(port), "--workers", str(workers),
                        "--threads", str(threads), "--request-log", str(work / "requests.log")]
        self.env, self.log, self.base = env, work / "server.log", f"http://127.0.0.1:{port}"

    def __enter__(self) -> subprocess.Popen:
        self.process = subprocess.Popen(self.command, env=self.env, stdout=self.log.open("a"),  # noqa: S603
                                        stderr=subprocess.STDOUT, start_new_session=True)
        wait_until_up(self.base)
        return self.process

    def __exit__(self, *_exc) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a worker stuck in a long request: the port must be freed
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def cpu_per_request_ms(result: dict) -> float:
    """Server and PostgreSQL CPU per answered request: the figure the shared machine's load does not move
    much (a wall time does), from which an idle 2-core machine's capacity follows."""
    answered = sum(entry["requests"] for entry in result["server_side"].values()) or 1
    cpu = result["cpu_seconds"]
    return round((cpu["server"] + cpu["postgres"]) * 1000 / answered, 1)


def cores_used(result: dict) -> float:
    """Cores the test's processes got on average (server, PostgreSQL, Locust): on a shared machine the
    rest of the 2 went to other work, and throughput is about this divided by the CPU per request."""
    cpu = result["cpu_seconds"]
    return round((cpu["server"] + cpu["postgres"] + cpu["locust"]) / cpu["wall"], 2)


def compare(env: dict, args: argparse.Namespace, work: Path, url: str) -> None:
    """Server shapes (workers x threads) in turn, `--rounds` times, alternating so the shared machine's
    drifting load falls on each alike; the same database throughout (it grows a little every run)."""
    shapes = [tuple(int(n) for n in shape.split("x")) for shape in args.compare.split(",")]
    rows = []
    for round_number in range(args.rounds):
        for workers, threads in shapes:
            with Server(env, args.port, workers, threads, work) as server:
                result = measured_run(env, f"http://127.0.0.1:{args.port}", args.users, args.seconds, work, server, url)
            rows.append((round_number, f"{workers}x{threads}", result))
            print(json.dumps({"shape": f"{workers}x{threads}", **result}, ensure_ascii=False), flush=True)
    print("\nround  shape  p95 page ms  p95 action ms  requests  errors  CPU ms/request  cores used  load average")
    for round_number, shape, r in rows:
        print(f"{round_number:>5}  {shape:>5}  {r['p95_page_ms']!s:>11}  {r['p95_action_ms']!s:>13}  "
              f"{sum(r['requests'].values()):>8}  {r['errors']:>6}  {cpu_per_request_ms(r):>14}  "
              f"{cores_used(r):>10}  {r['load_average']:>12}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--steps", default="25,50,100,150,200")
    parser.add_argument("--step-seconds", type=int, default=30)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--compare", default="", help="server shapes to compare instead, e.g. 2x4,3x2,4x1")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    url = os.environ.get("LOADTEST_DATABASE_URL", DEFAULT_URL)
    base = f"http://127.0.0.1:{args.port}"
    work = Path(tempfile.mkdtemp(prefix="congvu-loadtest-"))
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "congvu.settings",
           "CONGVU_DATA_DIR": str(work / "data"), "LOADTEST_ROSTER": str(work / "roster.json")}
    recreate(url)
    subprocess.run([BIN / "congvu", "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    subprocess.run([BIN / "python", "-m", "congvu.ops.loadtest.prepare", work / "roster.json"],  # noqa: S603
                   env=env, check=True)
    if args.compare:
        compare(env, args, work, url)
        return
    results = []
    with Server(env, args.port, args.workers, args.threads, work) as server:
        if args.users:
            results.append(("main", measured_run(env, base, args.users, args.seconds, work, server, url)))
            print(json.dumps(results[-1][1], ensure_ascii=False), flush=True)
        for users in [int(n) for n in args.steps.split(",") if n]:
            results.append(("step", measured_run(env, base, users, args.step_seconds, work, server, url)))
            print(json.dumps(results[-1][1], ensure_ascii=False), flush=True)
    print("\nrun   users  p95 page ms  p95 action ms  p95 API read ms  requests  errors  CPU ms/request  cores used  "
          "load average")
    for kind, r in results:
        print(f"{kind:5} {r['users']:>5}  {r['p95_page_ms']!s:>11}  {r['p95_action_ms']!s:>13}  "
              f"{r['p95_read_ms']!s:>15}  {sum(r['requests'].values()):>8}  {r['errors']:>6}  "
              f"{cpu_per_request_ms(r):>14}  {cores_used(r):>10}  {r['load_average']:>12}")
    knee = next((r["users"] for kind, r in results if kind == "step"
                 and max(r["p95_page_ms"] or 0, r["p95_action_ms"] or 0) > 1000), None)
    if args.steps:
        print(f"knee (p95 over 1 s): {knee or 'not reached at ' + args.steps.split(',')[-1] + ' users'}")
    print(f"server log: {work / 'server.log'}")


if __name__ == "__main__":
    main()
