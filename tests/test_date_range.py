"""Session dates run from 1900-01-01 to today: refused outside, handled everywhere inside."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from homekit import words
from homekit.cli import main
from homekit.domain import validate
from homekit.domain.errors import InvalidInput
from homekit.domain.models import SessionDraft
from homekit.domain.series import padded

EARLIEST = "1900-01-01"


@pytest.mark.parametrize("text", ["0050-01-01", "1899-12-31", "0001-01-01"])
def test_dates_before_1900_are_refused_with_the_range(text):
    with pytest.raises(InvalidInput) as err:
        validate.parse_date(text)
    assert err.value.code == "date_too_early" and err.value.field == "date"
    assert words.error(err.value) == (
        f"{text} is before 1900-01-01: homekit accepts session dates from 1900-01-01 to today")


def test_the_services_refuse_an_early_draft_and_the_cli_says_why(hk, db_path, capsys):
    with pytest.raises(InvalidInput):
        hk.sessions.log_session(SessionDraft(session_date=dt.date(50, 1, 1)))
    with pytest.raises(SystemExit) as stop:
        main(["--db", str(db_path), "log", "--date", "0050-01-01"])
    assert stop.value.code == 2
    assert "before 1900-01-01" in capsys.readouterr().err
    assert main(["--db", str(db_path), "log", "--date", "2999-01-01"]) == 2
    assert "in the future" in capsys.readouterr().err
    assert hk.sessions.history() == []


def test_import_refuses_an_early_row_by_line(db_path, tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("session_date,duration_min,notes\n2026-11-01,30,ok\n0050-01-01,30,old\n")
    assert main(["--db", str(db_path), "import", str(src)]) == 2
    err = capsys.readouterr().err
    assert "0050-01-01" in err and "1900-01-01" in err


@pytest.fixture
def ancient(db_path, capsys):
    """The earliest accepted date and a recent one, with redness, through the real CLI."""
    assert main(["--db", str(db_path), "profile", "condition", "no"]) == 0
    assert main(["--db", str(db_path), "log", "--date", EARLIEST, "--redness", "2",
                 "--faded-after", "30"]) == 0
    assert main(["--db", str(db_path), "log", "--date", "2026-11-20"]) == 0
    capsys.readouterr()
    return db_path


@pytest.mark.parametrize("command", [
    ["history"], ["history", "--json"], ["status"], ["status", "--json"],
    ["chart", "--text"], ["chart", "--text", "--kind", "redness"],
    ["chart", "--text", "--kind", "all"], ["export", "--format", "csv"],
    ["export", "--format", "json"],
])
def test_every_cli_view_handles_the_earliest_date(ancient, capsys, command):
    assert main(["--db", str(ancient), *command]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "1900" in out or command[0] == "status"


def test_pictures_and_reminders_handle_the_earliest_date(ancient, tmp_path):
    for kind in ("progress", "redness", "all"):
        png = tmp_path / f"{kind}.png"
        assert main(["--db", str(ancient), "chart", "--kind", kind, "-o", str(png)]) == 0
        assert png.stat().st_size > 1000
    assert main(["--db", str(ancient), "remind", "-o", str(tmp_path / "r.ics")]) == 0


def test_export_import_round_trip_of_the_earliest_date(ancient, tmp_path, capsys):
    out = tmp_path / "x.json"
    assert main(["--db", str(ancient), "export", "-o", str(out)]) == 0
    fresh = tmp_path / "fresh.db"
    assert main(["--db", str(fresh), "import", str(out)]) == 0
    assert main(["--db", str(fresh), "history", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert {r["session_date"] for r in rows} == {EARLIEST, "2026-11-20"}


def test_a_file_holding_a_year_50_session_still_charts(ancient, tmp_path, capsys):
    """Written by another tool: homekit does not accept it, but never crashes on it."""
    conn = sqlite3.connect(ancient)
    conn.execute("INSERT INTO sessions (profile_id, session_date, created_at) "
                 "VALUES (1, '0050-01-01', '2026-01-01T00:00:00')")
    conn.commit()
    conn.close()
    assert main(["--db", str(ancient), "chart", "--text", "--kind", "all"]) == 0
    assert main(["--db", str(ancient), "chart", "--kind", "all", "-o",
                 str(tmp_path / "c.png")]) == 0
    assert main(["--db", str(ancient), "export", "--format", "csv"]) == 0
    assert "0050-01-01" in capsys.readouterr().out


def test_padding_stays_inside_the_calendar():
    assert padded(dt.date.min, dt.date.max, 10) == (dt.date.min, dt.date.max)
    assert padded(dt.date(2026, 1, 10), dt.date(2026, 1, 20), 3) == (
        dt.date(2026, 1, 7), dt.date(2026, 1, 23))
