"""Profile names: NFC, unique without regard to case, no control or invisible characters."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from homekit import words
from homekit.cli import main
from homekit.domain import validate
from homekit.domain.errors import InvalidInput
from homekit.services import Homekit
from homekit.storage import open_store
from homekit.storage.schema import SCHEMA_VERSION
from tests.conftest import NOW


@pytest.fixture
def fresh(store) -> Homekit:
    """Services on a file with no profile yet (the root `hk` fixture creates 'me' when it
    answers the skin question; these tests count the profiles)."""
    return Homekit(store, now=lambda: NOW)


@pytest.mark.parametrize("char", ["\u200b", "\u202e", "\ufeff", "\u2028", "\t", "\x85", "\u00ad"])
def test_hidden_characters_are_refused_with_their_name(char):
    with pytest.raises(InvalidInput) as err:
        validate.profile_name(f"an{char}a")
    assert err.value.code == "profile_name_hidden"
    line = words.error(err.value)
    assert line.startswith("a profile name cannot contain control or invisible characters")
    assert f"U+{ord(char):04X}" in line


def test_names_are_stored_nfc():
    assert validate.profile_name("  Rene\u0301e ") == "Ren\u00e9e"
    assert validate.name_key("REN\u00c9E") == validate.name_key("rene\u0301e")


@pytest.mark.parametrize("second", ["ana", "ANA", " aNa "])
def test_names_are_unique_whatever_the_case(hk, second):
    hk.profiles.create_profile("Ana")
    with pytest.raises(InvalidInput) as err:
        hk.profiles.create_profile(second)
    assert err.value.code == "profile_name_taken"
    assert words.error(err.value) == ("a profile named 'Ana' already exists; profile names are "
                                      "compared without regard to case")


def test_unicode_case_and_form_count_as_the_same_name(fresh):
    fresh.profiles.create_profile("\u00c9lodie")  # É, composed
    for other in ("\u00e9lodie", "E\u0301lodie", "e\u0301LODIE"):
        with pytest.raises(InvalidInput):
            fresh.profiles.create_profile(other)
    assert [p.name for p in fresh.profiles.profiles()] == ["\u00c9lodie"]


def test_rename_may_change_case_but_not_take_another_name(hk):
    hk.profiles.create_profile("ana", make_default=True)
    hk.profiles.create_profile("bob")
    assert hk.profiles.update_profile(new_name="Ana").name == "Ana"
    with pytest.raises(InvalidInput):
        hk.profiles.update_profile(new_name="BOB")
    with pytest.raises(InvalidInput):
        hk.profiles.update_profile(new_name="x\u200by")


def test_lookup_ignores_case_so_me_is_not_created_twice(fresh):
    fresh.profiles.create_profile("ME", make_default=True)
    assert fresh.profiles.switch_profile("me").name == "ME"
    assert Homekit(fresh.ctx.store, "Me", now=lambda: NOW).profile().name == "ME"
    assert [p.name for p in fresh.profiles.profiles()] == ["ME"]


def test_the_cli_refuses_hidden_and_taken_names(db_path, capsys):
    db = ["--db", str(db_path)]
    assert main([*db, "profile", "add", "ana"]) == 0
    assert main([*db, "profile", "add", "ANA"]) == 2
    assert "without regard to case" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main([*db, "profile", "add", "ana\u200bx"])
    assert stop.value.code == 2
    assert "U+200B ZERO WIDTH SPACE" in capsys.readouterr().err
    assert main([*db, "--profile", "ana", "profile", "condition", "no"]) == 0
    assert main([*db, "--profile", "ANA", "log", "--date", "2026-11-01"]) == 0
    assert main([*db, "profile", "list", "--json"]) == 0
    names = [p["name"] for p in json.loads(capsys.readouterr().out.splitlines()[-1])]
    assert names == ["ana"]


def test_import_refuses_hidden_names_and_merges_case_variants(fresh, tmp_path):
    fresh.profiles.create_profile("ana", make_default=True)
    bad = tmp_path / "bad.csv"
    bad.write_text("profile,session_date\nan\u202ea,2026-11-01\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        fresh.transfer.import_file(bad)
    assert "invisible" in str(err.value) or "invisible" in words.error(err.value)
    good = tmp_path / "good.csv"
    good.write_text("profile,session_date\nANA,2026-11-01\nAna,2026-11-08\n", encoding="utf-8")
    fresh.transfer.import_file(good)
    assert [p.name for p in fresh.profiles.profiles()] == ["ana"]
    assert len(fresh.sessions.history()) == 2


def make_version_3(path: Path, names: list[str], default: str) -> None:
    from sqlite_utils import Database

    from homekit.storage import migrations

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrations.migrations.apply(Database(conn), stop_before="m004_profile_names_nocase")
    for i, name in enumerate(names, start=1):
        conn.execute("INSERT INTO profiles (name, created_at) VALUES (?, 'x')", (name,))
        conn.execute("INSERT INTO sessions (profile_id, session_date, created_at) "
                     "VALUES (?, '2026-01-05', 'x')", (i,))
    conn.execute("INSERT INTO settings (key, value) VALUES ('default_profile', ?)", (default,))
    conn.close()


def test_migration_renames_old_case_duplicates_and_keeps_every_session(tmp_path):
    path = tmp_path / "old.db"
    names = ["Ana", "ana", "ana (2)", "Rene\u0301e", "ren\u00e9e", "bob"]
    make_version_3(path, names, default="ren\u00e9e")
    store = open_store(path)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [p.name for p in store.profiles()] == [
            "Ana", "ana (3)", "ana (2)", "Ren\u00e9e", "ren\u00e9e (2)", "bob"]
        assert store.get_setting("default_profile") == "ren\u00e9e (2)"
        assert store.conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == len(names)
        with pytest.raises(sqlite3.IntegrityError):
            store.conn.execute("INSERT INTO profiles (name, created_at) VALUES ('BOB', 'x')")
    finally:
        store.close()
