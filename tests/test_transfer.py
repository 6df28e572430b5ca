"""Export and import as services, on real files: round trips, all-or-nothing, duplicates."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from homekit import words
from homekit.domain.checklist import CHECKLIST_IDS
from homekit.domain.errors import InvalidInput, NotFound
from homekit.domain.models import AREAS, RednessDraft, SessionDraft, SessionImport
from homekit.services import Homekit
from homekit.storage import bulk, open_store
from homekit.transfer.importer import BadImportData, ImportRuleViolation
from tests.conftest import NOW, TODAY

NOTES = "Ünïcödé 🙂, commas, \"quotes\" and 'single'\nsecond line\ttab"


def fresh(folder: Path, name: str = "h.db") -> Homekit:
    return Homekit(open_store(folder / name), now=lambda: NOW)


def count(hk: Homekit, table: str = "sessions") -> int:
    return hk.ctx.store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def hk(store) -> Homekit:
    """A truly fresh file (no profile): import is exempt from the skin question, and these
    tests check which profiles an import creates. `log` answers the question when needed."""
    return Homekit(store, now=lambda: NOW)


def log(hk: Homekit, *days: str, notes: str = "") -> None:
    if hk.profile().has_skin_condition is None:
        hk.profiles.record_skin_condition(False, False)  # required before the first session
    for d in days:
        hk.sessions.log_session(SessionDraft(dt.date.fromisoformat(d), duration_min=40, notes=notes),
                       redness_severity=2, faded_after_min=30)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- round trips -------------------------------------------------------------------------

notes_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x0b\x0c\x7f"
                  + "".join(map(chr, range(0, 9))) + "".join(map(chr, range(14, 32)))),
    max_size=40,
)


@st.composite
def sessions(draw):
    n = draw(st.integers(0, 6))
    gaps = draw(st.lists(st.integers(7, 40), min_size=n, max_size=n))
    day = TODAY - dt.timedelta(days=sum(gaps) + 1)
    items = []
    for gap in gaps:
        day += dt.timedelta(days=gap)
        observed = day.isoformat() + "T" + draw(st.sampled_from(["08:00", "21:45"]))
        redness = draw(st.lists(st.builds(
            RednessDraft, st.just(observed), st.integers(0, 4),
            st.none() | st.integers(0, 2000), notes_text), max_size=2))
        areas = draw(st.lists(st.sampled_from(AREAS), unique=True, max_size=3))
        draft = SessionDraft(
            session_date=day,
            start_time=draw(st.none() | st.sampled_from(["07:05", "23:59"])),
            duration_min=draw(st.none() | st.integers(1, 180)),
            areas=tuple(a for a in AREAS if a in areas),
            device_level=draw(st.none() | st.integers(1, 10)),
            glasses_worn=draw(st.none() | st.booleans()),
            stinging=draw(st.none() | st.integers(0, 3)),
            notes=draw(notes_text),
            checklist=draw(st.none() | st.lists(st.sampled_from(CHECKLIST_IDS), unique=True).map(
                lambda ids: tuple(i for i in CHECKLIST_IDS if i in ids))),
            cleared_by_professional=draw(st.booleans()),
        )
        items.append(SessionImport(draft, f"{day.isoformat()}T22:00:00", tuple(redness)))
    return items


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=sessions(), fmt=st.sampled_from(["csv", "json"]))
def test_round_trip_is_byte_exact(items, fmt):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        hk = fresh(folder, "a.db")
        with hk.ctx.store.write():
            bulk.insert_sessions(hk.ctx.store, hk.profile().id, items)
        first = hk.transfer.export_log(fmt)
        exported = write(folder / f"e.{fmt}", first)
        other = fresh(folder, "b.db")
        report = other.transfer.import_file(exported)
        assert report.sessions_added == len(items)
        assert other.transfer.export_log(fmt) == first
        for h in (hk, other):
            h.ctx.store.close()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_round_trip_of_all_profiles_keeps_settings_and_empty_profiles(tmp_path, fmt):
    hk = fresh(tmp_path)
    log(hk, "2026-10-01", "2026-10-20", notes=NOTES)
    hk.profiles.create_profile("ana", 10, 14, has_condition=False)
    hk.profiles.create_profile("empty, \"quoted\" ü", 3, 21)
    Homekit(hk.ctx.store, "ana", now=lambda: NOW).sessions.log_session(SessionDraft(dt.date(2026, 10, 5)))
    text = hk.transfer.export_log(fmt, all_profiles=True)
    other = fresh(tmp_path, "b.db")
    other.transfer.import_file(write(tmp_path / f"e.{fmt}", text))
    assert other.transfer.export_log(fmt, all_profiles=True) == text
    if fmt == "json":
        ana = other.ctx.store.profile_by_name("ana")
        assert (ana.target_sessions, ana.min_interval_days) == (10, 14)
        assert other.ctx.store.profile_by_name("empty, \"quoted\" ü") is not None


def test_json_export_layout(hk):
    log(hk, "2026-11-01")
    doc = json.loads(hk.transfer.export_log("json"))
    assert doc["format"] == "homekit-export" and doc["version"] == 1
    profile = doc["profiles"][0]
    assert profile["name"] == "me" and profile["min_interval_days"] == 7
    session = profile["sessions"][0]
    assert "id" not in session and session["created_at"] == NOW.isoformat(timespec="seconds")
    assert session["redness"] == [{"observed_at": "2026-11-01T12:00", "severity": 2,
                                   "faded_after_min": 30, "notes": ""}]


# -- all or nothing ----------------------------------------------------------------------

HEADER = "session_date,duration_min,notes\n"


def test_hand_written_csv_is_accepted(hk, tmp_path):
    f = write(tmp_path / "log.csv", HEADER + '2026-09-01,30,"first, with comma"\n'
              "2026-09-08,45,\n2026-09-20,,\"two\nlines\"\n")
    report = hk.transfer.import_file(f)
    assert report.sessions_added == 3
    stored = hk.sessions.history(newest_first=False)
    assert [s.notes for s in stored] == ["first, with comma", "", "two\nlines"]
    assert stored[2].duration_min is None


def test_one_bad_row_in_the_middle_stores_nothing_and_names_its_line(hk, tmp_path):
    rows = [f"2026-0{m}-01,30,ok" for m in range(1, 6)]
    rows[2] = "2026-03-01,999,too long"
    f = write(tmp_path / "log.csv", HEADER + "\n".join(rows) + "\n")
    with pytest.raises(BadImportData) as err:
        hk.transfer.import_file(f)
    assert err.value.exit_code == 2
    assert [words.import_problem(p) for p in err.value.problems] == [
        "line 4, 2026-03-01: duration must be from 1 to 180 minutes, not 999"]
    assert count(hk) == 0 and count(hk, "profiles") == 0


def test_bad_row_in_json_names_the_line_its_object_starts_on(hk, tmp_path):
    log(hk, "2026-10-01", "2026-10-10", "2026-10-20")
    text = hk.transfer.export_log("json").replace('"2026-10-10"', '"2026-10-32"')
    target = fresh(tmp_path, "b.db")
    with pytest.raises(BadImportData) as err:
        target.transfer.import_file(write(tmp_path / "e.json", text))
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if "2026-10-32" in line)
    start = max(i for i in range(at) if lines[i].strip() == "{") + 1
    (problem,) = err.value.problems
    assert problem.line == start and problem.date == "2026-10-32"
    assert "does not exist in the calendar" in words.import_problem(problem)
    assert count(target) == 0


def test_every_bad_row_is_listed(hk, tmp_path):
    f = write(tmp_path / "log.csv", HEADER + "2026-02-30,30,\n2026-03-10,30,\nyesterday,30,\n"
              "2026-12-24,30,\n2026-04-01,0,\n")
    with pytest.raises(BadImportData) as err:
        hk.transfer.import_file(f)
    assert [(p.line, p.date) for p in err.value.problems] == [
        (2, "2026-02-30"), (4, "yesterday"), (5, "2026-12-24"), (6, "2026-04-01")]
    assert "in the future" in words.import_problem(err.value.problems[2])
    assert count(hk) == 0


def test_a_long_refusal_lists_the_first_problems_and_counts_the_rest(hk, tmp_path):
    from homekit.words import LISTED_PROBLEMS

    bad = LISTED_PROBLEMS + 7
    f = write(tmp_path / "log.csv", HEADER + "".join(f"1850-01-{1 + i % 28:02d},30,\n"
                                                     for i in range(bad)))
    with pytest.raises(BadImportData) as err:
        hk.transfer.import_file(f)
    assert len(err.value.problems) == bad  # every problem stays in the facts
    lines = words.error(err.value).splitlines()
    assert lines[0].endswith(f"{bad} rows of {bad} in log.csv have a problem")
    assert len(lines) == 1 + LISTED_PROBLEMS + 1
    assert lines[1].strip().startswith("line 2, 1850-01-01")
    assert lines[-1].strip() == f"... and 7 more (the first {LISTED_PROBLEMS} are listed)"
    assert count(hk) == 0


def test_dry_run_stores_nothing(hk, tmp_path):
    f = write(tmp_path / "log.csv", HEADER + "2026-09-01,30,\n2026-09-08,30,\n")
    report = hk.transfer.import_file(f, dry_run=True)
    assert report.dry_run and report.sessions_added == 2 and report.profiles_created == ["me"]
    assert count(hk) == 0 and count(hk, "profiles") == 0
    assert not (tmp_path / "backups").exists()


def test_reimporting_the_same_file_adds_nothing(hk, tmp_path):
    log(hk, "2026-10-01", notes=NOTES)
    f = write(tmp_path / "e.json", hk.transfer.export_log("json"))
    report = hk.transfer.import_file(f)
    assert (report.sessions_added, report.identical_skipped, report.backup) == (0, 1, None)
    f = write(tmp_path / "log.csv", HEADER + "2026-11-01,30,x\n")
    assert hk.transfer.import_file(f).sessions_added == 1
    again = hk.transfer.import_file(f)
    assert (again.sessions_added, again.identical_skipped) == (0, 1)
    assert count(hk) == 2


def test_rule_broken_within_the_file(hk, tmp_path):
    f = write(tmp_path / "log.csv", HEADER + "2026-09-01,30,\n2026-09-20,30,\n2026-09-24,30,\n")
    with pytest.raises(ImportRuleViolation) as err:
        hk.transfer.import_file(f)
    assert err.value.exit_code == 3
    assert [words.import_problem(p) for p in err.value.problems] == [
        "line 3, 2026-09-20: 4 days before the session on 2026-09-24 (line 4); "
        "sessions of me must be at least 7 days apart",
        "line 4, 2026-09-24: 4 days after the session on 2026-09-20 (line 3); "
        "sessions of me must be at least 7 days apart",
    ]
    assert count(hk) == 0


def test_rule_broken_against_the_stored_log(hk, tmp_path):
    hk.profiles.create_profile("ana", min_interval_days=14, make_default=True)
    log(hk, "2026-10-01")
    f = write(tmp_path / "log.csv", HEADER + "2026-09-01,30,\n2026-10-10,30,\n2026-10-01,31,\n")
    with pytest.raises(ImportRuleViolation) as err:
        hk.transfer.import_file(f)
    assert [words.import_problem(p) for p in err.value.problems] == [
        "line 3, 2026-10-10: 9 days after the stored session on 2026-10-01; "
        "sessions of ana must be at least 14 days apart",
        "line 4, 2026-10-01: a different session is already stored on 2026-10-01; "
        "sessions of ana must be at least 14 days apart",
    ]
    assert count(hk) == 1


def test_bad_data_wins_over_rule_for_the_exit_code(hk, tmp_path):
    f = write(tmp_path / "log.csv", HEADER + "2026-09-01,30,\n2026-09-02,30,\n2026-09-20,x,\n")
    with pytest.raises(BadImportData) as err:
        hk.transfer.import_file(f)
    assert len(err.value.problems) == 3 and err.value.exit_code == 2


@pytest.mark.parametrize("name,content,needle", [
    ("a.csv", "date,minutes\n2026-01-01,30\n", "header 'date,minutes'"),
    ("a.json", "{not json", "not valid JSON"),
    ("a.json", '{"sessions": []}', '"format": "homekit-export"'),
    ("a.txt", "\x00\x01\x02binary", "binary data"),
    ("a.csv", "", "empty"),
])
def test_not_a_homekit_file_gets_one_line(hk, tmp_path, name, content, needle):
    f = write(tmp_path / name, content)
    with pytest.raises(InvalidInput) as err:
        hk.transfer.import_file(f)
    said = words.error(err.value)  # the sentence is the words'; the error carries its facts
    assert "\n" not in said and needle in said
    assert "not a homekit export" in said and err.value.code == "not_export"


def test_a_sqlite_file_points_to_restore(hk, tmp_path):
    sqlite3.connect(tmp_path / "x.db").execute("CREATE TABLE t (a)").connection.close()
    with pytest.raises(InvalidInput) as refused:
        hk.transfer.import_file(tmp_path / "x.db")
    assert f"homekit restore {tmp_path / 'x.db'}" in words.error(refused.value)


def test_unknown_profile_is_not_created_silently(store, tmp_path):
    hk = Homekit(store, "zoe", now=lambda: NOW)
    with pytest.raises(NotFound) as refused:
        hk.transfer.import_file(write(tmp_path / "log.csv", HEADER + "2026-09-01,30,\n"))
    assert "homekit profile add zoe" in words.error(refused.value)


def test_import_takes_a_backup_of_a_non_empty_file_first(hk, tmp_path):
    log(hk, "2026-10-01")
    report = hk.transfer.import_file(write(tmp_path / "log.csv", HEADER + "2026-09-01,30,\n"))
    assert report.backup is not None and report.backup.parent == tmp_path / "backups"
    copy = sqlite3.connect(report.backup)
    assert copy.execute("SELECT session_date FROM sessions").fetchall() == [("2026-10-01",)]
    copy.close()


def test_profile_column_routes_rows_and_creates_profiles(hk, tmp_path):
    f = write(tmp_path / "log.csv", "profile,session_date\nana,2026-09-01\nbo,2026-09-02\n"
              ",2026-09-03\n")
    report = hk.transfer.import_file(f)
    assert sorted(report.profiles_created) == ["ana", "bo", "me"]
    assert {p.name for p in hk.profiles.profiles()} == {"ana", "bo", "me"}
    assert [s.session_date.day for s in hk.sessions.history()] == [3]  # the blank cell: current profile


def test_csv_checklist_and_clearance_cells_are_checked_like_json(hk, tmp_path):
    header = "session_date,checklist,cleared_by_professional\n"
    f = write(tmp_path / "log.csv", header + "2026-09-01,\"glasses,clean\",yes\n"
              "2026-09-08,none,\n2026-09-15,,no\n")
    assert hk.transfer.import_file(f).sessions_added == 3
    stored = hk.sessions.history(newest_first=False)
    assert [(s.checklist, s.cleared_by_professional) for s in stored] == [
        (("glasses", "clean"), True), ((), False), (None, False)]
    other = fresh(tmp_path, "b.db")
    bad = write(tmp_path / "bad.csv", header + "2026-09-01,\"glasses,\x1b[31mx\",maybe\n")
    with pytest.raises(BadImportData) as err:
        other.transfer.import_file(bad)
    (problem,) = err.value.problems
    assert problem.line == 2
    said = words.import_problem(problem)
    assert "unknown checklist item" in said and "not yes or no" in said
    assert "\x1b" not in words.error(err.value)
    assert count(other) == 0
