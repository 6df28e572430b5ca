"""Start-up in instructions, against the interpreter's floor: `--version`, one command's
`--help`, `status --json` and `log`.

    python benchmarks/bench_startup_instructions.py [--baseline SRC] [--json out.json]
    python benchmarks/bench_startup_instructions.py --tiny   # the floor and --version (CI)

Wall and CPU time on a shared 2-core machine move with its load; the number of instructions a
process executes (valgrind's callgrind, which counts them) does not: the same command on the
same files gives the same count whatever else runs. Each command runs once under callgrind,
started through the installed `homekit` entry point:
- floor: `python -c 'import sqlite3'`;
- stdlib: `python -c 'import sqlite3, argparse, json, pathlib, dataclasses'`, the standard
  library the CLI is built on, with no homekit code (a lower bound for any command);
- argparse: a bare argparse parser with three options printing its help (the lower bound of
  any command's `--help`);
- `homekit --version`, `homekit status --help`, and the `--help` of `log`, `photo add` and
  `report` (parsers with validators);
- every other command's and subcommand's `--help` (`profile set`, `event log`, ...): the worst
  of them is a row of its own, and a second table lists them all;
- `homekit status --json` on a 100-session file, and `homekit log` into a copy of a file with
  one profile and no session (a session that is accepted).
`--baseline SRC` also counts an older homekit (a folder holding homekit/), started as its
entry point was (`homekit.cli:main`), on files it made itself.
Needs valgrind (`apt-get install valgrind`); prints a table of counts and ratios to the floor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import HOMEKIT, clean_env, fill  # noqa: E402

#: The --help rows of the first table; every command's --help is counted and listed below it.
NAMED_HELPS = (("status",), ("log",), ("photo", "add"), ("report",))


def every_command() -> list[tuple[str, ...]]:
    """Every command and subcommand of the homekit under test, as its parser lists them."""
    from homekit.cli import build_parser

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> list[tuple[str, ...]]:
        found: list[tuple[str, ...]] = []
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found += [(*path, name), *walk(sub, (*path, name))]
        return found

    return walk(build_parser(), ())


def instructions(argv: list[str], env: dict[str, str]) -> int:
    run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
                         env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{run.stderr[-2000:]}")
    found = re.search(r"Collected : (\d+)", run.stderr)
    if not found:
        raise SystemExit("valgrind printed no instruction count")
    return int(found.group(1))


BARE_HELP = ("import argparse\np = argparse.ArgumentParser(prog='homekit status')\n"
             "p.add_argument('--db'); p.add_argument('--profile')\n"
             "p.add_argument('--json', action='store_true')\np.print_help()")


def counts_for(folder: Path, src: str | None, tiny: bool) -> dict[str, int]:
    """The homekit rows: the installed homekit, or the older one in `src`."""
    hk = [HOMEKIT] if src is None else [
        sys.executable, "-P", "-c",  # -P: not the current folder's homekit/
        "import sys; sys.argv[0] = 'homekit'; from homekit.cli import main; sys.exit(main())"]
    env = clean_env(PYTHONPATH=src) if src else clean_env()
    counts = {"homekit --version": instructions([*hk, "--version"], env)}
    if tiny:
        return counts
    small, empty = folder / "small.db", folder / "empty.db"
    fill(small, 100, 1, argv=hk, env=env)
    subprocess.run([*hk, "--db", str(empty), "profile", "condition", "no"], env=env,
                   check=True, capture_output=True)
    # Warm the OS cache and the bytecode once before counting.
    subprocess.run([*hk, "--db", str(small), "status", "--json"], env=env, check=True,
                   capture_output=True)
    commands = every_command()
    for command in [*NAMED_HELPS, *(c for c in commands if c not in NAMED_HELPS)]:
        # Warm: their modules' bytecode is written on a first run.
        warm = subprocess.run([*hk, *command, "--help"], env=env, capture_output=True)
        if warm.returncode == 0:  # (an older homekit may not have the command)
            counts[f"homekit {' '.join(command)} --help"] = instructions(
                [*hk, *command, "--help"], env)
    counts["homekit status --json"] = instructions([*hk, "--db", str(small), "status", "--json"],
                                                   env)
    target = Path(shutil.copy(empty, folder / "log.db"))
    counts["homekit log"] = instructions([*hk, "--db", str(target), "log"], env)
    return counts


def main(argv: list[str] | None = None) -> dict[str, dict[str, int]]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path)
    ap.add_argument("--baseline", type=Path, metavar="SRC",
                    help="also an older homekit: a folder holding its homekit/ package")
    ap.add_argument("--tiny", action="store_true", help="only the floor and --version (CI)")
    args = ap.parse_args(argv)
    if not shutil.which("valgrind"):
        raise SystemExit("needs valgrind (apt-get install valgrind)")
    env = clean_env()
    with tempfile.TemporaryDirectory(prefix="hk-bench-ir-") as tmp:
        floors = {"floor": instructions([sys.executable, "-c", "import sqlite3"], env)}
        if not args.tiny:
            floors["stdlib"] = instructions(
                [sys.executable, "-c", "import sqlite3, argparse, json, pathlib, dataclasses"],
                env)
            floors["argparse"] = instructions([sys.executable, "-c", BARE_HELP], env)
        now = Path(tmp) / "now"
        now.mkdir()
        builds = {"now": counts_for(now, None, args.tiny)}
        if args.baseline:
            old = Path(tmp) / "baseline"
            old.mkdir()
            builds["before"] = counts_for(old, str(args.baseline.resolve()), args.tiny)
    floor = floors["floor"]
    labels = {"floor": "`python -c 'import sqlite3'` (floor)",
              "stdlib": "`python -c 'import sqlite3, argparse, json, pathlib, dataclasses'`",
              "argparse": "a bare argparse parser of three options printing its help"}
    head = "| command | " + " | ".join(f"{b}, millions | x floor, {b}" for b in builds) + " |"
    print(f"Counted {dt.date.today().isoformat()} with callgrind (instructions do not move with "
          f"the machine's load), Python {platform.python_version()}.\n")
    print(head)
    print("|---|" + "---:|---:|" * len(builds))
    for name, value in floors.items():
        cells = " | ".join(f"{value / 1e6:.0f} | {value / floor:.2f}" for _ in builds)
        print(f"| {labels[name]} | {cells} |")
    helps = {b: {n: c for n, c in counts.items() if n.endswith(" --help")}
             for b, counts in builds.items()}
    worst = {b: max(h, key=h.__getitem__) for b, h in helps.items() if h}  # (none: --tiny)
    for b, w in worst.items():  # the worst --help of each build, as a row of its own
        builds[b]["the worst command's --help"] = helps[b][w]
    listed = {f"homekit {' '.join(c)} --help" for c in NAMED_HELPS}
    for name in builds["now"]:
        if name.endswith(" --help") and name not in listed:
            continue  # (in the table of every --help below)
        cells = " | ".join(
            f"{b[name] / 1e6:.0f} | {b[name] / floor:.2f}" if name in b else "- | -"
            for b in builds.values())
        print(f"| `{name}` | {cells} |")
    if worst:
        print("\nThe worst --help: " + ", ".join(f"{b}: `{w}`" for b, w in worst.items()))
        print("\nEvery `--help`, most instructions first (millions, x floor):\n")
        print("| command | " + " | ".join(f"{b} | x floor, {b}" for b in builds) + " |")
        print("|---|" + "---:|---:|" * len(builds))
    for name in sorted(helps["now"], key=helps["now"].__getitem__, reverse=True):
        cells = " | ".join(f"{h[name] / 1e6:.1f} | {h[name] / floor:.2f}" if name in h
                           else "- | -" for h in helps.values())
        print(f"| `{name.removesuffix(' --help')}` | {cells} |")
    result = {"floors": floors, **builds}
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
