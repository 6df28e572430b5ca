"""Writing files that hold health data: owner-only, never half-written."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterable
from pathlib import Path

from homekit.domain.errors import InvalidInput, StorageError


def write_private(path: Path, data: bytes, *, replace: bool = True) -> Path:
    """Write `data` to `path` with mode 600, through a temporary file renamed into place.

    `replace=False`: an existing `path` is never replaced (InvalidInput, code
    `exists_needs_force`), checked atomically by linking the new file into place.
    """
    return write_private_chunks(path, (data,), replace=replace)


def write_private_chunks(path: Path, chunks: Iterable[bytes], *, replace: bool = True) -> Path:
    """`write_private` for data made piece by piece (an export): never all in memory."""
    path = Path(path).expanduser()
    folder = path.parent
    tmp: Path | None = None
    fd = -1
    try:
        if not folder.is_dir():
            raise StorageError(f"folder {folder} does not exist")
        import tempfile  # only when writing a file: not on every command's start-up

        fd, name = tempfile.mkstemp(prefix=".homekit-", suffix=".partial", dir=folder)
        tmp = Path(name)
        # Held until it is in place, so that a backup's clean-up of killed backups'
        # leftovers (backup.remove_stale_partials) never takes it for one.
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.fchmod(fd, 0o600)
        for data in chunks:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
        if replace:
            os.replace(tmp, path)
            tmp = None
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise InvalidInput(f"{path} already exists", code="exists_needs_force",
                                   path=path) from None
    except OSError as exc:
        raise StorageError(f"cannot write {path}: {exc.strerror}") from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        if fd >= 0:
            os.close(fd)
    return path


def refuse_existing_output(path: Path, replace: bool) -> None:
    """Refuse early (before any work) to replace an existing file the user did not name
    for replacing; `write_private(replace=False)` checks again, atomically."""
    if not replace and os.path.lexists(Path(path).expanduser()):
        raise InvalidInput(f"{path} already exists", code="exists_needs_force", path=path)
