"""Calendar reminders: an iCalendar file with one event a remaining session, each with an alarm.

Each start is a local time in a named zone (DTSTART;TZID=Europe/Paris), and the file carries
that zone's rules (VTIMEZONE), so every calendar and parser reads the same instant: a
floating time (no zone) is read as UTC by some parsers. The services pass in the events from
`domain.reminders.reconcile`: the remaining sessions on the dates of `rules.planned_dates`,
then the reminders of earlier files that are no longer planned, as cancelled. The words in
the events come from the caller (`homekit.words.calendar` is a `CalendarWords`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Protocol

from homekit.domain import validate
from homekit.domain.errors import InvalidInput
from homekit.domain.models import Profile
from homekit.domain.reminders import Reminder
from homekit.transfer.zones import UTC, is_zone

DEFAULT_TIME = "09:00"
SESSION_MINUTES = 45
#: The alarm rings this long before the planned time.
ALARM_MINUTES_BEFORE = 15
PRODID = "-//homekit//reminders//EN"


class CalendarWords(Protocol):
    """The sentences a reminder file holds (homekit.words.calendar provides them)."""

    def calendar_name(self, p: Profile) -> str: ...
    def reminder_summary(self, p: Profile, number: int, *, cancelled: bool = False) -> str: ...
    def reminder_description(self, p: Profile, *, cancelled: bool = False) -> str: ...
    def reminder_alarm(self, p: Profile, number: int) -> str: ...


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


def start_key(time: str, zone: str) -> str:
    """How a start is remembered between files: "09:00 Europe/Paris"."""
    return f"{validate.parse_time(time)} {zone}"


def _start_of(key: str | None, fallback: str) -> tuple[dt.time, str]:
    """The time of day and zone of a remembered start (the fallback when unreadable)."""
    for text in (key, fallback):
        time, _, zone = (text or "").partition(" ")
        try:
            at = dt.time.fromisoformat(validate.parse_time(time))
        except InvalidInput:
            continue
        if is_zone(zone):
            return at, zone
    raise InvalidInput(code="reminder_start_unusable", fallback=fallback)


def calendar_bytes(profile: Profile, reminders: Sequence[Reminder], words: CalendarWords,
                   time: str = DEFAULT_TIME, zone: str = UTC,
                   stamp: dt.datetime | None = None) -> bytes:
    """The iCalendar text for `reminders`, each planned one at `time` (HH:MM) in `zone`, with
    an alarm; the cancelled ones at the start they were last written with; in `words`.

    `stamp`: when the file is written (DTSTAMP, UTC); now when not given.
    """
    from zoneinfo import ZoneInfo

    from icalendar import Alarm, Calendar, Event

    here = start_key(time, zone)
    stamp = (stamp or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", words.calendar_name(profile))
    days: list[dt.date] = []
    for r in reminders:
        at, tz = _start_of(r.start if r.cancelled else here, here)
        start = dt.datetime.combine(r.day, at, tzinfo=ZoneInfo(tz))
        days.append(r.day)
        event = Event()
        event.add("uid", event_uid(profile, r.number))
        event.add("sequence", r.sequence)
        event.add("dtstamp", stamp.replace(microsecond=0))
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=SESSION_MINUTES))
        event.add("summary", words.reminder_summary(profile, r.number, cancelled=r.cancelled))
        event.add("description", words.reminder_description(profile, cancelled=r.cancelled))
        event.add("status", "CANCELLED" if r.cancelled else "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        if not r.cancelled:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", words.reminder_alarm(profile, r.number))
            alarm.add("trigger", dt.timedelta(minutes=-ALARM_MINUTES_BEFORE))
            event.add_component(alarm)
        cal.add_component(event)
    if days:
        # The zones' rules over the span of the events (a year past the last, for a calendar
        # that shows them later); UTC needs none: its times are written with a Z.
        cal.add_missing_timezones(first_date=min(days) - dt.timedelta(days=1),
                                  last_date=max(days) + dt.timedelta(days=366))
    return bytes(cal.to_ical())
