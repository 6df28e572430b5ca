"""`homekit remind` with time zones against the same command before them, in fresh processes.

Run on demand (pytest never collects it):

    python benchmarks/bench_reminders.py [--rounds 15] [--baseline BIN] [--json out.json]
    python benchmarks/bench_reminders.py --tiny   # one round (tests/test_benchmarks.py, CI)

A profile with the largest target (100 sessions, a week apart: 100 events over two years) is
the worst case for the VTIMEZONE, whose rules are written out for the span of the events.
Variants, interleaved round by round: `homekit status --json` (the floor), `remind --tz UTC`
(times written with a Z, no VTIMEZONE), `remind --tz Europe/Paris` (a VTIMEZONE with two
changes a year) and, with --baseline, the `homekit` of an older checkout (floating times) on
its own copy of the file. The second and later rounds also write the cancellations of the
first: the ledger is warm, as for a user who runs `remind` again.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import HOMEKIT, clean_env, interleave, run_once  # noqa: E402

TARGET = 100


def make_file(binary: str, db: Path) -> None:
    env = clean_env()
    for args in (["profile", "condition", "no"], ["profile", "set", "--target", str(TARGET)]):
        subprocess.run([binary, "--db", str(db), *args], check=True, env=env,
                       stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--baseline", help="the homekit command of an older checkout")
    ap.add_argument("--json", type=Path, help="also write the raw results here")
    ap.add_argument("--tiny", action="store_true", help="one round (CI: the benchmark runs)")
    args = ap.parse_args()
    if args.tiny:
        args.rounds = 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "homekit.db"
        make_file(HOMEKIT, db)
        env = clean_env(HOMEKIT_DB=str(db))
        out = str(folder / "r.ics")

        def remind(zone: str):
            return lambda r: run_once([HOMEKIT, "remind", "-o", out, "--force", "--tz", zone], env)

        variants = {
            "homekit status --json (floor)": lambda r: run_once([HOMEKIT, "status", "--json"], env),
            "remind --tz UTC": remind("UTC"),
            "remind --tz Europe/Paris": remind("Europe/Paris"),
        }
        if args.baseline:
            old = folder / "baseline.db"
            make_file(args.baseline, old)
            old_env = clean_env(HOMEKIT_DB=str(old))
            variants["baseline remind (floating times)"] = lambda r: run_once(
                [args.baseline, "remind", "-o", str(folder / "b.ics"), "--force"], old_env)
        results = interleave(variants, args.rounds, warmup=0 if args.tiny else 1)
        events = Path(out).read_text().count("BEGIN:VEVENT")
    load = os.getloadavg()
    floor = results["homekit status --json (floor)"].median
    base = results.get("baseline remind (floating times)")
    print(f"{events} events a file; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
          f"{args.rounds} rounds")
    print("median ms (min-max), x floor" + (", x baseline" if base else "") + ", peak RSS")
    for name, r in results.items():
        ratio = f"  x{r.median / base.median:.2f} baseline" if base else ""
        print(f"  {name:<34} {r.median * 1000:7.1f} ({r.spread})  x{r.median / floor:.2f}"
              f"{ratio}  {r.rss_mib:.0f} MiB")
    if args.json:
        args.json.write_text(json.dumps({
            "load": load, "events": events, "rounds": args.rounds,
            "runs": {n: {"seconds": r.seconds, "rss_kib": r.rss_kib} for n, r in results.items()},
        }, indent=1))


if __name__ == "__main__":
    main()
