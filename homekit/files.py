"""Every file homekit reads or writes at a path the user names: one discipline for all of them.

Inputs (photo add, the photos an import lists, import, restore):
- `-` is standard input. A regular file is read with the bound of its kind (domain.inputs)
  and refused before it is read when it is larger. A stream (standard input, a pipe, process
  substitution, a device) is read once, up to the same bound, into memory (a photo) or into
  a private temporary copy, mode 600 (`regular_copy`: an import or a restore reads it as
  often as it needs); one that goes on past the bound is refused.
- A named pipe or a device that sends nothing for STREAM_WAIT_SECONDS (a pipe nobody writes
  to) is refused: never a hang. A folder, a socket or a terminal is refused. Every refusal is
  an InvalidInput (exit 2) raised before anything is stored.

Outputs (export, chart, report, remind, backup, photo export, photo compare):
- `-` (and /dev/stdout) is standard output.
- A new path or an existing regular file is written to a temporary file (mode 600) in the
  same folder, synced, then linked (new) or renamed (replacing) into place: never half
  written. An existing file is replaced only when the caller says so (`--force`, the app's
  confirmation); otherwise InvalidInput `exists_needs_force`.
- An existing character device or pipe (/dev/null, a FIFO) is written into, never replaced,
  and needs no `--force`. A folder, a socket, a disk device or a terminal is refused.
- A write that fails (a full disk, a short write, a reader gone) is a StorageError (exit 1).

Only the domain is imported here: storage, the services and the CLI all use this module.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from homekit.domain import inputs
from homekit.domain.errors import InvalidInput, StorageError

# The constants and the outputs live in files_out; every caller imports them from here.
from homekit.files_out import CHUNK as CHUNK
from homekit.files_out import FILE as FILE
from homekit.files_out import NEW as NEW
from homekit.files_out import PARTIAL_PREFIX as PARTIAL_PREFIX
from homekit.files_out import PARTIAL_SUFFIX as PARTIAL_SUFFIX
from homekit.files_out import STDIN_NAME as STDIN_NAME
from homekit.files_out import STDIO as STDIO
from homekit.files_out import STDOUT as STDOUT
from homekit.files_out import STDOUT_NAME as STDOUT_NAME
from homekit.files_out import STDOUT_PATHS as STDOUT_PATHS
from homekit.files_out import STREAM as STREAM
from homekit.files_out import _write_all as _write_all
from homekit.files_out import check_output as check_output
from homekit.files_out import file_chunks as file_chunks
from homekit.files_out import is_stdout as is_stdout
from homekit.files_out import output_kind as output_kind
from homekit.files_out import write_output as write_output

# -- inputs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """An input ready to be read as often as needed: a regular file."""

    path: Path  # the user's regular file, or the private copy of a stream
    name: str  # how messages name it: the path as given, or "standard input"
    folder: Path  # where names written inside it start: its folder; for a stream, the current one
    copied: bool = False

    @property
    def short(self) -> str:
        """The file's own name (the whole name for a stream: `/dev/fd/63`, standard input)."""
        return self.name if self.copied else Path(self.name).name


def _refuse(code: str, name: str, kind: str, message: str, **facts: Any) -> InvalidInput:
    return InvalidInput(f"{message}: {name}", code=code, field="file" if kind == "photo" else None,
                        name=name, kind=kind, **facts)


@dataclass
class _Opened:
    fd: int
    name: str
    regular: bool
    timed: bool  # a named pipe or a device: each wait for data is bounded


