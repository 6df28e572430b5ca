"""Owner-only files: tighten what homekit keeps health data in, say what was changed, and find
the folders on the way to the data file that others can write in (`homekit check`).

On every open, the data file, its `-wal`/`-shm`, the `backups/` folder and the files in it
(and the data folder itself when it is homekit's own default folder) are made owner-only:
600 for files, 700 for folders. Only what the user owns is changed; what cannot be changed
is reported so that the user can be warned.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

BACKUP_FOLDER = "backups"
_COMPANIONS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class ModeChange:
    """A file or folder that was open to others: `new` is its mode now, or None if it could
    not be tightened (`reason` says why)."""

    path: Path
    old: int
    new: int | None
    reason: str = ""


def private_mode(mode: int, folder: bool) -> int:
    """Owner bits kept, group and others cleared (folders keep owner rwx, files owner rw)."""
    return (mode & 0o700) | (0o700 if folder else 0o600)


def tighten(data_file: Path, *, own_folder: bool = False) -> list[ModeChange]:
    """Make every file and folder homekit owns around `data_file` owner-only."""
    data_file = Path(data_file)
    folder = data_file.parent
    backups = folder / BACKUP_FOLDER
    targets: list[Path] = [data_file, *(Path(f"{data_file}{c}") for c in _COMPANIONS)]
    if own_folder:
        targets.append(folder)
    targets.append(backups)
    try:
        with os.scandir(backups) as found:
            targets += [Path(e.path) for e in found
                        if e.name.endswith((".db", ".partial")) and e.is_file(follow_symlinks=False)]
    except OSError:
        pass  # no backups yet
    changes = []
    for path in targets:
        change = _tighten_one(path)
        if change is not None:
            changes.append(change)
    return changes


def _tighten_one(path: Path) -> ModeChange | None:
    try:
        info = path.lstat()
    except OSError:
        return None  # absent: nothing to tighten
    if stat.S_ISLNK(info.st_mode) or not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        return None  # a link or a device is not ours to change
    mode = stat.S_IMODE(info.st_mode)
    if not mode & 0o077:
        return None
    wanted = private_mode(mode, stat.S_ISDIR(info.st_mode))
    if info.st_uid != os.getuid():
        return ModeChange(path, mode, None, "owned by another user")
    try:
        os.chmod(path, wanted)
    except OSError as exc:
        return ModeChange(path, mode, None, exc.strerror or str(exc))
    return ModeChange(path, mode, wanted)


@dataclass(frozen=True)
class OpenFolder:
    """A folder on the way to the data file that someone else can write in, so could replace
    the data file or a folder on its way. `why`: "others_write" (group or others may write,
    `mode`) or "other_owner" (owned by another user, `uid`, who may change its mode)."""

    path: Path
    mode: int
    why: str
    uid: int = 0


def open_folders(data_file: Path) -> list[OpenFolder]:
    """Every folder from the data file's own up to the root that others can write in.

    Both the path as given and the real one (symlinks resolved) are walked. A sticky folder
    (such as /tmp) above the data file's own is safe when the next folder on the way belongs
    to the user or to root (others cannot rename or remove it); the data file's own folder is
    never excused, as others could create the -wal, -shm or backups beside the file.
    """
    me = os.getuid()
    found: dict[Path, OpenFolder] = {}
    for start in (Path(os.path.abspath(data_file)), Path(data_file).resolve()):
        child: Path | None = None
        for folder in start.parents:
            info = _stat(folder)
            if info is None:
                break
            problem = _folder_problem(folder, info, child, me)
            if problem is not None and folder not in found:
                found[folder] = problem
            child = folder
    return sorted(found.values(), key=lambda f: len(f.path.parts), reverse=True)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _folder_problem(folder: Path, info: os.stat_result, child: Path | None,
                    me: int) -> OpenFolder | None:
    mode = stat.S_IMODE(info.st_mode)
    if info.st_uid not in (me, 0):
        return OpenFolder(folder, mode, "other_owner", info.st_uid)
    if not mode & 0o022:
        return None
    if child is not None and mode & stat.S_ISVTX:
        owner = _stat(child)
        if owner is not None and owner.st_uid in (me, 0):
            return None  # sticky: only the owner of the next folder may rename or remove it
    return OpenFolder(folder, mode, "others_write")