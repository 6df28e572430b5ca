"""Where a file's schema differs from homekit's (`homekit check`, restore): built only when it
does, so that the check on every open defines no class for it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Difference:
    """The first object where a file's schema differs from homekit's.

    `change`: "extra" (an object homekit does not make), "missing" or "changed".
    """

    change: str
    type: str
    name: str
    table: str = ""
