"""Export and import: time, file size and peak memory at 10,000 and 100,000 sessions, both formats.

    python benchmarks/bench_transfer.py [--rounds 3]
    python benchmarks/bench_transfer.py --tiny      # once, 100 and 300 sessions (CI)

Each size is one file filled by direct SQL (common.fill): sessions spread over 20 profiles a
week apart (100,000 sessions then reach back 96 years, after 1900, the earliest date homekit
accepts), every third with a redness observation, notes with a comma, quotes and a newline.
For each size and format, in fresh `homekit` processes interleaved round by round: `export
--all-profiles`, `import` of that export into an empty file, and the same import again into
the file it filled (every session already there, so all are skipped). Medians of CPU and wall
time; peak RSS is the largest of the rounds.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import HOMEKIT, Sample, clean_env, fill, load, machine, measure, rounds_of  # noqa: E402

NOTES = 'notes, with "quotes"\nand a second line'
PROFILES = 20


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--tiny", action="store_true", help="once, 100 and 300 sessions (CI)")
    args = ap.parse_args(argv)
    sizes, rounds = ((100, 300), 1) if args.tiny else ((10_000, 100_000), args.rounds)
    env = clean_env()
    before = load()
    files: dict[tuple[int, str], int] = {}
    with tempfile.TemporaryDirectory(prefix="hk-bench-transfer-") as tmp:
        root = Path(tmp)
        empty = root / "empty.db"
        subprocess.run([HOMEKIT, "--db", str(empty), "profile", "list"], env=env, check=True,
                       capture_output=True)
        todo: dict[str, Callable[[int], Sample]] = {}
        for n in sizes:
            db = root / f"h{n}.db"
            fill(db, n, PROFILES, notes=NOTES)
            for fmt in ("csv", "json"):
                export = root / f"export-{n}.{fmt}"
                subprocess.run([HOMEKIT, "--db", str(db), "export", "--all-profiles", "-o",
                                str(export)], env=env, check=True, capture_output=True)
                files[(n, fmt)] = export.stat().st_size

                def export_once(r: int, db: Path = db, fmt: str = fmt) -> Sample:
                    return measure([HOMEKIT, "--db", str(db), "export", "--all-profiles", "-o",
                                    str(root / f"out-{r}.{fmt}"), "--force"], env)

                def import_once(r: int, export: Path = export, n: int = n) -> Sample:
                    target = shutil.copy(empty, root / f"in-{n}-{export.suffix[1:]}-{r}.db")
                    return measure([HOMEKIT, "--db", str(target), "import", str(export)], env)

                def again(r: int, export: Path = export, n: int = n) -> Sample:
                    target = root / f"in-{n}-{export.suffix[1:]}-{r}.db"  # filled just before
                    return measure([HOMEKIT, "--db", str(target), "import", str(export)], env)

                todo[f"{n} {fmt} export"] = export_once
                todo[f"{n} {fmt} import"] = import_once
                todo[f"{n} {fmt} again"] = again
        results = rounds_of(todo, rounds, warmup=0)
    after = load()
    command = "python benchmarks/bench_transfer.py" + (
        " --tiny" if args.tiny else f" --rounds {rounds}")
    print(machine(before, after, command) + f" Medians of {rounds} rounds, each a fresh process; "
          "CPU seconds, then wall seconds; peak RSS is the largest of the rounds.\n")
    print("| sessions | format | file size | export | import into an empty file "
          "| import again (all skipped) | peak RSS export / import |")
    print("|---:|---|---:|---:|---:|---:|---:|")

    def cell(samples: list[Sample]) -> str:
        cpu = statistics.median(s.cpu for s in samples)
        wall = statistics.median(s.wall for s in samples)
        return f"{cpu:.2f} s / {wall:.2f} s"

    for n in sizes:
        for fmt in ("csv", "json"):
            ex, im, ag = (results[f"{n} {fmt} {k}"] for k in ("export", "import", "again"))
            peak = (max(s.rss_kib for s in ex) / 1024, max(s.rss_kib for s in im) / 1024)
            print(f"| {n:,} | {fmt.upper()} | {files[(n, fmt)] / 1e6:.1f} MB | {cell(ex)} | "
                  f"{cell(im)} | {cell(ag)} | {peak[0]:.0f} / {peak[1]:.0f} MiB |")
    return {k: [vars(s) for s in v] for k, v in results.items()}


if __name__ == "__main__":
    main()
