"""Adverse events in words: the kinds, the "see a professional" guidance printed when one is
logged, the lines of `event list`, the hold on the next session, and their refusals."""

from __future__ import annotations

import datetime as dt
from typing import Any

from homekit.domain.errors import HomekitError
from homekit.domain.events import SEE_PROFESSIONAL_AFTER_DAYS, AdverseEvent, see_professional
from homekit.words.base import control_free, day, plural
from homekit.words.errors import _ERRORS, error
from homekit.words.help import EVENT_HOLD_NOTE, EVENT_KINDS_HELP
from homekit.words.undo import UNDO_HINT_APP, UNDO_HINT_CLI

#: Each kind in the user's words (the CLI takes EVENT_KINDS as they are spelled there).
EVENT_KIND_WORDS: dict[str, str] = {
    "burn": "burn",
    "blister": "blister",
    "pigment-change": "pigment change (darker or lighter patches)",
    "infection": "infection (pus, spreading warmth, fever)",
    "breakout": "breakout (new spots or bumps)",
    "other": "other reaction",
}
#: What to do for each kind, printed when one is logged (information, never a diagnosis).
EVENT_GUIDANCE: dict[str, str] = {
    "burn": ("Stop treatments. Cool the skin with clean lukewarm water; do not pop blisters. "
             "See a doctor or skin professional today if it is larger than a coin, on the "
             "face near the eyes, or very painful."),
    "blister": ("Stop treatments. Leave the blister closed and keep it clean. See a skin "
                "professional if it breaks, grows or is not healing within "
                f"{SEE_PROFESSIONAL_AFTER_DAYS} days."),
    "pigment-change": ("Stop treatments and protect the area from the sun (SPF 30 or more). "
                       "See a skin professional: darker or lighter patches can last months "
                       "and need advice before any further treatment."),
    "infection": ("Stop treatments. See a doctor promptly, today if there is fever, "
                  "spreading redness or pus."),
    "breakout": ("Stop treatments until it settles; keep the skin clean and do not pick. See a "
                 f"skin professional if it lasts more than {SEE_PROFESSIONAL_AFTER_DAYS} "
                 "days or is painful."),
    "other": ("Stop treatments until it settles. See a skin professional if the reaction lasts "
              f"more than {SEE_PROFESSIONAL_AFTER_DAYS} days, spreads, or worries you."),
}
#: The rule every kind shares, printed under its own guidance.
SEE_PROFESSIONAL_RULE = (f"See a skin professional for any reaction that lasts more than "
                         f"{SEE_PROFESSIONAL_AFTER_DAYS} days, spreads, weeps or worries you.")
EVENT_HOLD_NOTE_APP = ("Until it is marked resolved, or cleared by a skin professional, the "
                       "next resurfacing session is held.")
EVENT_BLOCK_LIFT = (
    "It is lifted when you mark the event resolved (press e on the dashboard), or when a skin "
    "professional has cleared you to go on: that is stored with this session and the event.")
NO_EVENTS = "No adverse events logged."
EVENTS_TITLE = "Adverse events"


def event_kind_text(kind: str) -> str:
    return EVENT_KIND_WORDS.get(kind, kind).split(" (")[0]


def resolution_text(e: AdverseEvent, today: dt.date) -> str:
    if e.resolved_on is None:
        return f"open, {plural(e.days_open(today), 'day')}"
    who = "cleared by a professional" if e.resolved_by_professional else "resolved"
    return f"{who} {e.resolved_on.isoformat()}"


def event_line(e: AdverseEvent, today: dt.date) -> str:
    """`#3  2026-11-20 (Fri)  blister  open, 5 days  session #4  notes`."""
    parts = [f"#{e.id}", day(e.event_date), event_kind_text(e.kind), resolution_text(e, today)]
    if e.session_number:
        parts.append(f"session #{e.session_number}")
    if e.notes.strip():
        parts.append(e.notes.strip().splitlines()[0][:60])
    return control_free("  ".join(parts))


def event_entry(e: AdverseEvent, today: dt.date) -> str:
    """An event in `event list`: its line, and beneath it, while a skin professional should
    see it, what to do."""
    if not see_professional(e, today):
        return event_line(e, today)
    return f"{event_line(e, today)}\n    {see_professional_text(e, today)}"


def see_professional_text(e: AdverseEvent, today: dt.date) -> str:
    """The nudge shown for an open event that has lasted (or that always needs one)."""
    if e.kind in ("infection", "burn"):
        return f"See a doctor or skin professional about this {event_kind_text(e.kind)}."
    return (f"It has lasted more than {SEE_PROFESSIONAL_AFTER_DAYS} days: see a skin "
            "professional.")


