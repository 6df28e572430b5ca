"""What closing the holes costs: the rule triggers of schema 9 against schema 8's, and a photo
comparison and report with a stored 2048 x 1 photo against an ordinary pair.

Run on demand (tests/test_benchmarks.py runs it with --tiny, so that CI sees it work):

    python benchmarks/bench_holes.py [--rounds 15]

The triggers are timed in this process on two files of 10,000 sessions (an insert and its
delete by rowid, 2,000 a round, rolled back), the two schemas interleaved round by round. The
commands run as fresh processes (wall time and the child's peak RSS), interleaved too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import HOMEKIT, interleave, run_once  # noqa: E402

SESSIONS = 10_000
INSERTS = 2_000


def schema_file(path: Path, stop: str | None) -> sqlite3.Connection:
    from sqlite_utils import Database

    from homekit.storage import migrations

    conn = sqlite3.connect(path, isolation_level=None)
    migrations.migrations.apply(Database(conn), stop_before=stop)
    conn.execute("INSERT INTO profiles (name, created_at) VALUES ('me', 'x')")
    conn.execute("BEGIN")
    first = dt.date(1900, 1, 1)
    conn.executemany(
        "INSERT INTO sessions (profile_id, session_date, created_at) VALUES (1, ?, 'x')",
        [((first + dt.timedelta(days=7 * i)).isoformat(),) for i in range(SESSIONS)])
    conn.execute("COMMIT")
    return conn


def insert_cost(conn: sqlite3.Connection) -> float:
    """Microseconds per insert (with its delete), the triggers firing on each."""
    t = time.perf_counter()
    conn.execute("BEGIN")
    for _ in range(INSERTS):
        conn.execute("INSERT INTO sessions (profile_id, session_date, created_at) "
                     "VALUES (1, '2200-01-01', 'x')")
        conn.execute("DELETE FROM sessions WHERE id = last_insert_rowid()")
    conn.execute("ROLLBACK")
    return (time.perf_counter() - t) / INSERTS * 1e6


def triggers(root: Path, rounds: int) -> None:
    old = schema_file(root / "v8.db", "m009_rules_for_every_row")
    new = schema_file(root / "v9.db", None)
    times: dict[str, list[float]] = {"schema 8": [], "schema 9": []}
    for r in range(rounds):
        order = [("schema 8", old), ("schema 9", new)]
        for name, conn in order if r % 2 else reversed(order):
            times[name].append(insert_cost(conn))
    base = statistics.median(times["schema 8"])
    print(f"| rule triggers, {SESSIONS:,} sessions | median µs an insert | ratio |")
    print("|---|---:|---:|")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"| {name} | {median:.1f} | {median / base:.2f} |")


def photo_files(root: Path) -> tuple[Path, Path]:
    """Two files with the same log and photos of cheeks: an ordinary pair, and one of them
    replaced by a 2048 x 1 photo (as a 60000 x 10 PNG was stored before the limit)."""
    from PIL import Image

    from homekit.domain.models import SessionDraft
    from homekit.services import Homekit

    files = []
    for name in ("ordinary.db", "extreme.db"):
        db = root / name
        hk = Homekit.open(db)
        try:
            hk.profiles.record_skin_condition(False, acknowledged=False)
            for i in range(10):
                hk.sessions.log_session(SessionDraft(dt.date(2026, 1, 5) + dt.timedelta(days=7 * i),
                                            areas=("cheeks",)))
            for seed in (1, 2):
                buf = io.BytesIO()
                Image.effect_noise((1000, 750), 30 + seed).convert("RGB").save(buf, "JPEG")
                hk.photos.add_photo(buf.getvalue(), area="cheeks",
                             taken_on=dt.date(2026, 1, 5) + dt.timedelta(days=30 * seed))
        finally:
            hk.close()
        files.append(db)
    line = io.BytesIO()
    Image.new("RGB", (2048, 1), (200, 100, 100)).save(line, "JPEG")
    conn = sqlite3.connect(files[1])
    conn.execute("UPDATE photos SET width = 2048, height = 1, size = ? WHERE id = 1",
                 (len(line.getvalue()),))
    conn.execute("UPDATE photo_images SET image = ? WHERE photo_id = 1", (line.getvalue(),))
    conn.commit()
    conn.close()
    return files[0], files[1]


def photos(root: Path, rounds: int, warmup: int = 1) -> None:
    ordinary, extreme = photo_files(root)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOMEKIT_")}

    def cmd(db: Path, *argv: str) -> list[str]:
        return [HOMEKIT, "--db", str(db), *argv]

    variants = {
        f"photo compare, {label}": (lambda r, db=db: run_once(
            cmd(db, "photo", "compare", "-o", str(root / "c.png"), "--force"), env))
        for label, db in (("ordinary pair", ordinary), ("a stored 2048 x 1 photo", extreme))}
    variants.update({
        f"report, {label}": (lambda r, db=db: run_once(
            cmd(db, "report", "-o", str(root / "r.pdf"), "--force"), env))
        for label, db in (("ordinary pair", ordinary), ("a stored 2048 x 1 photo", extreme))})
    results = interleave(variants, rounds, warmup)
    print("| command | median (ms) | spread (ms) | peak RSS (MiB) |")
    print("|---|---:|---:|---:|")
    for name, runs in results.items():
        print(f"| {name} | {runs.median * 1000:.0f} | {runs.spread} | {runs.rss_mib:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--tiny", action="store_true", help="one round (CI: the benchmark runs)")
    args = parser.parse_args()
    print(f"# {dt.date.today()}, load average {os.getloadavg()[0]:.2f} at the start")
    with tempfile.TemporaryDirectory() as tmp:
        triggers(Path(tmp), 1 if args.tiny else args.rounds)
        print()
        if args.tiny:
            photos(Path(tmp), 1, warmup=0)
        else:
            photos(Path(tmp), max(3, args.rounds // 5))
    print(f"# load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
