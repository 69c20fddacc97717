"""`make loadtest`: a fresh PostgreSQL database, the roster (prepare.py), `congvu serve` on loopback,
then Locust headless: one run at 100 officials, and a stepped run to find the knee (the number of
users at which p95 crosses 1 s). Prints one JSON summary per run and a table at the end.

    python -m congvu.ops.loadtest.run [--users 100] [--seconds 60] [--steps 25,50,100,150,200]
                                      [--step-seconds 30] [--port 8765]
LOADTEST_DATABASE_URL: the server to use (default postgres://postgres@127.0.0.1:5432/congvu_load);
its database is dropped and created again, so never point it at real data."""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
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


def locust(env: dict, base: str, users: int, seconds: int, work: Path) -> dict:
    summary = work / f"summary-{users}.json"
    subprocess.run(  # noqa: S603 - our own venv's locust, arguments built here
        [BIN / "locust", "-f", HERE / "locustfile.py", "--headless", "--host", base, "-u", str(users),
         "-r", str(max(1, users // 10)), "-t", f"{seconds}s", "--only-summary", "--stop-timeout", "10",
         "--loglevel", "WARNING"],
        env={**env, "LOADTEST_SUMMARY": str(summary)}, check=False, stdout=subprocess.DEVNULL,
    )
    return json.loads(summary.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--steps", default="25,50,100,150,200")
    parser.add_argument("--step-seconds", type=int, default=30)
    parser.add_argument("--port", type=int, default=8765)
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
    serve = [BIN / "congvu", "serve", "--port", str(args.port), "--workers", "2"]
    server = subprocess.Popen(serve, env=env, stdout=(work / "server.log").open("w"),  # noqa: S603
                              stderr=subprocess.STDOUT, start_new_session=True)
    results = []
    try:
        wait_until_up(base)
        results.append(("main", locust(env, base, args.users, args.seconds, work)))
        print(json.dumps(results[-1][1], ensure_ascii=False))
        for users in [int(n) for n in args.steps.split(",") if n]:
            results.append(("step", locust(env, base, users, args.step_seconds, work)))
            print(json.dumps(results[-1][1], ensure_ascii=False))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a worker stuck in a long request: the port must be freed
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    print("\nrun   users  p95 page ms  p95 action ms  p95 API read ms  requests  errors")
    for kind, r in results:
        print(f"{kind:5} {r['users']:>5}  {r['p95_page_ms']!s:>11}  {r['p95_action_ms']!s:>13}  "
              f"{r['p95_read_ms']!s:>15}  {sum(r['requests'].values()):>8}  {r['errors']:>6}")
    knee = next((r["users"] for kind, r in results if kind == "step"
                 and max(r["p95_page_ms"] or 0, r["p95_action_ms"] or 0) > 1000), None)
    print(f"knee (p95 over 1 s): {knee or 'not reached at ' + args.steps.split(',')[-1] + ' users'}")
    print(f"server log: {work / 'server.log'}")


if __name__ == "__main__":
    main()
