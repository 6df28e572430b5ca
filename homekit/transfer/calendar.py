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


def calendar_bytes(profile: Profile, done: int, dates: list[dt.date], time: str = DEFAULT_TIME) -> bytes:
    """The iCalendar text for `dates`, each event at `time` (HH:MM, local) with an alarm."""
    from icalendar import Alarm, Calendar, Event

    at = dt.time.fromisoformat(validate.parse_time(time))
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", profile.name).strip("-") or "profile"
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"homekit: {profile.name}")
    for n, day in enumerate(dates, start=done + 1):
        start = dt.datetime.combine(day, at)
        event = Event()
        event.add("uid", f"homekit-{slug}-{profile.id}-{day.isoformat()}@homekit")
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
