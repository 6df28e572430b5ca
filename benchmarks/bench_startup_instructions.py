"""Start-up cost of `status --json` and `log` in instructions, against the interpreter's floor.

    python benchmarks/bench_startup_instructions.py [--json out.json]   (pytest never runs it)

Wall and CPU time on a shared 2-core machine move with its load; the number of instructions a
process executes (valgrind's callgrind, which counts them) does not: the same command on the
same files gives the same count whatever else runs. Each command runs once under callgrind:
- floor: `python -c 'import sqlite3'`;
- stdlib: `python -c 'import sqlite3, argparse, json, pathlib, dataclasses'`, the standard
  library the CLI is built on, with no homekit code (a lower bound for any command);
- `homekit status --json` on a 100-session file, and `homekit log` into a copy of a file with
  one profile and no session (a session that is accepted).
Needs valgrind (`apt-get install valgrind`); prints a table of counts and ratios to the floor.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import HOMEKIT, clean_env, fill  # noqa: E402


def instructions(argv: list[str], env: dict[str, str]) -> int:
    run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
                         env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{run.stderr[-2000:]}")
    found = re.search(r"Collected : (\d+)", run.stderr)
    if not found:
        raise SystemExit("valgrind printed no instruction count")
    return int(found.group(1))


def main() -> dict[str, int]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if not shutil.which("valgrind"):
        raise SystemExit("needs valgrind (apt-get install valgrind)")
    env = clean_env()
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="hk-bench-ir-") as tmp:
        folder = Path(tmp)
        small, empty = folder / "small.db", folder / "empty.db"
        fill(small, 100, 1)
        subprocess.run([HOMEKIT, "--db", str(empty), "profile", "condition", "no"], env=env,
                       check=True, capture_output=True)
        # Warm the OS cache and the bytecode of every variant once before counting.
        subprocess.run([HOMEKIT, "--db", str(small), "status", "--json"], env=env, check=True,
                       capture_output=True)
        counts["floor"] = instructions([sys.executable, "-c", "import sqlite3"], env)
        counts["stdlib"] = instructions(
            [sys.executable, "-c", "import sqlite3, argparse, json, pathlib, dataclasses"], env)
        counts["status --json"] = instructions([HOMEKIT, "--db", str(small), "status", "--json"],
                                               env)
        target = Path(shutil.copy(empty, folder / "log.db"))
        counts["log"] = instructions([HOMEKIT, "--db", str(target), "log"], env)
    floor = counts["floor"]
    print("| command | instructions (millions) | x floor |")
    print("|---|---:|---:|")
    for name, value in counts.items():
        print(f"| {name} | {value / 1e6:.0f} | {value / floor:.2f} |")
    if args.json:
        args.json.write_text(json.dumps(counts, indent=1))
    return counts


if __name__ == "__main__":
    main()
