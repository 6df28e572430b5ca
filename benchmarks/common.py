"""Shared by the benchmarks: run a command N times in fresh processes, keep wall time and RSS.

Each run is timed from just before the spawn to the child's exit (`os.wait4`, which also gives
that one child's peak resident set size). Variants are interleaved round by round so that the
machine's load hits them alike; ratios between them are what count.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: The homekit under test: the one installed beside this interpreter (`pip install -e .`).
HOMEKIT = str(Path(sys.executable).with_name("homekit"))


def peer_bin(name: str) -> str | None:
    """jrnl / watson: $BENCH_PEERS_BIN, else the `bench` venv .benchvenv,
    else this interpreter's folder or PATH. None when not installed."""
    import shutil

    folders = [os.environ.get("BENCH_PEERS_BIN", ""), str(ROOT / ".benchvenv" / "bin"),
               str(Path(sys.executable).parent)]
    for folder in folders:
        if folder and (Path(folder) / name).exists():
            return str(Path(folder) / name)
    return shutil.which(name)


@dataclass
class Runs:
    label: str
    seconds: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    #: CPU seconds (user + system) of each run, when the variant reports them.
    cpu: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def spread(self) -> str:
        return f"{min(self.seconds) * 1000:.0f}-{max(self.seconds) * 1000:.0f}"

    @property
    def rss_mib(self) -> float:
        return max(self.rss_kib) / 1024


def run_once(argv: Sequence[str], env: dict[str, str], cwd: str | None = None,
             check: bool = True) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (KiB) and CPU seconds (user + system) of one fresh process."""
    t0 = time.perf_counter()
    # stderr goes to a file, not a pipe: a child writing more than a pipe holds (a refused
    # import lists every bad row) would block before exiting while wait4 waits for it.
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(list(argv), env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        err = errors.read().decode(errors="replace")
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)[:120]} exited {proc.returncode}: {err[-400:]}")
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


#: Pillow's own cleaning of a photo, the floor of `photo add`: open, turn upright, scale to
#: 2048 px with the filter homekit uses, save as JPEG of homekit's quality. Run as
#: `python -c PILLOW_CLEANING SOURCE TARGET`.
PILLOW_CLEANING = (
    "import sys\n"
    "from PIL import Image, ImageOps\n"
    "im = ImageOps.exif_transpose(Image.open(sys.argv[1]))\n"
    "im.thumbnail((2048, 2048), Image.Resampling.LANCZOS)\n"
    "im.save(sys.argv[2], 'JPEG', quality=90)\n"
)


@dataclass
class Sample:
    """One fresh process: wall seconds, CPU seconds (user + system) and peak RSS (KiB)."""

    wall: float
    cpu: float
    rss_kib: int


def measure(argv: Sequence[str], env: dict[str, str], cwd: str | None = None) -> Sample:
    """Run one fresh process (it must exit 0) and keep its wall time, CPU time and peak RSS."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: see run_once
        proc = subprocess.Popen(list(argv), env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            err = errors.read().decode(errors="replace")
            raise RuntimeError(f"{' '.join(argv)[:160]} exited "
                               f"{os.waitstatus_to_exitcode(status)}: {err[-600:]}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def rounds_of(variants: dict[str, Callable[[int], Sample]], rounds: int,
              warmup: int = 1) -> dict[str, list[Sample]]:
    """Each variant once per round, in turn (after `warmup` untimed rounds)."""
    out: dict[str, list[Sample]] = {name: [] for name in variants}
    for r in range(-warmup, rounds):
        for name, fn in variants.items():
            sample = fn(r)
            if r >= 0:
                out[name].append(sample)
    return out


def load() -> float:
    """The one-minute load average."""
    return os.getloadavg()[0]


def machine(load_before: float, load_after: float, command: str) -> str:
    """The line that says where, when, how and under what load a table was measured."""
    import datetime as dt
    import platform
    import sqlite3

    return (f"Measured {dt.date.today().isoformat()} with `{command}` on {nproc()} cores "
            f"({platform.machine()}, Python {platform.python_version()}, SQLite "
            f"{sqlite3.sqlite_version}); load average {load_before:.2f} at the start, "
            f"{load_after:.2f} at the end.")


def interleave(variants: dict[str, Callable[[int], tuple[Any, ...]]], rounds: int,
               warmup: int = 1) -> dict[str, Runs]:
    """Call each variant once per round (after `warmup` untimed rounds):
    `fn(round) -> (wall seconds, KiB)` or `(wall seconds, KiB, CPU seconds)`."""
    results = {name: Runs(name) for name in variants}
    for r in range(-warmup, rounds):
        for name, fn in variants.items():
            seconds, rss, *cpu = fn(r)
            if r >= 0:
                results[name].seconds.append(seconds)
                results[name].rss_kib.append(rss)
                results[name].cpu.extend(cpu)
    return results


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without homekit's and watson's settings, and without
    PYTHONDONTWRITEBYTECODE (set on these machines, not on a user's: with it, an editable
    install would compile every module again on every run)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("HOMEKIT_", "WATSON_")) and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def nproc() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def fill(db: Path, n: int, profiles: int = 5, notes: str = "bench", *,
         argv: Sequence[str] | None = None, env: dict[str, str] | None = None) -> None:
    """A migrated homekit file with `n` sessions over `profiles` profiles, by direct bulk SQL.

    Each profile's sessions stand exactly a week apart going back from last week (by the
    real clock, which the commands measured read too), so the rule's triggers (which check
    every insert) accept them all; every third has redness. `argv`, `env`: how to start the
    homekit that creates the file (default: the installed one).

    The rows are written by a child process: a child's peak RSS (wait4) is never below its
    parent's at the moment it was started, so a benchmark that built 100,000 rows itself would
    report that as the floor of every process it measures.
    """
    # Creates the file and profile 'me' and answers its skin question (asked before a log).
    subprocess.run([*(argv or [HOMEKIT]), "--db", str(db), "profile", "condition", "no"],
                   check=True, env=env or clean_env(), stdout=subprocess.DEVNULL,
                   stdin=subprocess.DEVNULL)
    subprocess.run([sys.executable, __file__, "--fill", str(db), str(n), str(profiles), notes],
                   check=True)


