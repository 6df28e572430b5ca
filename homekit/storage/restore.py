"""Restore: check a backup on a private copy first, then replace the live data in one lock.

1. The source is read through homekit.files (`-`, a pipe or a device: once, with the backup
   bound, into a private file; refused at once unless it starts as SQLite), then copied
   (backup API, read-only) into a `.partial` file of mode 600 in the backups folder, so that
   every check sees one fixed copy, not a file someone may change.
2. The copy must pass SQLite's integrity check, have homekit's exact schema for its version
   and a migration record that fits `user_version`; every row is re-checked (each value
   through the domain's validation, the weekly rule on every pair, every undo journal step
   as `undo` checks it). A copy from an older
   homekit is migrated, then checked again. Anything wrong: refused (exit 2), the live file
   untouched.
3. On the live file, under one `BEGIN IMMEDIATE`, the `-before-restore` backup is taken and
   the rows are replaced by the copy's, so every session another process had acknowledged is
   either in the live file or in that backup.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from homekit.domain.errors import InvalidInput
from homekit.files import Source, regular_copy
from homekit.storage import integrity, journal_check, rowcheck
from homekit.storage.backup import automatic_backup, backup_folder, new_partial, remove_stale_partials
from homekit.storage.repo import Store, storage_error
from homekit.storage.schema import SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
#: Parents before children, so that foreign keys hold at every step.


def homekit_tables(conn: sqlite3.Connection) -> list[str]:
    """homekit's own tables in the order they were created (a table before those that refer
    to it): every one that a restore replaces, whatever later migrations add."""
    return [r[0] for r in conn.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
        "AND name NOT IN ('_sqlite_migrations', '_litestream_seq', '_litestream_lock') "
        "ORDER BY rowid")]


@dataclass(frozen=True)
class BackupInfo:
    """What a checked backup file holds."""

    path: Path
    schema_version: int
    profiles: int
    sessions: int


@dataclass(frozen=True)
class Restored:
    source: BackupInfo
    #: The copy of the file as it was before the restore.
    previous: Path


def _open_read_only(path: Path) -> sqlite3.Connection:
    uri = "file:" + urllib.parse.quote(str(path.resolve())) + "?mode=ro"
    return sqlite3.connect(uri, uri=True, isolation_level=None)


def sqlite_head(head: bytes, name: str) -> None:
    """Refuse what does not start as a SQLite database (a stream, before it is copied)."""
    if not head.startswith(SQLITE_HEADER):
        raise InvalidInput(code="restore_not_sqlite", name=name)


def _check_source(source: Source) -> None:
    try:
        with open(source.path, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise InvalidInput(code="restore_unreadable", name=source.name,
                           reason=exc.strerror) from None
    sqlite_head(header, source.name)


def _copy(source: Path, dest: str, name: str) -> None:
    try:
        src = _open_read_only(source)
    except sqlite3.Error as exc:
        raise InvalidInput(code="restore_open_failed", name=name, detail=str(exc)) from None
    try:
        target = sqlite3.connect(dest, isolation_level=None)
        try:
            src.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
    except sqlite3.DatabaseError as exc:
        raise InvalidInput(code="restore_damaged", name=name, detail=str(exc)) from None
    finally:
        src.close()


def check_copy(copy: Path, source: Path | str) -> BackupInfo:
    """Check the private copy of `source` (migrating it if older); refuse with the reason.
    `source`: how messages name the backup (a replica's URL, never a temporary path)."""
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise InvalidInput(code="restore_integrity", name=source, problem=problems[0])
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"profiles", "sessions", "redness"} <= tables or version < 1:
            raise InvalidInput(code="restore_not_homekit", name=source)
        if version > SCHEMA_VERSION:
            raise InvalidInput(code="restore_newer_schema", name=source, version=version,
                               known=SCHEMA_VERSION)
        _check_schema(conn, source, version)
        bad = rowcheck.all_problems(conn, constraints_hold=True)  # integrity and schema: checked
        if bad:
            raise InvalidInput(code="restore_bad_rows", path=source, problems=bad)
        steps = journal_check.faults(conn)
        if steps:
            raise InvalidInput(code="restore_bad_journal", path=source, faults=steps)
        if version < SCHEMA_VERSION:
            _migrate(conn)
            _check_schema(conn, source, SCHEMA_VERSION)
        profiles = int(conn.execute("SELECT count(*) FROM profiles").fetchone()[0])
        sessions = int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise InvalidInput(code="restore_damaged", name=source, detail=str(exc)) from None
    finally:
        conn.close()
    return BackupInfo(Path(source), version, profiles, sessions)


