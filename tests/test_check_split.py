"""`homekit check` at any log size: SQLite's integrity check in two parts (storage/
rowcheck_integrity.py) answers exactly what `PRAGMA integrity_check` answers, and the rule's
pairs compared in SQL only where two sessions stand close (rowcheck.treatment_breaches,
window_breaches) find exactly what the full SQL found, on real files."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from homekit.cli import main
from homekit.services import Homekit
from homekit.storage import (
    integrity,
    open_store,
    rowcheck,
    rowcheck_integrity,
    rowcheck_rule,
    rowscan,
    rule_sql,
)
from homekit.storage.schema import SCHEMA_VERSION
from tests.test_rowcheck_exact import homekit_file, template  # noqa: F401 - the fixture: no rule triggers


def pragma(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def checked(path: Path) -> list[str]:
    app = Homekit.open(path, verify=False)
    try:
        return app.check.check_file().integrity
    finally:
        app.close()


@pytest.fixture
def logged(tmp_path: Path) -> Path:
    path = tmp_path / "h.db"
    Homekit.open(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("INSERT INTO profiles (name, created_at) VALUES ('me', 'x')")
    for day in ("2026-10-01", "2026-10-08", "2026-10-20"):
        conn.execute("INSERT INTO sessions (profile_id, session_date, notes, created_at) "
                     "VALUES (1, ?, 'n', 'x')", (day,))
    conn.execute("INSERT INTO redness (session_id, observed_at, severity) "
                 "VALUES (1, '2026-10-01T20:00', 1)")
    conn.close()
    return path


def test_a_sound_file_is_ok_as_sqlite_says(logged):
    assert checked(logged) == pragma(logged) == ["ok"]


def test_a_corrupted_index_is_reported_with_sqlites_own_lines(logged, capsys):
    """The index holds other values than its table (built under another definition, then
    given its own back): the schema is homekit's, every page is sound, only the index lies."""
    conn = sqlite3.connect(logged, isolation_level=None)
    (own,) = conn.execute("SELECT sql FROM sqlite_master "
                          "WHERE name = 'sessions_profile_date'").fetchone()
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX sessions_profile_date ON "
                 "sessions(profile_id, notes)' WHERE name = 'sessions_profile_date'")
    conn.close()
    conn = sqlite3.connect(logged, isolation_level=None)
    conn.execute("REINDEX sessions_profile_date")
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'sessions_profile_date'", (own,))
    conn.close()
    found = pragma(logged)
    assert found != ["ok"] and any("sessions_profile_date" in line for line in found)
    conn = sqlite3.connect(logged)
    assert integrity.schema_difference(conn, SCHEMA_VERSION) is None  # the schema is intact
    assert [r[0] for r in conn.execute("PRAGMA quick_check")] == ["ok"]  # it sees nothing
    conn.close()
    assert checked(logged) == found
    assert main(["--db", str(logged), "check"]) == 1
    assert "sessions_profile_date" in capsys.readouterr().out


