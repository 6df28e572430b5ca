"""The plan: the dates of the remaining sessions, and calendar reminders for them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from homekit.domain import rules, validate
from homekit.domain.errors import RuleViolation
from homekit.services.safety import SafetyService


@dataclass(frozen=True)
class ReminderFile:
    """What `write_reminders` wrote: no file is written when `count` is 0 (target reached)."""

    path: Path
    count: int
    first_date: dt.date | None
    dates: tuple[dt.date, ...] = ()


#: Gates that stop reminders: the interval is what the plan is made of, not a block.
REMINDER_BLOCKS = ("condition", "redness")


class PlanService(SafetyService):
    def reminder_dates(self) -> list[dt.date]:
        """The planned date of every remaining session of the current profile."""
        profile = self.profile()
        dates = self._store.session_dates(profile.id)
        return rules.planned_dates(dates, profile.min_interval_days, profile.target_sessions,
                                   self.today())

    def write_reminders(self, path: str | Path, time: str | None = None, *,
                        replace: bool = True) -> ReminderFile:
        """Write the reminders of the current profile to `path` (owner-only);
        `replace=False` refuses an existing file.

        Refused (nothing written) while the condition or redness gate blocks logging: no
        session should be planned until it is lifted.
        """
        from homekit.storage.files import refuse_existing_output, write_private
        from homekit.transfer.calendar import DEFAULT_TIME, calendar_bytes

        path = Path(path).expanduser()
        refuse_existing_output(path, replace)
        time = validate.parse_time(time or DEFAULT_TIME)
        blocks = [g for g in self.gates() if g.name in REMINDER_BLOCKS]
        if blocks:
            raise RuleViolation("refused: logging is blocked, no reminders written",
                                code="reminders_blocked", gates=blocks)
        dates = self.reminder_dates()
        if not dates:
            return ReminderFile(path, 0, None)
        profile = self.profile()
        done = self._store.session_count(profile.id)
        write_private(path, calendar_bytes(profile, done, dates, time), replace=replace)
        return ReminderFile(path, len(dates), dates[0], tuple(dates))
