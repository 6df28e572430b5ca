"""`status --json` against the standard library it stands on and against `watson status`, and
the app's first frames against the same screens rebuilt in bare Textual, in one run.

    python benchmarks/bench_status.py [--rounds 15] [--paints 9] [--json out.json]
    python benchmarks/bench_status.py --tiny   # once each, no warm-up (CI: it runs)
    python benchmarks/bench_status.py --baseline SRC   # also an older homekit, interleaved

CLI part: CPU seconds (user + system) of whole processes, the variants interleaved round by
round after one untimed round: `python -c 'import sqlite3, argparse, json, pathlib,
dataclasses'` (the standard library the CLI keeps), `homekit --db F status --json` on a
100-session file (common.fill), and `watson status` (the `bench` extra; skipped when it is not
installed) on an empty Watson folder.

App part (bench_tui_startup's children, in a 120x36 pseudo-terminal, started through the
`homekit` entry point): time to the first frame of the welcome screen on a file that does not
exist yet, against the welcome screen's widgets in bare Textual; and of the dashboard on the
100-session file, against its replica in bare Textual (same widgets, ids, style sheet, keys).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_tui_startup as startup  # noqa: E402
from common import HOMEKIT, clean_env, fill, load, machine, measure, peer_bin  # noqa: E402

STDLIB = "import sqlite3, argparse, json, pathlib, dataclasses"


def cli_part(folder: Path, small: Path, rounds: int, warmup: int,
             baseline: Path | None = None) -> dict[str, list[float]]:
    env = clean_env()
    variants = {"stdlib": ([sys.executable, "-c", STDLIB], env),
                "status --json": ([HOMEKIT, "--db", str(small), "status", "--json"], env)}
    if baseline:  # an older homekit's source, started as its entry point starts it
        variants["status --json, before"] = (
            [sys.executable, "-P", "-c", "import sys; sys.argv[0] = 'homekit'; from homekit.launch "
             "import main; sys.exit(main())", "--db", str(small), "status", "--json"],
            clean_env(PYTHONPATH=str(baseline.resolve())))
    watson = peer_bin("watson")
    if watson:
        (folder / "watson").mkdir()
        variants["watson status"] = ([watson, "status"],
                                     clean_env(WATSON_DIR=str(folder / "watson")))
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    for r in range(-warmup, rounds):
        for name, (argv, e) in variants.items():
            sample = measure(argv, e, cwd=str(folder))
            if r >= 0:
                cpu[name].append(sample.cpu)
    return cpu


def app_part(folder: Path, small: Path, rounds: int, warmup: int) -> dict[str, list[float]]:
    out = folder / "painted.txt"
    new = folder / "new.db"
    paints: dict[str, list[float]] = {}
    for r in range(-warmup, rounds):
        new.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(f"{new}{suffix}").unlink(missing_ok=True)
        sample = {
            "bare welcome": startup.measure(["bare-welcome"], out)[0],
            "welcome, new file": startup.measure(["welcome", str(new)], out)[0],
            "bare dashboard": startup.measure(["bare-dashboard"], out)[0],
            "dashboard, 100 sessions": startup.measure(["homekit", str(small)], out)[0],
        }
        if r >= 0:
            for key, value in sample.items():
                paints.setdefault(key, []).append(value)
    return paints


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=15, help="CLI rounds")
    ap.add_argument("--paints", type=int, default=9, help="app rounds")
    ap.add_argument("--tiny", action="store_true", help="once each, no warm-up (CI)")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--baseline", type=Path, metavar="SRC",
                    help="also an older homekit's `status --json`: a folder holding homekit/")
    args = ap.parse_args(argv)
    rounds, paints, warmup = (1, 1, 0) if args.tiny else (args.rounds, args.paints, 1)
    before = load()
    with tempfile.TemporaryDirectory(prefix="hk-bench-status-") as tmp:
        folder = Path(tmp)
        small = folder / "small.db"
        fill(small, 100, 1)
        cpu = cli_part(folder, small, rounds, warmup, args.baseline)
        app = app_part(folder, small, paints, warmup)
    after = load()
    command = "python benchmarks/bench_status.py" + (
        " --tiny" if args.tiny else f" --rounds {rounds} --paints {paints}")
    print(machine(before, after, command) + "\n")
    med = {name: statistics.median(v) * 1000 for name, v in cpu.items()}
    print("| CPU time, median | ms | `status --json` against it | goal |\n|---|---:|---:|---|")
    print(f"| `homekit status --json` (100 sessions) | {med['status --json']:.1f} | | |")
    print(f"| `python -c '{STDLIB}'` | {med['stdlib']:.1f} | "
          f"{med['status --json'] / med['stdlib']:.2f} | at most 1.4 |")
    if "status --json, before" in med:
        before_ms = med["status --json, before"]
        print(f"| `status --json` before (`--baseline`) | {before_ms:.1f} | "
              f"{before_ms / med['stdlib']:.2f} (against watson: "
              f"{before_ms / med.get('watson status', float('nan')):.2f}) | |")
    if "watson status" in med:
        print(f"| `watson status` | {med['watson status']:.1f} | "
              f"{med['status --json'] / med['watson status']:.2f} | at most 0.75 |")
    pm = {name: statistics.median(v) for name, v in app.items()}
    print("\n| first frame, median | reference ms | homekit ms | ratio | goal |\n"
          "|---|---:|---:|---:|---|")
    print(f"| welcome screen, new file, against its widgets in bare Textual | "
          f"{pm['bare welcome']:.0f} | {pm['welcome, new file']:.0f} | "
          f"{pm['welcome, new file'] / pm['bare welcome']:.2f} | at most 1.1 |")
    print(f"| dashboard, 100 sessions, against its replica in bare Textual | "
          f"{pm['bare dashboard']:.0f} | {pm['dashboard, 100 sessions']:.0f} | "
          f"{pm['dashboard, 100 sessions'] / pm['bare dashboard']:.2f} | at most 1.1 |")
    result = {"load_before": before, "load_after": after, "cpu": cpu, "paint_ms": app,
              "nproc": os.cpu_count()}
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
