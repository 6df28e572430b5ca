"""One logged adverse event (`homekit.domain.events` hands it out by name too); apart, so that
a read such as `status` builds its class only when a file holds an event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from homekit.domain.records import Record


@dataclass(frozen=True, eq=False, repr=False)
class AdverseEvent(Record):
    """One logged adverse event (what `event list --json` prints)."""

    id: int
    profile_id: int
    session_id: int | None
    kind: str
    event_date: dt.date
    notes: str
    resolved_on: dt.date | None
    resolved_by_professional: bool
    created_at: str
    #: The number of its session (Session.number), or None without a session.
    session_number: int | None = None

    @property
    def resolved(self) -> bool:
        return self.resolved_on is not None

    def days_open(self, today: dt.date) -> int:
        """Days from the event to its resolution (or to today while it is open)."""
        return ((self.resolved_on or today) - self.event_date).days

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "date": self.event_date.isoformat(),
            "session_id": self.session_id,
            "session_number": self.session_number,
            "notes": self.notes,
            "resolved": self.resolved,
            "resolved_on": self.resolved_on.isoformat() if self.resolved_on else None,
            "resolved_by_professional": self.resolved_by_professional,
            "created_at": self.created_at,
        }
