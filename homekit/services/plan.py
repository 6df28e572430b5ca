"""The plan: the dates of the remaining sessions, and calendar reminders for them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

from homekit.domain import gates, rules, validate
from homekit.domain.errors import RuleViolation
from homekit.services.context import Context
from homekit.services.safety import Safety

if TYPE_CHECKING:
    from homekit.services.outcomes import ReminderFile
    from homekit.transfer.calendar import CalendarWords

REMINDER_TIME_KEY = "reminder_time"
#: Per profile: {session number: [date, SEQUENCE, start, state]} (domain.reminders).
REMINDER_SEQUENCE_KEY = "reminder_sequences"


class Plan:
    """The remaining sessions' dates, and reminder files for them."""

    def __init__(self, ctx: Context, safety: Safety) -> None:
        self.ctx = ctx
        self.safety = safety

    def reminder_dates(self) -> list[dt.date]:
        """The planned date of every remaining session of the current profile."""
        profile = self.ctx.profile()
        dates = self.ctx.store.session_dates(profile.id)
        return rules.planned_dates(dates, profile.min_interval_days, profile.target_sessions,
                                   self.ctx.today())

    def reminder_time(self) -> str:
        """The time of day of the current profile's reminders (HH:MM; 09:00 unless set)."""
        from homekit.transfer.calendar import DEFAULT_TIME

        return self.ctx.store.get_setting(f"{REMINDER_TIME_KEY}:{self.ctx.profile().id}") or DEFAULT_TIME

    def set_reminder_time(self, time: str) -> str:
        time = validate.parse_time(time)
        key = f"{REMINDER_TIME_KEY}:{self.ctx.profile().id}"
        if self.reminder_time() == time:
            return time  # unchanged (or the default, unset): nothing written
        with self.ctx.store.write():
            self.ctx.store.set_setting(key, time)
        return time

    def reminders_file_name(self) -> str:
        from homekit.transfer.calendar import default_file_name

        return default_file_name(self.ctx.profile())

    def reminder_zone(self, zone: str | None = None) -> str:
        """The zone reminders are written in: `zone` (checked), else the system's, else UTC."""
        from homekit.transfer.zones import system_zone, time_zone

        return time_zone(zone) if zone is not None else system_zone()

    def write_reminders(self, wording: CalendarWords, path: str | Path | None = None,
                        time: str | None = None, *,
                        zone: str | None = None, replace: bool = True) -> ReminderFile:
        """Write the reminders of the current profile (owner-only); returns the full path.

        No `path`: `homekit-reminders-<profile>.ics` in the current folder. No `time`: the
        profile's reminder time. No `zone`: the system's time zone (UTC if it has none).
        The events' words come from `wording` (homekit.words.calendar). Each event keeps its
        UID from one file to the next; a reminder of an earlier file that
        is no longer planned stays, cancelled; SEQUENCE goes up when an event's start or
        status changes, so a calendar updates it on re-import and never keeps two. Nothing is
        written when nothing is planned and nothing was ever written. `replace=False` refuses
        an existing file. Refused (nothing written) while the condition or redness gate
        blocks logging: no session should be planned until it is lifted.
        """
        from homekit.domain.reminders import reconcile
        from homekit.files import STDIO, check_output, is_stdout, write_output
        from homekit.services.outcomes import ReminderFile
        from homekit.transfer.calendar import calendar_bytes, start_key

        profile = self.ctx.profile()
        given = path or self.reminders_file_name()
        path = Path(STDIO) if is_stdout(given) else Path(given).expanduser().absolute()
        check_output(given, replace=replace)
        time = validate.parse_time(time or self.reminder_time())
        zone = self.reminder_zone(zone)
        blocks = [g for g in self.safety.gates() if g.name in gates.REMINDER_BLOCKS]
        if blocks:
            raise RuleViolation(code="reminders_blocked", gates=blocks)
        dates = self.reminder_dates()
        done = self.ctx.store.session_count(profile.id)
        planned = list(enumerate(dates, start=done + 1))
        key = f"{REMINDER_SEQUENCE_KEY}:{profile.id}"
        with self.ctx.store.write():
            ledger = _ledger(self.ctx.store.get_setting(key))
            events, kept = reconcile(ledger, planned, start_key(time, zone))
            if not events:
                return ReminderFile(path, 0, None, zone=zone)
            self.ctx.store.set_setting(key, json.dumps(kept, sort_keys=True))
        data = calendar_bytes(profile, events, wording, time, zone, self.ctx.utc_now())
        path = write_output(given, data, replace=replace)
        return ReminderFile(path, len(dates), dates[0] if dates else None, tuple(dates),
                            cancelled=len(events) - len(dates), zone=zone)


def _ledger(text: str | None) -> dict[str, object]:
    """The stored record of earlier reminder files ({} when missing or not readable)."""
    try:
        found = json.loads(text or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}
