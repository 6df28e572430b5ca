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
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from homekit.storage.folders import ModeChange

BACKUP_FOLDER = "backups"
_COMPANIONS = ("-wal", "-shm", "-journal")


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
    from homekit.storage.folders import ModeChange  # (built only when a mode is wrong)

    if info.st_uid != os.getuid():
        return ModeChange(path, mode, None, "owned by another user")
    try:
        os.chmod(path, wanted)
    except OSError as exc:
        return ModeChange(path, mode, None, exc.strerror or str(exc))
    return ModeChange(path, mode, wanted)
