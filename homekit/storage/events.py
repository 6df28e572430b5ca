"""The SQL of adverse events: `adverse_events` (migration m012_views_events)."""

from __future__ import annotations

import datetime as dt
import sqlite3

from homekit.domain.errors import NotFound
from homekit.storage.repo import Store
from homekit.storage.rows import from_row

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from homekit.domain.adverse_event import AdverseEvent
    from homekit.domain.event_draft import EventDraft

_COLS = ("id, profile_id, session_id, kind, event_date, notes, resolved_on, "
         "resolved_by_professional, created_at, "
         "(SELECT count(*) FROM sessions AS e JOIN sessions AS s ON e.profile_id = s.profile_id "
         "AND (e.session_date, e.id) <= (s.session_date, s.id) "
         "WHERE s.id = adverse_events.session_id) AS session_number")


def _day(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _event(row: sqlite3.Row) -> AdverseEvent:
    from homekit.domain.adverse_event import AdverseEvent  # (defined when a file holds one)

    return from_row(AdverseEvent, row, {
        "event_date": dt.date.fromisoformat, "resolved_on": _day,
        "resolved_by_professional": bool, "session_number": lambda n: n or None})


def insert_event(store: Store, profile_id: int, draft: EventDraft, created_at: str) -> AdverseEvent:
    """Store the event (the caller holds the write transaction)."""
    cur = store._x(
        "INSERT INTO adverse_events (profile_id, session_id, kind, event_date, notes, "
        "resolved_on, resolved_by_professional, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (profile_id, draft.session_id, draft.kind, draft.event_date.isoformat(), draft.notes,
         draft.resolved_on.isoformat() if draft.resolved_on else None,
         int(draft.resolved_by_professional), created_at),
    )
    return get_event(store, int(cur.lastrowid or 0))


def get_event(store: Store, event_id: int, profile_id: int | None = None) -> AdverseEvent:
    rows = store._q(f"SELECT {_COLS} FROM adverse_events WHERE id = ? "
                    "AND (? IS NULL OR profile_id = ?)", (event_id, profile_id, profile_id))
    if not rows:
        raise NotFound(code="unknown_event", id=event_id)
    return _event(rows[0])


def events(store: Store, profile_id: int, *, open_only: bool = False) -> list[AdverseEvent]:
    """The profile's events, oldest first (by date, then the order logged)."""
    rows = store._q(
        f"SELECT {_COLS} FROM adverse_events WHERE profile_id = ? "
        "AND (? = 0 OR resolved_on IS NULL) ORDER BY event_date, id",
        (profile_id, int(open_only)))
    return [_event(r) for r in rows]


def set_resolution(store: Store, event_id: int, resolved_on: dt.date | None,
                   by_professional: bool) -> None:
    store._x("UPDATE adverse_events SET resolved_on = ?, resolved_by_professional = ? "
             "WHERE id = ?",
             (resolved_on.isoformat() if resolved_on else None, int(by_professional), event_id))


def delete_event(store: Store, event_id: int) -> None:
    cur = store._x("DELETE FROM adverse_events WHERE id = ?", (event_id,))
    if cur.rowcount == 0:
        raise NotFound(code="unknown_event", id=event_id)
