"""What the user says about an adverse event, not yet stored (`homekit.domain.events` hands it
out by name too); apart, so that a read such as `status` does not build its class."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class EventDraft:
    """What the user says about an event: it is stored as given (open)."""

    kind: str
    event_date: dt.date
    session_id: int | None = None
    notes: str = ""
    resolved_on: dt.date | None = None
    resolved_by_professional: bool = False
