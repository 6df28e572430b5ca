"""Which calendar events a reminder file holds, and each one's SEQUENCE: the plan against
what earlier files said.

A calendar keeps an event it imported until a newer version of the same UID says otherwise.
So every reminder homekit has written for a profile stays in each later file: planned ones at
their (maybe moved) start, the ones no longer planned (the session was logged, the target
lowered, ...) with STATUS:CANCELLED. SEQUENCE rises by one each time an event's start or
status changes, so a calendar takes the newer version (RFC 5545, 3.8.7.4).

The record of what was written (the ledger) is kept by the services in the settings table as
JSON: {session number: [date, SEQUENCE, start, state]}. Files written before time zones
were added hold only [date, SEQUENCE]: such an event had a floating time and counts as changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

PLANNED, CANCELLED = "planned", "cancelled"


@dataclass(frozen=True)
class Reminder:
    """One event of a reminder file: session `number` of the profile's plan, on `day`."""

    number: int
    day: dt.date
    sequence: int
    cancelled: bool = False
    #: The time of day and zone it was last written with ("09:00 Europe/Paris"); None: the
    #: file's own (a cancelled event written before time zones were added).
    start: str | None = None
    #: The treatment whose series it belongs to ("": microdermabrasion, the first series).
    treatment: str = ""


@dataclass(frozen=True)
class _Entry:
    day: dt.date
    sequence: int
    start: str | None
    state: str


def _entry(value: Any) -> _Entry | None:
    """A ledger entry as stored, or None for one that is not (a hand-edited setting)."""
    if not isinstance(value, list) or len(value) < 2:
        return None
    day, seq = value[0], value[1]
    if not isinstance(day, str) or not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        return None
    try:
        when = dt.date.fromisoformat(day)
    except ValueError:
        return None
    start = value[2] if len(value) > 2 and isinstance(value[2], str) else None
    state = CANCELLED if len(value) > 3 and value[3] == CANCELLED else PLANNED
    return _Entry(when, seq, start, state)


def reconcile(ledger: Mapping[str, Any], planned: Sequence[tuple[int, dt.date]],
              start: str) -> tuple[list[Reminder], dict[str, list[Any]]]:
    """The events of the next file and the ledger to keep.

    `ledger`: what earlier files held (as stored); `planned`: (session number, date) of each
    remaining session; `start`: the time of day and zone every planned event starts at (for
    example "09:00 Europe/Paris"), so that a new time or zone also counts as a change.
    Returns the planned events (in plan order), then the cancelled ones (by number).
    """
    seen = {int(k): e for k, v in ledger.items() if k.isdigit() and (e := _entry(v)) is not None}
    kept: dict[str, list[Any]] = {}
    events: list[Reminder] = []
    for number, day in planned:
        before = seen.pop(number, None)
        if before is None:
            seq = 0
        elif before.day == day and before.start == start and before.state == PLANNED:
            seq = before.sequence
        else:
            seq = before.sequence + 1
        events.append(Reminder(number, day, seq, start=start))
        kept[str(number)] = [day.isoformat(), seq, start, PLANNED]
    for number in sorted(seen):
        before = seen[number]
        seq = before.sequence + (before.state != CANCELLED)
        events.append(Reminder(number, before.day, seq, cancelled=True, start=before.start))
        kept[str(number)] = [before.day.isoformat(), seq, before.start, CANCELLED]
    return events, kept
