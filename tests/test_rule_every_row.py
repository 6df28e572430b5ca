"""The weekly rule holds in SQL whatever rows exist, through every door.

The attack: in the `sqlite3` shell (foreign keys off), sessions a day apart for a profile that
does not exist yet; then `homekit profile add bob` adopted them. Every file here is changed with
the real `sqlite3` shell; files "as an older homekit left them" are made by its migrations.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from homekit.storage.schema import SCHEMA_VERSION
from tests.conftest import answer_condition, run_cli
from tests.dbfiles import dates, digest

ORPHANS = ("INSERT INTO sessions (profile_id, session_date, created_at) VALUES "
           "(2, '2026-11-01', 'x'), (2, '2026-11-02', 'x')")


def shell(path: Path, *statements: str) -> subprocess.CompletedProcess:
    """The statements in the real sqlite3 shell, foreign keys off as it starts."""
    return subprocess.run(["sqlite3", str(path)], input=";\n".join(statements) + ";\n",
                          text=True, capture_output=True, timeout=60)


def older_file(path: Path, *statements: str) -> Path:
    """A file as the homekit before this schema left it (version 8), then `statements`."""
    from sqlite_utils import Database

    from homekit.storage import migrations

    conn = sqlite3.connect(path, isolation_level=None)
    migrations.migrations.apply(Database(conn), stop_before="m009_rules_for_every_row")
    conn.close()
    done = shell(path, *statements)
    assert done.returncode == 0, done.stderr
    return path


def history(db: Path, profile: str) -> list[str]:
    out = run_cli("--profile", profile, "history", "--json", db=db)
    assert out.returncode == 0, out.stderr
    return [s["session_date"] for s in json.loads(out.stdout)]


@pytest.fixture
def live(tmp_path: Path) -> Path:
    db = tmp_path / "homekit.db"
    assert run_cli("profile", "add", "ana", db=db).returncode == 0
    return db


def test_the_shell_cannot_log_sessions_for_a_profile_that_does_not_exist(live):
    done = shell(live, "PRAGMA foreign_keys = OFF", ORPHANS)
    assert done.returncode != 0
    assert "homekit rule: a session must belong to a profile that exists" in done.stderr
    assert dates(live) == []
    assert run_cli("profile", "add", "bob", db=live).returncode == 0
    assert history(live, "bob") == []


def test_the_floor_of_seven_days_holds_for_a_missing_profile(live):
    # Even with the profile trigger gone, the interval trigger takes 7 days when the profile
    # row is missing (it used to join `profiles`, and found nothing to compare).
    done = shell(live, "DROP TRIGGER IF EXISTS sessions_profile_exists_insert", ORPHANS)
    assert done.returncode != 0 and "at least the profile's min_interval_days" in done.stderr
    assert dates(live) == []


def test_the_shell_cannot_delete_or_renumber_a_profile_under_its_sessions(live):
    answer_condition(live, "ana")
    assert run_cli("--profile", "ana", "log", "--date", "2026-11-01", db=live).returncode == 0
    for statement in ("DELETE FROM profiles WHERE id = 1", "UPDATE profiles SET id = 9",
                      "UPDATE sessions SET profile_id = 5"):
        done = shell(live, "PRAGMA foreign_keys = OFF", statement)
        assert done.returncode != 0 and "homekit rule:" in done.stderr, statement
    assert run_cli("profile", "add", "bob", db=live).returncode == 0
    assert history(live, "ana") == ["2026-11-01"] and history(live, "bob") == []


def test_an_older_file_whose_adopted_sessions_break_the_rule_is_refused_and_delete_mends_it(
        tmp_path):
    # Exactly what the attack left with the homekit before this version: the orphans, then
    # `profile add bob` (id 2) adopted them.
    db = older_file(tmp_path / "homekit.db",
                    "INSERT INTO profiles (name, created_at) VALUES ('ana', 'x')", ORPHANS,
                    "INSERT INTO profiles (name, created_at) VALUES ('bob', 'x')")
    before = digest(db)
    out = run_cli("--profile", "bob", "status", db=db)
    assert out.returncode == 1 and out.stderr.count("\n") == 1
    assert "2026-11-02 (session id 2): 1 day after session id 1 on 2026-11-01" in out.stderr
    assert "homekit delete 2" in out.stderr
    assert digest(db) == before  # refused before anything was written, never migrated
    # The fix it names works on the older file too: delete migrates it with the rule
    # triggers set aside, the next open checks the rows and puts them back.
    assert run_cli("delete", "2", "--yes", db=db).returncode == 0
    out = run_cli("--profile", "bob", "status", db=db)
    assert out.returncode == 0 and "put back" in out.stderr
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    done = shell(db, "INSERT INTO sessions (profile_id, session_date, created_at) "
                     "VALUES (2, '2026-11-03', 'x')")
    assert done.returncode != 0 and "homekit rule" in done.stderr
    assert run_cli("check", db=db).returncode == 0


def test_delete_of_a_session_that_keeps_the_rule_still_refuses_an_older_broken_file(tmp_path):
    db = older_file(tmp_path / "homekit.db",
                    "INSERT INTO profiles (name, created_at) VALUES ('ana', 'x')", ORPHANS,
                    "INSERT INTO profiles (name, created_at) VALUES ('bob', 'x')")
    assert run_cli("delete", "1", "--yes", db=db).returncode == 0
    out = run_cli("--profile", "bob", "status", db=db)
    assert out.returncode == 0  # one of the pair was enough


def test_profile_add_never_adopts_sessions_left_for_a_missing_profile(tmp_path):
    db = older_file(tmp_path / "homekit.db",
                    "INSERT INTO profiles (name, created_at) VALUES ('ana', 'x')",
                    "INSERT INTO sessions (profile_id, session_date, created_at) "
                    "VALUES (2, '2026-11-01', 'x')")
    assert run_cli("profile", "add", "bob", db=db).returncode == 0
    assert history(db, "bob") == []
    out = run_cli("check", db=db)
    assert out.returncode == 1 and "profile #2 does not exist" in out.stdout


def test_an_import_that_creates_a_profile_does_not_adopt_them_either(tmp_path):
    db = older_file(tmp_path / "homekit.db",
                    "INSERT INTO profiles (name, created_at) VALUES ('ana', 'x')",
                    "INSERT INTO sessions (profile_id, session_date, created_at) "
                    "VALUES (2, '2026-11-01', 'x')")
    other, export = tmp_path / "other.db", tmp_path / "bob.json"
    assert run_cli("profile", "add", "bob", "--default", "--condition", "no",
                   db=other).returncode == 0
    assert run_cli("log", "--date", "2026-10-01", db=other).returncode == 0
    assert run_cli("export", "-o", str(export), db=other).returncode == 0
    out = run_cli("import", str(export), db=db)
    assert out.returncode == 0, out.stderr
    assert history(db, "bob") == ["2026-10-01"]


def test_an_older_file_of_someone_who_raised_their_interval_still_opens(tmp_path):
    # Raising the interval does not re-judge the sessions logged before: only the floor of 7
    # days refuses a file on open (the migration to this version looks at every older file).
    db = older_file(tmp_path / "homekit.db",
                    "INSERT INTO profiles (name, created_at) VALUES ('ana', 'x')",
                    "INSERT INTO sessions (profile_id, session_date, created_at) VALUES "
                    "(1, '2026-11-01', 'x'), (1, '2026-11-08', 'x')",
                    "UPDATE profiles SET min_interval_days = 14")  # as profile set does
    out = run_cli("--profile", "ana", "status", db=db)
    assert out.returncode == 0, out.stderr
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_backup_holding_the_adopted_sessions_is_not_restored(tmp_path):
    backup = older_file(tmp_path / "old.db",
                        "INSERT INTO profiles (name, created_at) VALUES ('ana', 'x')", ORPHANS,
                        "INSERT INTO profiles (name, created_at) VALUES ('bob', 'x')")
    live = tmp_path / "homekit.db"
    assert run_cli("profile", "add", "ana", db=live).returncode == 0
    before = digest(live)
    out = run_cli("restore", str(backup), db=live)
    assert out.returncode == 2 and "nothing was restored" in out.stderr
    assert "1 day after session id 1 on 2026-11-01" in out.stderr
    assert digest(live) == before
