"""The fast path is fenced: only the modules the `fastsql-fenced` contract in pyproject.toml names may
import `congvu.lib.fastsql` (`make lint` checks every contract; this keeps the fence in the suite)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_only_the_actions_the_trail_the_sweeps_and_the_benchmarks_import_fastsql():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([lint, "--contract", "fastsql-fenced", "--no-cache"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
