"""Backups and restore with SQLite's online backup API (consistent even while others write).

A backup is one self-contained file (journal mode DELETE, no -wal beside it), owner-only.
Automatic backups (before a migration, an import or a restore) are named after their data
file, the UTC time (with seconds) and the reason: `<stem>-YYYYmmddTHHMMSSZ-before-<why>.db`.
The newest `KEEP_AUTOMATIC` of each data file and each reason are kept, ordered by that UTC
time, so a time-zone change or another data file in the same folder never prunes the wrong
ones; the backup just made and the one of the latest restore are never deleted. Backups the
user asks for are never deleted. A backup is written as a `.partial` file held under an
`flock` until it is linked into place; a `.partial` nobody holds (its backup was killed) is
removed by the next backup.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
import sqlite3
import tempfile
from pathlib import Path

from homekit.domain.errors import InvalidInput, StorageError
from homekit.storage.perms import BACKUP_FOLDER
from homekit.storage.repo import storage_error
from homekit.storage.schema import SCHEMA_VERSION

#: How many automatic backups to keep per data file and reason (the oldest beyond are deleted).
KEEP_AUTOMATIC = 10
#: Marks an automatic backup's name: homekit-20261125T093012Z-before-import.db
AUTO_MARK = "-before-"
PARTIAL_PREFIX = ".homekit-"
PARTIAL_SUFFIX = ".partial"


def backup_folder(data_file: Path) -> Path:
    return Path(data_file).parent / BACKUP_FOLDER


def utc(now: dt.datetime | None) -> dt.datetime:
    """`now` in UTC (a naive time counts as local time); the real clock when None."""
    return dt.datetime.now(dt.timezone.utc) if now is None else now.astimezone(dt.timezone.utc)


def backup_name(now: dt.datetime, reason: str | None = None, stem: str = "homekit") -> str:
    """`homekit-YYYYmmdd-HHMMSS.db` (local time) for a backup the user asks for;
    `<stem>-YYYYmmddTHHMMSSZ-before-REASON.db` (UTC) for automatic ones."""
    if reason:
        return f"{stem}-{utc(now):%Y%m%dT%H%M%SZ}{AUTO_MARK}{reason}.db"
    return f"homekit-{now:%Y%m%d-%H%M%S}.db"


def default_backup_path(data_file: Path, now: dt.datetime, reason: str | None = None) -> Path:
    """A fresh path in the backups folder beside `data_file`.

    On a clash (several backups in one second) the name gets -2, -3, ..., always above the
    highest number present, so a newer backup never takes an older, pruned one's name.
    """
    folder = backup_folder(data_file)
    first = folder / backup_name(now, reason, Path(data_file).stem)
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
            raise InvalidInput(code="backup_exists", path=dest)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(code="backup_failed", path=dest, reason=exc.strerror) from None
    tmp: Path | None = None
    fd = -1
    try:
        remove_stale_partials(folder)
        fd, name = new_partial(folder)
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
        raise StorageError(code="backup_failed", path=dest, reason=exc.strerror) from None
    finally:
        if tmp is not None:
            _remove(tmp)
        if fd >= 0:
            os.close(fd)  # after the SQLite connection on it is closed: drops the flock


def new_partial(folder: Path) -> tuple[int, str]:
    """A fresh `.partial` file (mode 600) in `folder`, held under an flock while open."""
    fd, name = tempfile.mkstemp(prefix=PARTIAL_PREFIX, suffix=PARTIAL_SUFFIX, dir=folder)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd, name


def remove_stale_partials(folder: Path) -> list[Path]:
    """Remove the `.partial` files of backups that were killed: those nobody holds."""
    removed = []
    for path in folder.glob(f"{PARTIAL_PREFIX}*{PARTIAL_SUFFIX}"):
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a backup in progress
        else:
            _remove(path)
            removed.append(path)
        finally:
            os.close(fd)
    return removed


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
                raise InvalidInput(code="backup_exists", path=dest) from None
            path = default_backup_path_after(path)


def default_backup_path_after(path: Path) -> Path:
    """The next free-looking name after `path`: name.db -> name-2.db -> name-3.db."""
    m = re.fullmatch(r"(.*[^\d-])(?:-(\d+))?", path.stem)
    base, n = (m.group(1), int(m.group(2) or 1)) if m else (path.stem, 1)
    return path.with_name(f"{base}-{n + 1}{path.suffix}")


def automatic_backup(
    conn: sqlite3.Connection, data_file: Path, reason: str, now: dt.datetime | None = None
) -> Path:
    """Back up before a risky change, then keep only the newest KEEP_AUTOMATIC of its kind.

    `now`: the time to name it by (a naive time is local time); the real clock when None.
    """
    dest = default_backup_path(Path(data_file), utc(now), reason)
    path = write_backup(conn, dest, source_name=str(data_file), unique=True)
    prune_automatic(Path(data_file), keep_also=path)
    return path


def _auto_pattern(stem: str) -> re.Pattern[str]:
    return re.compile(re.escape(stem) + r"-(\d{8}T\d{6}Z)-before-([a-z]+)(?:-(\d+))?\.db")


def prune_automatic(data_file: Path, keep: int = KEEP_AUTOMATIC,
                    keep_also: Path | None = None) -> list[Path]:
    """Delete all but the newest `keep` automatic backups of `data_file`, per reason.

    Newest by the UTC time in the name, then the -N of a clash. Never deleted: `keep_also`
    (the backup just made) and the restore backup written last (by the file's own time).
    """
    folder = backup_folder(Path(data_file))
    pattern = _auto_pattern(Path(data_file).stem)
    kinds: dict[str, list[tuple[str, int, int, Path]]] = {}
    for p in folder.glob(f"*{AUTO_MARK}*.db"):
        m = pattern.fullmatch(p.name)
        if m is None:
            continue
        try:
            mtime = p.stat().st_mtime_ns
        except FileNotFoundError:
            continue
        kinds.setdefault(m.group(2), []).append((m.group(1), int(m.group(3) or 1), mtime, p))
    spared = {keep_also}
    if kinds.get("restore"):
        spared.add(max(kinds["restore"], key=lambda f: f[2])[3])
    doomed = []
    for found in kinds.values():
        others = sorted(f for f in found if f[3] not in spared)
        room = max(0, keep - (len(found) - len(others)))  # the spared ones count as kept
        doomed += [p for *_, p in others[: max(0, len(others) - room)]]
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
