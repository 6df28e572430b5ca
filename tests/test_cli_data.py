"""export / import / backup / restore as a user runs them: the installed command, real files."""

from __future__ import annotations

import json
import stat

import pytest

from tests.conftest import run_cli

NOTES = 'Ünïcödé 🙂, "quoted", comma,\nsecond line'


@pytest.fixture
def logged(cli):
    for day, extra in (("2026-10-01", ["--notes", NOTES, "--area", "cheeks,nose"]),
                       ("2026-10-15", ["--redness", "3", "--faded-after", "45"])):
        out = cli("log", "--date", day, "--duration", "40", "--glasses", *extra)
        assert out.returncode == 0, out.stderr
    return cli


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_import_export_gives_the_same_bytes(logged, tmp_path, fmt):
    out = logged("export", "--format", fmt)
    assert out.returncode == 0, out.stderr
    exported = tmp_path / f"log.{fmt}"
    assert logged("export", "--format", fmt, "--output", str(exported)).returncode == 0
    assert exported.read_text(encoding="utf-8") == out.stdout
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    other = tmp_path / "other.db"
    imported = run_cli("import", str(exported), db=other)
    assert imported.returncode == 0, imported.stderr
    assert "Imported 2 sessions (1 redness observation)" in imported.stdout
    again = run_cli("export", "--format", fmt, db=other)
    assert again.stdout.encode() == exported.read_bytes()
    dup = run_cli("import", str(exported), db=other)
    assert dup.returncode == 0 and "Nothing new to import" in dup.stdout
    history = json.loads(run_cli("history", "--json", db=other).stdout)
    assert [s["notes"] for s in history] == ["", NOTES]


def test_format_follows_the_output_extension(logged, tmp_path):
    assert logged("export", "-o", str(tmp_path / "x.csv")).returncode == 0
    assert (tmp_path / "x.csv").read_text().startswith("profile,session_date,")


def test_all_profiles(logged, tmp_path):
    assert logged("profile", "add", "ana", "--interval", "14", "--condition", "no").returncode == 0
    assert logged("--profile", "ana", "log", "--date", "2026-10-03").returncode == 0
    doc = json.loads(logged("export", "--format", "json", "--all-profiles").stdout)
    assert [(p["name"], len(p["sessions"])) for p in doc["profiles"]] == [("me", 2), ("ana", 1)]
    one = json.loads(logged("export", "--format", "json").stdout)
    assert [p["name"] for p in one["profiles"]] == ["me"]


def test_bad_row_exit_2_names_the_line_and_stores_nothing(cli, tmp_path):
    f = tmp_path / "log.csv"
    f.write_text("session_date,duration_min,notes\n2026-09-01,30,a\n2026-09-10,3000,b\n"
                 "2026-09-20,30,c\n")
    out = cli("import", str(f))
    assert out.returncode == 2
    assert "line 3, 2026-09-10: duration must be from 1 to 180 minutes" in out.stderr
    assert "nothing was stored" in out.stderr
    assert json.loads(cli("history", "--json").stdout) == []


def test_rule_violation_exit_3_and_dry_run(logged, tmp_path):
    f = tmp_path / "log.csv"
    f.write_text("session_date,duration_min,notes\n2026-10-18,30,too close\n")
    out = logged("import", str(f))
    assert out.returncode == 3
    assert "line 2, 2026-10-18: 3 days after the stored session on 2026-10-15" in out.stderr
    f.write_text("session_date,duration_min,notes\n2026-11-18,30,fine\n")
    dry = logged("import", str(f), "--dry-run")
    assert dry.returncode == 0 and "would import 1 session" in dry.stdout
    assert len(json.loads(logged("history", "--json").stdout)) == 2
    real = logged("import", str(f))
    assert real.returncode == 0 and "Backup taken first" in real.stdout
    assert len(json.loads(logged("history", "--json").stdout)) == 3


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n\x00\x00", b"name,age\nx,3\n",
                                     b'[{"session_date": "2026-01-01"}]'])
def test_not_a_homekit_file_gets_one_line(cli, tmp_path, content):
    f = tmp_path / "thing.dat"
    f.write_bytes(content)
    out = cli("import", str(f))
    assert out.returncode == 2 and out.stderr.count("\n") == 1
    assert "is not a homekit export" in out.stderr


def test_restore_refuses_a_file_that_is_not_a_backup(logged, tmp_path):
    f = tmp_path / "notes.txt"
    f.write_text("hello")
    out = logged("restore", str(f))
    assert out.returncode == 2 and "not a SQLite database" in out.stderr
    assert len(json.loads(logged("history", "--json").stdout)) == 2
