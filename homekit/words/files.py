"""Files in and out: why an input or an output the user named was refused (homekit.files)."""

from __future__ import annotations

from collections.abc import Callable

from homekit.words.base import shown
from homekit.words.errors import _ERRORS

#: What a refused input left undone, by kind of input.
_NOT_DONE = {"photo": "nothing was stored", "import": "nothing was imported",
             "backup": "nothing was restored"}
#: What each kind of input is, in a sentence.
_A_KIND = {"photo": "a photo", "import": "an import", "backup": "a backup"}


def size_text(n: int) -> str:
    """A bound in binary megabytes or gigabytes: `64 MB`, `4 GB` (`1000 bytes` below a MB)."""
    if n < 2**20:
        return f"{n} bytes"
    return f"{n // 2**30} GB" if n % 2**30 == 0 else f"{n // 2**20} MB"


def seconds_text(s: object) -> str:
    return f"{s:g} seconds" if isinstance(s, (int, float)) else f"{s} seconds"


def _not_done(f: dict[str, object]) -> str:
    return _NOT_DONE.get(str(f.get("kind")), "nothing was done")


def _input(why: str) -> Callable[[dict[str, object], object], str]:
    """The renderer of a refused input: `NAME why; nothing was stored`."""
    return lambda f, e: f"{shown(f['name'])} {why}; {_not_done(f)}"


def _too_big(f: dict[str, object], e: object) -> str:
    limit = size_text(int(f["limit"]))  # type: ignore[call-overload]
    what = _A_KIND.get(str(f["kind"]), "an input")
    done = _not_done(f)
    if f.get("stream"):
        return (f"{shown(f['name'])} goes on past {limit}, the most homekit reads for {what}; "
                f"{done}")
    return f"{shown(f['name'])} is larger than {limit}, too large for {what}; {done}"


def _silent(f: dict[str, object], e: object) -> str:
    return (f"nothing came from {shown(f['name'])} for {seconds_text(f['seconds'])} "
            f"(a pipe nobody writes to?); {_not_done(f)}")


_ERRORS.update({
    "input_missing": _input("does not exist"),
    "input_folder": _input("is a folder, not a file"),
    "input_socket": _input("is a socket, not a file"),
    "input_terminal": _input("is a terminal: name a file, or pipe one in (< FILE)"),
    "input_unreadable": lambda f, e: (f"cannot read {shown(f['name'])} ({f['reason']}); "
                                      f"{_not_done(f)}"),
    "input_copy_failed": lambda f, e: (
        f"cannot copy {shown(f['name'])} to a temporary file ({f['reason']}); "
        f"{_not_done(f)}"),
    "input_too_big": _too_big,
    "input_silent": _silent,
    "output_folder": "{path!p} is a folder; name a file in it",
    "output_socket": (
        "{path!p} is a socket; homekit writes to files, pipes and devices such as /dev/null"),
    "output_disk": "{path!p} is a disk device; homekit does not write to disks",
    "output_terminal": "{path!p} is a terminal; write to a file (-o FILE) or redirect it (> FILE)",
    "output_no_reader": lambda f, e: (f"nothing reads from {shown(f['path'])} (waited "
                                      f"{seconds_text(f['seconds'])}); nothing was written"),
    "output_write_failed": "cannot write {path!p}: {reason}",
    "output_changed": "{path!p} changed while it was written",
})


# -- the app: an existing file is replaced only after a yes ----------------------------

REPLACE_FILE_TITLE = "Replace the file?"


def replace_file_question(path: object) -> str:
    return f"{shown(path, 200)} already exists. Replace it?"


def file_kept_app(path: object) -> str:
    return f"{shown(path, 200)} already exists and was kept as it was; nothing was written."
