"""What the less frequent use cases hand back: undo steps, a deleted profile, the demo, the
reminder and report files.

Kept apart from the use-case modules because building a frozen dataclass costs about 0.4 ms
of start-up and `status` and `log` never need these: a use case imports this module when it
hands one back. `homekit.services` exports them by name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from homekit.domain.models import Profile


@dataclass(frozen=True)
class UndoStep:
    """One change `homekit undo` can revert; `facts` describe it (ids, dates, names)."""

    id: int
    kind: str
    created_at: str
    facts: dict[str, Any] = field(default_factory=dict)
    #: Set when the step was dropped because it could not be used (a JournalFault).
    fault: Any = None


@dataclass(frozen=True)
class ProfileDeleted:
    """What deleting a profile removed (its sessions and redness observations) and the
    backup taken first, the way back."""

    profile: Profile
    sessions: int
    observations: int
    backup: Path


@dataclass(frozen=True)
class DemoResult:
    """The demo file written: its profile and the sessions made up, first to last."""

    path: Path
    profile: str
    sessions: int
    first_date: dt.date
    last_date: dt.date


@dataclass(frozen=True)
class ReminderFile:
    """What `write_reminders` wrote: `count` planned reminders from `first_date`, in `zone`,
    and `cancelled` earlier ones no longer planned. No file is written when both are 0."""

    path: Path
    count: int
    first_date: dt.date | None
    dates: tuple[dt.date, ...] = ()
    cancelled: int = 0
    zone: str = "UTC"

    @property
    def written(self) -> bool:
        return bool(self.count or self.cancelled)


@dataclass(frozen=True)
class ReportFile:
    path: Path
    pages: int
    sessions: int
    photos: int