def _check_schema(conn: sqlite3.Connection, source: Path | str, version: int) -> None:
    problem = integrity.migration_record_problem(conn, version)
    if problem:
        raise InvalidInput(code="restore_record",
                           path=source, problem=problem, version=version)
    diff = integrity.schema_difference(conn, version)
    if diff is not None:
        raise InvalidInput(code="restore_not_canonical", path=source, difference=diff)


def _migrate(conn: sqlite3.Connection) -> None:
    from homekit.storage import migrations  # first: it imports sqlite-utils without numpy
    from homekit.storage.migrations import Database

    conn.execute("BEGIN IMMEDIATE")
    try:
        migrations.migrate(Database(conn, execute_plugins=False))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


@contextmanager
def backup_source(given: str | Path | Source) -> Iterator[Source]:
    """A backup to restore, read through homekit.files (`-`, a pipe or a device: once, into a
    private copy, with the backup bound; refused at once unless it starts as SQLite)."""
    with regular_copy(given, "backup", head=sqlite_head) as source:
        _check_source(source)
        yield source


def check_backup(path: str | Path | Source) -> BackupInfo:
    """Check that `path` is a homekit file this version can restore, or say why not."""
    with backup_source(path) as source, \
            tempfile.TemporaryDirectory(prefix="homekit-check-") as folder:
        fd, name = new_partial(Path(folder))
        try:
            _copy(source.path, name, source.name)
            return check_copy(Path(name), source.name)
        finally:
            os.close(fd)


def restore_into(store: Store, given: str | Path | Source,
                 now: dt.datetime | None = None) -> Restored:
    """Replace the contents of the open file with `given`, after checking it on a copy.

    The caller reopens the file afterwards.
    """
    with backup_source(given) as source:
        return _restore_checked(store, source, now)


def _restore_checked(store: Store, source: Source, now: dt.datetime | None) -> Restored:
    if not source.copied and source.path.resolve() == Path(store.path).resolve():
        raise InvalidInput(code="restore_is_data_file", name=source.name)
    folder = backup_folder(Path(store.path))
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        remove_stale_partials(folder)
        fd, name = new_partial(folder)
    except OSError as exc:
        raise InvalidInput(code="folder_unusable", folder=folder, reason=exc.strerror) from None
    copy = Path(name)
    try:
        _copy(source.path, name, source.name)
        info = check_copy(copy, source.name)
        try:
            previous = _replace(store, copy, now)
        except sqlite3.Error as exc:
            raise storage_error(exc, store.path) from None
    finally:
        copy.unlink(missing_ok=True)
        os.close(fd)
    return Restored(info, previous)


def _replace(store: Store, copy: Path, now: dt.datetime | None) -> Path:
    conn, path = store.conn, Path(store.path)
    if not integrity.is_homekit_schema(conn, SCHEMA_VERSION):
        # Opened without checks (the way out of a file that is not homekit's any more): no
        # homekit can write to it, so the copy replaces it whole, schema and all.
        previous = automatic_backup(conn, path, "restore", now)
        src = sqlite3.connect(copy, isolation_level=None)
        try:
            src.backup(conn)
        finally:
            src.close()
        return previous
    conn.execute("ATTACH DATABASE ? AS restore_src", (str(copy),))
    try:
        conn.execute("BEGIN IMMEDIATE")  # no other writer from here until the copy is in
        try:
            previous = automatic_backup(conn, path, "restore", now)
            tables = homekit_tables(conn)
            for table in reversed(tables):
                conn.execute(f"DELETE FROM main.{table}")
            for table in tables:
                cols = ", ".join(f'"{r[1]}"' for r in conn.execute(f"PRAGMA main.table_info({table})"))
                conn.execute(f"INSERT INTO main.{table} ({cols}) "
                             f"SELECT {cols} FROM restore_src.{table} ORDER BY rowid")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("DETACH DATABASE restore_src")
    return previous
