"""Issue 22 ("every command flat and near its floor"): each goal as a ratio to its floor, all
measured in one run, the variants interleaved round by round, with the machine's load.

    python benchmarks/bench_issue22.py [--rounds 9]        # prints the docs' table
    python benchmarks/bench_issue22.py --baseline SRC      # also an older homekit (a folder
                                                           # holding homekit/), interleaved
    python benchmarks/bench_issue22.py --tiny              # CI: once, on small files
    python benchmarks/bench_issue22.py --only check        # one goal's rows (and files) only
    python benchmarks/bench_issue22.py --parts             # where the long check's time goes

Each measurement is a fresh process started as a user starts it (the `homekit` entry point);
the figure is its CPU time (user + system, from wait4: steadier than wall time on a shared
machine) and, for `photo add`, its peak RSS. Files (made by direct SQL, common.fill, and the
photos through the services, in a child process so that no measured process inherits them):
- `check` and `status --json`: 50,000 sessions in 20 profiles against 100 in one.
- `photo list`: 40 photos of about 1.9 MB each (76 MB) against one.
- `photo add` of a 12-megapixel JPEG (4000 x 3000, EXIF and GPS) against Pillow's own
  cleaning of the same file in a bare Python: open, `ImageOps.exif_transpose`, `thumbnail`
  to 2048 px (LANCZOS, as homekit), save as JPEG of quality 90 (as homekit).
`--version` is counted in instructions (load-independent): bench_startup_instructions.py.

`--parts`: each part of `check` on the 50,000-session file, in one process of the homekit
installed beside this Python, the best of `--rounds` (each on a new connection whose page
cache is as wide as the check's, READ_ONCE_KIB, so that a part does not pay for reading the
file the first time): SQLite's integrity check without the CHECKs, the CHECKs as queries,
the values, the rule, and the whole check.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    HOMEKIT,
    PILLOW_CLEANING,
    Sample,
    clean_env,
    fill,
    load,
    machine,
    measure,
    rounds_of,
)


def command(src: str | None) -> list[str]:
    """How to start homekit: the installed entry point, or (an older tree in `src`) its CLI."""
    if src is None:
        return [HOMEKIT]
    return [sys.executable, "-c",
            "import sys; sys.argv[0] = 'homekit'; from homekit.cli import main; sys.exit(main())"]


def env_for(src: str | None) -> dict[str, str]:
    return clean_env(PYTHONPATH=src) if src else clean_env()


def prepare(folder: Path, tiny: bool, src: str | None, only: str | None = None) -> None:
    """Every file of one build (`only` "check" or "status": the two logs), made in this
    (child) process."""
    from bench_photos import add_photos, twelve_megapixels

    hk = command(src)
    env = env_for(src)
    sizes = (100, 1_000) if tiny else (100, 50_000)
    fill(folder / "small.db", sizes[0], 1, argv=hk, env=env)
    fill(folder / "big.db", sizes[1], 1 if tiny else 20, argv=hk, env=env)
    if only in ("check", "status"):
        return
    side = (300, 400) if tiny else (1536, 2048)
    for name, count in (("one-photo.db", 1), ("photos.db", 4 if tiny else 40)):
        fill(folder / name, 10, 1, argv=hk, env=env)
        add_photos(folder / name, count, size=side)
    fill(folder / "add.db", 10, 1, argv=hk, env=env)
    twelve_megapixels(folder / "photo.jpg", (1200, 900) if tiny else (4000, 3000))


def build_files(root: Path, tiny: bool, src: str | None, only: str | None = None) -> Path:
    folder = root / ("baseline" if src else "now")
    folder.mkdir()
    child = [sys.executable, __file__, "--prepare", str(folder)] + (["--tiny"] if tiny else [])
    child += ["--only", only] if only else []
    subprocess.run(child, check=True, env=env_for(src), stdout=subprocess.DEVNULL)
    return folder


def variants(folder: Path, src: str | None, tag: str) -> dict[str, Callable[[int], Sample]]:
    hk, env = command(src), env_for(src)

    def run(db: str, *argv: str) -> Callable[[int], Sample]:
        return lambda r: measure([*hk, "--db", str(folder / db), *argv], env, cwd=str(folder))

    def add(r: int) -> Sample:
        target = shutil.copy(folder / "add.db", folder / f"add-{r}.db")  # a fresh copy each time
        return measure([*hk, "--db", str(target), "photo", "add", str(folder / "photo.jpg")],
                       env, cwd=str(folder))

    return {
        f"{tag}check small": run("small.db", "check"),
        f"{tag}check big": run("big.db", "check"),
        f"{tag}status small": run("small.db", "status", "--json"),
        f"{tag}status big": run("big.db", "status", "--json"),
        f"{tag}photo list one": run("one-photo.db", "photo", "list"),
        f"{tag}photo list many": run("photos.db", "photo", "list"),
        f"{tag}photo add": add,
    }


#: (label, floor key, measured key, what is compared, goal).
ROWS = (
    ("`check`, 50,000 sessions against 100", "check small", "check big", "cpu", 2.0),
    ("`status --json`, 50,000 sessions against 100", "status small", "status big", "cpu", 1.2),
    ("`photo list`, 40 photos (76 MB) against 1", "photo list one", "photo list many", "cpu", 1.1),
    ("`photo add` of a 12-megapixel JPEG against Pillow's own cleaning, CPU", "pillow",
     "photo add", "cpu", 1.3),
    ("the same, peak memory (MiB)", "pillow", "photo add", "rss", 1.3),
)


def figure(samples: list[Sample], what: str) -> float:
    if what == "rss":
        return max(s.rss_kib for s in samples) / 1024
    return statistics.median(s.cpu for s in samples) * 1000


def table(results: dict[str, list[Sample]], tags: list[str], tiny: bool) -> list[str]:
    head = "| goal | floor | homekit | ratio | goal | |"
    lines = [head, "|---|---:|---:|---:|---:|---|"]
    for tag in tags:
        for label, floor, mine, what, goal in ROWS:
            if f"{tag}{mine}" not in results:
                continue  # not measured (--only)
            base = figure(results["pillow" if floor == "pillow" else f"{tag}{floor}"], what)
            value = figure(results[f"{tag}{mine}"], what)
            ratio = value / base
            unit = " MiB" if what == "rss" else " ms"
            name = label if not tag else f"{label} ({tag.strip()})"
            verdict = "met" if ratio <= goal else "missed"
            if tiny:  # small files: the figures only show that the benchmark runs
                name = (name.replace("50,000", "1,000").replace("40 photos (76 MB)", "4 photos")
                        .replace("12-megapixel", "1,200 x 900"))
                verdict = "(tiny)"
            lines.append(f"| {name} | {base:.0f}{unit} | {value:.0f}{unit} | {ratio:.2f} | "
                         f"{goal} | {verdict} |")
    return lines


#: The parts of `check` that --parts times, in a child process of the installed homekit.
PARTS = r"""
import json, sys, time
from homekit.storage import open_store, rowcheck, rowcheck_integrity as ri
from homekit.storage.health import READ_ONCE_KIB, health

