"""The words of the calendar reminders: the events' texts and what `remind` and the app's
`c` say they wrote."""

from __future__ import annotations

import datetime as dt
from typing import Any

from homekit.domain.models import Profile
from homekit.words.base import day, plural
from homekit.words.errors import _ERRORS

NO_REMINDERS = "Target reached: no sessions left to remind you of; no file written."


def calendar_name(p: Profile) -> str:
    return f"homekit: {p.name}"


def reminder_summary(p: Profile, number: int, *, cancelled: bool = False,
                     treatment: str = "") -> str:
    name = treatment or "microdermabrasion"
    if cancelled:
        return f"Cancelled: {name} session {number} (no longer planned)"
    return f"{name[0].upper()}{name[1:]} session {number} of {p.target_sessions}"


def reminder_description(p: Profile, *, cancelled: bool = False) -> str:
    if cancelled:
        return (f"No longer planned by homekit for {p.name} (the session was logged or the "
                "plan changed).")
    return (f"Planned by homekit for {p.name}: sessions at least {p.min_interval_days} days "
            "apart. Wear the protective glasses. Skip it and see a skin professional if "
            "redness from the last one has not faded.")


def reminder_alarm(p: Profile, number: int, treatment: str = "") -> str:
    what = f"{treatment} session" if treatment else "session"
    return f"homekit: {what} {number} of {p.target_sessions} is due"


def _zone(zone: str) -> str:
    return "UTC (no time zone found: choose one with --tz)" if zone == "UTC" else zone


def reminders_written(result: Any, time: object) -> str:
    """What `remind` wrote: the planned reminders, their time and zone, the cancelled ones."""
    cancelled = (f"; {plural(result.cancelled, 'earlier reminder')} no longer planned, marked "
                 "cancelled" if result.cancelled else "")
    if not result.count:
        return (f"Target reached: no sessions left to remind you of. Wrote {result.path}"
                f"{cancelled}: import it so your calendar drops them.")
    first = result.first_date.isoformat() if result.first_date else "-"
    return (f"Wrote {plural(result.count, 'reminder')} to {result.path}, the first on {first} "
            f"at {time} {_zone(result.zone)}{cancelled}. Open it with your calendar app; "
            "importing a newer file updates the events.")


def reminders_written_app(count: int, first: dt.date | None, path: object,
                          cancelled: int = 0) -> str:
    when = f", the first on {day(first)}" if first else ""
    dropped = f" ({cancelled} no longer planned: cancelled)" if cancelled else ""
    return (f"Wrote {count} reminder{'s' if count != 1 else ''}{when}{dropped} to {path}. "
            "Import it into your calendar; a newer file updates the events.")


_ERRORS["unknown_time_zone"] = lambda f, e: (
    f"unknown time zone {f['zone']!r}: give a name such as Europe/Paris or America/New_York "
    "(the tz database's names)")
