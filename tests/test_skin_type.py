"""The Fitzpatrick skin type of a profile, through every door: the validator, `profile set` and
`profile show`, `status --json`, undo, raw SQL, `check` and `restore`, an older file opened by
this version, export and import (JSON and CSV)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from homekit import words
from homekit.cli import main
from homekit.domain import validate
from homekit.domain.errors import InvalidInput
from homekit.domain.models import SKIN_TYPES
from homekit.services import Homekit
from homekit.storage import open_store
from homekit.storage.backup import write_backup
from homekit.storage.schema import SCHEMA_VERSION
from tests.conftest import NOW
from tests.dbfiles import digest


@pytest.mark.parametrize("given,stored", [
    ("1", 1), (6, 6), (" 3 ", 3), ("III", 3), ("iv", 4), ("vi", 6), ("\u0663", 3), ("\uff15", 5)])
def test_the_validator_takes_1_to_6_or_i_to_vi(given, stored):
    assert validate.skin_type(given) == stored


@pytest.mark.parametrize("given", ["0", "7", 7, "VII", "IIII", "three", "", "2.5", True, "-1"])
def test_the_validator_refuses_the_rest_in_one_line(given):
    with pytest.raises(InvalidInput) as caught:
        validate.skin_type(given)
    text = words.error(caught.value)
    assert "is not 1 to 6 (Fitzpatrick I to VI)" in text and "\n" not in text
    assert caught.value.field == "skin_type"


def test_each_type_has_its_words():
    assert len(words.SKIN_TYPE_WORDS) == len(SKIN_TYPES) == 6
    assert words.skin_type_text(None) == "not given"
    assert words.skin_type_text(1) == "I (pale white skin; always burns, never tans)"
    assert words.skin_type_text(6).startswith("VI (deeply pigmented")


def show(cli) -> dict:
    out = cli("profile", "show", "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_profile_set_show_status_and_undo(cli):
    before = show(cli)
    assert before["skin_type"] is None and before["name"] == "me" and before["current"] is True
    assert "Skin type: not given" in cli("profile", "show").stdout
    out = cli("profile", "set", "--skin-type", "IV")
    assert out.returncode == 0, out.stderr
    assert "Skin type: IV (moderate brown skin; rarely burns, tans easily)." in out.stdout
    assert show(cli)["skin_type"] == 4
    status = json.loads(cli("status", "--json").stdout)
    assert status["skin_type"] == 4 and status["profile"] == "me"  # every other key kept
    listed = json.loads(cli("profile", "list", "--json").stdout)
    assert listed[0]["skin_type"] == 4 and listed[0]["current"] is True
    assert "Skin type: IV (" in cli("profile", "show").stdout

    bad = cli("profile", "set", "--skin-type", "7")
    assert bad.returncode == 2 and len(bad.stderr.splitlines()) == 1
    assert "skin type '7' is not 1 to 6" in bad.stderr
    assert show(cli)["skin_type"] == 4  # nothing changed

    assert cli("profile", "set", "--skin-type", "none").returncode == 0
    assert show(cli)["skin_type"] is None
    assert cli("undo").returncode == 0  # the change back to "not given" is undone
    assert show(cli)["skin_type"] == 4
    steps = cli("undo", "--list").stdout
    assert cli("profile", "set", "--skin-type", "4").returncode == 0  # unchanged: no undo step
    assert cli("undo", "--list").stdout == steps


def test_raw_sql_cannot_store_a_type_outside_1_to_6(hk, db_path):
    hk.profiles.update_profile(skin_type=2)
    conn = sqlite3.connect(db_path)
    try:
        for value in ("0", "7", "'III'", "2.5"):
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute(f"UPDATE profiles SET skin_type = {value}")
        conn.execute("UPDATE profiles SET skin_type = NULL")
        conn.commit()
    finally:
        conn.close()
    assert hk.profile().skin_type is None


def sql(path: Path, *statements: str) -> None:
    subprocess.run(["sqlite3", str(path)], input=";\n".join(statements) + ";\n", text=True,
                   check=True, capture_output=True, timeout=60)


def test_check_and_restore_refuse_a_type_slipped_past_the_check(hk, db_path, tmp_path, capsys):
    hk.profiles.update_profile(skin_type=2)
    hk.close()
    store = open_store(db_path)
    try:
        backup = write_backup(store.conn, tmp_path / "good.db")
    finally:
        store.close()
    # The schema stays homekit's own; only the value breaks it (the shell can skip CHECKs).
    sql(backup, "PRAGMA ignore_check_constraints = 1", "UPDATE profiles SET skin_type = 9")
    before = digest(db_path)
    assert main(["--db", str(db_path), "restore", str(backup)]) == 2
    err = capsys.readouterr().err
    assert "CHECK constraint failed in profiles" in err and "nothing was restored" in err
    assert digest(db_path) == before
    sql(db_path, "PRAGMA ignore_check_constraints = 1", "UPDATE profiles SET skin_type = 0")
    assert main(["--db", str(db_path), "check"]) == 1
    assert "CHECK constraint failed in profiles" in capsys.readouterr().out


def make_version_7(path: Path) -> None:
    """A file as homekit wrote it before skin types (its migrations up to schema 7)."""
    from sqlite_utils import Database

    from homekit.storage import migrations

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        migrations.migrations.apply(Database(conn), stop_before="m008_profile_skin_type")
        conn.execute("INSERT INTO profiles (name, target_sessions, min_interval_days, "
                     "has_skin_condition, created_at) VALUES ('ana', 8, 10, 0, "
                     "'2026-11-25T09:30:00')")
        conn.execute("INSERT INTO settings (key, value) VALUES ('default_profile', 'ana')")
    finally:
        conn.close()


def test_an_older_file_gains_the_column_and_keeps_everything(tmp_path, capsys):
    old = tmp_path / "old.db"
    make_version_7(old)
    db = ["--db", str(old)]
    assert main([*db, "profile", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["name"], shown["target_sessions"], shown["min_interval_days"],
            shown["has_skin_condition"], shown["skin_type"]) == ("ana", 8, 10, False, None)
    assert list(tmp_path.glob("backups/*before-migration*.db"))  # kept as it was, first
    conn = sqlite3.connect(old)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()
    assert main([*db, "profile", "set", "--skin-type", "5"]) == 0
    assert main([*db, "check"]) == 0


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_and_import_carry_it(hk, tmp_path, fmt):
    hk.profiles.update_profile(skin_type=5)
    text = hk.transfer.export_log(fmt)
    if fmt == "json":
        assert json.loads(text)["profiles"][0]["skin_type"] == 5
    else:
        header, profile_row = text.splitlines()[:2]
        assert dict(zip(header.split(","), profile_row.split(","), strict=True))["skin_type"] == "5"
    path = tmp_path / f"e.{fmt}"
    path.write_text(text, encoding="utf-8")
    other = Homekit.open(tmp_path / "other.db", now=lambda: NOW)
    try:
        other.transfer.import_file(path)
        assert other.profile().skin_type == 5
        assert other.transfer.export_log(fmt) == text
    finally:
        other.close()


@pytest.mark.parametrize("value", ["9", "true", "\"III\"", "2.0"])
def test_a_json_file_with_a_bad_type_is_refused_whole(tmp_path, value):
    """A number 1 to 6 or null; text is read as a CSV cell would be (III is 3)."""
    doc = ('{"format": "homekit-export", "version": 1, "profiles": [{"name": "ana", '
           f'"skin_type": {value}, "sessions": []}}]}}')
    path = tmp_path / "bad.json"
    path.write_text(doc, encoding="utf-8")
    app = Homekit.open(tmp_path / "h.db", now=lambda: NOW)
    try:
        if value == '"III"':
            app.transfer.import_file(path)
            assert app.profile().skin_type == 3
            return
        with pytest.raises(InvalidInput) as caught:
            app.transfer.import_file(path)
        assert "skin" in words.error(caught.value)
        assert app.profiles.profiles() == []
    finally:
        app.close()