def event_logged(e: AdverseEvent) -> str:
    """What `event log` prints: the id, the guidance and the hold."""
    hold = EVENT_HOLD_NOTE.replace("resolve ID", f"resolve {e.id}")
    return (f"Logged adverse event #{e.id}: {event_kind_text(e.kind)} on {day(e.event_date)}.\n"
            f"{EVENT_GUIDANCE[e.kind]}\n{SEE_PROFESSIONAL_RULE}\n{hold}")


def event_resolved(e: AdverseEvent) -> str:
    who = "cleared by a skin professional" if e.resolved_by_professional else "resolved"
    return (f"Adverse event #{e.id} ({event_kind_text(e.kind)} of {day(e.event_date)}) marked "
            f"{who} on {e.resolved_on.isoformat() if e.resolved_on else '-'}.")


def event_deleted(e: AdverseEvent) -> str:
    return (f"Deleted adverse event #{e.id} ({event_kind_text(e.kind)} of "
            f"{day(e.event_date)}). {UNDO_HINT_CLI}")


def event_deleted_app(e: AdverseEvent) -> str:
    return (f"Deleted adverse event #{e.id} ({event_kind_text(e.kind)} of "
            f"{day(e.event_date)}). {UNDO_HINT_APP}")


def delete_event_question(e: AdverseEvent) -> str:
    return f"Delete adverse event #{e.id} ({event_kind_text(e.kind)} of {day(e.event_date)})?"


def event_hold_why(event: AdverseEvent | None, count: int) -> str:
    if event is None:
        return "an adverse event is not resolved"
    more = f" (and {plural(count - 1, 'other')})" if count > 1 else ""
    return (f"the adverse event #{event.id} ({event_kind_text(event.kind)} of "
            f"{day(event.event_date)}){more} is not resolved")


def event_hold_lift(event: AdverseEvent | None) -> str:
    ref = str(event.id) if event is not None else "ID"
    return (f"mark it resolved (homekit event resolve {ref}), or cleared by a skin "
            f"professional (homekit event resolve {ref} --by-professional, or log with "
            "--cleared-by-professional)")


def event_hold_lift_app() -> str:
    return ("mark it resolved, or cleared by a skin professional (press e on the dashboard), "
            "or log with a skin professional's clearance")


def _block(f: dict[str, Any], e: HomekitError) -> str:
    g = f["gate"]
    return (f"refused: {event_hold_why(g.event, g.events_open)}: pause resurfacing treatments "
            f"and consult a skin professional. To lift it: {event_hold_lift(g.event)}.")


_ERRORS.update({
    "adverse_event_block": _block,
    "unknown_event": lambda f, e: f"no adverse event with id {f['id']} (see: homekit event list)",
    "unknown_event_kind": lambda f, e: (f"{f['value']!r} is not an event kind: one of "
                                        f"{EVENT_KINDS_HELP}"),
    "resolved_before_event": lambda f, e: (f"{f['date']} is before the event "
                                           f"({f['event_date']}): it cannot be resolved then"),
    "event_before_session": lambda f, e: (f"{f['date']} is before session {f['id']} "
                                          f"({f['session_date']})"),
    "undo_event_gone": lambda f, e: "the adverse event no longer exists",
    "event_entry_bad": lambda f, e: (f"{_event_where(f)}, adverse event {f['index']}: "
                                     f"{error(f['cause'])}; nothing was imported"),
    # an export's adverse events (transfer.eventfiles)
    "events_not_json": lambda f, e: f"{_event_where(f)}: {f['key']} is not a JSON list",
    "events_not_list": lambda f, e: f"{_event_where(f)}: {f['key']} is not a list",
    "event_not_object": "an adverse event is not an object",
    "event_unknown_key": "unknown key {key!r} in an adverse event",
    "event_missing": "an adverse event has no {key}",
    "event_not_text": "{key} of an adverse event is not text",
    "event_notes_not_text": "the notes of an adverse event are not text",
    "event_by_professional_not_bool": "resolved_by_professional is not true or false",
    "event_resolved_before": "an adverse event of {date} is resolved before it ({resolved})",
    "event_cleared_without_date": "an adverse event cleared by a professional has no resolved_on",
    "event_not_timestamp": "created_at {text!r} is not a timestamp",
})


def _event_where(f: dict[str, Any]) -> str:
    """Where an export's events are: `profile 2 ('me')` (JSON) or `line 4` (CSV)."""
    if "line" in f:
        return f"line {f['line']}"
    return f"profile {f['profile_index']} ({f['profile']!r})"