@pytest.mark.parametrize("change", [
    "UPDATE sessions SET duration_min = 999 WHERE id = 1",
    "UPDATE sessions SET session_date = '2026-02-30' WHERE id = 3",
    "UPDATE redness SET severity = 9",
    "UPDATE profiles SET min_interval_days = 3",
    "UPDATE sessions SET despite = 'wine' WHERE id = 2",
])
def test_a_broken_check_is_reported_with_sqlites_own_lines(logged, change):
    conn = sqlite3.connect(logged, isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute(change)
    conn.close()
    found = pragma(logged)
    assert found != ["ok"]
    assert checked(logged) == found


def test_the_checks_are_asked_as_sqlite_leaves_them(logged):
    """Left aside during the first part, and as they were on the connection afterwards."""
    conn = sqlite3.connect(logged)
    for before in (0, 1):
        conn.execute(f"PRAGMA ignore_check_constraints = {before}")
        assert rowcheck_integrity.integrity(conn, True) == ["ok"]
        assert conn.execute("PRAGMA ignore_check_constraints").fetchone() == (before,)
    conn.close()


def test_every_check_of_homekits_schema_is_read(tmp_path):
    path = tmp_path / "h.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    tables = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    total = 0
    for _, sql in tables:
        checks = rowcheck_integrity.check_expressions(sql)
        assert checks is not None
        assert len(checks) == sql.upper().count("CHECK (") + sql.upper().count("CHECK(")
        total += len(checks)
        for check in checks:  # each one an expression SQLite reads by itself
            assert check.count("(") == check.count(")")
    assert total > 20


@pytest.mark.parametrize("sql,expected", [
    ("CREATE TABLE t (a TEXT CHECK (a != ')'), b CHECK(b IN (1, (2))))", ["a != ')'",
                                                                         "b IN (1, (2))"]),
    ("CREATE TABLE t (\"CHECK (\" TEXT, a TEXT DEFAULT 'CHECK (x')", []),
    ("CREATE TABLE t (a TEXT CHECK (a != 'it''s)'))", ["a != 'it''s)'"]),
    ("CREATE TABLE t (nocheck TEXT, recheck INT CHECK (recheck > 0))", ["recheck > 0"]),
    ("CREATE TABLE t (a CHECK (a > 0) -- note\n)", None),
    ("CREATE TABLE t (a CHECK (a > (0)", None),
    ("CREATE TABLE t (a TEXT DEFAULT 'open)", None),
])
def test_check_expressions_are_read_past_strings_and_names(sql, expected):
    assert rowcheck_integrity.check_expressions(sql) == expected


# -- the rule ---------------------------------------------------------------------------------

def full_treatment_breaches(conn, names, own_intervals):
    """The treatment rule as one query over every session (before the pairs were sifted)."""
    floors = (f"max({rule_sql.floor_sql('s.treatment', 's.depth_mm')}, "
              f"{rule_sql.floor_sql('s.treatment', 's.before_depth')})")
    if own_intervals:
        floors = (f"max({floors}, "
                  f"{rule_sql.profile_interval_sql('s.profile_id', 's.treatment', 'main.')})")
    rows = conn.execute(
        f"SELECT id, profile_id, session_date, treatment, before_date, before_id, needed FROM ("
        f" SELECT s.*, {floors} AS needed FROM ("
        "  SELECT id, profile_id, treatment, session_date, depth_mm,"
        "  lag(session_date) OVER w AS before_date, lag(id) OVER w AS before_id,"
        "  lag(depth_mm) OVER w AS before_depth FROM main.sessions"
        "  WINDOW w AS (PARTITION BY profile_id, treatment ORDER BY session_date, id)) AS s"
        " WHERE s.before_date IS NOT NULL)"
        " WHERE julianday(session_date) - julianday(before_date) < needed"
        " ORDER BY profile_id, session_date, id")
    return [(sid, pid, day, treatment, before, before_id, int(needed))
            for sid, pid, day, treatment, before, before_id, needed in rows]


def full_window_breaches(conn):
    rows = conn.execute(
        "SELECT a.id, b.id FROM sessions AS a JOIN sessions AS b "
        "ON b.profile_id = a.profile_id AND b.session_date > date(a.session_date, '-7 days') "
        "AND b.session_date <= a.session_date AND (b.session_date, b.id) < (a.session_date, a.id) "
        f"WHERE {rule_sql.resurfacing_sql('a.treatment', 'a.depth_mm')} "
        "AND b.treatment != a.treatment "
        f"AND {rule_sql.resurfacing_sql('b.treatment', 'b.depth_mm')} "
        f"AND {rule_sql.overlap_sql('a.areas', 'b.areas')} "
        "ORDER BY a.profile_id, a.session_date, a.id, b.session_date DESC, b.id DESC")
    found, seen = [], set()
    for sid, other in rows:
        if sid not in seen:
            seen.add(sid)
            found.append((sid, other))
    return found


TREATMENTS = [("microdermabrasion", None), ("peel", None), ("dermaplaning", None),
              ("led", None), ("microneedling", 0.25), ("microneedling", 0.5),
              ("microneedling", 1.0), ("glow", None)]
SESSIONS = st.lists(st.tuples(st.integers(1, 3), st.integers(0, 90), st.sampled_from(TREATMENTS),
                              st.sampled_from(["", "cheeks", "nose", "cheeks,nose"])),
                    max_size=30)


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(sessions=SESSIONS, intervals=st.lists(st.sampled_from([7, 10, 30]), min_size=2,
                                             max_size=2),
       own=st.sampled_from([None, 2, 20, 40]))
def test_the_rule_finds_what_the_full_sql_found(template, sessions, intervals, own):  # noqa: F811
    conn = homekit_file(template)
    for name, interval in zip(("me", "Ana"), intervals, strict=True):
        conn.execute("INSERT INTO profiles (name, min_interval_days, created_at) "
                     "VALUES (?, ?, 'x')", (name, interval))
    conn.execute("INSERT INTO treatments (profile_id, name, custom, min_interval_days, "
                 "created_at) VALUES (1, 'glow', 1, ?, 'x'), (2, 'glow', 1, 3, 'x')",
                 (own or 1,))
    if own:
        conn.execute("INSERT INTO treatments (profile_id, name, custom, min_interval_days, "
                     "created_at) VALUES (1, 'peel', 0, ?, 'x')", (max(own, 14),))
    for pid, day, (treatment, depth), areas in sessions:  # profile 3 does not exist
        conn.execute("INSERT INTO sessions (profile_id, session_date, treatment, depth_mm, areas, "
                     "created_at) VALUES (?, date('2026-01-01', ?), ?, ?, ?, 'x')",
                     (pid, f"+{day} days", treatment, depth, areas))
    names = {pid: str(name) for pid, name in conn.execute("SELECT id, name FROM profiles")}
    for own_intervals in (True, False):
        want = [(sid, before, before_id, needed, day) for sid, _, day, _, before, before_id, needed
                in full_treatment_breaches(conn, names, own_intervals)]
        for whole_days in (True, False):  # the dates are all YYYY-MM-DD: both ways hold
            got = [(p.session_id, p.other, p.other_id, p.interval, p.date)
                   for p in rowcheck.treatment_breaches(conn, "main", names,
                                                        own_intervals=own_intervals,
                                                        whole_days=whole_days)]
            assert got == want
    got_windows = [(p.session_id, p.other_id) for p in rowcheck.window_breaches(conn, "main", names)]
    assert got_windows == full_window_breaches(conn)


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(days=st.lists(st.tuples(st.integers(1, 3), st.sampled_from(["microdermabrasion", "peel"]),
                               st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
                               | st.dates(dt.date(2024, 1, 1), dt.date(2024, 4, 1))),
                     max_size=25),
       reach=st.sampled_from(["7", "14", "365", "7.5", "0"]))
def test_the_pairs_in_whole_days_are_the_pairs_in_julian_days(template, days, reach):  # noqa: F811
    """The check's one read of every pair's days (integers in a string) sifts the same pairs
    as each pair's julian day numbers did, over any years homekit's dates can hold."""
    conn = homekit_file(template)
    conn.executemany("INSERT INTO sessions (profile_id, session_date, treatment, created_at) "
                     "VALUES (?, ?, ?, 'x')",
                     [(pid, day.isoformat(), treatment) for pid, treatment, day in days])
    assert (rowscan.close_pairs(conn, "main", reach, whole_days=True)
            == rowscan.close_pairs(conn, "main", reach))


def test_storage_codes_the_problems_it_finds_and_words_says_them(logged, capsys):
    """A missing profile and an observation without its session are codes with facts in
    storage; the check's lines say them as before."""
    conn = sqlite3.connect(logged, isolation_level=None)
    for name in integrity.RULE_TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    conn.execute("INSERT INTO sessions (profile_id, session_date, created_at) "
                 "VALUES (7, '2026-10-30', 'x')")
    conn.execute("INSERT INTO redness (session_id, observed_at, severity) "
                 "VALUES (99, '2026-10-01T20:00', 1)")
    conn.close()
    conn = sqlite3.connect(logged)
    found = [p for p in rowcheck.all_problems(conn) if p.kind == "value"]
    conn.close()
    assert [(p.problem, p.part, p.part_id, p.detail) for p in found] == [
        ("missing_profile", "", None, ""), ("no_session", "redness", 2, "")]
    assert main(["--db", str(logged), "check"]) == 1
    out = capsys.readouterr().out
    assert "#7, 2026-10-30 (session id 4): profile #7 does not exist" in out
    assert "session id 99: redness observation 2 belongs to no session" in out


def test_the_check_gives_back_the_page_cache_it_widened(logged):
    """`homekit check` keeps every page it reads while it runs (READ_ONCE_KIB), then leaves
    the connection's cache as it found it."""
    store = open_store(logged, verify=False)
    try:
        store.conn.execute("PRAGMA cache_size = -1234")
        from homekit.storage.health import health

        assert health(store).healthy
        assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == -1234
    finally:
        store.close()


def test_a_file_where_many_profiles_break_the_rule_is_checked_whole(template):  # noqa: F811
    # More close pairs than the query names one by one (SQLite refuses a thousand terms):
    # every pair is then compared, and every breach is found, as the full query finds them.
    conn = homekit_file(template)
    count = 1200
    conn.executemany("INSERT INTO profiles (id, name, min_interval_days, created_at) "
                     "VALUES (?, ?, 7, 'x')", [(i, f"p{i}") for i in range(1, count + 1)])
    conn.executemany("INSERT INTO sessions (profile_id, session_date, created_at) "
                     "VALUES (?, ?, 'x')",
                     [(i, day) for i in range(1, count + 1)
                      for day in ("2026-01-01", "2026-01-02")])
    names = {pid: str(name) for pid, name in conn.execute("SELECT id, name FROM profiles")}
    assert count > rowcheck_rule.SIFTED_AT_MOST
    for own_intervals in (True, False):
        want = [(sid, before, before_id, needed, day) for sid, _, day, _, before, before_id, needed
                in full_treatment_breaches(conn, names, own_intervals)]
        got = [(p.session_id, p.other, p.other_id, p.interval, p.date)
               for p in rowcheck.treatment_breaches(conn, "main", names,
                                                    own_intervals=own_intervals)]
        assert len(got) == count and got == want
