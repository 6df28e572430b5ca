"""Files in and out (homekit.files): what reading a stream into a private copy and syncing a
written file cost, and the memory a bounded read takes.

Run on demand:  python benchmarks/bench_files.py [--rounds N]   (--tiny: once, 100 sessions,
as tests/test_benchmarks.py runs it so that CI sees it work)

Interleaved, in fresh processes, medians of N rounds (peak RSS is the child's own, wait4):
- `import` of a 10,000-session JSON export into an empty file: from the file (read twice in
  place) against `-` (standard input: copied once into a private file, then read);
- `export` of the same log: `-o FILE` (a temporary file, fsync, rename) against `> FILE`
  (standard output, no sync);
- `photo add /dev/zero`: an endless stream, stopped at the photo bound (64 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import HOMEKIT, clean_env, fill, interleave  # noqa: E402


def timed(argv: list[str], *, stdin: Path | None = None, stdout: Path | None = None,
          expect: int = 0) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one fresh process, with files as its streams."""
    with open(stdin or os.devnull, "rb") as inp, open(stdout or os.devnull, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, env=clean_env(), stdin=inp, stdout=out,
                                stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code != expect:
        raise RuntimeError(f"{' '.join(argv)} exited {code}, expected {expect}")
    return elapsed, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--json", metavar="FILE", help="also write the results here")
    parser.add_argument("--tiny", action="store_true", help="once, 100 sessions (CI)")
    args = parser.parse_args()
    if args.tiny:
        args.rounds, args.sessions = 1, 100
    with tempfile.TemporaryDirectory(prefix="bench-files-") as tmp:
        folder = Path(tmp)
        source = folder / "source.db"
        fill(source, args.sessions)  # over 5 profiles: every date after 1900
        export = folder / "export.json"
        subprocess.run([HOMEKIT, "--db", str(source), "export", "--all-profiles", "-o", str(export)],
                       check=True,
                       env=clean_env(), stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def fresh(kind: str, r: int) -> str:
            db = folder / f"{kind}-{r}.db"
            for p in folder.glob(f"{kind}-{r}.db*"):
                p.unlink()
            subprocess.run([HOMEKIT, "--db", str(db), "profile", "condition", "no"], check=True,
                           env=clean_env(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
            return str(db)

        def out_file(r: int) -> Path:
            path = folder / f"out-{r}.json"
            path.unlink(missing_ok=True)
            return path

        variants = {
            "import FILE": lambda r: timed([HOMEKIT, "--db", fresh("file", r), "import",
                                            str(export)]),
            "import - < FILE": lambda r: timed([HOMEKIT, "--db", fresh("stdin", r), "import",
                                                "-"], stdin=export),
            "export -o FILE": lambda r: timed([HOMEKIT, "--db", str(source), "export",
                                               "--all-profiles", "-o", str(out_file(r))]),
            "export > FILE": lambda r: timed([HOMEKIT, "--db", str(source), "export",
                                             "--all-profiles"], stdout=out_file(r)),
            "photo add /dev/zero": lambda r: timed([HOMEKIT, "--db", str(source), "photo", "add",
                                                    "/dev/zero"], expect=2),
        }
        results = interleave(variants, args.rounds, warmup=0 if args.tiny else 1)
        size = export.stat().st_size / 2**20
    load = os.getloadavg()
    print(f"{args.sessions} sessions, JSON export {size:.1f} MiB; "
          f"{args.rounds} rounds; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print("| variant | median (ms) | range (ms) | peak RSS (MiB) |")
    print("|---|---|---|---|")
    for runs in results.values():
        print(f"| {runs.label} | {runs.median * 1000:.0f} | {runs.spread} | {runs.rss_mib:.0f} |")
    ratio_import = results["import - < FILE"].median / results["import FILE"].median
    ratio_export = results["export -o FILE"].median / results["export > FILE"].median
    print(f"stdin / file import: {ratio_import:.2f}x; -o FILE / > FILE export: {ratio_export:.2f}x")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "sessions": args.sessions, "rounds": args.rounds, "load": load,
            "results": {k: {"seconds": v.seconds, "rss_kib": v.rss_kib}
                        for k, v in results.items()}}, indent=1))


if __name__ == "__main__":
    main()
