"""Every file homekit writes at a path the user names (see homekit.files, which says the
discipline and reads the inputs): standard output, a new or replaced regular file written
atomically, a device or a pipe written into. homekit.files re-exports all of it."""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from homekit.domain import inputs
from homekit.domain.errors import InvalidInput, StorageError

#: Standard input as an input, standard output as an output.
STDIO = "-"
STDIN_NAME = "standard input"
STDOUT_NAME = "standard output"
#: Other names of standard output.
STDOUT_PATHS = ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")
CHUNK = 1 << 16
PARTIAL_PREFIX = ".homekit-"
PARTIAL_SUFFIX = ".partial"

#: What writing to an output does (see `output_kind`).
NEW, FILE, STREAM, STDOUT = "new", "file", "stream", "stdout"


# -- outputs --------------------------------------------------------------------------


def is_stdout(given: str | os.PathLike[str] | None) -> bool:
    """Whether `given` names standard output (`-`, /dev/stdout)."""
    return given is not None and os.fspath(given) in (STDIO, *STDOUT_PATHS)


def _out_refusal(code: str, path: object, message: str, **facts: Any) -> InvalidInput:
    return InvalidInput(f"{path} {message}", code=code, path=path, **facts)


def output_kind(given: str | os.PathLike[str]) -> str:
    """What writing to `given` does: STDOUT, NEW (a new file), FILE (an existing file, to be
    replaced) or STREAM (a device or pipe, written into); refuses a target never written."""
    if is_stdout(given):
        if sys.stdout is None or sys.stdout.isatty():
            raise _out_refusal("output_terminal", STDOUT_NAME, "is a terminal")
        return STDOUT
    path = Path(given).expanduser()
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        if os.path.islink(path):
            return FILE  # a dangling link: replaced like a file
        if not path.parent.is_dir():
            raise InvalidInput(f"folder {path.parent} does not exist", code="output_folder_missing",
                               path=path.parent) from None
        return NEW
    except OSError as exc:
        raise _write_failed(path, exc) from None
    if stat.S_ISREG(mode):
        return FILE
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return STREAM
    if stat.S_ISDIR(mode):
        raise _out_refusal("output_folder", path, "is a folder")
    if stat.S_ISSOCK(mode):
        raise _out_refusal("output_socket", path, "is a socket")
    raise _out_refusal("output_disk", path, "is a disk device")


def check_output(given: str | os.PathLike[str], *, replace: bool) -> str:
    """Refuse early (before any work) an output that cannot be written, or an existing file
    the caller may not replace; `write_output` checks again as it writes."""
    kind = output_kind(given)
    if kind == FILE and not replace:
        path = Path(given).expanduser()
        raise InvalidInput(f"{path} already exists", code="exists_needs_force", path=path)
    return kind


def write_output(given: str | os.PathLike[str], data: bytes | Iterable[bytes], *,
                 replace: bool) -> Path:
    """Write `data` (bytes, or pieces of it: never all in memory) to `given` by the rules
    above; returns the full path written (`-` for standard output)."""
    chunks: Iterable[bytes] = (data,) if isinstance(data, bytes) else data
    kind = check_output(given, replace=replace)
    if kind == STDOUT:
        _write_stdout(chunks)
        return Path(STDIO)
    path = Path(given).expanduser().absolute()
    if kind == STREAM:
        _write_into(path, chunks)
        return path
    return _write_atomic(path, chunks, replace=kind == FILE)


def _write_failed(path: object, exc: OSError) -> StorageError:
    reason = exc.strerror or str(exc)
    return StorageError(f"cannot write {path}: {reason}", code="output_write_failed", path=path,
                        reason=reason)


def _write_all(fd: int, chunks: Iterable[bytes], name: object) -> None:
    for data in chunks:
        view = memoryview(data)
        while view:
            try:
                written = os.write(fd, view)
            except BrokenPipeError:
                if fd == 1:
                    raise  # `homekit ... -o - | head`: the reader has what it wanted
                raise _write_failed(name, BrokenPipeError(errno.EPIPE, "the reader is gone")) from None
            except OSError as exc:
                raise _write_failed(name, exc) from None
            if written <= 0:
                raise _write_failed(name, OSError(errno.EIO, "short write"))
            view = view[written:]


def _write_stdout(chunks: Iterable[bytes]) -> None:
    sys.stdout.flush()
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):
        fd = -1  # not a real stream (in-process tests): its buffer
    if fd >= 0:
        _write_all(fd, chunks, STDOUT_NAME)  # unbuffered: nothing left over to fail at exit
        return
    try:
        for data in chunks:
            sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as exc:
        raise _write_failed(STDOUT_NAME, exc) from None


def _write_into(path: Path, chunks: Iterable[bytes]) -> None:
    """Write into an existing device or pipe; a pipe with nobody reading is waited for a
    bounded time."""
    import time

    deadline = time.monotonic() + inputs.STREAM_WAIT_SECONDS
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
            break
        except OSError as exc:
            if exc.errno != errno.ENXIO:
                raise _write_failed(path, exc) from None
            if time.monotonic() > deadline:  # a named pipe nobody reads
                raise _out_refusal("output_no_reader", path, "has no reader",
                                   seconds=inputs.STREAM_WAIT_SECONDS) from None
            time.sleep(0.05)
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
            raise StorageError(f"{path} changed while it was written", code="output_changed",
                               path=path)
        if os.isatty(fd):
            raise _out_refusal("output_terminal", path, "is a terminal")
        os.set_blocking(fd, True)
        _write_all(fd, chunks, path)
    finally:
        os.close(fd)


def _write_atomic(path: Path, chunks: Iterable[bytes], *, replace: bool) -> Path:
    """Through a temporary file in the same folder, synced, then renamed (`replace`) or linked
    (a new name: an existing one is never replaced) into place."""
    import fcntl
    import tempfile  # only when writing a file: not on every command's start-up

    folder = path.parent
    tmp: Path | None = None
    fd = -1
    try:
        fd, name = tempfile.mkstemp(prefix=PARTIAL_PREFIX, suffix=PARTIAL_SUFFIX, dir=folder)
        tmp = Path(name)
        # Held until it is in place, so that a backup's clean-up of killed backups'
        # leftovers (backup.remove_stale_partials) never takes it for one.
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.fchmod(fd, 0o600)
        _write_all(fd, chunks, path)
        os.fsync(fd)  # a full disk found now, not after "written"
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
        raise _write_failed(path, exc) from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        if fd >= 0:
            os.close(fd)
    return path


def file_chunks(path: Path) -> Iterator[bytes]:
    """A file of homekit's own (a backup just made) piece by piece."""
    with open(path, "rb") as f:
        while data := f.read(CHUNK):
            yield data
