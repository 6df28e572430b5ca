"""A treatment as one profile has it, and what the rules need of one session (the package
hands them out by name); apart from `floors`, so that a command's parser, which needs the
floors' constants and validators, defines no class."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from homekit.domain.records import Record
from homekit.domain.treatments.floors import DEFAULT_TREATMENT, MICRONEEDLING


@dataclass(frozen=True, eq=False, repr=False)
class Treatment(Record):
    """A treatment as one profile has it: its floor, the profile's interval and target."""

    name: str
    #: The floor in days (microneedling: the shallowest depth's).
    floor_days: int
    builtin: bool = True
    #: The profile's own interval (None: the floor), never below the floor.
    interval_days: int | None = None
    #: The profile's course target for this treatment (None: none set).
    target_sessions: int | None = None

    @property
    def min_interval_days(self) -> int:
        """The shortest interval a session of it keeps for this profile."""
        return max(self.floor_days, self.interval_days or 0)

    @property
    def needs_depth(self) -> bool:
        return self.name == MICRONEEDLING


@dataclass(frozen=True, eq=False, repr=False)
class Mark(Record):
    """What the rules need of one session: id, date, treatment, depth and areas."""

    id: int | None
    date: dt.date
    treatment: str = DEFAULT_TREATMENT
    depth_mm: float | None = None
    areas: tuple[str, ...] = ()
