"""Undo (journal in the data file), profile delete with a backup first, history filters."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import stat

import pytest

from homekit import words
from homekit.cli import main
from homekit.domain.errors import InvalidInput, RuleViolation
from homekit.domain.models import SessionChanges, SessionDraft, SessionFilter
from homekit.services import Homekit
from tests.conftest import NOW


def log(hk: Homekit, day: str, **fields: object) -> int:
    redness = fields.pop("redness", None)
    faded = fields.pop("faded_after_min", None)
    draft = SessionDraft(session_date=dt.date.fromisoformat(day), **fields)  # type: ignore[arg-type]
    return hk.sessions.log_session(draft, redness_severity=redness,
                          faded_after_min=faded).session.id


@pytest.fixture
def me(hk: Homekit) -> Homekit:
    """The `hk` fixture (profile 'me', skin question answered), 'me' stored as the default."""
    hk.profiles.switch_profile("me")
    return hk


def test_delete_then_undo_brings_back_the_same_session_and_its_redness(me):
    sid = log(me, "2026-11-10", duration_min=40, notes="left cheek", redness=2)
    before = me.sessions.session(sid)
    me.sessions.delete_session(sid)
    assert me.sessions.session_count() == 0
    (step,) = me.undo.undo_steps()
    assert step.kind == "session_deleted" and step.facts["session_id"] == sid
    me.undo.undo()
    assert me.sessions.session(sid) == before  # same id, fields and redness (ids too)
    assert me.undo.undo_steps() == []
    with pytest.raises(InvalidInput) as refused:
        me.undo.undo()


    assert re.search("nothing to undo", words.error(refused.value))
def test_undo_goes_back_newest_first_through_edits_redness_and_profiles(me):
    # the redness faded, so it does not block the next session (issue 11)
    a = log(me, "2026-11-01", duration_min=30, redness=1, faded_after_min=30)
    log(me, "2026-11-10")
    red = me.sessions.session(a).redness[0]
    me.sessions.edit_session(a, SessionChanges(duration_min=55, notes="changed"))
    me.redness.delete_redness(red.id)
    me.profiles.update_profile(target_sessions=9, new_name="ana")
    kinds = [s.kind for s in me.undo.undo_steps()]
    assert kinds == ["profile_edited", "redness_deleted", "session_edited"]
    me.undo.undo()
    assert me.profile().name == "me" and me.profile().target_sessions == 6
    me.undo.undo()
    assert me.sessions.session(a).redness == (red,)
    me.undo.undo()
    s = me.sessions.session(a)
    assert (s.duration_min, s.notes) == (30, "")


def test_an_unchanged_save_is_no_undo_step(me):
    a = log(me, "2026-11-01", duration_min=30)
    me.sessions.edit_session(a, SessionChanges(duration_min=30))
    me.profiles.update_profile(target_sessions=6)
    assert me.undo.undo_steps() == []


def test_undo_rechecks_the_rule_and_keeps_the_step_when_refused(me):
    a = log(me, "2026-11-01")
    me.sessions.delete_session(a)
    log(me, "2026-11-04")  # the gap is filled by a new session
    with pytest.raises(RuleViolation) as caught:
        me.undo.undo()
    assert caught.value.code == "undo_refused" and caught.value.exit_code == 3
    assert [s.kind for s in me.undo.undo_steps()] == ["session_deleted"]  # kept
    me.undo.drop_undo_step()
    assert me.undo.undo_steps() == []


def test_undoing_an_edit_back_to_a_date_now_taken_is_refused(me):
    a = log(me, "2026-11-01")
    me.sessions.edit_session(a, SessionChanges(session_date=dt.date(2026, 11, 20)))
    log(me, "2026-11-05")
    with pytest.raises(RuleViolation, match="undo"):
        me.undo.undo()
    assert me.sessions.session(a).session_date == dt.date(2026, 11, 20)


def test_profile_delete_takes_a_backup_first_and_undo_restores_everything(me, db_path):
    me.profiles.create_profile("ana")
    me.profiles.switch_profile("ana")
    me.profiles.record_skin_condition(False, acknowledged=False)
    s1 = log(me, "2026-11-01", redness=3, faded_after_min=20, notes="ana's")
    log(me, "2026-11-12")
    me.profiles.switch_profile("me")
    log(me, "2026-11-02")
    done = me.profiles.delete_profile("ana")
    assert (done.sessions, done.observations) == (2, 1)
    assert done.backup.exists() and stat.S_IMODE(done.backup.stat().st_mode) == 0o600
    backup = sqlite3.connect(done.backup)
    assert backup.execute("SELECT count(*) FROM profiles WHERE name = 'ana'").fetchone()[0] == 1
    backup.close()
    assert [p.name for p in me.profiles.profiles()] == ["me"]
    me.undo.undo()
    assert [p.name for p in me.profiles.profiles()] == ["me", "ana"]
    ana = Homekit.open(db_path, "ana", now=lambda: NOW)
    restored = ana.sessions.session(s1)
    assert restored.notes == "ana's" and restored.redness[0].severity == 3
    assert ana.sessions.session_count() == 2
    ana.close()


def test_deleting_the_default_profile_moves_the_default_and_undo_moves_it_back(me):
    me.profiles.create_profile("ana")
    me.profiles.delete_profile("me")
    assert me.profile_name() == "ana"
    me.undo.undo()
    assert me.profile_name() == "me"


def test_undo_of_a_profile_delete_is_refused_when_the_name_is_taken_again(me):
    me.profiles.create_profile("ana")
    me.profiles.delete_profile("ana")
    me.profiles.create_profile("ana")
    with pytest.raises(InvalidInput) as caught:
        me.undo.undo()
    assert "a profile named 'ana' exists again" in words.error(caught.value)


def test_history_filters_in_sql(me):
    log(me, "2026-10-01", notes="Left CHEEK warm", areas=("nose",))
    log(me, "2026-10-10", areas=("cheeks",))
    log(me, "2026-10-20", notes="Éclat fine")
    assert [s.session_date.day for s in me.sessions.history(where=SessionFilter(search="cheek"))] == [10, 1]
    assert [s.session_date.day for s in me.sessions.history(where=SessionFilter(search="éCLAT"))] == [20]
    assert [s.session_date.day for s in me.sessions.history(where=SessionFilter(search="100%"))] == []
    since = dt.date(2026, 10, 5)
    assert [s.session_date.day for s in me.sessions.history(where=SessionFilter(since=since))] == [20, 10]
    assert [s.session_date.day for s in me.sessions.history(where=SessionFilter(until=since))] == [1]
    assert [s.session_date.day for s in me.sessions.history(
        where=SessionFilter("e", since, dt.date(2026, 10, 15)))] == [10]


# -- the CLI, in-process ----------------------------------------------------------------------


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_undo_list_and_undo(capsys, tmp_path):
    db = str(tmp_path / "h.db")
    today = dt.date.today()
    assert run(capsys, "--db", db, "profile", "condition", "no")[0] == 0  # issue 11
    assert run(capsys, "--db", db, "log", "--date", (today - dt.timedelta(days=20)).isoformat(),
               "--notes", "first")[0] == 0
    assert run(capsys, "--db", db, "delete", "1", "--yes")[1].rstrip().endswith("homekit undo")
    code, out, _ = run(capsys, "--db", db, "undo", "--list")
    assert code == 0 and f"deleted the session of {today - dt.timedelta(days=20)}" in out
    code, out, _ = run(capsys, "--db", db, "undo", "--list", "--json")
    assert json.loads(out)[0]["kind"] == "session_deleted"
    code, out, _ = run(capsys, "--db", db, "undo")
    assert code == 0 and out.startswith("Undone: deleted the session of ")
    code, _, err = run(capsys, "--db", db, "undo")
    assert code == 2 and err.strip() == "homekit: error: nothing to undo"
    assert run(capsys, "--db", db, "undo", "--list")[1].strip() == "Nothing to undo."
    run(capsys, "--db", db, "delete", "1", "--yes")
    assert run(capsys, "--db", db, "undo", "--clear")[1].strip() == "Forgot 1 undo step."
    assert run(capsys, "--db", db, "undo")[0] == 2


def test_cli_profile_delete_needs_yes_without_a_terminal(capsys, tmp_path, monkeypatch):
    db = str(tmp_path / "h.db")
    run(capsys, "--db", db, "profile", "add", "ana")
    monkeypatch.setattr("sys.stdin", open("/dev/null"))  # noqa: SIM115
    code, _, err = run(capsys, "--db", db, "profile", "delete", "ana")
    assert code == 2 and "--yes" in err
    code, out, _ = run(capsys, "--db", db, "profile", "delete", "ana", "--yes")
    assert code == 0 and "Deleted profile 'ana'" in out and "Backup first:" in out
    assert "ana" not in run(capsys, "--db", db, "profile", "list")[1]
    assert run(capsys, "--db", db, "undo")[0] == 0
    assert "ana" in run(capsys, "--db", db, "profile", "list")[1]
    code, _, err = run(capsys, "--db", db, "profile", "delete", "nobody", "--yes")
    assert code == 2 and "unknown profile 'nobody'" in err


def test_cli_history_search_since_until(capsys, tmp_path):
    db = str(tmp_path / "h.db")
    today = dt.date.today()
    d1, d2 = (today - dt.timedelta(days=30)).isoformat(), (today - dt.timedelta(days=10)).isoformat()
    assert run(capsys, "--db", db, "profile", "condition", "no")[0] == 0  # issue 11
    run(capsys, "--db", db, "log", "--date", d1, "--notes", "Warm cheek")
    run(capsys, "--db", db, "log", "--date", d2, "--area", "cheeks")
    code, out, _ = run(capsys, "--db", db, "history", "--search", "CHEEK")
    assert code == 0 and out.splitlines()[0] == "2 sessions matching 'CHEEK'"
    code, out, _ = run(capsys, "--db", db, "history", "--since", d2, "--json")
    assert [s["session_date"] for s in json.loads(out)] == [d2]
    code, out, _ = run(capsys, "--db", db, "history", "--until", d1)
    assert out.splitlines()[0] == f"1 session until {d1}"
    with pytest.raises(SystemExit) as bad:
        main(["--db", db, "history", "--since", "yesterday"])
    assert bad.value.code == 2


def test_wording_of_saved_charts_and_recorded_redness(capsys, tmp_path):
    assert words.chart_saved_text("all", "/x/c.png") == (
        "Saved both charts (progress and redness) to /x/c.png")
    assert words.chart_saved_text("progress", "p.png") == "Saved the progress chart to p.png"
    db = str(tmp_path / "h.db")
    assert run(capsys, "--db", db, "profile", "condition", "no")[0] == 0  # issue 11
    assert run(capsys, "--db", db, "log")[0] == 0
    code, out, _ = run(capsys, "--db", db, "redness", "--severity", "2", "--faded-after", "10")
    assert out.strip() == ("Recorded redness for session #1: 2 mild, faded after 10 min "
                           "(observation id 1)")
    assert out.count("session") == 1


def test_a_failed_change_leaves_no_undo_step(me):
    from homekit.domain.errors import NotFound

    a = log(me, "2026-11-01")
    log(me, "2026-11-10")
    with pytest.raises(NotFound):
        me.sessions.delete_session(999)
    with pytest.raises(RuleViolation):  # refused by the rule: nothing changed, nothing to undo
        me.sessions.edit_session(a, SessionChanges(session_date=dt.date(2026, 11, 8)))
    assert me.undo.undo_steps() == []


def test_a_schema_6_file_gains_the_journal(tmp_path):
    import sqlite3

    from sqlite_utils import Database

    from homekit.storage import migrations, open_store
    from homekit.storage.schema import SCHEMA_VERSION

    path = tmp_path / "v6.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.migrations.apply(Database(conn), stop_before="m007_undo_journal")
    conn.close()
    store = open_store(path)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    hk = Homekit(store, now=lambda: NOW)
    hk.profiles.record_skin_condition(False, acknowledged=False)
    sid = log(hk, "2026-11-01")
    hk.sessions.delete_session(sid)
    assert [s.kind for s in hk.undo.undo_steps()] == ["session_deleted"]
    store.close()


def test_cli_remind_writes_the_profile_file_in_the_current_folder(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = str(tmp_path / "h.db")
    assert run(capsys, "--db", db, "profile", "add", "ana", "--default",
               "--condition", "no")[0] == 0  # issue 11: reminders need the answer
    code, out, _ = run(capsys, "--db", db, "remind")
    assert code == 0 and f"to {tmp_path / 'homekit-reminders-ana.ics'}," in out
    assert (tmp_path / "homekit-reminders-ana.ics").exists()


def test_undoing_a_date_edit_moves_the_observations_back_too(me):
    sid = log(me, "2026-11-10", start_time="19:00", redness=2)
    before = me.sessions.session(sid)
    me.sessions.edit_session(sid, SessionChanges(session_date=dt.date(2026, 11, 13)))
    moved = me.sessions.session(sid)
    assert moved.redness[0].observed_at.startswith("2026-11-13")  # moved with the session
    me.undo.undo()
    assert me.sessions.session(sid) == before  # the date and the observation's time both back
