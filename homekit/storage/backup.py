"""Backups and restore with SQLite's online backup API (consistent even while others write).

A backup is one self-contained file (journal mode DELETE, no -wal beside it), owner-only.
Automatic backups (before a migration, an import or a restore) carry the reason in their
name and only the newest `KEEP_AUTOMATIC` are kept; backups the user asks for are never
deleted.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from homekit.domain.errors import InvalidInput, StorageError
from homekit.storage.repo import Store, storage_error
from homekit.storage.schema import SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUP_FOLDER = "backups"
#: How many automatic backups to keep (the oldest beyond this are deleted).
KEEP_AUTOMATIC = 10
#: Marks an automatic backup's name: homekit-20261125-093000-before-import.db
AUTO_MARK = "-before-"


def backup_folder(data_file: Path) -> Path:
    return Path(data_file).parent / BACKUP_FOLDER


def backup_name(now: dt.datetime, reason: str | None = None) -> str:
    """`homekit-YYYYmmdd-HHMMSS.db`, or `homekit-...-before-REASON.db` for automatic ones."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    return f"homekit-{stamp}{AUTO_MARK}{reason}.db" if reason else f"homekit-{stamp}.db"


def default_backup_path(data_file: Path, now: dt.datetime, reason: str | None = None) -> Path:
    """A fresh path in the backups folder beside `data_file` (suffixed -2, -3 on a clash)."""
    folder = backup_folder(data_file)
    first = folder / backup_name(now, reason)
    path, n = first, 1
    while path.exists():
        n += 1
        path = first.with_name(f"{first.stem}-{n}{first.suffix}")
    return path


def write_backup(conn: sqlite3.Connection, dest: Path, *, source_name: str = "") -> Path:
    """Copy the database open on `conn` to `dest` (which must not exist), mode 600.

    The copy is written beside `dest` under a temporary name and renamed into place, so a
    crash never leaves a half-written file under the final name.
    """
    dest = Path(dest)
    if dest.exists():
        raise InvalidInput(f"{dest} already exists; choose another name")
    folder = dest.parent
    if not folder.exists():
        try:
            folder.mkdir(mode=0o700, parents=True)
        except OSError as exc:
            raise StorageError(f"cannot create folder {folder}: {exc.strerror}") from None
    tmp = folder / f".{dest.name}.partial"
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        os.close(fd)
        os.chmod(tmp, 0o600)
        target = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            conn.backup(target)
            # The copy inherits WAL mode; a backup is better as one file that stands alone.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        os.replace(tmp, dest)
    except sqlite3.Error as exc:
        _remove(tmp)
        raise storage_error(exc, source_name or dest) from None
    except OSError as exc:
        _remove(tmp)
        raise StorageError(f"cannot write backup {dest}: {exc.strerror}") from None
    return dest


def automatic_backup(
    conn: sqlite3.Connection, data_file: Path, reason: str, now: dt.datetime | None = None
) -> Path:
    """Back up before a risky change, then keep only the newest KEEP_AUTOMATIC automatic ones."""
    dest = default_backup_path(Path(data_file), now or dt.datetime.now(), reason)
    path = write_backup(conn, dest, source_name=str(data_file))
    prune_automatic(backup_folder(Path(data_file)))
    return path


def prune_automatic(folder: Path, keep: int = KEEP_AUTOMATIC) -> list[Path]:
    """Delete all but the newest `keep` automatic backups in `folder`; returns those deleted."""
    found = []
    for p in folder.glob(f"homekit-*{AUTO_MARK}*.db"):
        try:
            found.append((p.stat().st_mtime_ns, p.name, p))
        except FileNotFoundError:
            continue
    found.sort()
    doomed = [p for _, _, p in found[: max(0, len(found) - keep)]]
    for p in doomed:
        _remove(p)
    return doomed


def backup_before_migration(conn: sqlite3.Connection, file: Path) -> Path | None:
    """Called by `db._migrate`: copy a file that already holds a homekit schema first."""
    if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
        return None  # a new file: nothing to protect
    return automatic_backup(conn, file, "migration")


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


# -- restore -------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupInfo:
    """What a checked backup file holds."""

    path: Path
    schema_version: int
    profiles: int
    sessions: int


def _open_read_only(path: Path) -> sqlite3.Connection:
    uri = "file:" + urllib.parse.quote(str(path.resolve())) + "?mode=ro"
    return sqlite3.connect(uri, uri=True, isolation_level=None)


def check_backup(path: Path) -> BackupInfo:
    """Check that `path` is an undamaged homekit file this version can use, or say why not."""
    path = Path(path).expanduser()
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InvalidInput(f"{path} does not exist") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput(f"{path} is not a regular file")
    try:
        with open(path, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}") from None
    if header != SQLITE_HEADER:
        raise InvalidInput(f"{path} is not a SQLite database; nothing was restored")
    try:
        conn = _open_read_only(path)
    except sqlite3.Error as exc:
        raise InvalidInput(f"cannot open {path}: {exc}; nothing was restored") from None
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise InvalidInput(
                f"{path} is damaged (integrity check: {problems[0]}); nothing was restored"
            )
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"profiles", "sessions", "redness"} <= tables or version < 1:
            raise InvalidInput(f"{path} is not a homekit data file; nothing was restored")
        if version > SCHEMA_VERSION:
            raise InvalidInput(
                f"{path} was written by a newer homekit (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); nothing was restored"
            )
        profiles = int(conn.execute("SELECT count(*) FROM profiles").fetchone()[0])
        sessions = int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise InvalidInput(f"{path} is damaged ({exc}); nothing was restored") from None
    finally:
        conn.close()
    return BackupInfo(path, version, profiles, sessions)


@dataclass(frozen=True)
class Restored:
    source: BackupInfo
    #: The copy of the file as it was before the restore.
    previous: Path


def restore_into(store: Store, source: Path, now: dt.datetime | None = None) -> Restored:
    """Replace the contents of the open file with `source`, after checking it.

    The current contents are first saved as an automatic backup. The copy goes through the
    backup API into the live file, so other connections see either the old or the new data.
    The caller reopens the file afterwards (which migrates an older schema).
    """
    source = Path(source).expanduser()
    if source.resolve() == Path(store.path).resolve():
        raise InvalidInput(f"{source} is the data file itself; choose a backup to restore")
    info = check_backup(source)
    previous = automatic_backup(store.conn, Path(store.path), "restore", now)
    src = _open_read_only(source)
    try:
        src.backup(store.conn)
    except sqlite3.Error as exc:
        raise storage_error(exc, store.path) from None
    finally:
        src.close()
    return Restored(info, previous)
