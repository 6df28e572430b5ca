"""How homekit's commands grow with the log: 100, 10,000 and 100,000 sessions.

Run on demand (tests/test_benchmarks.py runs it with --tiny, so that CI sees it work):

    python benchmarks/bench_scale.py [--rounds 5] [--sizes 100,10000,100000] [--json out.json]
    python benchmarks/bench_scale.py --tiny     # once, 100 and 300 sessions (CI)

All sizes are measured in one run, every operation on every size once a round (the load hits
them alike). Each size is one file with its sessions spread over 20 profiles, each profile's a
week apart going back from last week (100,000 sessions reach back about 96 years), filled by direct
bulk SQL so that the rule's triggers still check every row. Timed, each in a fresh process:
`status --json`, `history --limit 20 --json` (first page), `export --all-profiles` to a JSON
file, `import` of that file into an empty file, and `chart` (the progress chart of the
default profile, a PNG). Commands that this homekit does not have are skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import HOMEKIT, clean_env, fill, interleave, run_once  # noqa: E402

SIZES = (100, 10_000, 100_000)
#: 20 profiles: at 100,000 sessions each holds 5,000 a week apart (96 years), which stays after
#: 1900-01-01, the earliest date homekit accepts (5 profiles went back to 1643, and the
#: import of their export was refused).
PROFILES = 20


def has_command(name: str) -> bool:
    r = subprocess.run([HOMEKIT, name, "--help"], capture_output=True, env=clean_env())
    return r.returncode == 0


def operations(folder: Path, db: Path, empty: Path) -> dict:
    env = clean_env(HOMEKIT_DB=str(db))
    ops = {
        "status": lambda r: run_once([HOMEKIT, "status", "--json"], env),
        "history (first page)": lambda r: run_once(
            [HOMEKIT, "history", "--limit", "20", "--json"], env),
    }
    export = folder / "export.json"
    if has_command("export"):
        ops["export"] = lambda r: run_once(
            [HOMEKIT, "export", "--all-profiles", "-o", str(folder / f"export-{r}.json")], env)
        subprocess.run([HOMEKIT, "export", "--all-profiles", "-o", str(export)], env=env,
                       check=True, capture_output=True)
    if has_command("import") and export.exists():
        def import_into_empty(r: int) -> tuple[float, int, float]:
            target = folder / f"import-{r}.db"
            shutil.copy(empty, target)
            return run_once([HOMEKIT, "--db", str(target), "import", str(export)], clean_env())

        ops["import"] = import_into_empty
    if has_command("chart"):
        ops["progress chart"] = lambda r: run_once(
            [HOMEKIT, "chart", "--kind", "progress", "-o", str(folder / f"chart-{r}.png")], env)
    return ops


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)))
    ap.add_argument("--json", type=Path, help="also write the raw results here")
    ap.add_argument("--tiny", action="store_true", help="once, 100 and 300 sessions (CI)")
    args = ap.parse_args(argv)
    if args.tiny:
        args.rounds, args.sizes = 1, "100,300"
    sizes = [int(s) for s in args.sizes.split(",")]
    result: dict = {"sizes": sizes, "profiles": PROFILES, "ops": {}, "skipped": []}
    for cmd in ("export", "import", "chart"):
        if not has_command(cmd):
            result["skipped"].append(f"`homekit {cmd}` does not exist in this homekit")
    with tempfile.TemporaryDirectory(prefix="hk-bench-scale-") as tmp:
        variants = {}
        for n in sizes:
            folder = Path(tmp) / str(n)
            folder.mkdir()
            db, empty = folder / "homekit.db", folder / "empty.db"
            fill(db, n, PROFILES)
            subprocess.run([HOMEKIT, "--db", str(empty), "profile", "list"], check=True,
                           capture_output=True, env=clean_env())
            for name, fn in operations(folder, db, empty).items():
                variants[(name, n)] = fn
        # Every operation on every size in each round: the load hits all sizes alike.
        runs = interleave({f"{name}|{n}": fn for (name, n), fn in variants.items()},
                          args.rounds, warmup=0 if args.tiny else 1)
    for key, r in runs.items():
        name, n = key.split("|")
        result["ops"].setdefault(name, {})[n] = {
            "seconds": r.seconds, "cpu": r.cpu, "rss_kib": r.rss_kib}
    print(f"\n{PROFILES} profiles, {args.rounds} rounds, interleaved: median CPU ms, "
          "median wall ms, peak RSS")
    for name, by_size in result["ops"].items():
        for n, got in by_size.items():
            print(f"  {name:<22} {int(n):>7,} {statistics.median(got['cpu']) * 1000:8.1f} "
                  f"{statistics.median(got['seconds']) * 1000:8.1f}  "
                  f"{max(got['rss_kib']) / 1024:6.1f} MiB")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
