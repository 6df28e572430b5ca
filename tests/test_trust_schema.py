"""Restore and open accept only homekit's own schema, and data that keeps the rule.

Every tampered file is made as an attacker would: with the real `sqlite3` shell or Python's
sqlite3 on a real backup. Refusals leave the live file byte-identical.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from homekit.cli import main
from homekit.domain.models import SessionDraft
from homekit.services import Homekit
from homekit.storage import integrity, open_store
from homekit.storage.backup import write_backup
from homekit.storage.schema import CANONICAL_DIGESTS, SCHEMA_VERSION
from tests.conftest import NOW, run_cli
from tests.dbfiles import dates, digest

INSERT = "INSERT INTO sessions (profile_id, session_date, created_at) VALUES (1, ?, 'x')"


def sql(path: Path, *statements: str) -> None:
    """Run statements with the real sqlite3 shell, as a user (or an attacker) would."""
    subprocess.run(["sqlite3", str(path)], input=";\n".join(statements) + ";\n", text=True,
                   check=True, capture_output=True, timeout=60)


@pytest.fixture
def live(hk: Homekit, db_path: Path) -> Path:
    """A live file with two sessions, checkpointed so that its bytes can be compared."""
    for day in ("2026-10-01", "2026-10-20"):
        hk.sessions.log_session(SessionDraft(dt.date.fromisoformat(day)))
    hk.close()
    open_store(db_path).close()  # the last connection out checkpoints the WAL into the file
    return db_path


@pytest.fixture
def good(live: Path, tmp_path: Path) -> Path:
    store = open_store(live)
    try:
        return write_backup(store.conn, tmp_path / "good.db")
    finally:
        store.close()


def tampered(good: Path, name: str, *statements: str) -> Path:
    path = good.with_name(name)
    path.write_bytes(good.read_bytes())
    sql(path, *statements)
    return path


def refused_restore(live: Path, source: Path, capsys) -> str:
    before = digest(live)
    code = main(["--db", str(live), "restore", str(source)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert digest(live) == before and dates(live) == ["2026-10-01", "2026-10-20"]
    assert not list(live.parent.glob("backups/*-before-restore.db"))
    assert not list(live.parent.glob("backups/.homekit-*.partial"))
    return err


def test_the_canonical_digests_are_what_the_migrations_make():
    for version in range(1, SCHEMA_VERSION + 1):
        made = integrity.digest(integrity.canonical_schema(version))
        assert CANONICAL_DIGESTS.get(version) == made, (
            f"put {version}: {made!r} in schema.CANONICAL_DIGESTS")


def test_the_migration_names_are_the_migrations():
    from homekit.storage import migrations
    from homekit.storage.schema import MIGRATION_NAMES

    assert [m.name for m in migrations.migrations._migrations] == list(MIGRATION_NAMES)


def test_a_migration_record_laid_out_by_another_sqlite_utils_version_is_accepted(live, capsys):
    sql(live, "CREATE TABLE old_record (migration_set TEXT, name TEXT, applied_at TEXT, "
        "PRIMARY KEY (migration_set, name))",
        "INSERT INTO old_record SELECT migration_set, name, applied_at FROM _sqlite_migrations",
        "DROP TABLE _sqlite_migrations", "ALTER TABLE old_record RENAME TO _sqlite_migrations")
    assert main(["--db", str(live), "check"]) == 0
    assert main(["--db", str(live), "log", "--date", "2026-11-20"]) == 0
    sql(live, "CREATE TRIGGER hide AFTER INSERT ON _sqlite_migrations BEGIN SELECT 1; END")
    assert main(["--db", str(live), "status"]) == 1  # a trigger on it still counts
    assert "trigger hide on _sqlite_migrations" in capsys.readouterr().err


def test_a_backup_with_a_foreign_trigger_is_refused(live, good, capsys):
    evil = tampered(good, "evil.db", "CREATE TRIGGER wipe AFTER INSERT ON sessions "
                    "BEGIN DELETE FROM sessions WHERE id != NEW.id; END")
    err = refused_restore(live, evil, capsys)
    assert "trigger wipe on sessions that homekit does not make" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("statements,named", [
    (["DROP TRIGGER sessions_min_interval_insert", "DROP TRIGGER sessions_min_interval_update"],
     "trigger sessions_min_interval_insert on sessions is missing"),
    (["PRAGMA writable_schema = 1",
      "UPDATE sqlite_master SET sql = replace(sql, 'BETWEEN 7 AND 365', 'BETWEEN 1 AND 365') "
      "WHERE name = 'profiles'"],
     "table profiles differs"),
    (["CREATE INDEX mine ON sessions(notes)"], "index mine on sessions"),
    (["CREATE VIEW mine AS SELECT 1"], "view mine"),
], ids=["triggers-dropped", "check-edited", "extra-index", "extra-view"])
def test_a_backup_whose_schema_was_edited_is_refused(live, good, capsys, statements, named):
    err = refused_restore(live, tampered(good, "edited.db", *statements), capsys)
    assert named in err and "nothing was restored" in err


def test_a_backup_with_sessions_one_day_apart_is_refused_with_each_row(live, good, capsys):
    # The schema is intact (triggers put back exactly); only the data breaks the rule.
    conn = sqlite3.connect(good)
    (trigger,) = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                              "AND name = 'sessions_min_interval_insert'").fetchone()
    conn.close()
    daily = tampered(good, "daily.db", "DROP TRIGGER sessions_min_interval_insert",
                     *(INSERT.replace("?", f"'2026-09-{d:02d}'") for d in (10, 11, 12)),
                     trigger)
    err = refused_restore(live, daily, capsys)
    lines = err.splitlines()
    assert "restore refused, nothing was restored: 2 problems" in lines[0]
    assert lines[1].strip().startswith("profile me, 2026-09-11 (session id ")
    assert "1 day after session" in lines[1] and "at least 7 days apart" in lines[1]
    assert "2026-09-12" in lines[2]


def test_a_backup_with_an_invalid_value_is_refused(live, good, capsys):
    bad = tampered(good, "bad.db", "UPDATE sessions SET areas = 'elbow' WHERE id = 1",
                   "INSERT INTO redness (session_id, observed_at, severity) VALUES (2, 'soon', 1)",
                   "INSERT INTO redness (session_id, observed_at, severity) VALUES (99, "
                   "'2026-10-01T10:00', 1)")
    err = refused_restore(live, bad, capsys)
    assert "profile me, 2026-10-01 (session id 1): unknown area" in err
    assert "profile me, 2026-10-20 (session id 2): redness observation 1: 'soon'" in err
    assert "session id 99: redness observation 2 belongs to no session" in err


def test_a_backup_whose_migration_record_does_not_fit_its_version_is_refused(live, good, capsys):
    odd = tampered(good, "odd.db", "DELETE FROM _sqlite_migrations WHERE name != "
                   "'m001_create_tables'", "PRAGMA user_version = 2")
    err = refused_restore(live, odd, capsys)
    assert "user_version is 2 but 1 migration is recorded" in err
    assert main(["--db", str(live), "status"]) == 0  # and the live file still opens


def test_an_older_backup_that_keeps_the_rule_is_migrated_on_the_copy(live, tmp_path, capsys):
    from tests.test_backup import make_version_2

    old = tmp_path / "old.db"
    make_version_2(old)
    before = digest(old)
    assert main(["--db", str(live), "restore", str(old)]) == 0, capsys.readouterr().err
    assert dates(live) == ["2026-01-05", "2026-01-20", "2026-02-03"]
    assert digest(old) == before  # the source is only read
    assert main(["--db", str(live), "check"]) == 0


def test_rule_triggers_dropped_behind_homekits_back_are_put_back(live, capsys):
    sql(live, "DROP TRIGGER sessions_min_interval_insert")
    assert main(["--db", str(live), "status"]) == 0
    err = capsys.readouterr().err
    assert "sessions_min_interval_insert was missing or changed and has been put back" in err
    assert main(["--db", str(live), "status"]) == 0
    assert capsys.readouterr().err == ""  # said once
    assert main(["--db", str(live), "log", "--date", "2026-10-22"]) == 3  # the rule holds again
    with pytest.raises(sqlite3.IntegrityError, match="homekit rule"):
        sqlite3.connect(live).execute(INSERT, ("2026-10-21",))


def test_a_changed_rule_trigger_is_put_back_too(live, capsys):
    sql(live, "DROP TRIGGER sessions_min_interval_update",
        "CREATE TRIGGER sessions_min_interval_update BEFORE UPDATE ON sessions BEGIN SELECT 1; END")
    assert main(["--db", str(live), "status"]) == 0
    assert "sessions_min_interval_update was missing" in capsys.readouterr().err
    assert integrity.is_homekit_schema(sqlite3.connect(live), SCHEMA_VERSION)


def test_a_live_file_that_breaks_the_rule_is_refused_with_the_dates_and_a_fix(live, capsys):
    sql(live, "DROP TRIGGER sessions_min_interval_insert", INSERT.replace("?", "'2026-10-02'"))
    before = digest(live)
    assert main(["--db", str(live), "status"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "2026-10-02 (session id 3): 1 day after session id 1 on 2026-10-01" in err
    assert "homekit delete 3" in err and "homekit restore" in err
    assert digest(live) == before
    assert main(["--db", str(live), "check", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["healthy"] is False
    assert report["schema"]["name"] == "sessions_min_interval_insert"
    assert [(r["date"], r["session_id"], r["kind"]) for r in report["rows"]] == [
        ("2026-10-02", 3, "too_close")]
    # The fix it names works: delete opens the file as it is, the next open puts back the rule.
    assert main(["--db", str(live), "delete", "3", "--yes"]) == 0
    assert main(["--db", str(live), "status"]) == 0
    assert "has been put back" in capsys.readouterr().err
    assert main(["--db", str(live), "log", "--date", "2026-10-03"]) == 3


def test_a_live_file_with_a_foreign_trigger_is_refused(live, capsys):
    sql(live, "CREATE TRIGGER wipe AFTER INSERT ON sessions BEGIN DELETE FROM sessions; END")
    assert main(["--db", str(live), "log", "--date", "2026-11-20"]) == 1
    assert "trigger wipe on sessions that homekit does not make" in capsys.readouterr().err
    assert dates(live) == ["2026-10-01", "2026-10-20"]


def test_restore_is_the_way_back_from_a_broken_live_file(live, good, capsys):
    sql(live, "CREATE TRIGGER wipe AFTER INSERT ON sessions BEGIN DELETE FROM sessions; END")
    assert main(["--db", str(live), "restore", str(good)]) == 0, capsys.readouterr().err
    assert main(["--db", str(live), "check"]) == 0
    assert main(["--db", str(live), "log", "--date", "2026-11-20"]) == 0
    assert dates(live) == ["2026-10-01", "2026-10-20", "2026-11-20"]


def test_an_older_file_that_already_breaks_the_rule_is_not_migrated(tmp_path):
    from sqlite_utils import Database

    from homekit.storage import migrations

    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.migrations.apply(Database(conn), stop_before="m002_interval_triggers_and_settings")
    conn.execute("INSERT INTO profiles (name, created_at) VALUES ('me', 'x')")
    for day in ("2026-01-01", "2026-01-02", "2026-01-20"):
        conn.execute(INSERT, (day,))
    conn.close()
    before = digest(path)
    out = run_cli("status", db=path)
    assert out.returncode == 1
    assert "2026-01-02 (session id 2): 1 day after session id 1 on 2026-01-01" in out.stderr
    assert digest(path) == before and sqlite3.connect(path).execute(
        "PRAGMA user_version").fetchone()[0] == 1


def test_check_reports_a_healthy_file(live, capsys):
    assert main(["--db", str(live), "check", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["healthy"] is True and report["integrity"] == ["ok"]
    assert report["schema"] is None and report["rows"] == [] and report["modes"] == []
    assert main(["--db", str(live), "check"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("Healthy.")


def test_the_fast_open_check_imports_no_sqlite_utils(live):
    out = subprocess.run(
        [__import__("sys").executable, "-c",
         "import sys; from homekit.storage import open_store; "
         f"open_store({str(live)!r}).close(); print('sqlite_utils' in sys.modules)"],
        capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "False"


def test_now_is_fixed_for_these_tests():
    assert NOW.year == 2026
