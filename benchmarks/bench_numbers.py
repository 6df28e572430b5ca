"""What the session number costs: reads with it against the same reads without it.

Run on demand (pytest never collects it):

    python benchmarks/bench_numbers.py [--rounds 15] [--sessions 100000] [--json out.json]
    python benchmarks/bench_numbers.py --tiny     # one round, 3,000 sessions (CI)

A file of `--sessions` sessions over 20 profiles (5,000 each at 100,000: a profile cannot hold
many more, its sessions being a week apart after 1900), filled by bulk SQL. In one process,
interleaved round by round, each read is timed through `Store` as the app and the CLI call it,
and again with the numbering step replaced by nothing (the baseline): the ratio is the cost
of numbering. The reads: history's first page (100 newest), a page deep in the log, one
session, a search that matches every tenth session, and every session of a profile oldest
first (what export and the report read).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import fill  # noqa: E402

PROFILES = 20


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--sessions", type=int, default=100_000)
    ap.add_argument("--json", type=Path, help="also write the raw results here")
    ap.add_argument("--tiny", action="store_true", help="one round, 3,000 sessions (CI)")
    args = ap.parse_args(argv)
    if args.tiny:
        args.rounds, args.sessions = 1, 3_000

    from homekit.domain.models import SessionFilter
    from homekit.storage import open_store
    from homekit.storage.sessions import SessionQueries

    with tempfile.TemporaryDirectory(prefix="hk-bench-numbers-") as tmp:
        db = Path(tmp) / "h.db"
        fill(db, args.sessions, profiles=PROFILES, notes="bench")
        store = open_store(db)
        pid = store.profile_by_name("me").id  # type: ignore[union-attr]
        newest = store.sessions(pid, newest_first=True, limit=100)
        deep = store.sessions(pid, newest_first=False, limit=2000)[-1]
        reads: dict[str, Callable[[], object]] = {
            "history, first page (100)": lambda: store.sessions(pid, newest_first=True, limit=100),
            "history, a page 3,000 deep": lambda: store.sessions(
                pid, newest_first=True, limit=100, after=(deep.session_date, deep.id)),
            "one session": lambda: store.get_session(newest[50].id),
            "search, every 10th session": lambda: store.sessions(
                pid, where=SessionFilter(search="bench 1")),
            "every session, oldest first": lambda: list(store.iter_sessions(pid)),
        }
        numbered = SessionQueries._numbers

        def unnumbered(self: SessionQueries, rows: list) -> dict[int, int]:
            return dict.fromkeys((r["id"] for r in rows), 0)

        times: dict[str, dict[str, list[float]]] = {k: {"with": [], "without": []} for k in reads}
        load = os.getloadavg()[0]
        for _ in range(args.rounds):
            for name, read in reads.items():
                for variant, impl in (("with", numbered), ("without", unnumbered)):
                    SessionQueries._numbers = impl  # type: ignore[method-assign]
                    start = time.perf_counter()
                    read()
                    times[name][variant].append(time.perf_counter() - start)
        SessionQueries._numbers = numbered  # type: ignore[method-assign]
        store.close()
    result = {"sessions": args.sessions, "profiles": PROFILES, "rounds": args.rounds,
              "load_before": load, "load_after": os.getloadavg()[0], "reads": {}}
    print(f"{args.sessions} sessions over {PROFILES} profiles; {args.rounds} rounds, "
          f"load average {load:.2f} -> {result['load_after']:.2f}")
    print(f"{'read':32} {'with number':>12} {'without':>10} {'ratio':>7}")
    for name, t in times.items():
        with_ms = statistics.median(t["with"]) * 1000
        without_ms = statistics.median(t["without"]) * 1000
        result["reads"][name] = {"with_ms": with_ms, "without_ms": without_ms}
        print(f"{name:32} {with_ms:10.2f}ms {without_ms:8.2f}ms {with_ms / without_ms:7.2f}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
