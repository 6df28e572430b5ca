"""The plan: the dates of the remaining sessions, and calendar reminders for them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

from homekit.domain import gates, rules, validate
from homekit.domain.errors import RuleViolation
from homekit.services.safety import SafetyService

if TYPE_CHECKING:
    from homekit.services.outcomes import ReminderFile

REMINDER_TIME_KEY = "reminder_time"
#: Per profile: {session number: [date last written, SEQUENCE]}.
REMINDER_SEQUENCE_KEY = "reminder_sequences"


class PlanService(SafetyService):
    def reminder_dates(self) -> list[dt.date]:
        """The planned date of every remaining session of the current profile."""
        profile = self.profile()
        dates = self._store.session_dates(profile.id)
        return rules.planned_dates(dates, profile.min_interval_days, profile.target_sessions,
                                   self.today())

    def reminder_time(self) -> str:
        """The time of day of the current profile's reminders (HH:MM; 09:00 unless set)."""
        from homekit.transfer.calendar import DEFAULT_TIME

        return self._store.get_setting(f"{REMINDER_TIME_KEY}:{self.profile().id}") or DEFAULT_TIME

    def set_reminder_time(self, time: str) -> str:
        time = validate.parse_time(time)
        key = f"{REMINDER_TIME_KEY}:{self.profile().id}"
        with self._store.write():
            self._store.set_setting(key, time)
        return time

    def reminders_file_name(self) -> str:
        from homekit.transfer.calendar import default_file_name

        return default_file_name(self.profile())

    def write_reminders(self, path: str | Path | None = None, time: str | None = None, *,
                        replace: bool = True) -> ReminderFile:
        """Write the reminders of the current profile (owner-only); returns the full path.

        No `path`: `homekit-reminders-<profile>.ics` in the current folder. No `time`: the
        profile's reminder time. Each event keeps its UID from one file to the next, and its
        SEQUENCE goes up when its date moves, so a calendar updates it on re-import.
        `replace=False` refuses an existing file. Refused (nothing written) while the
        condition or redness gate blocks logging: no session should be planned until it is
        lifted.
        """
        from homekit.files import STDIO, check_output, is_stdout, write_output
        from homekit.services.outcomes import ReminderFile
        from homekit.transfer.calendar import calendar_bytes

        profile = self.profile()
        given = path or self.reminders_file_name()
        path = Path(STDIO) if is_stdout(given) else Path(given).expanduser().absolute()
        check_output(given, replace=replace)
        time = validate.parse_time(time or self.reminder_time())
        blocks = [g for g in self.gates() if g.name in gates.REMINDER_BLOCKS]
        if blocks:
            raise RuleViolation("refused: logging is blocked, no reminders written",
                                code="reminders_blocked", gates=blocks)
        dates = self.reminder_dates()
        if not dates:
            return ReminderFile(path, 0, None)
        done = self._store.session_count(profile.id)
        key = f"{REMINDER_SEQUENCE_KEY}:{profile.id}"
        with self._store.write():
            seen = json.loads(self._store.get_setting(key) or "{}")
            sequences = {}
            for n, day in enumerate(dates, start=done + 1):
                date, seq = seen.get(str(n), [day.isoformat(), 0])
                sequences[n] = seq + 1 if date != day.isoformat() else seq
                seen[str(n)] = [day.isoformat(), sequences[n]]
            self._store.set_setting(key, json.dumps(seen, sort_keys=True))
        path = write_output(given, calendar_bytes(profile, done, dates, time, sequences),
                            replace=replace)
        return ReminderFile(path, len(dates), dates[0], tuple(dates))
