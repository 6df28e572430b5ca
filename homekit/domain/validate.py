"""Turn what a user typed into checked values, or say precisely what is wrong.

Shared by the CLI, the app and the importer so that one value gets one verdict everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

from homekit.domain.errors import InvalidInput
from homekit.domain.vocabulary import (
    AREAS,
    REDNESS_LEVELS,
    SKIN_TYPE_NUMERALS,
    SKIN_TYPES,
    STINGING_LEVELS,
)

MAX_DURATION_MIN = 180
MAX_FADED_AFTER_MIN = 60 * 24 * 30  # a month: beyond that it is not "fading"
MAX_LEVEL = 10
MAX_NOTES = 10_000
MAX_NAME = 40
MAX_TARGET = 100
#: The accepted session dates run from this day to today (the services pass today in).
EARLIEST_DATE = dt.date(1900, 1, 1)

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})")
#: Full-width forms a keyboard in full-width mode types around the digits.
_WIDE = {"\uff0d": "-", "\uff1a": ":", "\uff0b": "+"}
# Control characters other than tab and newline are refused: they corrupt terminals and CSV.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Lone surrogates: bytes that were not valid UTF-8 on the command line (or in a file).
_SURROGATE = re.compile("[\ud800-\udfff]")


def ascii_digits(text: str) -> str:
    """`text` with the decimal digits of every script (full-width, Arabic-Indic, Devanagari,
    ...) as ASCII digits, and full-width '-', ':' and '+' as ASCII: every number, date and time
    a user types is read the same way, whatever the keyboard."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else _WIDE.get(c, c)
                   for c in text)


def parse_date(text: str, what: str = "date") -> dt.date:
    """A calendar date written YYYY-MM-DD (in the digits of any script)."""
    value = ascii_digits(text.strip())
    if not _DATE.fullmatch(value):
        raise InvalidInput(f"{what} {text!r} is not a date written YYYY-MM-DD")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{what} {text!r} does not exist in the calendar") from None
    return not_too_early(day, what)


def not_too_early(day: dt.date, what: str = "date") -> dt.date:
    """`day`, if it is not before EARLIEST_DATE (the latest accepted date is today)."""
    if day < EARLIEST_DATE:
        raise InvalidInput(
            f"{what} {day.isoformat()} is before {EARLIEST_DATE.isoformat()}, the earliest "
            "date homekit accepts", field="date", code="date_too_early", date=day,
            earliest=EARLIEST_DATE)
    return day


def parse_time(text: str) -> str:
    """A local time HH:MM (24-hour); returned zero-padded."""
    m = _TIME.fullmatch(ascii_digits(text.strip()))
    if not m:
        raise InvalidInput(f"time {text!r} is not written HH:MM (24-hour clock)")
    hour, minute = int(m.group(1)), int(m.group(2))
    if hour > 23 or minute > 59:
        raise InvalidInput(f"time {text!r} does not exist on a 24-hour clock")
    return f"{hour:02d}:{minute:02d}"


def parse_int(text: str | int, what: str) -> int:
    if isinstance(text, bool):
        raise InvalidInput(f"{what} must be a whole number")
    if isinstance(text, int):
        return text
    value = ascii_digits(str(text).strip())
    if not re.fullmatch(r"[+-]?[0-9]{1,9}", value):
        raise InvalidInput(f"{what} {text!r} is not a whole number")
    return int(value)


def in_range(value: int, low: int, high: int, what: str, unit: str = "") -> int:
    if not low <= value <= high:
        suffix = f" {unit}" if unit else ""
        raise InvalidInput(f"{what} must be from {low} to {high}{suffix}, not {value}")
    return value


def duration(value: str | int) -> int:
    return in_range(parse_int(value, "duration"), 1, MAX_DURATION_MIN, "duration", "minutes")