def timed(part):
    store = open_store(sys.argv[1], verify=False)
    conn = store.conn
    conn.execute(f"PRAGMA cache_size = {-READ_ONCE_KIB}")
    try:
        ri._sound_without_checks(conn)  # every page read once, into the cache
        start = time.process_time()
        part(store, conn)
        return (time.process_time() - start) * 1000
    finally:
        store.close()

parts = {
    "integrity check without the CHECKs": lambda s, c: ri._sound_without_checks(c),
    "the CHECKs, one query a table": lambda s, c: ri._a_check_fails(c),
    "the values": lambda s, c: rowcheck.value_problems(c, constraints_hold=True),
    "the rule": lambda s, c: rowcheck.rule_problems(c, constraints_hold=True),
    "the whole check (health)": lambda s, c: health(s),
}
rounds = int(sys.argv[2])
print(json.dumps({name: min(timed(part) for _ in range(rounds)) for name, part in parts.items()}))
"""


def parts(rounds: int, tiny: bool) -> None:
    """Print each part of the long check's CPU time (see the module's doc)."""
    with tempfile.TemporaryDirectory(prefix="hk-bench-22-parts-") as tmp:
        folder = build_files(Path(tmp), tiny, None, "check")
        before = load()
        out = subprocess.run([sys.executable, "-c", PARTS, str(folder / "big.db"), str(rounds)],
                             check=True, capture_output=True, text=True, env=clean_env()).stdout
        after = load()
    command_line = "python benchmarks/bench_issue22.py --parts" + (
        " --tiny" if tiny else f" --rounds {rounds}")
    print(machine(before, after, command_line) + f" Best of {rounds} (CPU time, in one "
          "process, each part on a new connection with the file's pages already read).\n")
    print(f"| part of `check`, {'1,000' if tiny else '50,000'} sessions | ms |")
    print("|---|---:|")
    for name, ms in json.loads(out).items():
        print(f"| {name} | {ms:.1f} |")


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=9)
    ap.add_argument("--tiny", action="store_true", help="once, on small files (CI)")
    ap.add_argument("--baseline", type=Path, metavar="SRC",
                    help="also an older homekit: a folder holding its homekit/ package")
    ap.add_argument("--json", type=Path, help="also write the raw samples here")
    ap.add_argument("--only", choices=("check", "status", "photo"),
                    help="only this command's rows (and the files they need)")
    ap.add_argument("--parts", action="store_true",
                    help="time each part of the long check in-process (best of --rounds)")
    ap.add_argument("--prepare", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.parts:
        parts(1 if args.tiny else args.rounds, args.tiny)
        return {}
    if args.prepare:
        import os

        prepare(args.prepare, args.tiny, os.environ.get("PYTHONPATH") or None, args.only)
        return {}
    rounds = 1 if args.tiny else args.rounds
    before = load()
    with tempfile.TemporaryDirectory(prefix="hk-bench-22-") as tmp:
        root = Path(tmp)
        now = build_files(root, args.tiny, None, args.only)
        todo = variants(now, None, "")
        tags = [""]
        if args.baseline:
            src = str(args.baseline.resolve())
            todo |= variants(build_files(root, args.tiny, src, args.only), src, "before: ")
            tags.append("before: ")
        todo["pillow"] = lambda r: measure(
            [sys.executable, "-c", PILLOW_CLEANING, str(now / "photo.jpg"), str(root / "p.jpg")],
            clean_env())
        if args.only:
            todo = {name: run for name, run in todo.items()
                    if args.only in name or (args.only == "photo" and name == "pillow")}
        results = rounds_of(todo, rounds, warmup=0 if args.tiny else 1)
    after = load()
    command_line = "python benchmarks/bench_issue22.py" + (
        " --tiny" if args.tiny else f" --rounds {rounds}") + (
        f" --only {args.only}" if args.only else "") + (" --baseline SRC" if args.baseline else "")
    print(machine(before, after, command_line) + f" Medians of {rounds} rounds (CPU time of "
          "each whole process); peak RSS is the largest of the rounds.\n")
    print("\n".join(table(results, tags, args.tiny)))
    raw = {name: [vars(s) for s in samples] for name, samples in results.items()}
    if args.json:
        args.json.write_text(json.dumps({"load": [before, after], "samples": raw}, indent=1))
    return raw


if __name__ == "__main__":
    main()
