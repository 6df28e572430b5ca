"""The store on real SQLite files: triggers, migrations, pragmas, refusals."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from homekit import words
from homekit.domain.errors import RuleViolation, StorageError
from homekit.domain.models import SessionDraft
from homekit.storage import open_store
from homekit.storage.schema import SCHEMA_VERSION
from tests.dbfiles import digest


def raw(db_path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection, as a user poking at the file would open it."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def seed(hk, *dates: str) -> None:
    for d in dates:
        hk.sessions.log_session(SessionDraft(session_date=dt.date.fromisoformat(d)))


def test_schema_version_matches_migrations(store):
    from homekit.storage.migrations import migrations, schema_version

    assert schema_version() == SCHEMA_VERSION == len(migrations.pending(store_db(store))) + SCHEMA_VERSION
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def store_db(store):
    from sqlite_utils import Database

    return Database(store.conn, execute_plugins=False)


def test_pragmas_wal_foreign_keys_and_private_mode(store, db_path):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_default_folder_is_created_owner_only(tmp_path):
    path = tmp_path / "deep" / "homekit" / "homekit.db"
    open_store(path, create_folder=True).close()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_trigger_refuses_raw_insert_too_close_and_accepts_far_enough(hk, db_path):
    seed(hk, "2026-11-10")
    conn = raw(db_path)
    insert = ("INSERT INTO sessions (profile_id, session_date, created_at) "
              "VALUES (1, ?, '2026-11-25T00:00:00')")
    for too_close in ("2026-11-10", "2026-11-16", "2026-11-04", "2026-11-13"):
        with pytest.raises(sqlite3.IntegrityError, match="homekit rule"):
            conn.execute(insert, (too_close,))
    conn.execute(insert, ("2026-11-17",))  # exactly 7 days later
    conn.execute(insert, ("2026-11-03",))  # exactly 7 days earlier
    dates = [r[0] for r in conn.execute("SELECT session_date FROM sessions ORDER BY 1")]
    assert dates == ["2026-11-03", "2026-11-10", "2026-11-17"]


def test_trigger_refuses_raw_update_that_breaks_the_rule(hk, db_path):
    seed(hk, "2026-11-01", "2026-11-15")
    conn = raw(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="homekit rule"):
        conn.execute("UPDATE sessions SET session_date = '2026-11-12' WHERE session_date = '2026-11-01'")
    conn.execute("UPDATE sessions SET session_date = '2026-10-30' WHERE session_date = '2026-11-01'")
    conn.execute("UPDATE sessions SET notes = 'fine' WHERE session_date = '2026-11-15'")
    dates = [r[0] for r in conn.execute("SELECT session_date FROM sessions ORDER BY 1")]
    assert dates == ["2026-10-30", "2026-11-15"]


def test_trigger_uses_the_profiles_longer_interval(hk, db_path):
    hk.profiles.update_profile(min_interval_days=14)
    seed(hk, "2026-11-01")
    conn = raw(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="homekit rule"):
        conn.execute("INSERT INTO sessions (profile_id, session_date, created_at) "
                      "VALUES (1, '2026-11-12', 'x')")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute("UPDATE profiles SET min_interval_days = 6")


def test_trigger_holds_in_the_sqlite3_shell(hk, db_path):
    seed(hk, "2026-11-10")
    shell = subprocess.run(
        ["sqlite3", str(db_path),
         "INSERT INTO sessions (profile_id, session_date, created_at) VALUES (1, '2026-11-12', 'x');"],
        capture_output=True, text=True, timeout=30)
    assert shell.returncode != 0
    assert "homekit rule" in shell.stderr
    assert hk.sessions.session_count() == 1


def test_profiles_are_independent(hk, store):
    seed(hk, "2026-11-10")
    from homekit.services import Homekit

    other = Homekit(store, "ana", now=hk.clock)
    other.profiles.create_profile("ana", has_condition=False)
    other.sessions.log_session(SessionDraft(session_date=dt.date(2026, 11, 10)))
    assert other.sessions.session_count() == 1 and hk.sessions.session_count() == 1


def test_checks_refuse_impossible_values_from_raw_sql(hk, db_path):
    seed(hk, "2026-11-10")
    conn = raw(db_path)
    bad = [
        "INSERT INTO sessions (profile_id, session_date, created_at) VALUES (1, '2026-02-30', 'x')",
        "INSERT INTO sessions (profile_id, session_date, created_at) VALUES (1, 'yesterday', 'x')",
        "UPDATE sessions SET duration_min = 0",
        "UPDATE sessions SET duration_min = 181",
        "UPDATE sessions SET stinging = 4",
        "UPDATE sessions SET start_time = '25:00'",
        "INSERT INTO redness (session_id, observed_at, severity) VALUES (1, 'x', 5)",
        "INSERT INTO sessions (profile_id, session_date, created_at) VALUES (99, '2025-01-01', 'x')",
    ]
    for sql in bad:
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(sql)


def test_deleting_a_session_deletes_its_redness(hk, store):
    seed(hk, "2026-11-10")
    hk.redness.add_redness(None, 2, 10)
    hk.redness.add_redness(None, 1, None)
    session = hk.sessions.history()[0]
    assert len(session.redness) == 2
    hk.sessions.delete_session(session.id)
    assert store.conn.execute("SELECT count(*) FROM redness").fetchone()[0] == 0


def test_rule_violation_from_trigger_becomes_rule_error(hk, store):
    """Even if a caller skipped the domain check, the trigger answers with a RuleViolation."""
    seed(hk, "2026-11-10")
    with pytest.raises(RuleViolation):
        with store.write():
            store.insert_session(1, SessionDraft(session_date=dt.date(2026, 11, 11)), "x")
    assert hk.sessions.session_count() == 1


def test_migration_from_version_1_keeps_all_rows(tmp_path):
    from sqlite_utils import Database

    from homekit.storage.migrations import migrations

    path = tmp_path / "v1.db"
    db = Database(path)
    migrations.apply(db, stop_before="m002_interval_triggers_and_settings")
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    db["profiles"].insert({"id": 1, "name": "me", "target_sessions": 8,
                           "min_interval_days": 14, "created_at": "2025-01-01T00:00:00"})
    for i in range(20):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=14 * i)
        db["sessions"].insert({"id": i + 1, "profile_id": 1, "session_date": day.isoformat(),
                               "areas": "cheeks,nose", "notes": f"note {i}",
                               "created_at": "2025-01-01T00:00:00"})
        db["redness"].insert({"session_id": i + 1, "observed_at": f"{day}T12:00",
                              "severity": i % 5, "faded_after_min": i})
    db.conn.commit()
    before = {t: list(db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall())
              for t in ("profiles", "sessions", "redness")}
    db.close()

    store = open_store(path)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    for table, rows in before.items():
        cols = [r[1] for r in store.conn.execute(f"PRAGMA table_info({table})")]
        after = store.conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
        assert [row[: len(rows[0])] for row in after] == rows, table
        assert len(cols) >= len(rows[0])
    # and the migrated file now enforces the rule
    with pytest.raises(RuleViolation):
        with store.write():
            store.insert_session(1, SessionDraft(session_date=dt.date(2025, 1, 5)), "x")
    store.close()


# -- files homekit must refuse and leave untouched ------------------------------------------


def test_not_a_database_is_left_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(os.urandom(4096))
    before = digest(path)
    with pytest.raises(StorageError) as refused:
        open_store(path)
    assert re.search("not a SQLite database", words.error(refused.value))
    assert digest(path) == before


def test_text_file_is_left_untouched(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("my skin diary\n" * 100)
    before = digest(path)
    with pytest.raises(StorageError):
        open_store(path)
    assert digest(path) == before


def test_truncated_database_is_left_untouched(hk, db_path, tmp_path):
    for i in range(40):
        hk.sessions.log_session(SessionDraft(session_date=dt.date(2026, 11, 1) - dt.timedelta(days=7 * i),
                                    notes="x" * 2000))
    hk.ctx.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    hk.ctx.store.close()
    data = db_path.read_bytes()
    cut = tmp_path / "cut.db"
    cut.write_bytes(data[: len(data) // 2])
    before = digest(cut)
    with pytest.raises(StorageError) as refused:
        open_store(cut)
    assert re.search("damaged", words.error(refused.value))
    assert digest(cut) == before


def test_sqlite_file_of_another_program_is_left_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE bookmarks (url TEXT)")
    conn.execute("INSERT INTO bookmarks VALUES ('https://example.org')")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(StorageError) as refused:
        open_store(path)
    assert re.search("another program", words.error(refused.value))
    assert digest(path) == before


def test_file_from_a_newer_homekit_is_left_untouched(store, db_path):
    store.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    before = digest(db_path)
    with pytest.raises(StorageError) as refused:
        open_store(db_path)
    assert re.search("newer homekit", words.error(refused.value))
    assert digest(db_path) == before


def test_read_only_file_is_refused(store, db_path):
    store.close()
    db_path.chmod(0o400)
    before = digest(db_path)
    with pytest.raises(StorageError) as refused:
        open_store(db_path)
    assert re.search("read-only", words.error(refused.value))
    assert digest(db_path) == before


def test_missing_folder_is_refused_for_an_explicit_path(tmp_path):
    with pytest.raises(StorageError) as refused:
        open_store(tmp_path / "nope" / "h.db")
    assert re.search("does not exist", words.error(refused.value))
    assert not (tmp_path / "nope").exists()


def test_locked_file_past_the_timeout_is_a_one_line_error(hk, db_path, monkeypatch):
    monkeypatch.setenv("HOMEKIT_BUSY_TIMEOUT", "0.2")
    other = open_store(db_path)
    from homekit.services import Homekit

    other_hk = Homekit(other, now=hk.clock)
    blocker = raw(db_path)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StorageError) as refused:
            other_hk.sessions.log_session(SessionDraft(session_date=dt.date(2026, 11, 20)))
        assert re.search("locked", words.error(refused.value))
    finally:
        blocker.execute("ROLLBACK")
    other_hk.sessions.log_session(SessionDraft(session_date=dt.date(2026, 11, 20)))
    assert hk.sessions.session_count() == 1
