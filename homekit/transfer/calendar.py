"""Calendar reminders: an iCalendar file with one event a remaining session, each with an alarm.

Times are "floating" local times (no time zone), so a calendar shows 09:00 wherever the
user is, as a kitchen calendar would. The services pass in the dates from
`rules.planned_dates`: the first on the next eligible date (today if that has passed),
each the profile's interval apart.
"""

from __future__ import annotations

import datetime as dt
import re

from homekit.domain import validate
from homekit.domain.models import Profile

DEFAULT_TIME = "09:00"
SESSION_MINUTES = 45
#: The alarm rings this long before the planned time.
ALARM_MINUTES_BEFORE = 15
PRODID = "-//homekit//reminders//EN"


def default_file_name(profile: Profile) -> str:
    """`homekit-reminders-<profile>.ics`, the profile's name made safe for a file name."""
    return f"homekit-reminders-{_slug(profile.name)}.ics"


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-") or "profile"


def event_uid(profile: Profile, number: int) -> str:
    """Stable per planned session: the profile (its id and creation time) and the session's
    number, so a calendar updates the event when the plan shifts instead of adding one."""
    made = re.sub(r"[^0-9]", "", profile.created_at)[:14] or "0"
    return f"homekit-{profile.id}-{made}-session-{number}@homekit"


def calendar_bytes(profile: Profile, done: int, dates: list[dt.date], time: str = DEFAULT_TIME,
                   sequences: dict[int, int] | None = None) -> bytes:
    """The iCalendar text for `dates`, each event at `time` (HH:MM, local) with an alarm.

    `sequences`: session number -> the event's SEQUENCE (raised each time its date moves).
    """
    from icalendar import Alarm, Calendar, Event

    at = dt.time.fromisoformat(validate.parse_time(time))
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"homekit: {profile.name}")
    for n, day in enumerate(dates, start=done + 1):
        start = dt.datetime.combine(day, at)
        event = Event()
        event.add("uid", event_uid(profile, n))
        event.add("sequence", (sequences or {}).get(n, 0))
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=SESSION_MINUTES))
        event.add("summary", f"Microdermabrasion session {n} of {profile.target_sessions}")
        event.add(
            "description",
            f"Planned by homekit for {profile.name}: sessions at least "
            f"{profile.min_interval_days} days apart. Wear the protective glasses. "
            "Skip it and see a skin professional if redness from the last one has not faded.",
        )
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"homekit: session {n} of {profile.target_sessions} is due")
        alarm.add("trigger", dt.timedelta(minutes=-ALARM_MINUTES_BEFORE))
        event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())
