"""What the check on every open costs: the schema digest and the file modes, alone and in
`homekit status --json`.

Run on demand (tests/test_benchmarks.py runs it with --tiny, so that CI sees it work):

    python benchmarks/bench_open_check.py [--rounds 50] [--before DIR]
    python benchmarks/bench_open_check.py --tiny

`--before DIR`: a copy of an older homekit source tree (e.g. `git archive <commit> | tar -x
-C DIR`), run with PYTHONPATH=DIR in the same venv, interleaved with this one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def alone(db: Path, n: int = 2000) -> tuple[float, float]:
    from homekit.storage.guard import verify_schema
    from homekit.storage.perms import tighten
    from homekit.storage.schema import SCHEMA_VERSION

    conn = sqlite3.connect(db, isolation_level=None)
    check, modes = [], []
    for _ in range(n):
        t = time.perf_counter()
        verify_schema(conn, db, SCHEMA_VERSION)
        check.append(time.perf_counter() - t)
        t = time.perf_counter()
        tighten(db)
        modes.append(time.perf_counter() - t)
    conn.close()
    return statistics.median(check) * 1e6, statistics.median(modes) * 1e6


def status_ms(db: Path, pythonpath: str | None) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOMEKIT_")}
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "homekit", "--db", str(db), "status", "--json"],
                   env=env, check=True, capture_output=True)
    return (time.perf_counter() - t) * 1000


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=50)
    ap.add_argument("--before", metavar="DIR")
    ap.add_argument("--tiny", action="store_true", help="one round, 20 checks (CI)")
    args = ap.parse_args(argv)
    if args.tiny:
        args.rounds = 1
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "b.db"
        for argv in (["profile", "condition", "no"], ["log"]):  # the skin question first
            subprocess.run([sys.executable, "-m", "homekit", "--db", str(db), *argv], check=True,
                           capture_output=True)
        runs = 20 if args.tiny else 2000
        load_before = os.getloadavg()[0]
        check_us, modes_us = alone(db, runs)
        now, before = [], []
        for _ in range(args.rounds):
            now.append(status_ms(db, None))
            if args.before:
                before.append(status_ms(db, args.before))
        load_after = os.getloadavg()[0]
    print(f"Measured {dt.date.today().isoformat()} with `python benchmarks/bench_open_check.py"
          f"{' --tiny' if args.tiny else f' --rounds {args.rounds}'}`; load average "
          f"{load_before:.2f} at the start, {load_after:.2f} at the end.\n")
    print("| what | median |\n|---|---:|")
    print(f"| the schema check on open (fast path), {runs} runs | {check_us:.0f} µs |")
    print(f"| the file-mode check on open, {runs} runs | {modes_us:.0f} µs |")
    print(f"| `homekit status --json`, {args.rounds} runs | {statistics.median(now):.0f} ms |")
    if before:
        print(f"| the same, `--before` build, interleaved | {statistics.median(before):.0f} ms |")


if __name__ == "__main__":
    main()
