"""Two sessions of one treatment closer than its interval: what logging or an import is
refused with. Apart from `floors`, so that a read such as `status` does not build its class."""

from __future__ import annotations

from dataclasses import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from homekit.domain.treatments.floors import Mark


@dataclass(frozen=True)
class IntervalClash:
    """Two sessions of one treatment closer than its interval."""

    attempted: Mark
    other: Mark
    interval_days: int

    @property
    def gap_days(self) -> int:
        return abs((self.attempted.date - self.other.date).days)
