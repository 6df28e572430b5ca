"""Writing files that hold health data: owner-only, never half-written."""

from __future__ import annotations

import os
from pathlib import Path

from homekit.domain.errors import StorageError


def write_private(path: Path, data: bytes) -> Path:
    """Write `data` to `path` with mode 600, through a temporary file renamed into place."""
    path = Path(path).expanduser()
    folder = path.parent
    if not folder.is_dir():
        raise StorageError(f"folder {folder} does not exist")
    tmp = folder / f".{path.name}.partial"
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        try:
            os.fchmod(fd, 0o600)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise StorageError(f"cannot write {path}: {exc.strerror}") from None
    return path
