"""Redness observations: insert, read, correct and delete, and what the redness chart draws.

Functions over the open `Store` (as storage.photos): the Store keeps to the queries every
command needs, and stays a size one can read.
"""

from __future__ import annotations

import datetime as dt

from homekit.domain.errors import NotFound
from homekit.domain.models import Redness
from homekit.storage.repo import Store
from homekit.storage.rows import _REDNESS_COLS, _redness


def insert_redness(
    store: Store,
    session_id: int,
    observed_at: str,
    severity: int,
    faded_after_min: int | None,
    notes: str,
) -> Redness:
    cur = store._x(
        "INSERT INTO redness (session_id, observed_at, severity, faded_after_min, notes) "
        "VALUES (?, ?, ?, ?, ?)",
        (session_id, observed_at, severity, faded_after_min, notes),
    )
    return Redness(int(cur.lastrowid or 0), session_id, observed_at, severity, faded_after_min,
                   notes, store.session_number(session_id))


def latest_redness(store: Store, profile_id: int) -> Redness | None:
    rows = store._q(
        "SELECT r.* "
        "FROM redness r JOIN sessions s ON s.id = r.session_id WHERE s.profile_id = ? "
        "ORDER BY s.session_date DESC, r.observed_at DESC, r.id DESC LIMIT 1",
        (profile_id,),
    )
    return _redness(rows[0], store.session_number(rows[0]["session_id"])) if rows else None


def get_redness(store: Store, redness_id: int) -> Redness:
    rows = store._q(f"SELECT {_REDNESS_COLS} FROM redness WHERE id = ?", (redness_id,))
    if not rows:
        raise NotFound(code="unknown_observation", id=redness_id)
    return _redness(rows[0], store.session_number(rows[0]["session_id"]))


def update_redness(store: Store, red: Redness) -> Redness:
    """Write every field of a stored observation (its id and session stay)."""
    cur = store._x(
        "UPDATE redness SET observed_at = ?, severity = ?, faded_after_min = ?, notes = ? "
        "WHERE id = ?",
        (red.observed_at, red.severity, red.faded_after_min, red.notes, red.id),
    )
    if cur.rowcount == 0:
        raise NotFound(code="unknown_observation", id=red.id)
    return get_redness(store, int(red.id or 0))


def delete_redness(store: Store, redness_id: int) -> None:
    cur = store._x("DELETE FROM redness WHERE id = ?", (redness_id,))
    if cur.rowcount == 0:
        raise NotFound(code="unknown_observation", id=redness_id)


def chart_redness(store: Store, profile_id: int
) -> list[tuple[dt.date, str | None, tuple[tuple[str, int, int | None], ...]]]:
    """The sessions that have redness, in date order, each as (date, start time, its
    observations as (observed_at, severity, faded_after_min) in observed order): what
    the redness chart draws, as plain tuples (no notes, no per-row objects)."""
    out: list[tuple[str, str | None, list[tuple[str, int, int, int | None]]]] = []
    last = None
    # Sessions in index order (no sort); a session's observations are sorted below.
    for sid, day, start, at, rid, severity, faded in store._x(
        "SELECT s.id, s.session_date, s.start_time, r.observed_at, r.id, r.severity, "
        "r.faded_after_min "
        "FROM sessions s JOIN redness r ON r.session_id = s.id WHERE s.profile_id = ? "
        "ORDER BY s.session_date, s.id",
        (profile_id,),
    ).fetchall():
        if sid != last:
            last = sid
            out.append((day, start, []))
        out[-1][2].append((at, rid, severity, faded))
    day_of = dt.date.fromisoformat
    return [(day_of(day), start,
             ((obs[0][0], obs[0][2], obs[0][3]),) if len(obs) == 1 else
             tuple((at, severity, faded) for at, _, severity, faded in sorted(obs)))
            for day, start, obs in out]
