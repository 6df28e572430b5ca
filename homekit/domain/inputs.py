"""How much homekit reads at most from a file or a stream the user names, by kind of input.

A regular file larger than its bound is refused before it is read; a stream (standard input,
a pipe, a device) is read up to its bound and refused if it goes on. The refusal says the
bound. The values are looked up when an input is read (tests lower them).
"""

from __future__ import annotations

from homekit.domain import photos

#: An export to import: 128 MiB is more than twice a JSON export of 100,000 sessions (56 MB).
MAX_IMPORT_BYTES = 128 * 2**20
#: A backup to restore (photos included): 4 GiB.
MAX_BACKUP_BYTES = 4 * 2**30
#: Seconds a named pipe or a device may stay silent (no writer, nothing written) before it is
#: refused; pipes made by the shell (`cmd |`, `<(cmd)`) are waited for as long as they take.
STREAM_WAIT_SECONDS = 5.0

#: The kinds of input and what a refusal says was not done.
KINDS = ("photo", "import", "backup")


def bound(kind: str) -> int:
    """The most bytes read for an input of `kind` ("photo", "import" or "backup")."""
    if kind == "photo":
        return photos.MAX_SOURCE_BYTES
    if kind == "import":
        return MAX_IMPORT_BYTES
    if kind == "backup":
        return MAX_BACKUP_BYTES
    raise ValueError(f"unknown kind of input {kind!r}")
