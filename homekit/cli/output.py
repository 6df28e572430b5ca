"""What the CLI prints: user text (names, notes, paths) never reaches the terminal as control.

A note or profile name may hold ESC sequences or bidi overrides; printed raw they could
recolour, hide or reorder what a user reads. Every line goes out through `say`, every JSON
document through `say_json`, with those characters made visible (JSON: as \\u escapes, so the
document still decodes to the same values).
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import IO, Any, TypeVar

    Record = TypeVar("Record")


def say(text: object = "", *, file: IO[str] | None = None) -> None:
    from homekit import words

    print(words.control_free(str(text)), file=file if file is not None else sys.stdout)


def json_text(value: Any) -> str:
    """`value` as JSON (UTF-8 kept readable), with terminal control characters \\u-escaped."""
    import json  # (not for --help)

    return json_safe(json.dumps(value, ensure_ascii=False))


def json_safe(text: str) -> str:
    """A JSON document with the control characters left in its strings \\u-escaped (same
    values; the document's own line breaks are kept)."""
    if text.replace("\n", "").isprintable():  # no control character (the usual case): as is
        return text
    from homekit import words

    return "".join(f"\\u{ord(c):04x}" if c != "\n" and words.is_control(c) else c for c in text)


def say_json(value: Any) -> None:
    print(json_text(value))


def say_records(found: Sequence[Record], as_json: bool, to_json: Callable[[Record], Any],
                line: Callable[[Record], str], empty: str | None) -> int:
    """What a list command prints: the records as one JSON list, or a line each (`empty`, when
    given, where there are none). Its exit code: 0."""
    if as_json:
        say_json([to_json(r) for r in found])
        return 0
    if not found and empty is not None:
        say(empty)
    for r in found:
        say(line(r))
    return 0