@contextmanager
def _opened(given: str | os.PathLike[str], kind: str) -> Iterator[_Opened]:
    """The input open for reading, checked: never blocks, whatever `given` names."""
    if os.fspath(given) == STDIO:
        yield _stdin(kind)  # not ours: never closed, its flags never changed
        return
    name = os.fspath(given)
    path = Path(given).expanduser()
    try:
        # O_NONBLOCK: opening a named pipe with no writer returns at once instead of waiting.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except (FileNotFoundError, NotADirectoryError):
        raise _refuse("input_missing", name, kind, "no such file") from None
    except OSError as exc:
        if exc.errno == errno.ENXIO and _is_socket(path):
            raise _refuse("input_socket", name, kind, "a socket") from None
        raise _refuse("input_unreadable", name, kind, "cannot read",
                      reason=exc.strerror or str(exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise _refuse("input_folder", name, kind, "a folder")
        if stat.S_ISREG(mode):
            limit = inputs.bound(kind)
            if os.fstat(fd).st_size > limit:
                raise _refuse("input_too_big", name, kind, "too large", limit=limit, stream=False)
            os.set_blocking(fd, True)
            yield _Opened(fd, name, regular=True, timed=False)
            return
        if os.isatty(fd):
            raise _refuse("input_terminal", name, kind, "a terminal")
        timed = not _shell_pipe(fd, mode)
        if not timed:
            os.set_blocking(fd, True)
        yield _Opened(fd, name, regular=False, timed=timed)
    finally:
        os.close(fd)


def _stdin(kind: str) -> _Opened:
    try:
        fd = sys.stdin.fileno()
        mode = os.fstat(fd).st_mode
    except (AttributeError, ValueError, OSError):
        raise _refuse("input_unreadable", STDIN_NAME, kind, "cannot read",
                      reason="it is closed") from None
    if stat.S_ISDIR(mode):
        raise _refuse("input_folder", STDIN_NAME, kind, "a folder")
    if os.isatty(fd):
        raise _refuse("input_terminal", STDIN_NAME, kind, "a terminal")
    return _Opened(fd, STDIN_NAME, regular=False, timed=False)


def _is_socket(path: Path) -> bool:
    try:
        return stat.S_ISSOCK(os.stat(path).st_mode)
    except OSError:
        return False


def _shell_pipe(fd: int, mode: int) -> bool:
    """A pipe the shell made (`<(cmd)`, /dev/fd/N): its writer exists, so it is waited for as
    long as it takes; a named pipe or a device may have nobody behind it."""
    if not stat.S_ISFIFO(mode):
        return False
    try:
        return os.readlink(f"/proc/self/fd/{fd}").startswith("pipe:")
    except OSError:
        return False  # no /proc: waited for a bounded time, like a named pipe


def _chunks(src: _Opened, kind: str) -> Iterator[bytes]:
    """The input's bytes, at most its kind's bound (more is refused)."""
    import select

    limit = inputs.bound(kind)
    total = 0
    poll = None
    if src.timed:
        poll = select.poll()
        poll.register(src.fd, select.POLLIN | select.POLLPRI)
    while True:
        if poll is not None and not poll.poll(int(inputs.STREAM_WAIT_SECONDS * 1000)):
            raise _refuse("input_silent", src.name, kind, "nothing to read",
                          seconds=inputs.STREAM_WAIT_SECONDS)
        try:
            chunk = os.read(src.fd, min(CHUNK, limit + 1 - total))
        except BlockingIOError:
            continue
        except OSError as exc:
            raise _refuse("input_unreadable", src.name, kind, "cannot read",
                          reason=exc.strerror or str(exc)) from None
        if not chunk:
            return
        total += len(chunk)
        if total > limit:
            raise _refuse("input_too_big", src.name, kind, "too large", limit=limit,
                          stream=not src.regular)
        yield chunk


def read_bytes(given: str | os.PathLike[str], kind: str) -> tuple[bytes, str]:
    """All the bytes of the input `given` (a path, or `-`), read once with its kind's bound;
    and how messages name it."""
    with _opened(given, kind) as src:
        data = b"".join(_chunks(src, kind))
    return data, src.name


#: How much of a stream `regular_copy` hands to its `head` check before copying the rest.
HEAD_BYTES = 4096


@contextmanager
def regular_copy(given: str | os.PathLike[str] | Source, kind: str,
                 head: Callable[[bytes, str], None] | None = None) -> Iterator[Source]:
    """The input `given` as a regular file to read as often as needed: a regular file itself
    (checked, within the bound), a stream copied once into a private temporary file that is
    removed afterwards. `head(first_bytes, name)` may refuse a stream by its first bytes
    (up to HEAD_BYTES) before the rest is copied: /dev/zero is not a backup."""
    if isinstance(given, Source):
        yield given
        return
    copy: Path | None = None
    with _opened(given, kind) as src:
        if src.regular:
            path = Path(given).expanduser()
            source = Source(path, src.name, path.parent)
        else:
            copy = _spool(src, kind, head)
            source = Source(copy, src.name, Path.cwd(), copied=True)
    try:
        yield source
    finally:
        if copy is not None:
            copy.unlink(missing_ok=True)


def _checked_head(chunks: Iterator[bytes], name: str,
                  head: Callable[[bytes, str], None] | None) -> Iterator[bytes]:
    """`chunks`, after `head` has seen the first HEAD_BYTES of them (or all, if fewer)."""
    if head is None:
        yield from chunks
        return
    first, checked = b"", False
    for data in chunks:
        if checked:
            yield data
            continue
        first += data
        if len(first) >= HEAD_BYTES:
            head(first, name)
            checked = True
            yield first
    if not checked:
        head(first, name)
        yield first


def _spool(src: _Opened, kind: str, head: Callable[[bytes, str], None] | None = None) -> Path:
    import tempfile

    fd, name = tempfile.mkstemp(prefix=".homekit-input-")  # mode 600
    copy = Path(name)
    try:
        try:
            os.fchmod(fd, 0o600)
            _write_all(fd, _checked_head(_chunks(src, kind), src.name, head), src.name)
        finally:
            os.close(fd)
    except StorageError as exc:
        copy.unlink(missing_ok=True)
        raise StorageError(f"cannot copy {src.name}: {exc.facts.get('reason')}",
                           code="input_copy_failed", name=src.name, kind=kind,
                           reason=exc.facts.get("reason")) from None
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    return copy
