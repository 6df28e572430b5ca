"""One reason logging is blocked, as a fact (`homekit.domain.gates` decides them and hands
the class out by name too); apart, so that a status whose log may be added to today (no
gate holds) never builds its class."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from homekit.domain.records import Record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from homekit.domain.events import AdverseEvent
    from homekit.domain.models import Redness


@dataclass(frozen=True, eq=False, repr=False)
class Gate(Record):
    """One reason logging is blocked, with the facts the sentence needs."""

    name: str  # one of GATE_NAMES
    #: condition: "unanswered" or "unacknowledged"; redness: "severe" or "lasting".
    reason: str = ""
    #: interval: the first day a session is allowed and the days until then.
    next_eligible: dt.date | None = None
    days_left: int = 0
    #: redness: the session whose redness blocks, and the observation that shows it.
    session_id: int | None = None
    session_date: dt.date | None = None
    observation: Redness | None = None
    #: redness: that session's number (Session.number).
    session_number: int = 0
    #: adverse_event: the oldest open event that holds the session, and how many hold it.
    event: AdverseEvent | None = None
    events_open: int = 0
