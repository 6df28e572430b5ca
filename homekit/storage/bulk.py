"""Bulk writes and reads for import and export: the SQL that moves many rows at once.

Callers hold `Store.write()` around `insert_sessions`; the rule triggers still check every
row, so a bug above cannot store two sessions of one profile less than a week apart.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from homekit.domain.models import Profile, SessionDraft
from homekit.storage.repo import Store, draft_values, storage_error


@dataclass(frozen=True)
class RednessDraft:
    """A redness observation read from a file, not yet stored."""

    observed_at: str
    severity: int
    faded_after_min: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class SessionImport:
    """A session read from a file, with the timestamp it was first logged and its redness."""

    draft: SessionDraft
    created_at: str
    redness: tuple[RednessDraft, ...] = ()


def data_version(store: Store) -> int:
    """Changes whenever another connection commits to the file (PRAGMA data_version)."""
    try:
        return int(store.conn.execute("PRAGMA data_version").fetchone()[0])
    except sqlite3.Error as exc:
        raise storage_error(exc, store.path) from None


def insert_profile(store: Store, profile: Profile) -> Profile:
    """Create a profile with every setting a file carries (name, target, interval, answers)."""
    created = store.insert_profile(
        profile.name, profile.target_sessions, profile.min_interval_days, profile.created_at
    )
    if profile.has_skin_condition is not None or profile.condition_acknowledged_at:
        created = store.update_profile(
            created.id,
            has_skin_condition=profile.has_skin_condition,
            condition_acknowledged_at=profile.condition_acknowledged_at,
        )
    return created


def insert_sessions(store: Store, profile_id: int, items: Iterable[SessionImport]) -> tuple[int, int]:
    """Insert sessions with their redness; returns (sessions, observations) stored."""
    sessions = observations = 0
    redness_rows: list[Sequence[object]] = []
    try:
        cur = store.conn.cursor()
        for item in items:
            d = item.draft
            cur.execute(
                "INSERT INTO sessions (profile_id, session_date, start_time, duration_min, "
                "areas, device_level, glasses_worn, stinging, notes, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (profile_id, *draft_values(d), item.created_at),
            )
            session_id = cur.lastrowid
            sessions += 1
            for r in item.redness:
                redness_rows.append(
                    (session_id, r.observed_at, r.severity, r.faded_after_min, r.notes)
                )
        cur.executemany(
            "INSERT INTO redness (session_id, observed_at, severity, faded_after_min, notes) "
            "VALUES (?, ?, ?, ?, ?)",
            redness_rows,
        )
        observations = len(redness_rows)
    except sqlite3.Error as exc:
        raise storage_error(exc, store.path) from None
    return sessions, observations


def is_empty(store: Store) -> bool:
    """No profile and no session: nothing a backup would protect."""
    try:
        row = store.conn.execute(
            "SELECT (SELECT count(*) FROM profiles) + (SELECT count(*) FROM sessions)"
        ).fetchone()
    except sqlite3.Error as exc:
        raise storage_error(exc, store.path) from None
    return int(row[0]) == 0
