"""The browser tests' timing report (issue 12: "every main page under 300 ms server time on the demo,
measured per page by the browser tests' timing report; the report is not a timed assertion").

While the tests run, congvu.lib.timing times every answer. At the end of the session the pages the
live server answered to Chromium (GET, 200, HTML, not an htmx swap) are grouped by their URL's name
and written to var/page-timings.json (visits, median and slowest server time, the budget), and the
same figures are printed after the tests' summary. Nothing fails on a figure: speed is measured here
and in `congvu bench`, never asserted. The hooks are imported by congvu/conftest.py."""

import json
import statistics
from collections import defaultdict
from pathlib import Path

from congvu.lib.timing import RECORDER, Timing

BUDGET_MS = 300
REPORT = Path(__file__).resolve().parents[1] / "var" / "page-timings.json"
TEST_CLIENT_HOST = "testserver"  # Django's test client; the live server answers as localhost


def is_page(timing: Timing) -> bool:
    return (timing.host != TEST_CLIENT_HOST and timing.method == "GET" and timing.status == 200
            and timing.content_type.startswith("text/html") and not timing.htmx)


def per_page(timings: list[Timing]) -> list[dict]:
    """One row per page, slowest median first."""
    grouped: dict[str, list[Timing]] = defaultdict(list)
    for timing in filter(is_page, timings):
        grouped[timing.view or timing.path].append(timing)
    rows = [{
        "page": view, "example": seen[0].path, "visits": len(seen),
        "median_ms": round(statistics.median(t.ms for t in seen), 1), "max_ms": round(max(t.ms for t in seen), 1),
    } for view, seen in grouped.items()]
    for row in rows:
        row["over_budget"] = row["median_ms"] > BUDGET_MS
    return sorted(rows, key=lambda r: -r["median_ms"])


def pytest_configure(config) -> None:
    RECORDER.on = True


def pytest_sessionfinish(session, exitstatus) -> None:
    rows = per_page(RECORDER.timings)
    if not rows:
        return
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps({"budget_ms": BUDGET_MS, "pages": rows}, ensure_ascii=False, indent=1))


def pytest_terminal_summary(terminalreporter) -> None:
    rows = per_page(RECORDER.timings)
    if not rows:
        return
    write = terminalreporter.write_line
    terminalreporter.write_sep("-", f"server time per page, browser tests (budget {BUDGET_MS} ms; {REPORT.name})")
    write(f"{'page':<32} {'visits':>6} {'median ms':>10} {'max ms':>8}")
    for row in rows:
        flag = "  over budget" if row["over_budget"] else ""
        write(f"{row['page']:<32} {row['visits']:>6} {row['median_ms']:>10} {row['max_ms']:>8}{flag}")
