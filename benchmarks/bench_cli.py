"""homekit's CLI against the floor (`python -c "import sqlite3"`) and two self-tracking CLIs.

Run on demand (tests/test_benchmarks.py runs it with --tiny, so that CI sees it work):

    python benchmarks/bench_cli.py [--rounds 15] [--json results.json]
    python benchmarks/bench_cli.py --tiny       # one round (CI)

Reads: `homekit status --json` and `homekit history --limit 1 --json` against `jrnl -n 1`,
`watson status` and `watson log`. Writes: `homekit log` (a new date each round) against a
one-line `jrnl` entry and `watson add`. Each tool has 50 entries already; jrnl gets its own
config in a temporary XDG_CONFIG_HOME and Watson a temporary WATSON_DIR, so neither asks
anything nor touches the user's data. jrnl and Watson come from the `bench` extra; install
them in a separate venv (`python -m venv .benchvenv && .benchvenv/bin/pip install -e '.[bench]'`)
or point BENCH_PEERS_BIN at the folder holding them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import HOMEKIT, clean_env, fill, interleave, peer_bin, run_once  # noqa: E402

ENTRIES = 50

JRNL_CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals: {{default: {{journal: {journal}}}}}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: '4.6'
"""


def setup(folder: Path) -> dict:
    today = dt.date.today()
    db = folder / "homekit.db"
    fill(db, ENTRIES, profiles=1)
    # jrnl: its plain-text journal format, 50 entries a week apart
    xdg = folder / "xdg"
    (xdg / "jrnl").mkdir(parents=True)
    journal = folder / "journal.txt"
    (xdg / "jrnl" / "jrnl.yaml").write_text(JRNL_CONFIG.format(journal=journal))
    lines = []
    for i in range(ENTRIES, 0, -1):
        day = today - dt.timedelta(days=7 * i)
        lines.append(f"[{day.isoformat()} 09:00] Session {i}: cheeks, level 3.\n\n")
    journal.write_text("".join(lines))
    # Watson: its frames file, 50 one-hour frames a week apart
    watson = folder / "watson"
    watson.mkdir()
    frames = []
    for i in range(ENTRIES, 0, -1):
        start = int(time.time()) - 7 * 86400 * i
        frames.append([start, start + 3600, "skin", f"{i:032x}", ["cheeks"], start + 3600])
    (watson / "frames").write_text(json.dumps(frames))
    return {
        "db": db,
        "jrnl_env": clean_env(XDG_CONFIG_HOME=str(xdg), XDG_DATA_HOME=str(xdg),
                              HOME=str(folder)),
        "watson_env": clean_env(WATSON_DIR=str(watson), HOME=str(folder)),
        "homekit_env": clean_env(HOMEKIT_DB=str(db)),
    }


def variants(ctx: dict) -> tuple[dict, dict]:
    py = sys.executable
    floor = lambda r: run_once([py, "-c", "import sqlite3"], clean_env())  # noqa: E731
    hk_env = ctx["homekit_env"]
    reads = {"floor: python -c 'import sqlite3'": floor,
             "homekit status --json": lambda r: run_once([HOMEKIT, "status", "--json"], hk_env),
             "homekit history --limit 1 --json":
                 lambda r: run_once([HOMEKIT, "history", "--limit", "1", "--json"], hk_env)}
    oldest = dt.date.today() - dt.timedelta(days=7 * (ENTRIES + 1))
    writes = {"floor: python -c 'import sqlite3'": floor,
              "homekit log": lambda r: run_once(
                  [HOMEKIT, "log", "--date", (oldest - dt.timedelta(days=7 * (r + 2))).isoformat(),
                   "--duration", "40", "--area", "cheeks", "--notes", f"bench {r}"], hk_env)}
    jrnl, watson = peer_bin("jrnl"), peer_bin("watson")
    if jrnl:
        j_env = ctx["jrnl_env"]
        reads["jrnl -n 1"] = lambda r: run_once([jrnl, "-n", "1"], j_env)
        writes["jrnl 'one-line entry'"] = lambda r: run_once(
            [jrnl, f"Session {r}: cheeks, level 3."], j_env)
    if watson:
        w_env = ctx["watson_env"]
        reads["watson status"] = lambda r: run_once([watson, "status"], w_env)
        reads["watson log"] = lambda r: run_once([watson, "log"], w_env)

        def watson_add(r: int) -> tuple[float, int, float]:
            day = dt.date.today() - dt.timedelta(days=3 + r)
            return run_once([watson, "add", "--from", f"{day} 10:00", "--to", f"{day} 11:00",
                             "skin", "+cheeks"], w_env)

        writes["watson add"] = watson_add
    return reads, writes


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--tiny", action="store_true", help="one round (CI: the benchmark runs)")
    ap.add_argument("--json", type=Path, help="also write the raw results here")
    args = ap.parse_args(argv)
    if args.tiny:
        args.rounds = 1
    with tempfile.TemporaryDirectory(prefix="hk-bench-cli-") as tmp:
        ctx = setup(Path(tmp))
        reads, writes = variants(ctx)
        warmup = 0 if args.tiny else 1
        out = {"read": interleave(reads, args.rounds, warmup),
               "write": interleave(writes, args.rounds, warmup)}
    result = {kind: {name: {"seconds": r.seconds, "cpu": r.cpu, "rss_kib": r.rss_kib}
                     for name, r in runs.items()} for kind, runs in out.items()}
    result["peers"] = {"jrnl": peer_bin("jrnl"), "watson": peer_bin("watson")}
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    for kind, runs in out.items():
        floor = next(iter(runs.values())).median
        print(f"\n{kind}: median ms (min-max), x floor, peak RSS")
        for name, r in runs.items():
            print(f"  {name:<36} {r.median * 1000:7.1f} ({r.spread})  "
                  f"x{r.median / floor:5.2f}  {r.rss_mib:6.1f} MiB")
    return result


if __name__ == "__main__":
    main()
