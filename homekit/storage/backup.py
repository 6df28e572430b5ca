"""Backups and restore with SQLite's online backup API (consistent even while others write).

A backup is one self-contained file (journal mode DELETE, no -wal beside it), owner-only.
Automatic backups (before a migration, an import or a restore) carry the reason in their
name and only the newest `KEEP_AUTOMATIC` are kept; backups the user asks for are never
deleted.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import stat
import tempfile
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from homekit.domain.errors import InvalidInput, StorageError
from homekit.storage.repo import Store, storage_error
from homekit.storage.schema import SCHEMA_VERSION
from homekit.words import shown

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUP_FOLDER = "backups"
#: How many automatic backups to keep (the oldest beyond this are deleted).
KEEP_AUTOMATIC = 10
#: Marks an automatic backup's name: homekit-20261125-093000-before-import.db
AUTO_MARK = "-before-"
_AUTO_NAME = re.compile(r"homekit-(\d{8}-\d{6})-before-[a-z]+(?:-(\d+))?\.db")


def backup_folder(data_file: Path) -> Path:
    return Path(data_file).parent / BACKUP_FOLDER


def backup_name(now: dt.datetime, reason: str | None = None) -> str:
    """`homekit-YYYYmmdd-HHMMSS.db`, or `homekit-...-before-REASON.db` for automatic ones."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    return f"homekit-{stamp}{AUTO_MARK}{reason}.db" if reason else f"homekit-{stamp}.db"


def default_backup_path(data_file: Path, now: dt.datetime, reason: str | None = None) -> Path:
    """A fresh path in the backups folder beside `data_file`.

    On a clash (several backups in one second) the name gets -2, -3, ..., always above the
    highest number present, so a newer backup never takes an older, pruned one's name.
    """
    folder = backup_folder(data_file)
    first = folder / backup_name(now, reason)
    pattern = re.compile(re.escape(first.stem) + r"(?:-(\d+))?" + re.escape(first.suffix))
    taken = [int(m.group(1) or 1) for p in folder.glob(f"{first.stem}*{first.suffix}")
             if (m := pattern.fullmatch(p.name))]
    if not taken:
        return first
    return first.with_name(f"{first.stem}-{max(taken) + 1}{first.suffix}")


def write_backup(
    conn: sqlite3.Connection, dest: Path, *, source_name: str = "", unique: bool = False
) -> Path:
    """Copy the database open on `conn` to `dest`, mode 600; returns the path written.

    The copy is made under a temporary name and linked into place, so a crash never leaves a
    half-written file under the final name and an existing file is never overwritten: that
    is an error, or with `unique` the name gets -2, -3, ... (two processes backing up in the
    same second each keep their own copy).
    """
    dest = Path(dest)
    folder = dest.parent
    try:
        if os.path.lexists(dest) and not unique:
            raise InvalidInput(f"{shown(dest)} already exists; choose another name")
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot write backup {shown(dest)}: {exc.strerror}") from None
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=".homekit-", suffix=".partial", dir=folder)
        os.close(fd)  # mkstemp creates it with mode 600
        tmp = Path(name)
        target = sqlite3.connect(name, isolation_level=None)
        try:
            _backup_from(conn, target)
            # The copy inherits WAL mode; a backup is better as one file that stands alone.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        return _link_into_place(tmp, dest, unique)
    except sqlite3.Error as exc:
        raise storage_error(exc, source_name or dest) from None
    except OSError as exc:
        raise StorageError(f"cannot write backup {shown(dest)}: {exc.strerror}") from None
    finally:
        if tmp is not None:
            _remove(tmp)


