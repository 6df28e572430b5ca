"""The rows of an import file as read, before any value is checked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from homekit.domain.errors import InvalidInput


@dataclass
class RawProfile:
    """A profile named by the file, with its settings when the file carries them (JSON, and a
    CSV profile row: `text`, its cells as written, a name of None for the current profile)."""

    name: Any
    settings: dict[str, Any] | None
    ref: Any  # what `ImportFile.line` turns into a line number
    text: bool = False


@dataclass
class RawSession:
    profile: Any  # a profile name as written, or None: the current profile
    values: dict[str, Any]
    ref: Any
    #: The row could not even be read (wrong field count, ...): code and facts.
    problem: InvalidInput | None = None


class Unsupported(Exception):
    """The streamed reader met a layout it does not follow (keys out of homekit's order,
    a duplicate key, invalid JSON...): read the whole document instead (`ImportFile.whole`),
    which also words any error exactly."""


Item = RawProfile | RawSession
