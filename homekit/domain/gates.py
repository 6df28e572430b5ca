"""The gates: what blocks logging a session, decided once for every door (CLI, app, reminders).

Pure functions: pass the profile, the sessions (with their redness) and `now` in; get back a
list of `Gate` facts, empty when a session may be logged. `homekit.words` turns each gate
into a sentence; the services raise or report them.

- interval: the last session is less than the profile's interval ago.
- condition: the eczema / acne rosacea question is unanswered, or answered "yes" and not
  acknowledged.
- redness: the session before the one to log had serious redness that has not been lifted:
  severe (4) with no later observation recording it faded, or still red (its latest
  observation) 24 hours or more after the session, counted from the session's date and start
  time, or from the end of that day when no time was recorded. A session logged with
  `cleared_by_professional` lifts it by becoming the latest session.
- adverse_event: an adverse event (homekit.domain.events) is not resolved, and the session
  to log is a resurfacing one: until the user marks it resolved or a skin professional
  clears it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from homekit.domain import rules
from homekit.domain.models import Profile, Redness, Session

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from homekit.domain.events import AdverseEvent
    from homekit.domain.followup import Followup as Followup
    from homekit.domain.gate import Gate as Gate


#: The facts that live apart, by the module holding each: a status builds their classes only
#: when a gate holds or a follow-up is owed.
_APART = {"Gate": "homekit.domain.gate", "Followup": "homekit.domain.followup"}


def __getattr__(name: str) -> object:
    if name in _APART:
        from importlib import import_module

        return getattr(import_module(_APART[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Every gate, in the order they are reported.
GATE_NAMES: tuple[str, ...] = ("interval", "condition", "redness", "adverse_event")
#: Gates that also stop calendar reminders: the interval is what the plan is made of, not a
#: block, but no session should be planned while the skin question or redness holds it back.
REMINDER_BLOCKS: tuple[str, ...] = ("condition", "redness", "adverse_event")

#: Redness still present this long after the session blocks the next one.
SERIOUS_AFTER = dt.timedelta(hours=24)
#: The first follow-up observation is owed about an hour after the session.
FIRST_FOLLOWUP_AFTER = dt.timedelta(hours=1)
#: Follow-ups are owed for this long after a session, no longer.
FOLLOWUP_WINDOW = dt.timedelta(days=7)


def started_at(day: dt.date, start_time: str | None) -> dt.datetime:
    """When a session took place: its date and start time, or the end of its day."""
    if start_time:
        hour, minute = (int(p) for p in start_time.split(":"))
        return dt.datetime.combine(day, dt.time(hour, minute))
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0))


def session_start(session: Session) -> dt.datetime:
    """When `session` took place (see `started_at`)."""
    return started_at(session.session_date, session.start_time)


def _ordered(session: Session) -> list[Redness]:
    return sorted(session.redness, key=lambda r: (r.observed_at, r.id or 0))


def faded(r: Redness) -> bool:
    """The observation records the redness gone: none seen, or a fade time given."""
    return r.severity == 0 or r.faded_after_min is not None


def still_red(r: Redness) -> bool:
    return not faded(r)


def redness_gate(session: Session | None, now: dt.datetime) -> Gate | None:
    """The redness gate raised by `session` (the one before the session to log), if any."""
    if session is None or not session.redness:
        return None
    obs = _ordered(session)
    severe = [i for i, r in enumerate(obs) if r.severity >= 4]
    if severe and not any(faded(r) for r in obs[severe[-1] + 1:]):
        reason, observation = "severe", obs[severe[-1]]
    elif still_red(obs[-1]) and now - session_start(session) >= SERIOUS_AFTER:
        reason, observation = "lasting", obs[-1]
    else:
        return None
    from homekit.domain.gate import Gate

    return Gate("redness", reason, session_id=session.id, session_date=session.session_date,
                observation=observation, session_number=session.number)


def session_before(sessions: Iterable[Session], day: dt.date) -> Session | None:
    """The latest session dated on or before `day` (the one a session on `day` follows)."""
    earlier = [s for s in sessions if s.session_date <= day]
    return max(earlier, key=lambda s: (s.session_date, s.id), default=None)


def condition_gate(profile: Profile) -> Gate | None:
    if profile.has_skin_condition is None:
        reason = "unanswered"
    elif profile.has_skin_condition and not profile.condition_acknowledged_at:
        reason = "unacknowledged"
    else:
        return None
    from homekit.domain.gate import Gate

    return Gate("condition", reason)


def interval_gate(dates: Sequence[dt.date], interval_days: int, today: dt.date) -> Gate | None:
    left = rules.days_until_eligible(dates, interval_days, today)
    if left == 0:
        return None
    from homekit.domain.gate import Gate

    return Gate("interval", next_eligible=rules.next_eligible_date(dates, interval_days),
                days_left=left)


def event_gate(events: Iterable[AdverseEvent], day: dt.date, treatment: str | None = None,
               depth: float | None = None) -> Gate | None:
    """The hold of unresolved adverse events on a session of `treatment` dated `day`: only a
    resurfacing treatment waits (domain.events.is_resurfacing)."""
    events = list(events)
    if not events:  # none open (the usual case): nothing to weigh, domain.events not loaded
        return None
    from homekit.domain import events as adverse

    if not adverse.is_resurfacing(treatment, depth):
        return None
    held = adverse.holding(events, day)
    if not held:
        return None
    from homekit.domain.gate import Gate

    return Gate("adverse_event", held[0].kind, event=held[0], events_open=len(held),
                session_id=held[0].session_id, session_date=held[0].event_date)


def held_by_clearance(found: Iterable[Gate]) -> Gate | None:
    """The gate a skin professional's clearance lifts: redness, else an adverse event."""
    listed = list(found)
    return next((g for name in ("redness", "adverse_event") for g in listed if g.name == name),
                None)


