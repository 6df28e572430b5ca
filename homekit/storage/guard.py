"""The check on every open of the live file: homekit's schema, and the rule triggers in place.

The fast path is one read of `sqlite_master` and one of the migration record, compared by
digest (no sqlite-utils import). Only a file that differs gets the closer look: rule triggers
that are missing or changed are put back when the data still keeps the rule; anything else
(a foreign trigger, an edited CHECK, a migration record that does not fit) is refused.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from homekit.domain.errors import StorageError
from homekit.storage import integrity, rowcheck
from homekit.storage.perms import ModeChange
from homekit.storage.repo import Store, storage_error


def verify_schema(conn: sqlite3.Connection, file: Path, version: int) -> list[str]:
    """Refuse a file that is not homekit's own; returns the rule triggers put back."""
    try:
        rows = integrity.read_schema(conn)
        if integrity.record_looks_right(conn, version) and integrity.is_canonical_fast(rows, version):
            return []
        problem = integrity.migration_record_problem(conn, version)
        if problem:
            raise StorageError(f"{file}: {problem}", code="schema_record", path=file,
                               problem=problem, version=version)
        diff = integrity.first_difference(rows, integrity.canonical_schema(version))
        if diff is None:
            return []
        if not integrity.only_rule_triggers(rows, version):
            raise StorageError(f"{file}: {diff.change} {diff.type} {diff.name}",
                               code="schema_differs", path=file, difference=diff)
        return _put_back(conn, file, version)
    except sqlite3.DatabaseError as exc:
        raise storage_error(exc, file) from None


def _put_back(conn: sqlite3.Connection, file: Path, version: int) -> list[str]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        done: list[str] = []
        rows = integrity.read_schema(conn)  # again, under the lock: another homekit may
        if integrity.first_difference(rows, integrity.canonical_schema(version)) is not None:
            refuse_broken_rule(conn, file)
            done = integrity.put_back_rule_triggers(conn, version)
        conn.execute("COMMIT")
        return done
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def refuse_broken_rule(conn: sqlite3.Connection, file: Path) -> None:
    """Refuse (exit 1) a file whose sessions already break the rule, listing them."""
    try:
        problems = rowcheck.rule_problems(conn)
    except sqlite3.DatabaseError as exc:
        raise storage_error(exc, file) from None
    if problems:
        raise StorageError(f"{file}: sessions break the weekly rule", code="rule_broken",
                           path=file, problems=problems)


@dataclass(frozen=True)
class FileHealth:
    """Everything `homekit check` looks at, as facts."""

    path: Path
    schema_version: int
    integrity: list[str]  # ["ok"] when SQLite finds nothing wrong
    record: str | None  # why the migration record does not fit user_version
    difference: integrity.Difference | None  # the first object not as homekit makes it
    problems: list[rowcheck.RowProblem]  # rows breaking a value check or the rule
    mode_changes: list[ModeChange] = field(default_factory=list)  # made owner-only, or not
    repaired: list[str] = field(default_factory=list)  # rule triggers put back on open

    @property
    def open_modes(self) -> list[ModeChange]:
        return [c for c in self.mode_changes if c.new is None]

    @property
    def healthy(self) -> bool:
        return (self.integrity == ["ok"] and self.record is None and self.difference is None
                and not self.problems and not self.open_modes)


def health(store: Store) -> FileHealth:
    """Integrity, schema, migration record, every row and the file modes of an open file."""
    conn = store.conn
    try:
        checked = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        record = integrity.migration_record_problem(conn, version)
        diff = integrity.schema_difference(conn, version)
        problems = rowcheck.all_problems(conn)
    except sqlite3.DatabaseError as exc:
        raise storage_error(exc, store.path) from None
    return FileHealth(Path(store.path), version, checked, record, diff, problems,
                      list(store.mode_changes), list(store.repaired))