def _on_scale(value: str | int, what: str, levels: tuple[str, ...]) -> int:
    """A value on a scale of words (index = stored value), refused with the whole scale."""
    n = parse_int(value, what)
    top = len(levels) - 1
    if not 0 <= n <= top:
        hint = ", ".join(f"{i} {w}" for i, w in enumerate(levels))
        raise InvalidInput(f"{what} must be 0 to {top} ({hint}), not {n}")
    return n


def stinging(value: str | int) -> int:
    return _on_scale(value, "stinging", STINGING_LEVELS)


def severity(value: str | int) -> int:
    return _on_scale(value, "severity", REDNESS_LEVELS)


def faded_after(value: str | int) -> int:
    n = parse_int(value, "faded-after")
    return in_range(n, 0, MAX_FADED_AFTER_MIN, "faded-after", "minutes")


def device_level(value: str | int) -> int:
    return in_range(parse_int(value, "device level"), 1, MAX_LEVEL, "device level")


def target_sessions(value: str | int) -> int:
    return in_range(parse_int(value, "target"), 1, MAX_TARGET, "target", "sessions")


def skin_type(value: str | int) -> int:
    """A Fitzpatrick skin type: 1 to 6 (in the digits of any script) or I to VI."""
    if isinstance(value, str) and value.strip().upper() in SKIN_TYPE_NUMERALS:
        return SKIN_TYPE_NUMERALS.index(value.strip().upper()) + 1
    shown = str(value)[:20]
    try:
        n = parse_int(value, "skin type")
    except InvalidInput:
        n = 0
    if n not in SKIN_TYPES:
        raise InvalidInput(f"skin type {shown!r} is not 1 to 6 (Fitzpatrick I to VI)",
                           field="skin_type", code="bad_skin_type", value=shown)
    return n


def interval_days(value: str | int) -> int:
    from homekit.domain.rules import interval_problem

    n = parse_int(value, "interval")
    problem = interval_problem(n)
    if problem:
        raise problem
    return n


def area(value: str) -> str:
    name = value.strip().lower().replace(" ", "-").replace("_", "-")
    if name not in AREAS:
        raise InvalidInput(f"unknown area {value!r}; choose from: {', '.join(AREAS)}")
    return name


def areas(values: Iterable[str]) -> tuple[str, ...]:
    """Areas in the order of AREAS, without repeats; commas split several in one value."""
    chosen = {area(part) for v in values for part in v.split(",") if part.strip()}
    return tuple(a for a in AREAS if a in chosen)


def notes(value: str) -> str:
    if len(value) > MAX_NOTES:
        raise InvalidInput(f"notes are {len(value)} characters long; the limit is {MAX_NOTES}")
    if _CONTROL.search(value):
        raise InvalidInput("notes contain control characters; only text, tabs and newlines")
    if _SURROGATE.search(value):
        raise InvalidInput("notes are not valid UTF-8 text")
    return value


def normalised_name(value: str) -> str:
    """A profile name as stored: trimmed, in Unicode NFC form."""
    return unicodedata.normalize("NFC", value.strip())


def name_key(name: str) -> str:
    """Names with equal keys name the same profile (case and Unicode form do not count)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


#: Unicode categories a name may not hold: controls, invisible format characters (U+200B,
#: bidi overrides such as U+202E, U+FEFF), line and paragraph separators.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp"})


def profile_name(value: str) -> str:
    """A profile name as stored (NFC); refused if empty, too long, or holding hidden characters."""
    if _SURROGATE.search(value):
        raise InvalidInput("a profile name must be valid UTF-8 text")
    name = normalised_name(value)
    if not name:
        raise InvalidInput("a profile name cannot be empty")
    if len(name) > MAX_NAME:
        raise InvalidInput(f"a profile name is at most {MAX_NAME} characters")
    hidden = next((c for c in name if unicodedata.category(c) in _HIDDEN), None)
    if hidden is not None:
        code = f"U+{ord(hidden):04X}"
        label = unicodedata.name(hidden, "")
        raise InvalidInput(
            f"a profile name cannot contain control or invisible characters "
            f"({code}{' ' + label if label else ''})", field="name",
            code="profile_name_hidden", char=code, char_name=label)
    return name
