"""Issue 11 through the CLI door, in-process (homekit.cli.main): every gate, the checklist,
medical answers, follow-ups and corrections."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from homekit.cli import main
from homekit.storage.schema import SCHEMA_VERSION
from tests.conftest import NOW, answer_condition

#: The in-process commands run at NOW (frozen_clock, for every test here): dates named from
#: TODAY mean the same whenever the suite runs, even across midnight.
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _at_now(frozen_clock):
    """Every in-process command of this file reads NOW (children of run_cli keep the real
    clock; no test here names a date for them)."""


def ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


ALL_CHECKED = "glasses,clean,intact,no-exfoliant"


@pytest.fixture
def run(db_path: Path, capsys):
    """`run("log", ...)` -> (exit code, stdout, stderr) of the CLI on this test's file."""

    def call(*args: str) -> tuple[int, str, str]:
        try:
            code = main(["--db", str(db_path), *args])
        except SystemExit as exc:  # argparse refused a value
            code = int(exc.code or 0)
        out = capsys.readouterr()
        return code, out.out, out.err

    return call


def status(run) -> dict:
    return json.loads(run("status", "--json")[1])


def history(run) -> list[dict]:
    return json.loads(run("history", "--json")[1])


# -- condition -------------------------------------------------------------------------------


def test_log_on_a_fresh_file_in_a_script_refuses_and_stores_nothing(run):
    st = status(run)
    assert st["blocked_by"] == ["condition"] and st["eligible_now"] is False
    code, _, err = run("log")
    assert code == 2
    assert "homekit profile condition no|yes [--acknowledge]" in err
    assert history(run) == []
    assert run("profile", "condition", "no")[0] == 0
    st = status(run)
    assert st["blocked_by"] == [] and st["eligible_now"] is True
    assert run("log")[0] == 0


