"""What `homekit check` and the open's notices report about modes: a file or folder made
owner-only (`perms` builds one only when a mode was wrong), and the folders on the way to the
data file that others can write in. Apart from `perms`, which every open runs, so that an
open of a file whose modes are right builds none of these classes."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ModeChange:
    """A file or folder that was open to others: `new` is its mode now, or None if it could
    not be tightened (`reason` says why)."""

    path: Path
    old: int
    new: int | None
    reason: str = ""


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
