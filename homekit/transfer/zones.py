"""The user's time zone for calendar reminders: a name from the IANA database
("Europe/Paris"), chosen with `remind --tz` or read from the system, else UTC.

Read with the standard library's zoneinfo (the system's zone files, else the tzdata package
that icalendar brings), so a calendar file can carry the zone's rules (VTIMEZONE).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from homekit.domain.errors import InvalidInput

UTC = "UTC"
#: Names in the zone folder that are not zones a calendar elsewhere would know.
_NOT_ZONES = frozenset({"localtime", "posixrules", "posix", "right", "Factory"})
_NAME = re.compile(r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*")
_LOCALTIME = Path("/etc/localtime")
_TIMEZONE_FILE = Path("/etc/timezone")


def is_zone(name: str) -> bool:
    """Whether `name` is exactly a zone of the database (its case, no spaces)."""
    from zoneinfo import ZoneInfo

    if not _NAME.fullmatch(name) or name.split("/")[0] in _NOT_ZONES:
        return False
    try:
        ZoneInfo(name)
    except (ValueError, OSError, LookupError):  # not found, a folder, unreadable
        return False
    return True


def time_zone(text: str) -> str:
    """A time zone name as the IANA database spells it (any case accepted), or a refusal."""
    name = text.strip()
    if is_zone(name):
        return name
    if _NAME.fullmatch(name):
        from zoneinfo import available_timezones

        found = next((z for z in sorted(available_timezones())
                      if z.casefold() == name.casefold()), None)
        if found is not None and is_zone(found):
            return found
    raise InvalidInput(field="tz", code="unknown_time_zone", zone=text[:60])


def system_zone(environ: Mapping[str, str] | None = None, localtime: Path = _LOCALTIME,
                timezone_file: Path = _TIMEZONE_FILE) -> str:
    """The zone this machine's clock is read in: TZ when it names a zone, else the zone
    /etc/localtime links to, else /etc/timezone; UTC when none of them names one."""
    env = os.environ if environ is None else environ
    if "TZ" in env:  # the C library reads TZ first: so does homekit's clock
        tz = env["TZ"].removeprefix(":")
        name = tz.split("zoneinfo/", 1)[1] if "zoneinfo/" in tz else tz
        return name if is_zone(name) else UTC
    try:
        target = os.readlink(localtime)
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        name = target.split("zoneinfo/", 1)[1]
        if is_zone(name):
            return name
    try:
        name = timezone_file.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return UTC
    return name if is_zone(name) else UTC
