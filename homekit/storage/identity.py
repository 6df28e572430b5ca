"""Which file is open: its device and inode, recorded at open and checked before each write.

SQLite keeps writing to the file it opened even after that file was deleted or replaced by
another one under the same name: the writes land in a file nobody will ever open again. The
store records the file's identity when it opens it and refuses a write once the name no
longer leads to that file.
"""

from __future__ import annotations

import os
from pathlib import Path

from homekit.domain.errors import StorageError

Identity = tuple[int, int]

DELETED = "data_file_deleted"
REPLACED = "data_file_replaced"


def identity_of(path: Path | str) -> Identity | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def file_problem(path: Path | str, recorded: Identity | None) -> str | None:
    """DELETED or REPLACED when `path` no longer names the file recorded at open, else None."""
    if recorded is None:
        return None
    now = identity_of(path)
    if now is None:
        return DELETED
    return None if now == recorded else REPLACED


def check_same_file(path: Path | str, recorded: Identity | None) -> None:
    problem = file_problem(path, recorded)
    if problem:
        what = "deleted" if problem == DELETED else "replaced by another file"
        raise StorageError(f"{path} was {what} while homekit had it open; nothing was saved",
                           code=problem, path=str(path))