def test_log_on_a_terminal_asks_the_question_and_the_checklist(run, monkeypatch):
    monkeypatch.setattr("homekit.cli.ask.on_terminal", lambda: True)
    answers = iter(["n", "y", "y", "y", "y"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    code, _, err = run("log", "--duration", "30")
    assert code == 0, err
    (s,) = history(run)
    assert s["checklist"] == ALL_CHECKED.split(",")


def test_a_yes_without_acknowledgement_on_a_terminal_still_refuses(run, monkeypatch):
    monkeypatch.setattr("homekit.cli.ask.on_terminal", lambda: True)
    answers = iter(["y", "n"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    code, _, err = run("log")
    assert code == 2 and "acknowledge" in err and history(run) == []


def test_profile_add_takes_the_condition(run):
    assert run("profile", "add", "ana", "--condition", "no")[0] == 0
    assert run("--profile", "ana", "log")[0] == 0
    code, _, err = run("profile", "add", "bo", "--condition", "yes")
    assert code == 0 and "serious outbreaks" in err
    code, _, err = run("--profile", "bo", "log")
    assert code == 2 and "acknowledge" in err
    assert run("profile", "add", "cy", "--condition", "yes", "--acknowledge")[0] == 0
    assert run("--profile", "cy", "log")[0] == 0


# -- serious redness --------------------------------------------------------------------------


def test_severe_redness_blocks_log_and_reminders_until_it_faded(run, db_path, tmp_path):
    answer_condition(db_path)
    assert run("log", "--date", ago(10), "--redness", "4")[0] == 0
    st = status(run)
    assert st["blocked_by"] == ["redness"] and not st["eligible_now"]
    code, _, err = run("log")
    assert code == 3 and "severe redness" in err and "--cleared-by-professional" in err
    ics = tmp_path / "r.ics"
    code, _, err = run("remind", "-o", str(ics))
    assert code == 3 and "no reminders written" in err and not ics.exists()
    assert "Blocked: severe redness" in run("status")[1]
    sid = history(run)[0]["id"]
    assert run("redness", str(sid), "--severity", "1", "--faded-after", "30")[0] == 0
    assert status(run)["blocked_by"] == []
    assert run("remind", "-o", str(ics))[0] == 0 and ics.exists()
    assert run("log")[0] == 0


def test_a_professionals_clearance_lifts_the_block_and_is_kept(run, db_path):
    answer_condition(db_path)
    assert run("log", "--date", ago(10), "--redness", "4")[0] == 0
    code, _, err = run("log", "--cleared-by-professional")
    assert code == 0, err
    newest = history(run)[0]
    assert newest["cleared_by_professional"] is True and newest["session_date"] == ago(0)
    assert status(run)["blocked_by"] == ["interval"]


def test_still_red_a_day_after_the_session_blocks_counted_from_the_session(run, db_path):
    answer_condition(db_path)
    assert run("log", "--date", ago(9), "--time", "10:00")[0] == 0
    # Recorded only now, days later: the day counts from the session, not from this entry.
    code, _, err = run("redness", "--severity", "2")
    assert code == 0 and "pause treatments" in err
    st = status(run)
    assert st["blocked_by"] == ["redness"] and st["redness_warning_serious"] is True
    assert run("log")[0] == 3


# -- checklist -------------------------------------------------------------------------------


def test_checklist_for_scripts_refuses_a_no_and_stores_what_was_asked(run, db_path):
    answer_condition(db_path)
    code, _, err = run("log", "--checked", "glasses,clean")
    assert code == 3 and "active breakout" in err and history(run) == []
    code, _, err = run("log", "--checked", "glasses,sunscreen")
    assert code == 2 and "unknown checklist item" in err
    assert run("log", "--date", ago(20))[0] == 0  # none given: not asked
    assert run("log", "--checked", ALL_CHECKED)[0] == 0
    assert [s["checklist"] for s in history(run)] == [ALL_CHECKED.split(","), None]


# -- medical answers ---------------------------------------------------------------------------


def test_recent_isotretinoin_warns_and_the_answers_travel_with_the_profile(run, db_path,
                                                                           tmp_path):
    answer_condition(db_path)
    code, _, err = run("profile", "medical", "--isotretinoin", ago(30), "--blood-thinners", "yes")
    assert code == 0 and "ask your prescriber" in err and "bruising" in err
    code, _, err = run("log")
    assert code == 0 and "ask your prescriber" in err  # a warning, never a block
    code, out, err = run("profile", "medical", "--acknowledge", "--json")
    assert json.loads(out)["isotretinoin_acknowledged_at"] and "--acknowledge" not in err
    export = tmp_path / "x.json"
    assert run("export", "--all-profiles", "-o", str(export))[0] == 0
    other = tmp_path / "other.db"
    assert main(["--db", str(other), "import", str(export)]) == 0
    assert main(["--db", str(other), "profile", "medical", "--json"]) == 0


def test_medical_answers_are_imported(tmp_path, capsys):
    src, dst, export = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "x.json"
    assert main(["--db", str(src), "profile", "medical", "--isotretinoin", "never",
                 "--blood-thinners", "no"]) == 0
    assert main(["--db", str(src), "export", "-o", str(export)]) == 0
    assert main(["--db", str(dst), "import", str(export)]) == 0
    capsys.readouterr()
    assert main(["--db", str(dst), "profile", "medical", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["isotretinoin"] == "never" and got["blood_thinners"] is False


# -- follow-ups ----------------------------------------------------------------------------------


def test_followups_due_name_the_session_owed_an_observation(run, db_path):
    answer_condition(db_path)
    assert run("log", "--date", ago(1))[0] == 0
    (owed,) = status(run)["followups_due"]
    assert owed["kind"] == "hour" and owed["session_id"] == history(run)[0]["id"]
    assert run("redness", "--severity", "0")[0] == 0
    assert status(run)["followups_due"] == []


# -- corrections -----------------------------------------------------------------------------


def test_redness_edit_and_delete_by_id(run, db_path):
    answer_condition(db_path)
    assert run("log", "--date", ago(10), "--redness", "4")[0] == 0
    sid = history(run)[0]["id"]
    assert run("redness", str(sid), "--severity", "2", "--faded-after", "20")[0] == 0
    first, second = (r["id"] for r in history(run)[0]["redness"])
    code, out, _ = run("redness", "edit", str(first), "--severity", "3", "--notes", "typo")
    assert code == 0 and f"observation id {first} (session #1)" in out
    code, _, err = run("redness", "delete", str(second))
    assert code == 2 and "--yes" in err
    assert run("redness", "delete", str(second), "--yes")[0] == 0
    (red,) = history(run)[0]["redness"]
    assert (red["id"], red["severity"], red["notes"]) == (first, 3, "typo")
    assert run("redness", "edit", str(first), "--faded-after", "40")[0] == 0
    assert history(run)[0]["redness"][0]["faded_after_min"] == 40
    assert run("redness", "edit", str(first), "--still-red")[0] == 0
    assert history(run)[0]["redness"][0]["faded_after_min"] is None
    assert run("redness", "edit", "999", "--severity", "1")[0] == 2
    assert run("redness", "edit")[0] == 2
    assert run("redness", "edit", str(first))[0] == 2  # nothing to change
    assert run("redness", "edit", str(first), "--faded-after", "5", "--still-red")[0] == 2


def test_moving_a_session_moves_its_observations_and_clear_empties_a_field(run, db_path):
    answer_condition(db_path)
    assert run("log", "--date", ago(20), "--time", "09:00", "--duration", "30",
               "--redness", "2")[0] == 0
    s = history(run)[0]
    before = dt.datetime.fromisoformat(s["redness"][0]["observed_at"])
    assert run("edit", str(s["id"]), "--date", ago(17))[0] == 0
    after = dt.datetime.fromisoformat(history(run)[0]["redness"][0]["observed_at"])
    assert after - before == dt.timedelta(days=3)
    assert run("edit", str(s["id"]), "--clear", "time", "--clear", "duration")[0] == 0
    moved = history(run)[0]
    assert moved["start_time"] is None and moved["duration_min"] is None
    assert run("edit", str(s["id"]), "--clear", "time", "--time", "10:00")[0] == 2


# -- import is exempt --------------------------------------------------------------------------


def test_import_is_exempt_from_the_condition_and_redness_gates(run, tmp_path):
    csv = tmp_path / "old.csv"
    csv.write_text("session_date,duration_min,notes\n"
                   f"{ago(30)},30,first\n{ago(20)},30,second\n")
    code, _, err = run("import", str(csv))  # a fresh file: the skin question is not answered
    assert code == 0, err
    assert len(history(run)) == 2
    assert status(run)["blocked_by"] == ["condition"]  # logging still asks first


def test_the_new_columns_are_in_the_file_and_the_summary_view(run, db_path):
    import sqlite3

    answer_condition(db_path)
    assert run("log", "--checked", ALL_CHECKED, "--cleared-by-professional")[0] == 0
    conn = sqlite3.connect(db_path)
    try:
        row = conn.execute("SELECT checklist, cleared_by_professional FROM session_summary"
                           ).fetchone()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()
    assert row == (ALL_CHECKED, 1) and version == SCHEMA_VERSION  # m006_safety applied


def test_on_a_terminal_a_blocked_day_is_refused_before_the_checklist(run, db_path, monkeypatch):
    answer_condition(db_path)
    assert run("log", "--date", ago(10), "--redness", "4")[0] == 0
    monkeypatch.setattr("homekit.cli.ask.on_terminal", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": pytest.fail("asked: " + prompt))
    code, _, err = run("log")
    assert code == 3 and "severe redness" in err


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_checklist_and_clearance_travel_in_an_export(run, db_path, tmp_path, fmt):
    answer_condition(db_path)
    assert run("log", "--date", ago(10), "--redness", "4")[0] == 0
    assert run("log", "--checked", ALL_CHECKED, "--cleared-by-professional")[0] == 0
    export = tmp_path / f"x.{fmt}"
    assert run("export", "-o", str(export))[0] == 0
    other = tmp_path / "other.db"
    assert main(["--db", str(other), "import", str(export)]) == 0
    out = tmp_path / f"y.{fmt}"
    assert main(["--db", str(other), "export", "-o", str(out)]) == 0
    assert out.read_text() == export.read_text()
    import sqlite3

    conn = sqlite3.connect(other)
    try:
        rows = conn.execute("SELECT checklist, cleared_by_professional FROM sessions "
                            "ORDER BY session_date").fetchall()
    finally:
        conn.close()
    assert rows == [(None, 0), (ALL_CHECKED, 1)]


def test_the_refusal_on_a_fresh_file_stores_nothing_not_even_the_profile(run, db_path):
    import sqlite3

    code, _, err = run("log", "--redness", "2")
    assert code == 2 and "nothing was stored" in err
    conn = sqlite3.connect(db_path)
    try:
        counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("profiles", "sessions", "redness")]
    finally:
        conn.close()
    assert counts == [0, 0, 0]
