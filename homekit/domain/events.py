"""Adverse events: a burn, a blister, a change of pigment, an infection, a breakout, or another
reaction the user logs, and the hold they put on the next resurfacing session.

Pure: pass the events and the day in. An event that is not resolved holds every resurfacing
session dated on or after it (`event_gate`), as lasting redness does, until the user marks it
resolved or a skin professional clears it (`resolved_by_professional`). Import is exempt from
the hold, as from every gate: it records the past.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from homekit.domain.errors import InvalidInput
from homekit.domain.vocabulary import EVENT_KINDS

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from homekit.domain.adverse_event import AdverseEvent as AdverseEvent
    from homekit.domain.event_draft import EventDraft as EventDraft


def __getattr__(name: str) -> object:
    # EventDraft and AdverseEvent live apart (domain.event_draft, domain.adverse_event): a read
    # such as `status` builds them only when a file holds an event.
    if name == "EventDraft":
        from homekit.domain.event_draft import EventDraft

        return EventDraft
    if name == "AdverseEvent":
        from homekit.domain.adverse_event import AdverseEvent

        return AdverseEvent
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# The kinds, EVENT_KINDS, as the CLI, the data file (a CHECK) and the exports spell them, are
# in the vocabulary, for `event log --help`.
#: A reaction still there this many days after it began needs a skin professional.
SEE_PROFESSIONAL_AFTER_DAYS = 3
def is_resurfacing(treatment: str | None = None, depth: float | None = None) -> bool:
    """Whether a session of `treatment` (default: microdermabrasion) at `depth` resurfaces the
    skin, so that an unresolved adverse event holds it: the treatments' own rule."""
    from homekit.domain import treatments

    return treatments.is_resurfacing(treatment or treatments.MICRODERMABRASION, depth)


def kind(value: str) -> str:
    """An event kind as typed (any case, `pigment change` or `pigment_change` too)."""
    text = "-".join(str(value).strip().lower().replace("_", " ").split())
    return InvalidInput.unless_among(text, EVENT_KINDS, typed=value, field="kind",
                                     code="unknown_event_kind")


def holding(events: Iterable[AdverseEvent], day: dt.date) -> list[AdverseEvent]:
    """The open events dated on or before `day`, oldest first: they hold a session on `day`."""
    return sorted((e for e in events if e.resolved_on is None and e.event_date <= day),
                  key=lambda e: (e.event_date, e.id))


def see_professional(event: AdverseEvent, today: dt.date) -> bool:
    """Whether the event, still open, has lasted past SEE_PROFESSIONAL_AFTER_DAYS (or is an
    infection or a burn, which always needs one)."""
    if event.resolved:
        return False
    return (event.kind in ("infection", "burn")
            or event.days_open(today) > SEE_PROFESSIONAL_AFTER_DAYS)


def check_resolution(event: AdverseEvent, day: dt.date, today: dt.date) -> None:
    """Refuse a resolution dated before the event or after today."""
    if day > today:
        raise InvalidInput(field="date", code="future_date", date=day, today=today)
    if day < event.event_date:
        raise InvalidInput(field="date", code="resolved_before_event", date=day,
                           event_date=event.event_date)
