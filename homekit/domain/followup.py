"""A redness observation owed for a session (`homekit.domain.gates` hands it out by name too);
apart, so that a read such as `status` builds its class only when one is owed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from homekit.domain.records import Record


@dataclass(frozen=True, eq=False, repr=False)
class Followup(Record):
    """A redness observation owed for a session: `hour` (about 1 h after) or `next_day`."""

    session_id: int
    session_date: dt.date
    kind: str
    due: dt.datetime
    session_number: int = 0

    def to_json(self) -> dict[str, object]:
        return {"session_id": self.session_id, "session_number": self.session_number,
                "session_date": self.session_date.isoformat(),
                "kind": self.kind, "due": self.due.isoformat(timespec="minutes")}
