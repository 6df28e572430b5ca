"""The check on every open of the live file: homekit's schema, and the rule triggers in place.

The fast path is one read of `sqlite_master` and one of the migration record, compared by
digest (no sqlite-utils import). Only a file that differs gets the closer look: rule triggers
that are missing or changed are put back when the data still keeps the rule; anything else
(a foreign trigger, an edited CHECK, a migration record that does not fit) is refused.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from homekit.domain.errors import StorageError
from homekit.storage import integrity
from homekit.storage.repo import storage_error

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from homekit.storage.rowcheck import RowProblem


def verify_schema(conn: sqlite3.Connection, file: Path, version: int,
                  allow_broken_rule: bool = False) -> list[str]:
    """Refuse a file that is not homekit's own; returns the rule triggers put back.

    `allow_broken_rule`: a file whose rule triggers are gone and whose sessions break the
    rule is opened as it is (for `homekit delete`, the way to mend it), not refused.
    """
    try:
        rows = integrity.read_schema(conn)
        if integrity.record_looks_right(conn, version) and integrity.is_canonical_fast(rows, version):
            return []
        problem = integrity.migration_record_problem(conn, version)
        if problem:
            raise StorageError(code="schema_record", path=file,
                               problem=problem, version=version)
        diff = integrity.first_difference(rows, integrity.canonical_schema(version))
        if diff is None:
            return []
        if not integrity.only_rule_triggers(rows, version):
            raise StorageError(code="schema_differs", path=file, difference=diff)
        return _put_back(conn, file, version, allow_broken_rule)
    except sqlite3.DatabaseError as exc:
        raise storage_error(exc, file) from None


def _put_back(conn: sqlite3.Connection, file: Path, version: int,
              allow_broken_rule: bool) -> list[str]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        done: list[str] = []
        rows = integrity.read_schema(conn)  # again, under the lock: another homekit may
        if integrity.first_difference(rows, integrity.canonical_schema(version)) is not None:
            try:
                refuse_broken_rule(conn, file)
            except StorageError:
                if not allow_broken_rule:
                    raise
            else:
                done = integrity.put_back_rule_triggers(conn, version)
        conn.execute("COMMIT")
        return done
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def breaks_rule(conn: sqlite3.Connection, file: Path, allow_broken_rule: bool) -> bool:
    """Whether an older file's sessions break the rule: refused unless `allow_broken_rule`
    (then True: it is migrated without its rule triggers, see `set_aside_rule_triggers`)."""
    try:
        refuse_broken_rule(conn, file)
    except StorageError as exc:
        if exc.code != "rule_broken" or not allow_broken_rule:
            raise
        return True
    return False


def set_aside_rule_triggers(conn: sqlite3.Connection) -> None:
    """Drop the rule triggers of a file whose sessions break the rule (inside the caller's
    write), so that every later open looks at its rows again: it is refused until the
    offending sessions are deleted, then the triggers are put back."""
    for name in integrity.rule_triggers():
        conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')


def refuse_broken_rule(conn: sqlite3.Connection, file: Path) -> None:
    """Refuse (exit 1) a file whose sessions already break the rule, listing them."""
    try:
        problems = floor_breaches(conn)
    except sqlite3.DatabaseError as exc:
        raise storage_error(exc, file) from None
    if problems:
        raise StorageError(code="rule_broken",
                           path=file, problems=problems)


def floor_breaches(conn: sqlite3.Connection) -> list[RowProblem]:
    """Sessions closer than the floor (rules.MIN_INTERVAL_DAYS) to the profile's session before
    them, also for a profile that does not exist: what a file must never hold, and what the
    rule triggers refuse. Not the profile's own, longer interval: raising it does not re-judge
    the sessions logged before (an older file of someone who raised it is migrated)."""
    from homekit.domain.rules import MIN_INTERVAL_DAYS
    from homekit.storage import rowcheck
    from homekit.storage.rowcheck import RowProblem

    if rowcheck.has_treatments(conn):  # schema 11 on: the floors per treatment, the windows
        names = {pid: str(name) for pid, name in conn.execute("SELECT id, name FROM profiles")}
        return (rowcheck.treatment_breaches(conn, "main", names, own_intervals=False)
                + rowcheck.window_breaches(conn, "main", names))

    rows = conn.execute(
        "SELECT s.id, s.profile_id, s.session_date, s.before_date, s.before_id, p.name FROM ("
        " SELECT id, profile_id, session_date, lag(session_date) OVER w AS before_date,"
        " lag(id) OVER w AS before_id FROM sessions"
        " WINDOW w AS (PARTITION BY profile_id ORDER BY session_date, id)) AS s"
        " LEFT JOIN profiles AS p ON p.id = s.profile_id"
        " WHERE julianday(s.session_date) - julianday(s.before_date) < ?"
        " ORDER BY s.profile_id, s.session_date, s.id", (MIN_INTERVAL_DAYS,))
    return [RowProblem(str(name) if name is not None else f"#{pid}", str(day), "too_close", sid,
                       str(before), before_id, MIN_INTERVAL_DAYS)
            for sid, pid, day, before, before_id, name in rows]