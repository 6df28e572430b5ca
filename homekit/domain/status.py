"""Where a profile stands today: the facts `homekit status` prints and the dashboard shows
(split from models, which holds what is stored)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from homekit.domain.records import Record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from homekit.domain.alerts import RednessAlert
    from homekit.domain.errors import HomekitError
    from homekit.domain.gates import Followup, Gate
    from homekit.domain.models import Redness
    from homekit.domain.treatments import Standing


@dataclass(frozen=True, eq=False, repr=False)
class Status(Record):
    """Where a profile stands today: what `homekit status` and the dashboard show."""

    profile: str
    target_sessions: int
    min_interval_days: int
    sessions_done: int
    last_session_date: dt.date | None
    next_eligible_date: dt.date | None
    days_until_eligible: int
    projected_completion_date: dt.date | None
    latest_redness: Redness | None
    #: What the latest redness calls for (homekit.words says it), if anything.
    redness_alert: RednessAlert | None
    today: dt.date
    #: Set when sessions are dated after today (the system clock moved back): code
    #: `clock_behind` and its dates (homekit.words says it).
    clock_warning: HomekitError | None = None
    #: What blocks logging today (domain.gates); empty when a session may be logged.
    gates: tuple[Gate, ...] = ()
    #: Redness observations owed for the latest session.
    followups: tuple[Followup, ...] = ()
    #: The profile's Fitzpatrick skin type (None: not given).
    skin_type: int | None = None
    #: Where each treatment in use (or with a target) stands (domain.treatments.Standing).
    treatments: tuple[Standing, ...] = ()

    @property
    def redness_warning_serious(self) -> bool:
        """The alert asks the user to pause and consult a professional."""
        return bool(self.redness_alert and self.redness_alert.serious)

    @property
    def blocked_by(self) -> list[str]:
        return [g.name for g in self.gates]

    @property
    def eligible_now(self) -> bool:
        return not self.gates

    def gate(self, name: str) -> Gate | None:
        return next((g for g in self.gates if g.name == name), None)

    def to_json(self, redness_warning: str | None,
                clock_warning: str | None = None) -> dict[str, object]:
        """`status --json`'s document; `redness_warning`, `clock_warning`: the alert's and the
        clock note's sentences (homekit.words says them: the domain speaks no sentences)."""

        def iso(d: dt.date | None) -> str | None:
            return d.isoformat() if d else None

        red = self.latest_redness
        return {
            "profile": self.profile,
            "target_sessions": self.target_sessions,
            "min_interval_days": self.min_interval_days,
            "sessions_done": self.sessions_done,
            "sessions_remaining": max(0, self.target_sessions - self.sessions_done),
            "last_session_date": iso(self.last_session_date),
            "next_eligible_date": iso(self.next_eligible_date),
            "days_until_eligible": self.days_until_eligible,
            "eligible_now": self.eligible_now,
            "blocked_by": self.blocked_by,
            "followups_due": [f.to_json() for f in self.followups],
            "projected_completion_date": iso(self.projected_completion_date),
            "latest_redness": None
            if red is None
            else {
                "session_id": red.session_id,
                "session_number": red.session_number,
                "observed_at": red.observed_at,
                "severity": red.severity,
                "severity_word": red.severity_word,
                "faded_after_min": red.faded_after_min,
            },
            "redness_warning": redness_warning,
            "redness_warning_serious": self.redness_warning_serious,
            "today": self.today.isoformat(),
            "clock_warning": clock_warning,
            "skin_type": self.skin_type,
            "treatments": [t.to_json() for t in self.treatments],
        }
