"""Adverse events through every door: the domain's kinds and hold, `homekit event` (log with
its guidance, list, resolve, delete), the hold on `log` (exit 3) and in `status --json`, undo,
a profile deleted and brought back, raw SQL, `check` and `restore`, export and import (JSON and
CSV, byte-identical round trips, a bad event refusing the whole import)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from homekit import words
from homekit.cli import main
from homekit.domain import events
from homekit.domain.errors import InvalidInput
from homekit.domain.events import AdverseEvent
from homekit.domain.gates import event_gate
from homekit.storage import open_store
from homekit.storage.backup import write_backup
from tests.conftest import TODAY, answer_condition, run_in_process
from tests.dbfiles import digest

CHECKED = "--checked=glasses,clean,intact,no-exfoliant"


def _event(day: dt.date, resolved: dt.date | None = None, id_: int = 1) -> AdverseEvent:
    return AdverseEvent(id_, 1, None, "blister", day, "", resolved, False, "2026-11-25T09:30:00")


@pytest.mark.parametrize("typed,kind", [("burn", "burn"), ("Pigment change", "pigment-change"),
                                        ("pigment_change", "pigment-change"),
                                        (" BREAKOUT ", "breakout")])
def test_kinds_are_read_as_the_cli_spells_them(typed, kind):
    assert events.kind(typed) == kind


def test_an_unknown_kind_is_one_line_naming_every_kind():
    with pytest.raises(InvalidInput) as caught:
        events.kind("rash")
    text = words.error(caught.value)
    assert "\n" not in text and all(k in text for k in events.EVENT_KINDS)


def test_an_open_event_holds_resurfacing_sessions_on_or_after_its_day_only():
    open_one = _event(TODAY)
    assert event_gate([open_one], TODAY).name == "adverse_event"
    assert event_gate([open_one], TODAY - dt.timedelta(days=1)) is None  # an earlier session
    assert event_gate([_event(TODAY, resolved=TODAY)], TODAY) is None
    assert event_gate([open_one], TODAY, treatment="microdermabrasion") is not None
    assert event_gate([open_one], TODAY, treatment="a gentle cleanse") is None  # not resurfacing
    gate = event_gate([_event(TODAY, id_=2), _event(TODAY - dt.timedelta(days=5), id_=1)], TODAY)
    assert (gate.event.id, gate.events_open) == (1, 2)  # the oldest named, both counted


def test_log_prints_guidance_and_holds_the_next_session_until_resolved(cli_at_now):
    done = cli_at_now("event", "log", "blister", "--notes", "small, left cheek")
    assert done.returncode == 0
    assert words.EVENT_GUIDANCE["blister"] in done.stdout
    assert "more than 3 days" in done.stdout and "held" in done.stdout
    status = json.loads(cli_at_now("status", "--json").stdout)
    assert status["blocked_by"] == ["adverse_event"] and status["eligible_now"] is False
    refused = cli_at_now("log", CHECKED)
    assert refused.returncode == 3 and refused.stderr.count("\n") == 1
    assert "adverse event #1 (blister" in refused.stderr and "event resolve 1" in refused.stderr
    assert json.loads(cli_at_now("history", "--json").stdout) == []
    resolved = cli_at_now("event", "resolve", "1")
    assert resolved.returncode == 0 and "marked resolved" in resolved.stdout
    assert json.loads(cli_at_now("status", "--json").stdout)["blocked_by"] == []
    assert cli_at_now("log", CHECKED).returncode == 0


def test_undo_reopens_a_resolved_event_and_brings_back_a_deleted_one(cli_at_now):
    cli_at_now("event", "log", "breakout", "--date", "2026-11-20")
    cli_at_now("event", "resolve", "1", "--by-professional")
    listed = json.loads(cli_at_now("event", "list", "--json").stdout)
    assert (listed[0]["resolved_on"], listed[0]["resolved_by_professional"]) == (
        TODAY.isoformat(), True)
    assert cli_at_now("undo").returncode == 0
    listed = json.loads(cli_at_now("event", "list", "--json").stdout)
    assert (listed[0]["resolved"], listed[0]["resolved_by_professional"]) == (False, False)
    # Open for 5 days: the list says to see a professional.
    assert "see a skin professional" in cli_at_now("event", "list").stdout
    assert cli_at_now("event", "delete", "1", "--yes").returncode == 0
    assert json.loads(cli_at_now("event", "list", "--json").stdout) == []
    assert "deleted adverse event #1" in cli_at_now("undo", "--list").stdout
    assert cli_at_now("undo").returncode == 0
    assert [e["id"] for e in json.loads(cli_at_now("event", "list", "--json").stdout)] == [1]


def test_a_professionals_clearance_when_logging_lifts_the_hold_and_says_so(cli_at_now):
    cli_at_now("event", "log", "other", "--notes", "itchy patch")
    assert cli_at_now("log", CHECKED).returncode == 3
    assert cli_at_now("log", CHECKED, "--cleared-by-professional").returncode == 0
    (event,) = json.loads(cli_at_now("event", "list", "--json").stdout)
    assert (event["resolved_on"], event["resolved_by_professional"]) == (TODAY.isoformat(), True)


@pytest.mark.parametrize("args,message", [
    (("event", "log", "rash"), "is not an event kind"),
    (("event", "log", "burn", "--date", "2026-12-25"), "is in the future"),
    (("event", "resolve", "9"), "no adverse event with id 9"),
    (("event", "resolve", "1", "--date", "2026-11-01"), "before the event"),
    (("event", "log", "burn", "--session", "77"), "no session with id 77"),
])
def test_bad_input_is_one_line_and_stores_nothing(cli_at_now, db_path, args, message):
    cli_at_now("event", "log", "burn", "--date", "2026-11-20")
    before = digest(db_path)
    done = cli_at_now(*args)
    assert done.returncode == 2 and message in done.stderr and done.stderr.count("\n") == 1
    assert digest(db_path) == before


def test_an_event_names_its_session_and_dates_from_it(cli_at_now):
    cli_at_now("log", CHECKED, "--date", "2026-11-18")
    assert cli_at_now("event", "log", "burn", "--session", "1").returncode == 0
    (event,) = json.loads(cli_at_now("event", "list", "--json").stdout)
    assert (event["date"], event["session_id"], event["session_number"]) == ("2026-11-18", 1, 1)
    assert set(event) == {"id", "kind", "date", "session_id", "session_number", "notes",
                          "resolved", "resolved_on", "resolved_by_professional", "created_at"}


def test_raw_sql_cannot_store_what_the_cli_refuses(hk, db_path):
    hk.events.log("burn")
    hk.close()
    conn = sqlite3.connect(db_path)
    try:
        for sql in ("UPDATE adverse_events SET kind = 'rash'",
                    "UPDATE adverse_events SET event_date = '2026-02-30'",
                    "UPDATE adverse_events SET resolved_on = '2026-01-01'",  # before the event
                    "UPDATE adverse_events SET resolved_by_professional = 1",  # with no date
                    "UPDATE adverse_events SET resolved_by_professional = 2",
                    "INSERT INTO photos (profile_id, taken_on, mime, width, height, created_at, "
                    "view) VALUES (1, '2026-11-25', 'image/jpeg', 1, 1, 'x', 'back')"):
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute(sql)
    finally:
        conn.close()


def _sql(path, *statements):
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for s in statements:
            conn.execute(s)
    finally:
        conn.close()


def test_check_and_restore_refuse_an_event_slipped_past_the_check(hk, db_path, tmp_path, capsys):
    hk.events.log("burn")
    hk.close()
    store = open_store(db_path)
    try:
        backup = write_backup(store.conn, tmp_path / "good.db")
    finally:
        store.close()
    _sql(backup, "PRAGMA ignore_check_constraints = 1", "UPDATE adverse_events SET kind = 'rash'")
    before = digest(db_path)
    assert main(["--db", str(db_path), "restore", str(backup)]) == 2
    assert "nothing was restored" in capsys.readouterr().err
    assert digest(db_path) == before
    _sql(db_path, "PRAGMA ignore_check_constraints = 1",
         "UPDATE adverse_events SET resolved_by_professional = 1")
    assert main(["--db", str(db_path), "check"]) == 1
    assert "adverse_events" in capsys.readouterr().out


def test_the_row_check_names_a_bad_event_when_the_schema_has_no_check(tmp_path):
    from homekit.storage.rowcheck_events import event_problems

    path = tmp_path / "loose.db"
    _sql(path, "CREATE TABLE adverse_events (id INTEGER PRIMARY KEY, profile_id INTEGER, "
               "kind TEXT, event_date TEXT, notes TEXT, resolved_on TEXT, "
               "resolved_by_professional INTEGER)",
         "INSERT INTO adverse_events VALUES (1, 1, 'rash', '2026-11-20', '', NULL, 0)",
         "INSERT INTO adverse_events VALUES (2, 1, 'burn', '2026-11-20', '', NULL, 1)",
         "INSERT INTO adverse_events VALUES (3, 7, 'burn', '2026-11-20', '', NULL, 0)",
         "INSERT INTO adverse_events VALUES (4, 1, 'burn', '2026-11-20', '', '2026-11-21', 1)")
    conn = sqlite3.connect(path)
    try:
        found = event_problems(conn, "main", {1: "me"})
    finally:
        conn.close()
    details = [words.row_problem(p) for p in found]  # storage codes them, words says them
    assert len(details) == 3
    assert "adverse event 1: 'rash' is not an event kind" in details[0]
    assert "adverse event 2: cleared by a professional without a date" in details[1]
    assert "adverse event 3: profile #7 does not exist" in details[2]


def test_a_deleted_profile_comes_back_with_its_events(cli_at_now):
    cli_at_now("log", CHECKED, "--date", "2026-11-18")
    cli_at_now("event", "log", "blister", "--session", "1", "--notes", "kept")
    assert cli_at_now("profile", "delete", "me", "--yes").returncode == 0
    assert cli_at_now("undo").returncode == 0
    (event,) = json.loads(cli_at_now("event", "list", "--json").stdout)
    assert (event["kind"], event["notes"], event["session_number"]) == ("blister", "kept", 1)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_import_export_is_byte_identical_with_events(cli_at_now, tmp_path, fmt):
    cli_at_now("log", CHECKED, "--date", "2026-11-10")
    cli_at_now("event", "log", "pigment-change", "--session", "1", "--notes", 'dark "patch", =1')
    cli_at_now("event", "log", "burn", "--date", "2026-11-20")
    cli_at_now("event", "resolve", "2", "--by-professional", "--date", "2026-11-22")
    first = tmp_path / f"first.{fmt}"
    assert cli_at_now("export", "-o", str(first)).returncode == 0
    other = tmp_path / "other.db"
    assert run_in_process("import", str(first), db=other).returncode == 0
    again = tmp_path / f"again.{fmt}"
    assert run_in_process("export", "-o", str(again), db=other).returncode == 0
    assert again.read_bytes() == first.read_bytes()
    listed = json.loads(run_in_process("event", "list", "--json", db=other).stdout)
    assert [(e["kind"], e["session_number"], e["resolved_by_professional"]) for e in listed] == [
        ("pigment-change", 1, False), ("burn", None, True)]
    # Imported again: nothing doubles, and the hold came along (burn resolved, the other open).
    assert "2 already stored, skipped" in run_in_process("import", str(first), db=other).stdout
    status = json.loads(run_in_process("status", "--json", db=other).stdout)
    assert status["blocked_by"] == ["adverse_event"]


def test_an_export_without_events_is_as_before(cli_at_now, tmp_path):
    cli_at_now("log", CHECKED)
    out = tmp_path / "plain.json"
    cli_at_now("export", "-o", str(out))
    assert "adverse_events" not in out.read_text()


def test_a_bad_event_in_an_import_refuses_the_whole_file(cli_at_now, tmp_path, db_path):
    cli_at_now("log", CHECKED, "--date", "2026-11-10")
    cli_at_now("event", "log", "burn", "--date", "2026-11-20")
    out = tmp_path / "x.json"
    cli_at_now("export", "-o", str(out))
    doc = json.loads(out.read_text())
    doc["profiles"][0]["adverse_events"][0]["kind"] = "rash"
    doc["profiles"][0]["name"] = "other"
    out.write_text(json.dumps(doc))
    before = digest(db_path)
    done = cli_at_now("import", str(out))
    assert done.returncode == 2 and "adverse event 1" in done.stderr
    assert "is not an event kind" in done.stderr
    assert digest(db_path) == before


def test_import_is_exempt_from_the_hold(tmp_path):
    """An export holding an open event and later sessions imports whole: it records the past."""
    src = tmp_path / "src.db"
    answer_condition(src)
    run_in_process("log", CHECKED, "--date", "2026-11-01", db=src)
    run_in_process("event", "log", "breakout", "--date", "2026-11-02", db=src)
    run_in_process("log", CHECKED, "--date", "2026-11-10", "--cleared-by-professional", db=src)
    out = tmp_path / "e.json"
    run_in_process("export", "-o", str(out), db=src)
    doc = json.loads(out.read_text())
    doc["profiles"][0]["adverse_events"][0].update(resolved_on=None,
                                                   resolved_by_professional=False)
    out.write_text(json.dumps(doc))
    dest = tmp_path / "dest.db"
    done = run_in_process("import", str(out), db=dest)
    assert done.returncode == 0 and "Imported 2 sessions" in done.stdout


# -- generated logs of events: the round trip is exact, a bad one changes nothing ------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from homekit.domain.events import EVENT_KINDS  # noqa: E402
from homekit.services import Homekit  # noqa: E402
from tests.conftest import NOW  # noqa: E402
from tests.test_fuzz_cli import HOSTILE  # noqa: E402

event_notes = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\n"),
            max_size=40),
    st.sampled_from(["=cmd|' /C calc'!A0", "@SUM(1+1)", "+1", '"quoted", comma', *HOSTILE]))


@st.composite
def event_logs(draw) -> list[tuple[str, int, str, int | None, bool]]:
    """(kind, days ago, notes, days it lasted or None: open, cleared by a professional)."""
    out = []
    for _ in range(draw(st.integers(1, 5))):
        ago = draw(st.integers(0, 60))
        lasted = draw(st.one_of(st.none(), st.integers(0, ago)))
        out.append((draw(st.sampled_from(EVENT_KINDS)), ago, draw(event_notes), lasted,
                    lasted is not None and draw(st.booleans())))
    return out


def _valid_notes(text: str) -> bool:
    from homekit.domain import validate

    try:
        validate.notes(text)
    except InvalidInput:
        return False
    return True


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(logged=event_logs(), fmt=st.sampled_from(["json", "csv"]))
def test_generated_events_round_trip_byte_for_byte(tmp_path_factory, logged, fmt):
    folder = tmp_path_factory.mktemp("ev")
    hk = Homekit.open(folder / "a.db", now=lambda: NOW)
    try:
        hk.profiles.record_skin_condition(False, acknowledged=False)
        for kind, ago, notes, lasted, by_pro in logged:
            if not _valid_notes(notes):
                with pytest.raises(InvalidInput):
                    hk.events.log(kind, day=TODAY - dt.timedelta(days=ago), notes=notes)
                continue
            e = hk.events.log(kind, day=TODAY - dt.timedelta(days=ago), notes=notes)
            if lasted is not None:
                hk.events.resolve(e.id, day=e.event_date + dt.timedelta(days=lasted),
                                  by_professional=by_pro)
        first = hk.transfer.export_log(fmt)
        stored = [e.to_json() for e in hk.events.list()]
    finally:
        hk.close()
    (folder / f"e.{fmt}").write_text(first, encoding="utf-8")
    other = Homekit.open(folder / "b.db", now=lambda: NOW)
    try:
        other.transfer.import_file(folder / f"e.{fmt}")
        assert other.transfer.export_log(fmt) == first
        again = [e.to_json() for e in other.events.list()]
        keep = ("kind", "date", "notes", "resolved_on", "resolved_by_professional", "created_at")
        assert [{k: e[k] for k in keep} for e in again] == [{k: e[k] for k in keep}
                                                             for e in stored]
        assert other.transfer.import_file(folder / f"e.{fmt}").events_added == 0  # nothing doubles
    finally:
        other.close()


def test_reminders_stop_while_an_event_holds_and_say_why(cli_at_now, tmp_path):
    cli_at_now("log", CHECKED, "--date", "2026-11-10")
    cli_at_now("event", "log", "infection", "--date", "2026-11-20")
    ics = tmp_path / "r.ics"
    done = cli_at_now("remind", "-o", str(ics))
    assert done.returncode == 3 and "no reminders written" in done.stderr
    assert "adverse event #1 (infection" in done.stderr and not ics.exists()
    cli_at_now("event", "resolve", "1")
    assert cli_at_now("remind", "-o", str(ics)).returncode == 0


def test_restore_brings_back_the_events_of_the_backup(cli_at_now, tmp_path):
    cli_at_now("event", "log", "blister", "--date", "2026-11-20", "--notes", "kept")
    backup = tmp_path / "b.db"
    assert cli_at_now("backup", str(backup)).returncode == 0
    cli_at_now("event", "delete", "1", "--yes")
    cli_at_now("undo", "--clear")
    assert cli_at_now("restore", str(backup)).returncode == 0
    (event,) = json.loads(cli_at_now("event", "list", "--json").stdout)
    assert (event["kind"], event["notes"]) == ("blister", "kept")


def test_only_a_resurfacing_treatment_is_held(cli_at_now):
    """The treatments' own rule decides: LED and shallow microneedling are not held back by an
    open event; microneedling from 0.5 mm is, like microdermabrasion."""
    cli_at_now("event", "log", "breakout", "--date", "2026-11-20")
    assert cli_at_now("log", CHECKED, "--treatment", "led").returncode == 0
    refused = cli_at_now("log", CHECKED, "--treatment", "microneedling", "--depth", "1.0",
                         "--date", "2026-11-24")
    assert refused.returncode == 3 and "adverse event #1" in refused.stderr
    assert cli_at_now("log", CHECKED, "--treatment", "microneedling", "--depth", "0.25",
                      "--date", "2026-11-24").returncode == 0
