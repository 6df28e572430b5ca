"""Writing files that hold health data: owner-only, never half-written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from homekit.domain.errors import StorageError


def write_private(path: Path, data: bytes) -> Path:
    """Write `data` to `path` with mode 600, through a temporary file renamed into place."""
    return write_private_chunks(path, (data,))


def write_private_chunks(path: Path, chunks: Iterable[bytes]) -> Path:
    """`write_private` for data made piece by piece (an export): never all in memory."""
    path = Path(path).expanduser()
    folder = path.parent
    tmp: Path | None = None
    try:
        if not folder.is_dir():
            raise StorageError(f"folder {folder} does not exist")
        fd, name = tempfile.mkstemp(prefix=".homekit-", suffix=".partial", dir=folder)
        tmp = Path(name)
        try:
            os.fchmod(fd, 0o600)
            for data in chunks:
                view = memoryview(data)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
        finally:
            os.close(fd)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise StorageError(f"cannot write {path}: {exc.strerror}") from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    return path
