"""Every benchmark runs: CI runs each once at a tiny size (its --tiny flag), so that a benchmark
that no longer works fails CI instead of the next person who measures. No figure is asserted:
speed and memory are measured by the benchmarks themselves, never by the tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import cli_env

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"

SCRIPTS = ["bench_status.py", "bench_issue22.py", "bench_issue14.py", "bench_tui_startup.py",
           "bench_photos.py", "bench_transfer.py", "bench_charts.py", "bench_open_check.py", "run.py",
           "bench_startup_instructions.py", "bench_report.py", "bench_files.py",
           "bench_reminders.py", "bench_numbers.py", "bench_holes.py", "bench_serve.py"]


def test_every_benchmark_is_run_here():
    scripts = {p.name for p in BENCHMARKS.glob("*.py")} - {"common.py", "screens.py"}
    # bench_cli and bench_scale run inside run.py; screens.py draws screenshots.
    assert scripts == set(SCRIPTS) | {"bench_cli.py", "bench_scale.py"}


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_benchmark_runs_at_a_tiny_size(script, tmp_path):
    if script == "bench_startup_instructions.py" and not shutil.which("valgrind"):
        pytest.fail("valgrind is needed (CI installs it: .ci/run)")
    run = subprocess.run([sys.executable, str(BENCHMARKS / script), "--tiny"], cwd=tmp_path,
                         env=cli_env(), capture_output=True, text=True, timeout=600,
                         stdin=subprocess.DEVNULL)
    assert run.returncode == 0, (run.stdout[-1500:], run.stderr[-3000:])
    assert run.stdout.strip()  # it printed its figures
