"""`homekit check` as facts: integrity, schema, migration record, every row (the undo journal's
too), file modes."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from homekit.domain.journal import JournalFault
from homekit.storage import integrity, journal_check, rowcheck, rowcheck_integrity
from homekit.storage.difference import Difference
from homekit.storage.folders import ModeChange, OpenFolder, open_folders
from homekit.storage.repo import Store, storage_error

#: The most page cache (KiB) `homekit check` keeps, so that each page is read from the file
#: once (the whole of a 50,000-session log is 11 MiB).
READ_ONCE_KIB = 64 * 1024


@dataclass(frozen=True)
class FileHealth:
    """Everything `homekit check` looks at, as facts."""

    path: Path
    schema_version: int
    integrity: list[str]  # ["ok"] when SQLite finds nothing wrong
    record: str | None  # why the migration record does not fit user_version
    difference: Difference | None  # the first object not as homekit makes it
    problems: list[rowcheck.RowProblem]  # rows breaking a value check or the rule
    mode_changes: list[ModeChange] = field(default_factory=list)  # made owner-only, or not
    repaired: list[str] = field(default_factory=list)  # rule triggers put back on open
    journal: list[JournalFault] = field(default_factory=list)  # undo steps that cannot be used
    folders: list[OpenFolder] = field(default_factory=list)  # on the way, others can write

    @property
    def open_modes(self) -> list[ModeChange]:
        return [c for c in self.mode_changes if c.new is None]

    @property
    def healthy(self) -> bool:
        return (self.integrity == ["ok"] and self.record is None and self.difference is None
                and not self.problems and not self.open_modes and not self.journal
                and not self.folders)


def health(store: Store) -> FileHealth:
    """Integrity, schema, migration record, every row and the file modes of an open file."""
    conn = store.conn
    cache = None
    try:
        # Every table is read several times over (the integrity check, the CHECKs, the values,
        # the rule): with SQLite's default 2 MiB cache a long log's pages come from the system
        # again on each pass. The pages are kept (up to READ_ONCE_KIB) while the check runs.
        (cache,) = conn.execute("PRAGMA cache_size").fetchone()
        conn.execute(f"PRAGMA cache_size = {-READ_ONCE_KIB}")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        record = integrity.migration_record_problem(conn, version)
        diff = integrity.schema_difference(conn, version)
        checked = rowcheck_integrity.integrity(conn, schema_is_homekits=diff is None)
        # A clean integrity check has re-checked every CHECK of a schema that is homekit's.
        problems = rowcheck.all_problems(conn, constraints_hold=checked == ["ok"] and diff is None)
        journal = journal_check.faults(conn)
    except sqlite3.DatabaseError as exc:
        raise storage_error(exc, store.path) from None
    finally:
        if cache is not None:
            conn.execute(f"PRAGMA cache_size = {int(cache)}")
    return FileHealth(Path(store.path), version, checked, record, diff, problems,
                      list(store.mode_changes), list(store.repaired), journal,
                      open_folders(Path(store.path)))