def _fill_rows(db: Path, n: int, profiles: int, notes: str) -> None:
    import datetime as dt
    import sqlite3

    today = dt.date.today()
    stamp = f"{today.isoformat()}T09:00:00"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    ids = [conn.execute("SELECT id FROM profiles WHERE name = 'me'").fetchone()[0]]
    for k in range(1, profiles):
        ids.append(conn.execute(
            "INSERT INTO profiles (name, target_sessions, min_interval_days, "
            "has_skin_condition, created_at) VALUES (?, 100, 7, 0, ?)",
            (f"profile{k}", stamp)).lastrowid)
    conn.execute("UPDATE profiles SET target_sessions = 100")
    per = [n // profiles + (1 if k < n % profiles else 0) for k in range(profiles)]
    for pid, count in zip(ids, per, strict=True):
        rows = []
        for i in range(count):
            day = (today - dt.timedelta(days=7 * (i + 1))).isoformat()
            rows.append((pid, day, f"{8 + i % 12:02d}:30", 30 + i % 30, "cheeks,nose",
                         1 + i % 10, 1, i % 4, f"{notes} {i}", stamp))
        conn.executemany(
            "INSERT INTO sessions (profile_id, session_date, start_time, duration_min, areas, "
            "device_level, glasses_worn, stinging, notes, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.execute(
        "INSERT INTO redness (session_id, observed_at, severity, faded_after_min, notes) "
        "SELECT id, session_date || 'T20:00', id % 5, 10 + id % 50, '' FROM sessions "
        "WHERE id % 3 = 0")
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


if __name__ == "__main__" and sys.argv[1:2] == ["--fill"]:
    _fill_rows(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
