"""Issue 22: the row check in SQL reports exactly what the row-by-row check in Python reported
(kept verbatim in tests/rowcheck_reference.py), on files full of values homekit would never
write: through the CHECKs bypassed (`PRAGMA ignore_check_constraints`), foreign keys off and
rule triggers dropped (as the `sqlite3` shell allows), and in tables with no types at all."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from homekit import words
from homekit.services import Homekit
from homekit.storage import integrity, open_store, rowcheck, rowscan
from homekit.storage.schema import SCHEMA_VERSION
from tests import rowcheck_reference as reference

LONG = "x" * 10_000

PROFILE = {
    "name": ["me", "Ana", "", "  padded  ", "e\u0301", "x\u200by", "n" * 41, None, 5],
    "target_sessions": [6, 1, 100, 0, 101, "6", None, 6.0],
    "min_interval_days": [7, 7, 14, 6, 365, 366, "7", 7.5, None, 0],
}
NOTES = ["", "fine", "tab\there", "line\nbreak", "esc\x1b[31mred", "del\x7f", "nul\x00x",
         LONG, LONG + "x", "é" * 10_000, "é" * 10_001, None, 5, b"bytes"]
SESSION = {
    "profile_id": [1, 1, 1, 2, 2, 9, "1", None],
    "session_date": ["2026-11-01", "2026-11-01", "2026-11-03", "2026-11-08", "2026-11-15", "2026-11-20",
                     "2026-10-25", "1899-12-31", "2026-02-30", "2026-13-01", "20261101",
                     " 2026-11-01", "2026-11-1", "0000-01-01", "٢٠٢٦-١١-٠١", "2026-W45-1",
                     "", None, 20261101, 2026.5, b"2026-11-01"],
    "start_time": [None, "09:30", "9:30", "24:00", "23:59", "23:60", "09:30:00", 930,
                   "０９:３０", ""],
    "duration_min": [None, 45, 1, 180, 0, 181, -5, "45", 45.0, b"x"],
    "areas": ["", "cheeks", "cheeks,nose", "nose,cheeks", "cheeks,,nose", ",", "elbow",
              "Cheeks", " nose", "cheeks,elbow", "upper-lip,jawline", None, 3, b"nose",
              "nose\x00"],
    "device_level": [None, 3, 1, 10, 0, 11, "3", 3.0],
    "glasses_worn": [None, 1, 0, 2, -1, "1", 1.0],
    "stinging": [None, 0, 3, 4, -1, "2", 2.0],
    "notes": NOTES,
}
REDNESS = {
    "session_id": [1, 2, 3, 4, 99, None],
    "observed_at": ["2026-11-01T20:00", "2026-11-01T20:00:30", "2026-11-01", "soon",
                    "2026-11-01 20:00", "2026-11-01T24:00", "0000-01-01T10:00",
                    "2026-02-30T10:00", "2026-11-01T20:00+01:00", "2026-11-01T20:00:00.123",
                    None, 5],
    "severity": [0, 2, 4, 5, -1, "2", None, 2.0],
    "faded_after_min": [None, 0, 10, 43_200, 43_201, -1, "10", 10.5],
    "notes": NOTES,
}


def outcome(check, conn: sqlite3.Connection, **kwargs) -> object:
    """What a check returns, or the kind of exception it ends with (a start time stored as a
    number, possible only without types, ends the old check too)."""
    try:
        return check(conn, **kwargs)
    except Exception as exc:  # noqa: BLE001 - compared, not hidden
        return type(exc)


@st.composite
def row(draw: st.DrawFn, columns: dict[str, list]) -> dict:
    """A clean row (each column's first value) with at most two values changed: a defect is
    then found for itself, not only because another value drew the row into the check."""
    values = {name: choices[0] for name, choices in columns.items()}
    for name in draw(st.sets(st.sampled_from(sorted(columns)), max_size=2)):
        values[name] = draw(st.sampled_from(columns[name]))
    return values


def rows(columns: dict[str, list], most: int) -> st.SearchStrategy[list[dict]]:
    return st.lists(row(columns), max_size=most)


FILES = st.tuples(rows(PROFILE, 3), rows(SESSION, 12), rows(REDNESS, 8))


def fill(conn: sqlite3.Connection, profiles: list[dict], sessions: list[dict],
         redness: list[dict]) -> None:
    """Each row as given; a row the table refuses even so (a STRICT type, NOT NULL, a name
    taken) is left out."""
    for table, batch in (("profiles", profiles), ("sessions", sessions), ("redness", redness)):
        for row in batch:
            if table == "profiles":
                row = {**row, "created_at": "x"}
            elif table == "sessions":
                row = {**row, "created_at": "x"}
            cols = ", ".join(row)
            marks = ", ".join("?" for _ in row)
            try:
                conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values()))
            except sqlite3.DatabaseError:
                pass


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file with homekit's schema, its rule triggers dropped and its CHECKs to be ignored."""
    path = tmp_path_factory.mktemp("rowcheck") / "template.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    for name in integrity.RULE_TRIGGERS:
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.commit()
    conn.close()
    return path


def homekit_file(template: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    source = sqlite3.connect(template)
    source.backup(conn)
    source.close()
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("PRAGMA foreign_keys = OFF")
    return conn


def untyped_file() -> sqlite3.Connection:
    """The three tables with the columns the check reads, and no types or constraints."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE profiles (id INTEGER PRIMARY KEY, name, target_sessions, "
                 "min_interval_days, created_at)")
    conn.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY, profile_id, session_date, "
                 "start_time, duration_min, areas, device_level, glasses_worn, stinging, notes, "
                 "created_at)")
    conn.execute("CREATE TABLE redness (id INTEGER PRIMARY KEY, session_id, observed_at, "
                 "severity, faded_after_min, notes)")
    return conn


SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large])


def shown(problems: object) -> object:
    """Each problem's facts as the CLI shows them (its JSON keys and its line): the reference
    wrote some of them as sentences, the check now as codes that homekit.words says."""
    if not isinstance(problems, list):
        return problems
    return [(p.profile, p.date, p.kind, p.session_id, p.other, p.other_id, p.interval,
             words.row_problem(p)) for p in problems]


def same_on_a_homekit_file(conn: sqlite3.Connection) -> None:
    want = shown(reference.all_problems(conn))
    assert shown(rowcheck.all_problems(conn)) == want
    # As `homekit check` asks: trusting the CHECKs only when the integrity check (on a
    # connection that honours them, as homekit's always does) re-checked them.
    conn.execute("PRAGMA ignore_check_constraints = OFF")
    clean = [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
    assert shown(rowcheck.all_problems(conn, constraints_hold=clean)) == want
    assert rowcheck.rule_problems(conn) == reference.rule_problems(conn)


def same_on_a_file_without_types(conn: sqlite3.Connection) -> None:
    want = shown(outcome(reference.all_problems, conn))
    got = shown(outcome(rowcheck.all_problems, conn))
    if isinstance(want, list):
        # Without an index, SQLite may sort equal keys either way: the same problems, each once.
        assert isinstance(got, list) and Counter(map(repr, got)) == Counter(map(repr, want))
    else:
        assert got is want
    assert rowcheck.rule_problems(conn) == reference.rule_problems(conn)


#: A clean log: two profiles, sessions a week or more apart, an observation on each.
CLEAN = (
    [{"name": "me", "min_interval_days": 7}, {"name": "Ana", "min_interval_days": 14}],
    [{"profile_id": 1, "session_date": d, "areas": "cheeks"} for d in
     ("2026-10-04", "2026-10-11", "2026-10-25")]
    + [{"profile_id": 2, "session_date": d, "notes": "fine"} for d in ("2026-10-01", "2026-10-15")],
    [{"session_id": i, "observed_at": f"2026-10-{i + 10}T20:00", "severity": 1}
     for i in (1, 2, 3, 4)],
)
DEFECTS = [(table, column, value) for table, columns in
           (("profiles", PROFILE), ("sessions", SESSION), ("redness", REDNESS))
           for column, values in columns.items() for value in values[1:]]


def with_defect(table: str, column: str, value: object) -> tuple[list, list, list]:
    """The clean log and one more row that is clean but for `column`."""
    profiles, sessions, redness = (list(part) for part in CLEAN)
    added = {"profiles": PROFILE, "sessions": SESSION, "redness": REDNESS}[table]
    extra = {name: values[0] for name, values in added.items()} | {column: value}
    if table == "profiles":
        extra["name"] = value if column == "name" else "Bo"
        profiles.append(extra)
    elif table == "sessions":
        extra.setdefault("session_date", "2026-11-20")
        if column != "session_date":
            extra["session_date"] = "2026-11-20"
        sessions.append(extra)
    else:
        redness.append(extra)
    return profiles, sessions, redness


@pytest.mark.parametrize("chunk", [rowscan.CHUNK, 2], ids=["chunk", "rows-of-2"])
@pytest.mark.parametrize("table,column,value", DEFECTS, ids=repr)
def test_each_defect_alone_gets_the_same_problems(template, monkeypatch, table, column, value,
                                                  chunk):
    monkeypatch.setattr(rowscan, "CHUNK", chunk)  # notes are scanned this many rows at a time
    data = with_defect(table, column, value)
    conn = homekit_file(template)
    fill(conn, *data)
    same_on_a_homekit_file(conn)
    conn = untyped_file()
    fill(conn, *data)
    same_on_a_file_without_types(conn)


@pytest.mark.parametrize("interval", [7, 14, 6, 0, 365, 7.5, "14", None, "missing"])
def test_the_rule_compares_each_session_with_the_one_before_as_before(template, interval):
    days = [0, 1, 1, 7, 13, 14, 20, 28, 29, 43, 50, 400, 764]  # gaps of 0, 1, 6, 7, 13, 14 ...
    first = dt.date(2024, 2, 20)  # across a leap day
    sessions = [{"profile_id": 1, "session_date": (first + dt.timedelta(days=d)).isoformat()}
                for d in days]
    profiles = [] if interval == "missing" else [{"name": "me", "min_interval_days": interval}]
    for make, same in ((lambda: homekit_file(template), same_on_a_homekit_file),
                       (untyped_file, same_on_a_file_without_types)):
        conn = make()
        fill(conn, profiles, sessions, [])
        same(conn)
        assert rowcheck.rule_problems(conn)  # the close ones are found


@SETTINGS
@given(data=FILES)
def test_a_homekit_file_gets_the_same_problems_in_the_same_order(template, data):
    conn = homekit_file(template)
    fill(conn, *data)
    same_on_a_homekit_file(conn)


@SETTINGS
@given(data=FILES)
def test_a_file_without_types_gets_the_same_problems(data):
    conn = untyped_file()
    fill(conn, *data)
    same_on_a_file_without_types(conn)


def test_check_reports_rows_that_bypassed_the_checks_as_before(tmp_path):
    """Through `homekit check` (its integrity check fails, so every value is looked at)."""
    path = tmp_path / "h.db"
    Homekit.open(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("INSERT INTO profiles (name, created_at) VALUES ('me', 'x')")
    conn.execute("INSERT INTO sessions (profile_id, session_date, duration_min, stinging, notes, "
                 "created_at) VALUES (1, '2026-11-01', 999, 7, 'a\x1bb', 'x')")
    conn.execute("INSERT INTO redness (session_id, observed_at, severity, faded_after_min) "
                 "VALUES (1, '2026-11-01T20:00', 9, 99999)")
    conn.close()
    app = Homekit.open(path, verify=False)
    try:
        health = app.check.check_file()
    finally:
        app.close()
    assert health.integrity != ["ok"]  # SQLite's own check sees the CHECKs broken
    assert shown(health.problems) == shown(reference.all_problems(sqlite3.connect(path)))
    details = [words.row_problem(p) for p in health.problems]
    assert any("duration" in d for d in details) and any("stinging" in d for d in details)
    assert any("control characters" in d for d in details)
    assert any("redness observation 1: severity" in d for d in details)
    assert any("faded-after" in d for d in details)
    assert health.schema_version == SCHEMA_VERSION
