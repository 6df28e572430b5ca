"""Two sessions closer than the rules allow: of one treatment, closer than its interval (what
logging or an import is refused with); of two resurfacing treatments on one area, within the
conflict window. Apart from `floors`, so that a read such as `status` builds their classes only
when it finds such a pair."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from homekit.domain.treatments.floors import CONFLICT_WINDOW_DAYS, shared_areas
from homekit.domain.treatments.marks import Mark


@dataclass(frozen=True)
class IntervalClash:
    """Two sessions of one treatment closer than its interval."""

    attempted: Mark
    other: Mark
    interval_days: int

    @property
    def gap_days(self) -> int:
        return abs((self.attempted.date - self.other.date).days)


@dataclass(frozen=True)
class WindowClash:
    """Two resurfacing sessions of different treatments on overlapping areas, too close."""

    attempted: Mark
    other: Mark
    window_days: int = CONFLICT_WINDOW_DAYS

    @property
    def gap_days(self) -> int:
        return abs((self.attempted.date - self.other.date).days)

    @property
    def areas(self) -> tuple[str, ...]:
        """The areas both name (empty: one of them names none, so every area)."""
        return shared_areas(self.attempted.areas, self.other.areas)

    @property
    def clears_on(self) -> dt.date:
        """The first day after the other session on which the attempted one would fit."""
        return self.other.date + dt.timedelta(days=self.window_days)
