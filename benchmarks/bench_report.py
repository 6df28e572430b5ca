"""The report for a lifetime log: pages, time and memory of `homekit report` at 100 sessions
against 5,000 (and 5,000 with --full), fresh processes, interleaved round by round.

Run on demand (tests/test_benchmarks.py runs it with --tiny, so that CI sees it work):
    python benchmarks/bench_report.py [--rounds N] [--sessions 100,5000] [--json FILE]

Each file holds one profile (weekly sessions up to last week, every third with redness, a
course of 100: benchmarks.common.fill) and 20 stored photos of 1536 x 2048 over four areas.
The ratio that counts is CPU time (user + system of the child, from wait4) of the largest log
against the smallest; wall time and peak RSS are printed beside it, with the load average
before and after the run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_photos import add_photos  # noqa: E402
from benchmarks.common import HOMEKIT, clean_env, fill  # noqa: E402


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (KiB) of one fresh process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {err[-400:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf.read_bytes()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sessions", default="100,5000",
                        help="sizes, the first one the baseline (default 100,5000)")
    parser.add_argument("--photos", type=int, default=20)
    parser.add_argument("--json", metavar="FILE", help="also write the results here")
    parser.add_argument("--tiny", action="store_true",
                        help="once, 10 and 50 sessions, 5 small photos (CI)")
    args = parser.parse_args()
    if args.tiny:
        args.rounds, args.sessions, args.photos = 1, "10,50", 5
    sizes = [int(n) for n in args.sessions.split(",")]
    env = clean_env()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        variants: dict[str, list[str]] = {}
        for n in sizes:
            db = root / f"h{n}.db"
            fill(db, n, profiles=1)
            add_photos(db, args.photos, size=(300, 400) if args.tiny else (1536, 2048))
            variants[f"report, {n:,} sessions"] = [
                HOMEKIT, "--db", str(db), "report", "-o", str(root / f"r{n}.pdf"), "--force"]
        largest = sizes[-1]
        variants[f"report --full, {largest:,} sessions"] = [
            *variants[f"report, {largest:,} sessions"][:-3], "-o", str(root / "full.pdf"),
            "--force", "--full"]
        results: dict[str, dict[str, list[float]]] = {
            name: {"wall": [], "cpu": [], "rss": []} for name in variants}
        for r in range(0 if args.tiny else -1, args.rounds):  # one warm-up round
            for name, argv in variants.items():
                wall, cpu, rss = run(argv, env)
                if r >= 0:
                    results[name]["wall"].append(wall)
                    results[name]["cpu"].append(cpu)
                    results[name]["rss"].append(rss / 1024)
        page_counts = {name: pages(Path(argv[argv.index("-o") + 1]))
                       for name, argv in variants.items()}
    load_after = os.getloadavg()
    base = statistics.median(results[f"report, {sizes[0]:,} sessions"]["cpu"])
    print(f"# {dt.date.today()}, {args.rounds} rounds (+1 warm-up), medians; load average "
          f"{load_before[0]:.2f} before, {load_after[0]:.2f} after; {os.cpu_count()} cores")
    print("| report | pages | CPU (ms) | CPU ratio | wall (ms) | peak RSS (MiB) |")
    print("|---|---:|---:|---:|---:|---:|")
    summary = {}
    for name, got in results.items():
        cpu = statistics.median(got["cpu"])
        wall = statistics.median(got["wall"])
        summary[name] = {"pages": page_counts[name], "cpu_ms": cpu * 1000,
                         "cpu_ratio": cpu / base, "wall_ms": wall * 1000,
                         "rss_mib": max(got["rss"])}
        print(f"| {name} | {page_counts[name]} | {cpu * 1000:.0f} | {cpu / base:.2f}x | "
              f"{wall * 1000:.0f} | {max(got['rss']):.0f} |")
    if args.json:
        Path(args.json).write_text(json.dumps({"load_before": load_before,
                                               "load_after": load_after,
                                               "rounds": args.rounds, "results": summary},
                                              indent=2))


if __name__ == "__main__":
    main()
