"""Backups, restore, the m003 migration and its session_summary view, on real files."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from homekit import words
from homekit.domain.errors import InvalidInput
from homekit.domain.models import SessionDraft
from homekit.services import Homekit
from homekit.storage import open_store
from homekit.storage.backup import KEEP_AUTOMATIC, automatic_backup, write_backup
from homekit.storage.restore import check_backup, restore_into
from homekit.storage.schema import SCHEMA_VERSION
from tests.conftest import NOW, run_cli
from tests.dbfiles import dates, digest


def log(hk: Homekit, *days: str) -> None:
    for d in days:
        hk.sessions.log_session(SessionDraft(dt.date.fromisoformat(d)), redness_severity=1,
                       faded_after_min=5)


WRITER = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO sessions (profile_id, session_date, created_at) "
             "VALUES (1, '2026-11-20', 'x')")
print("written, not committed", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
print("committed", flush=True)
"""


def test_backup_while_another_process_writes(hk, db_path, tmp_path):
    log(hk, "2026-10-01", "2026-10-20")
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path)], text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert writer.stdout.readline().strip() == "written, not committed"
        out = run_cli("backup", str(tmp_path / "copy.db"), db=db_path)
        assert out.returncode == 0, out.stderr
        writer.stdin.write("go\n")
        writer.stdin.flush()
        assert writer.stdout.readline().strip() == "committed"
    finally:
        writer.communicate(timeout=60)
    copy = tmp_path / "copy.db"
    assert dates(copy) == ["2026-10-01", "2026-10-20"]  # committed data only, consistent
    assert dates(db_path) == ["2026-10-01", "2026-10-20", "2026-11-20"]
    check_backup(copy)
    assert not Path(f"{copy}-wal").exists()  # one self-contained file
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600


def test_default_backup_is_private_and_named_by_time(cli, db_path, tmp_path):
    assert cli("log", "--date", "2026-10-01").returncode == 0
    out = cli("backup")
    assert out.returncode == 0, out.stderr
    (made,) = (tmp_path / "backups").iterdir()
    assert made.name.startswith("homekit-") and made.suffix == ".db"
    assert len(made.stem) == len("homekit-20261125-093000")
    assert str(made) in out.stdout
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    assert cli("backup", str(made)).returncode == 2  # never overwrites


def test_only_the_last_ten_automatic_backups_are_kept(hk, db_path, tmp_path):
    log(hk, "2026-10-01")
    manual = write_backup(hk.ctx.store.conn, tmp_path / "backups" / "homekit-20200101-000000.db")
    made = [automatic_backup(hk.ctx.store.conn, db_path, "import", NOW) for _ in range(13)]
    left = sorted((tmp_path / "backups").iterdir())
    assert manual in left and len(left) == KEEP_AUTOMATIC + 1
    assert set(made[-KEEP_AUTOMATIC:]) <= set(left) and made[0] not in left
    utc = NOW.astimezone(dt.timezone.utc)  # named after the data file, in UTC, with seconds
    assert made[0].name == f"homekit-{utc:%Y%m%dT%H%M%SZ}-before-import.db"
    assert made[1].name == f"homekit-{utc:%Y%m%dT%H%M%SZ}-before-import-2.db"


def test_restore_refuses_a_corrupt_file_and_leaves_the_current_one_untouched(hk, db_path,
                                                                              tmp_path):
    log(hk, *[f"2026-{m:02d}-01" for m in range(1, 11)])
    good = write_backup(hk.ctx.store.conn, tmp_path / "good.db")
    bad = tmp_path / "bad.db"
    data = bytearray(good.read_bytes())
    page = 4096
    for at in range(page * 2, len(data), page):  # garble every page after the schema
        data[at + 8: at + 200] = b"\xff" * 192
    bad.write_bytes(bytes(data))
    hk.ctx.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = digest(db_path)
    with pytest.raises(InvalidInput) as err:
        restore_into(hk.ctx.store, bad, NOW)
    assert re.search("damaged", words.error(err.value))
    assert "\n" not in words.error(err.value) and "nothing was restored" in words.error(err.value)
    assert digest(db_path) == before
    assert list((tmp_path / "backups").iterdir()) == []  # no backup, no private copy left
    out = run_cli("restore", str(bad), db=db_path)
    assert out.returncode == 2 and "damaged" in out.stderr
    assert digest(db_path) == before and len(dates(db_path)) == 10


@pytest.mark.parametrize("make,needle", [
    (lambda p: p.write_text("hello"), "not a SQLite database"),
    (lambda p: sqlite3.connect(p).execute("CREATE TABLE notes (a)").connection.commit(),
     "not a homekit data file"),
])
def test_restore_refuses_foreign_files(tmp_path, make, needle):
    path = tmp_path / "x.db"
    make(path)
    with pytest.raises(InvalidInput) as refused:
        check_backup(path)


    assert re.search(needle, words.error(refused.value))
