"""Errors that every layer may raise; each carries the CLI exit code it maps to."""

from __future__ import annotations

import datetime as dt


class HomekitError(Exception):
    """Base class: a one-line, user-facing message."""

    exit_code = 1


class InvalidInput(HomekitError):
    """A value the user gave is not acceptable (exit 2).

    `field` names the value at fault (e.g. "date") when a form can show it beside that field.
    """

    exit_code = 2

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


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
        message: str,
        *,
        attempted: dt.date | None = None,
        conflicting: dt.date | None = None,
        next_eligible: dt.date | None = None,
        days_left: int | None = None,
    ) -> None:
        super().__init__(message)
        self.attempted = attempted
        self.conflicting = conflicting
        self.next_eligible = next_eligible
        self.days_left = days_left