def _backup_from(conn: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """Copy through `conn`, or through a fresh reader when `conn` holds a write transaction
    (a migration): the backup API would wait forever on its own connection's lock, while a
    second connection reads the last committed state, which the writer has not changed."""
    if not conn.in_transaction:
        conn.backup(target)
        return
    file = conn.execute("PRAGMA database_list").fetchone()[2]
    reader = sqlite3.connect(file, isolation_level=None, timeout=conn_timeout(conn))
    try:
        reader.backup(target)
    finally:
        reader.close()


def conn_timeout(conn: sqlite3.Connection) -> float:
    return int(conn.execute("PRAGMA busy_timeout").fetchone()[0]) / 1000


def _link_into_place(tmp: Path, dest: Path, unique: bool) -> Path:
    path = dest
    while True:
        try:
            os.link(tmp, path)
            return path
        except FileExistsError:
            if not unique:
                raise InvalidInput(f"{shown(dest)} already exists; choose another name") from None
            path = default_backup_path_after(path)


def default_backup_path_after(path: Path) -> Path:
    """The next free-looking name after `path`: name.db -> name-2.db -> name-3.db."""
    m = re.fullmatch(r"(.*[^\d-])(?:-(\d+))?", path.stem)
    base, n = (m.group(1), int(m.group(2) or 1)) if m else (path.stem, 1)
    return path.with_name(f"{base}-{n + 1}{path.suffix}")


def automatic_backup(
    conn: sqlite3.Connection, data_file: Path, reason: str, now: dt.datetime | None = None
) -> Path:
    """Back up before a risky change, then keep only the newest KEEP_AUTOMATIC automatic ones."""
    dest = default_backup_path(Path(data_file), now or dt.datetime.now(), reason)
    path = write_backup(conn, dest, source_name=str(data_file), unique=True)
    prune_automatic(backup_folder(Path(data_file)))
    return path


def prune_automatic(folder: Path, keep: int = KEEP_AUTOMATIC) -> list[Path]:
    """Delete all but the newest `keep` automatic backups in `folder`; returns those deleted."""
    found = []
    for p in folder.glob(f"homekit-*{AUTO_MARK}*.db"):
        m = _AUTO_NAME.fullmatch(p.name)
        if m is None:
            continue
        try:
            mtime = p.stat().st_mtime_ns
        except FileNotFoundError:
            continue
        # Newest by the time in the name, then the -N of a clash, then the file's own time.
        found.append((m.group(1), int(m.group(2) or 1), mtime, p))
    found.sort()
    doomed = [p for *_, p in found[: max(0, len(found) - keep)]]
    for p in doomed:
        _remove(p)
    return doomed


def backup_before_migration(conn: sqlite3.Connection, file: Path) -> Path | None:
    """Called by `db._migrate`: copy a file that already holds a homekit schema first."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == 0 or version >= SCHEMA_VERSION:
        return None  # a new file (nothing to protect), or another process migrated it already
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
        raise InvalidInput(f"{shown(path)} does not exist") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {shown(path)}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput(f"{shown(path)} is not a regular file")
    try:
        with open(path, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise InvalidInput(f"cannot read {shown(path)}: {exc.strerror}") from None
    if header != SQLITE_HEADER:
        raise InvalidInput(f"{shown(path)} is not a SQLite database; nothing was restored")
    try:
        conn = _open_read_only(path)
    except sqlite3.Error as exc:
        raise InvalidInput(f"cannot open {shown(path)}: {exc}; nothing was restored") from None
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise InvalidInput(
                f"{shown(path)} is damaged (integrity check: {problems[0]}); nothing was restored"
            )
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"profiles", "sessions", "redness"} <= tables or version < 1:
            raise InvalidInput(f"{shown(path)} is not a homekit data file; nothing was restored")
        if version > SCHEMA_VERSION:
            raise InvalidInput(
                f"{shown(path)} was written by a newer homekit (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); nothing was restored"
            )
        profiles = int(conn.execute("SELECT count(*) FROM profiles").fetchone()[0])
        sessions = int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise InvalidInput(f"{shown(path)} is damaged ({exc}); nothing was restored") from None
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
        raise InvalidInput(f"{shown(source)} is the data file itself; choose a backup to restore")
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