def test_restore_refuses_a_newer_schema(hk, tmp_path):
    copy = write_backup(hk.ctx.store.conn, tmp_path / "copy.db")
    conn = sqlite3.connect(copy)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(InvalidInput) as refused:
        check_backup(copy)


    assert re.search("newer homekit", words.error(refused.value))
def test_restore_brings_back_the_backup_and_keeps_the_replaced_file(cli, db_path, tmp_path):
    assert cli("log", "--date", "2026-10-01").returncode == 0
    assert cli("backup", str(tmp_path / "then.db")).returncode == 0
    assert cli("log", "--date", "2026-10-20").returncode == 0
    out = cli("restore", str(tmp_path / "then.db"))
    assert out.returncode == 0, out.stderr
    assert dates(db_path) == ["2026-10-01"]
    (kept,) = (tmp_path / "backups").glob("*-before-restore.db")
    assert str(kept) in out.stdout
    assert dates(kept) == ["2026-10-01", "2026-10-20"]
    assert cli("log", "--date", "2026-10-05").returncode == 3  # the triggers came back too


def make_version_2(path: Path) -> None:
    """A file as homekit 0.1 (schema 2) left it, with a few rows."""
    from sqlite_utils import Database

    from homekit.storage import migrations

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrations.migrations.apply(Database(conn), stop_before="m003_session_summary")
    conn.execute("INSERT INTO profiles (name, created_at) VALUES ('me', '2026-01-01T10:00:00')")
    for i, day in enumerate(["2026-01-05", "2026-01-20", "2026-02-03"], start=1):
        conn.execute("INSERT INTO sessions (profile_id, session_date, created_at) "
                     "VALUES (1, ?, 'x')", (day,))
        conn.execute("INSERT INTO redness (session_id, observed_at, severity) "
                     "VALUES (?, ?, 2)", (i, day + "T12:00"))
    conn.close()


def test_migration_from_2_to_latest_takes_a_backup_first_and_keeps_every_row(tmp_path):
    path = tmp_path / "old.db"
    make_version_2(path)
    store = open_store(path)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    store.close()
    (backup,) = (tmp_path / "backups").glob("*-before-migration.db")
    assert check_backup(backup).schema_version == 2
    assert dates(backup) == dates(path) == ["2026-01-05", "2026-01-20", "2026-02-03"]
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM redness").fetchone()[0] == 3
    assert conn.execute("SELECT count(*) FROM session_summary").fetchone()[0] == 3
    conn.close()
    open_store(path).close()  # nothing more to migrate: no second backup
    assert len(list((tmp_path / "backups").iterdir())) == 1


def test_a_new_file_is_not_backed_up(tmp_path):
    open_store(tmp_path / "new.db").close()
    assert not (tmp_path / "backups").exists()


def test_session_summary_has_the_worst_redness(hk, db_path):
    hk.sessions.log_session(SessionDraft(dt.date(2026, 10, 1), duration_min=40),
                   redness_severity=1, faded_after_min=5)
    first = hk.sessions.history()[0].id
    hk.redness.add_redness(first, 3, 90)
    hk.redness.add_redness(first, 2, 30)
    hk.sessions.log_session(SessionDraft(dt.date(2026, 10, 20)))
    conn = sqlite3.connect(db_path)
    rows = conn.execute(
        "SELECT session_date, profile, worst_severity, worst_severity_word, "
        "worst_faded_after_min, observations, duration_min FROM session_summary ORDER BY 1"
    ).fetchall()
    conn.close()
    assert rows == [("2026-10-01", "me", 3, "marked", 90, 3, 40),
                    ("2026-10-20", "me", None, None, None, 0, None)]


def test_indexed_rule_triggers_still_refuse(hk, db_path):
    log(hk, "2026-10-10")
    conn = sqlite3.connect(db_path, isolation_level=None)
    insert = "INSERT INTO sessions (profile_id, session_date, created_at) VALUES (1, ?, 'x')"
    for too_close in ("2026-10-04", "2026-10-10", "2026-10-16"):
        with pytest.raises(sqlite3.IntegrityError, match="homekit rule"):
            conn.execute(insert, (too_close,))
    conn.execute(insert, ("2026-10-03",))
    conn.execute(insert, ("2026-10-17",))
    with pytest.raises(sqlite3.IntegrityError, match="homekit rule"):
        conn.execute("UPDATE sessions SET session_date = '2026-10-12' WHERE session_date = "
                     "'2026-10-17'")
    conn.execute("UPDATE profiles SET min_interval_days = 14")
    with pytest.raises(sqlite3.IntegrityError, match="homekit rule"):
        conn.execute(insert, ("2026-10-30",))
    conn.execute(insert, ("2026-10-31",))
    conn.close()
