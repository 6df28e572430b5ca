"""The undo journal is checked like every other table, through every door.

Rows are damaged with the real `sqlite3` shell, as an attacker (or a careless edit) would: a
payload that is not JSON, a note with terminal control characters, a 50 MB note, a column
homekit never writes. `undo`, `undo --list` and `undo --drop` refuse such a row in one line
naming it and the way to drop it; `check` reports it; `restore` refuses a backup holding it.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from homekit.domain.errors import StorageError
from homekit.services import Homekit
from tests.conftest import answer_condition, run_cli, run_in_process
from tests.dbfiles import dates, digest


def shell(path: Path, *statements: str) -> None:
    subprocess.run(["sqlite3", str(path)], input=";\n".join(statements) + ";\n", text=True,
                   check=True, capture_output=True, timeout=60)


def cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    return run_in_process(*args, db=db)


@pytest.fixture
def journalled(tmp_path: Path) -> Path:
    """Two sessions, both deleted: undo steps 1 (older) and 2 (newest)."""
    db = tmp_path / "homekit.db"
    answer_condition(db)
    for day in ("2026-10-01", "2026-10-20"):
        assert cli(db, "log", "--date", day, "--notes", "left cheek").returncode == 0
    for sid in ("1", "2"):
        assert cli(db, "delete", sid, "--yes").returncode == 0
    return db


def refused_line(out: subprocess.CompletedProcess, step: int) -> str:
    assert out.returncode == 1, out
    assert out.stderr.count("\n") == 1 and "unexpected" not in out.stderr
    assert f"undo step {step} cannot be used" in out.stderr
    assert f"To forget it: homekit undo --drop {step}" in out.stderr
    return out.stderr


def test_a_payload_that_is_not_json_is_refused_by_undo_list_and_drop(journalled):
    shell(journalled, "UPDATE undo_journal SET payload = 'nope' WHERE id = 2")
    before = digest(journalled)
    for args in (("undo",), ("undo", "--list"), ("undo", "--list", "--json"),
                 ("undo", "--drop")):
        assert "its payload is not JSON" in refused_line(cli(journalled, *args), 2)
    assert digest(journalled) == before and dates(journalled) == []
    # The way it names: the damaged step goes, the one before it is still there.
    out = cli(journalled, "undo", "--drop", "2")
    assert out.returncode == 0 and "Forgot undo step 2" in out.stdout
    assert cli(journalled, "undo").returncode == 0
    assert dates(journalled) == ["2026-10-01"]


def test_an_older_damaged_step_leaves_the_newest_undoable_but_the_list_names_it(journalled):
    shell(journalled, "UPDATE undo_journal SET facts = '[1, 2]' WHERE id = 1")
    refused_line(cli(journalled, "undo", "--list"), 1)
    assert cli(journalled, "undo").returncode == 0  # step 2 is sound
    assert dates(journalled) == ["2026-10-20"]
    assert "its facts is not a JSON object" in refused_line(cli(journalled, "undo"), 1)


def test_control_characters_in_a_journalled_note_are_never_written_back(journalled):
    shell(journalled, "UPDATE undo_journal SET payload = json_set(payload, "
                      "'$.sessions[0].notes', 'x' || char(27) || ']0;pwned' || char(7)) "
                      "WHERE id = 2")
    err = refused_line(cli(journalled, "undo"), 2)
    assert "sessions row 1, notes" in err and "control characters" in err
    assert "\x1b" not in err and dates(journalled) == []


def test_a_50_mb_note_is_refused_and_check_names_it(journalled):
    shell(journalled, "UPDATE undo_journal SET payload = json_set(payload, "
                      "'$.sessions[0].notes', printf('%.*c', 50000000, 'x')) WHERE id = 2")
    err = refused_line(cli(journalled, "undo"), 2)
    assert "notes are 50000000 characters long; the limit is 10000" in err
    out = cli(journalled, "check")
    assert out.returncode == 1
    assert "Undo steps: 1 step cannot be used" in out.stdout
    assert "undo step 2: its payload (sessions row 1, notes): notes are 50000000" in out.stdout
    report = json.loads(cli(journalled, "check", "--json").stdout)
    assert report["healthy"] is False
    assert [(j["id"], j["part"], j["problem"]) for j in report["journal"]] == [
        (2, "payload", "value")]


def test_a_row_larger_than_the_limit_is_refused_without_being_read(journalled):
    from homekit.domain import journal as rules

    size = rules.MAX_PAYLOAD_CHARS + 1
    shell(journalled, f"UPDATE undo_journal SET payload = printf('%.*c', {size}, 'x') "
                      "WHERE id = 2")
    err = refused_line(cli(journalled, "undo", "--list"), 2)
    assert f"its payload is {size:,} characters long" in err


@pytest.mark.parametrize("statement, why", [
    ("UPDATE undo_journal SET payload = json_set(payload, '$.sessions[0].\"notes) VALUES "
     "(1); --\"', 1) WHERE id = 2", "which homekit never writes"),
    ("UPDATE undo_journal SET kind = 'wipe_everything' WHERE id = 2",
     "its kind 'wipe_everything' is not one homekit writes"),
    ("UPDATE undo_journal SET payload = json_set(payload, '$.sessions[0].stinging', 9) "
     "WHERE id = 2", "stinging must be 0 to 3"),
    ("UPDATE undo_journal SET payload = json_set(payload, '$.sessions', json('[]')) "
     "WHERE id = 2", "its payload should hold one row of sessions"),
    ("UPDATE undo_journal SET facts = json_set(facts, '$.date', json('[1]')) WHERE id = 2",
     "its facts (date): [1] is not text"),
    ("UPDATE undo_journal SET created_at = 'soon' WHERE id = 2", "its created_at"),
])
def test_every_shape_homekit_never_writes_is_refused(journalled, statement, why):
    shell(journalled, statement)
    assert why in refused_line(cli(journalled, "undo"), 2)
    assert dates(journalled) == []


def test_check_reports_a_healthy_journal(journalled):
    out = cli(journalled, "check")
    assert out.returncode == 0 and "Undo steps: every one usable" in out.stdout


def test_every_kind_homekit_writes_passes_the_check(hk: Homekit):
    import datetime as dt

    from homekit.domain import journal as rules
    from homekit.domain.checklist import CHECKLIST_IDS
    from homekit.domain.models import SessionChanges, SessionDraft

    hk.profiles.switch_profile("me")
    draft = SessionDraft(dt.date(2026, 11, 1), start_time="09:05", notes="a\tb\nc é",
                         areas=("cheeks", "nose"), glasses_worn=True, device_level=3,
                         stinging=1, duration_min=30, checklist=CHECKLIST_IDS)
    sid = hk.sessions.log_session(draft, redness_severity=2).session.id
    red = hk.sessions.session(sid).redness[0]
    hk.sessions.edit_session(sid, SessionChanges(duration_min=40))
    hk.redness.edit_redness(red.id, severity=1)
    hk.redness.delete_redness(red.id)
    hk.profiles.update_profile(new_name="ana")
    hk.sessions.delete_session(sid)
    hk.profiles.create_profile("bob")
    hk.profiles.delete_profile("bob")
    kinds = {s.kind for s in hk.undo.undo_steps()}
    assert kinds == set(rules.KINDS)
    from homekit.storage import journal_check

    assert journal_check.faults(hk.ctx.store.conn) == []


def test_a_backup_with_a_damaged_journal_row_is_not_restored(journalled, tmp_path):
    backup = tmp_path / "backup.db"
    assert cli(journalled, "backup", str(backup)).returncode == 0
    shell(backup, "UPDATE undo_journal SET payload = json_set(payload, "
                  "'$.sessions[0].notes', 'x' || char(27) || '[2J') WHERE id = 1")
    live = tmp_path / "live.db"
    answer_condition(live)
    assert cli(live, "log", "--date", "2026-11-01").returncode == 0
    before = digest(live)
    out = cli(live, "restore", str(backup))
    assert out.returncode == 2
    assert "restore refused, nothing was restored: 1 undo step in" in out.stderr
    assert "undo step 1: its payload (sessions row 1, notes)" in out.stderr
    assert digest(live) == before and dates(live) == ["2026-11-01"]


def test_the_service_refuses_with_facts_not_a_decode_error(journalled):
    shell(journalled, "UPDATE undo_journal SET payload = '{' WHERE id = 2")
    hk = Homekit.open(journalled)
    try:
        with pytest.raises(StorageError) as caught:
            hk.undo.undo_steps()
        assert caught.value.code == "undo_step_damaged"
        fault = caught.value.facts["fault"]
        assert (fault.entry_id, fault.part, fault.problem) == (2, "payload", "not_json")
    finally:
        hk.close()
    assert sqlite3.connect(journalled).execute(
        "SELECT count(*) FROM undo_journal").fetchone()[0] == 2


def test_the_installed_command_says_one_line_too(journalled):
    shell(journalled, "UPDATE undo_journal SET payload = 'nope' WHERE id = 2")
    refused_line(run_cli("undo", db=journalled), 2)
