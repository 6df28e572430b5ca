"""A session date refused by the weekly rule, and where it could go instead: facts for the
refusal's words. Apart from `rules` (which hands them out by name) so that a read such as
`status` does not build these classes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Conflict:
    """Why a date was refused: the nearest session that is too close."""

    attempted: dt.date
    conflicting: dt.date
    interval_days: int

    @property
    def gap_days(self) -> int:
        return abs((self.attempted - self.conflicting).days)

    @property
    def relation(self) -> str:
        """How the attempted date stands to the conflicting one: `3 days after`, `1 day before`."""
        gap = self.gap_days
        side = "after" if self.attempted > self.conflicting else "before"
        return f"{gap} day{'s' if gap != 1 else ''} {side}"


@dataclass(frozen=True)
class Openings:
    """Where a refused session date could go instead (facts for the refusal's words)."""

    #: The latest date before the refused one that keeps the rule (None: none from the
    #: earliest date homekit accepts), and the earliest after it (may lie after today).
    earlier: dt.date | None
    later: dt.date | None
    #: An edit: the first and last date the session may take between its neighbours
    #: (None when it cannot move at all), and those neighbours' dates (None: none that side).
    window: tuple[dt.date, dt.date] | None = None
    neighbours: tuple[dt.date | None, dt.date | None] = (None, None)
