"""What the services hand back: facts for the words module and the UIs to show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from homekit.domain import medical, rules
from homekit.domain.errors import HomekitError
from homekit.domain.models import Session


@dataclass(frozen=True)
class LogResult:
    """What logging a session gives back: the session, the next date and any warnings."""

    session: Session
    next_eligible_date: dt.date
    days_until_eligible: int
    redness_alert: rules.RednessAlert | None = None
    #: Set when other sessions are dated after today (the system clock looks wrong): code
    #: `clock_behind` and its dates (homekit.words says it).
    clock_warning: HomekitError | None = None
    #: Dated medical answers that call for a warning (never a block).
    medical_warnings: tuple[medical.MedicalWarning, ...] = ()
