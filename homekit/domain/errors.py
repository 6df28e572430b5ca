"""Errors that every layer may raise; each carries the CLI exit code it maps to.

An error carries facts, not only a sentence: `code` names what went wrong and `facts` holds
the values (dates, days, field, limits) that `homekit.words` turns into the sentence both UIs
show. `str(exc)` is a plain fallback for logs and for errors that have no code yet.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    import datetime as dt
    from typing import Any


class HomekitError(Exception):
    """Base class: a one-line, user-facing message plus the facts behind it."""

    exit_code = 1

    def __init__(self, message: str = "", *, code: str | None = None, **facts: Any) -> None:
        super().__init__(message or code or type(self).__name__)
        self.code = code
        self.facts: dict[str, Any] = facts


class InvalidInput(HomekitError):
    """A value the user gave is not acceptable (exit 2).

    `field` names the value at fault (e.g. "date") when a form can show it beside that field.
    """

    exit_code = 2

    def __init__(
        self, message: str = "", *, field: str | None = None, code: str | None = None, **facts: Any
    ) -> None:
        super().__init__(message, code=code, **facts)
        self.field = field

    @classmethod
    def unless_among(cls, text: str, choices: tuple[str, ...], *, typed: object, field: str,
                     code: str) -> str:
        """`text` (a value as typed, made canonical) when it is one of `choices`; else the
        refusal that names the field, what was `typed` (clipped) and the choices."""
        if text not in choices:
            raise cls(field=field, code=code, value=str(typed)[:40], choices=choices)
        return text


class NotFound(InvalidInput):
    """A profile or session that does not exist (exit 2)."""


class StorageError(HomekitError):
    """The data file cannot be opened, read or written (exit 1)."""

    exit_code = 1


class RuleViolation(HomekitError):
    """A session date that breaks the minimum interval between sessions (exit 3)."""

    exit_code = 3

    def __init__(
        self,
        message: str = "",
        *,
        attempted: dt.date | None = None,
        conflicting: dt.date | None = None,
        next_eligible: dt.date | None = None,
        days_left: int | None = None,
        interval_days: int | None = None,
        code: str | None = None,
        **facts: Any,
    ) -> None:
        super().__init__(message, code=code, **facts)
        self.attempted = attempted
        self.conflicting = conflicting
        self.next_eligible = next_eligible
        self.days_left = days_left
        self.interval_days = interval_days