def gates(
    profile: Profile, dates: Sequence[dt.date], previous: Session | None, now: dt.datetime,
    events: Sequence[AdverseEvent] = (),
) -> list[Gate]:
    """Every gate that blocks logging a session of `profile` today, in GATE_NAMES order.

    `dates`: the profile's session dates; `previous`: the latest session dated today or
    earlier, with its redness (`session_before` finds it in a list); `events`: the profile's
    open adverse events.
    """
    found = [
        interval_gate(dates, profile.min_interval_days, now.date()),
        condition_gate(profile),
        redness_gate(previous, now),
        event_gate(events, now.date()),
    ]
    return [g for g in found if g is not None]


# -- follow-up of redness ------------------------------------------------------------


def followups_due(sessions: Iterable[Session], now: dt.datetime) -> list[Followup]:
    """Observations owed for recent sessions: about 1 h after; the next day while still red."""
    latest = max(sessions, key=lambda s: (s.session_date, s.id), default=None)
    if latest is None:
        return []
    start = session_start(latest)
    if latest.start_time is None:  # no time: owed from the session day itself
        start = dt.datetime.combine(latest.session_date, dt.time(0, 0))
    if now - start > FOLLOWUP_WINDOW or now < start:
        return []
    obs = _ordered(latest)
    if not obs:
        due = start + FIRST_FOLLOWUP_AFTER if latest.start_time else start
        return _owed(latest, "hour", due) if now >= due else []
    next_day = dt.datetime.combine(latest.session_date + dt.timedelta(days=1), dt.time(0, 0))
    seen_later = any(r.observed_at[:10] > latest.session_date.isoformat() for r in obs)
    if still_red(obs[-1]) and now >= next_day and not seen_later:
        return _owed(latest, "next_day", next_day)
    return []


def _owed(session: Session, kind: str, due: dt.datetime) -> list[Followup]:
    from homekit.domain.followup import Followup

    return [Followup(session.id, session.session_date, kind, due, session.number)]


# -- shifting observations with their session ------------------------------------------


def shift_observed(observed_at: str, days: int) -> str:
    """`observed_at` moved by `days` (kept as written when it is not a timestamp)."""
    try:
        moved = dt.datetime.fromisoformat(observed_at) + dt.timedelta(days=days)
    except ValueError:
        return observed_at
    return moved.isoformat(timespec="minutes")
