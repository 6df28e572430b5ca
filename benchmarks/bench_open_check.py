"""What the check on every open costs: the schema digest and the file modes, alone and in
`homekit status --json`.

Run on demand (pytest never collects it):

    python benchmarks/bench_open_check.py [--rounds 50] [--before DIR]

`--before DIR`: a copy of an older homekit source tree (e.g. `git archive <commit> | tar -x
-C DIR`), run with PYTHONPATH=DIR in the same venv, interleaved with this one.
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=50)
    ap.add_argument("--before", metavar="DIR")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "b.db"
        for argv in (["profile", "condition", "no"], ["log"]):  # the skin question first
            subprocess.run([sys.executable, "-m", "homekit", "--db", str(db), *argv], check=True,
                           capture_output=True)
        check_us, modes_us = alone(db)
        print(f"schema check (fast path): median {check_us:.0f} us; "
              f"file modes: median {modes_us:.0f} us (2000 runs each)")
        now, before = [], []
        for _ in range(args.rounds):
            now.append(status_ms(db, None))
            if args.before:
                before.append(status_ms(db, args.before))
        line = f"homekit status --json: median {statistics.median(now):.0f} ms"
        if before:
            line += f"; before: median {statistics.median(before):.0f} ms"
        print(f"{line} ({args.rounds} runs, interleaved)")


if __name__ == "__main__":
    main()
