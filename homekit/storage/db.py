"""Open the data file safely: checks first, then pragmas, then migrations.

A file that is not ours, damaged, read-only, locked or from a newer homekit gets a
one-line StorageError and is never modified.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from pathlib import Path

from homekit.domain.errors import InvalidInput, StorageError
from homekit.storage.guard import breaks_rule, set_aside_rule_triggers, verify_schema
from homekit.storage.perms import tighten
from homekit.storage.repo import Store, storage_error
from homekit.storage.schema import SCHEMA_VERSION

#: Seconds a writer waits for another process before giving up (HOMEKIT_BUSY_TIMEOUT).
DEFAULT_BUSY_TIMEOUT = 10.0
MAX_BUSY_TIMEOUT = 3600.0


def busy_timeout() -> float:
    raw = os.environ.get("HOMEKIT_BUSY_TIMEOUT", "")
    try:
        value = float(raw) if raw else DEFAULT_BUSY_TIMEOUT
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT
    if value != value:  # NaN
        return DEFAULT_BUSY_TIMEOUT
    return min(max(0.0, value), MAX_BUSY_TIMEOUT)


def open_store(path: str | Path, *, create_folder: bool = False, verify: bool = True,
               allow_broken_rule: bool = False) -> Store:
    """Open (creating if needed) the homekit file at `path`, migrated to this version.

    `create_folder`: make missing parent folders (mode 700); only for the default location,
    since a missing folder in a path the user typed is more likely a typo (and the folder is
    homekit's own, so it is kept owner-only).
    `verify`: refuse a file whose schema is not homekit's own or whose data breaks the rule
    (rule triggers that went missing are put back when the data still keeps the rule). Only
    `homekit check` and `homekit restore` open without it, to report on or replace the file.
    `allow_broken_rule`: open a file whose sessions break the rule (its rule triggers gone,
    or an older file, migrated with its rule triggers set aside) for `homekit delete` to mend
    it; everything else is still checked.
    """
    if str(path).strip() == "":
        raise InvalidInput(code="data_path_empty")
    file = Path(path).expanduser()
    _prepare_file(file, create_folder)
    # Before SQLite opens it: the -wal and -shm it creates take the data file's mode.
    modes = tighten(file, own_folder=create_folder)
    timeout = busy_timeout()
    try:
        conn = sqlite3.connect(str(file), timeout=timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise StorageError(code="open_failed", file=file, detail=str(exc)) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        version = _check_ours(conn, file)
        repaired = (verify_schema(conn, file, version, allow_broken_rule)
                    if verify and version else [])
        if 0 < version < SCHEMA_VERSION:  # an older file that already breaks the rule is
            breaks_rule(conn, file, allow_broken_rule)  # refused before anything is written
        _enable_wal(conn, file)
        if version < SCHEMA_VERSION:
            _migrate(conn, file, allow_broken_rule)
    except BaseException:
        conn.close()
        raise
    store = Store(conn, file)
    store.repaired = repaired
    store.mode_changes = modes
    return store


def _prepare_file(file: Path, create_folder: bool) -> None:
    folder = file.parent
    try:
        folder_exists = folder.exists()
    except OSError as exc:  # e.g. a name too long for the file system
        raise StorageError(code="folder_unusable", folder=folder, reason=exc.strerror) from None
    if not folder_exists:
        if not create_folder:
            raise StorageError(code="folder_missing", folder=folder)
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(code="folder_create_failed", folder=folder,
                               reason=exc.strerror) from None
    elif not folder.is_dir():
        raise StorageError(code="not_a_folder", folder=folder)
    try:
        info = file.stat()
    except FileNotFoundError:
        _create_private(file)
        return
    except OSError as exc:
        raise StorageError(code="file_unreadable", file=file, reason=exc.strerror) from None
    if stat.S_ISDIR(info.st_mode):
        raise StorageError(code="data_file_is_folder", file=file)
    if not stat.S_ISREG(info.st_mode):
        raise StorageError(code="data_file_not_regular", file=file)
    # Checked on the mode bits, so that it holds even for root, who may write anything.
    if not info.st_mode & stat.S_IWUSR or not os.access(file, os.W_OK):
        raise StorageError(code="data_file_read_only", file=file)
    if not os.access(file, os.R_OK):
        raise StorageError(code="data_file_no_read", file=file)
    # The content is checked by SQLite itself (not by reading the file here): closing any
    # descriptor of a database file drops every POSIX lock this process holds on it, which
    # would let another process delete the WAL of a connection we already have open.


def _create_private(file: Path) -> None:
    try:
        fd = os.open(file, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return  # another process created it first
    except OSError as exc:
        raise StorageError(code="create_failed", file=file, reason=exc.strerror) from None
    os.close(fd)


def _check_ours(conn: sqlite3.Connection, file: Path) -> int:
    """The file's schema version, after checking it is a homekit file we can use."""
    try:
        # One read transaction: a version and tables from the same moment, even while another
        # process creates the schema of a new file (else: tables seen, version 0, "foreign").
        conn.execute("BEGIN")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        raise storage_error(exc, file) from None
    # SQLite always writes whole pages; a partial last page means the file was cut short
    # (a cut at a page boundary SQLite reports itself, as "malformed").
    if page_size and file.stat().st_size % page_size:
        raise StorageError(code="data_file_truncated", file=file)
    user_tables = {t for t in tables if not t.startswith("sqlite_")}
    # A homekit file has a version (set in the same transaction that creates its tables) and
    # its migrations recorded under the set name "homekit"; anything else is someone else's.
    if user_tables and (version == 0 or not _has_homekit_migrations(conn, user_tables)):
        raise StorageError(code="foreign_database", file=file, tables=sorted(user_tables)[:5])
    if version > SCHEMA_VERSION:
        raise StorageError(code="newer_schema", file=file, version=version, known=SCHEMA_VERSION)
    return int(version)


def _has_homekit_migrations(conn: sqlite3.Connection, tables: set[str]) -> bool:
    if "_sqlite_migrations" not in tables or not {"profiles", "sessions"} <= tables:
        return False
    try:
        row = conn.execute(
            "SELECT count(*) FROM _sqlite_migrations WHERE migration_set = 'homekit'"
        ).fetchone()
    except sqlite3.DatabaseError:
        return False
    return bool(row and row[0])


def _enable_wal(conn: sqlite3.Connection, file: Path) -> None:
    # Switching to WAL needs the file to itself, and SQLite answers "locked" at once rather
    # than waiting (no busy handler there): when several processes open a new file together,
    # wait and retry within the busy timeout.
    deadline = time.monotonic() + busy_timeout()
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            low = str(exc).lower()
            if ("locked" not in low and "busy" not in low) or time.monotonic() > deadline:
                raise storage_error(exc, file) from None
            time.sleep(0.01)
        except sqlite3.DatabaseError as exc:
            raise storage_error(exc, file) from None


def _migrate(conn: sqlite3.Connection, file: Path, allow_broken_rule: bool = False) -> None:
    """Migrate under one immediate transaction. `allow_broken_rule` (for `homekit delete`): an
    older file whose sessions break the rule is migrated with its rule triggers set aside."""
    from homekit.storage import migrations  # first: it imports sqlite-utils without numpy
    from homekit.storage.backup import backup_before_migration
    from homekit.storage.migrations import Database

    db = Database(conn, execute_plugins=False)
    try:
        conn.execute("BEGIN IMMEDIATE")  # one migrator at a time; others wait, then see it done
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                # Again under the lock: another program may have written.
                broken = bool(version) and breaks_rule(conn, file, allow_broken_rule)
                backup_before_migration(conn, file)  # an existing file is copied first
                migrations.migrate(db)
                if broken:
                    set_aside_rule_triggers(conn)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    except sqlite3.DatabaseError as exc:
        raise storage_error(exc, file) from None
