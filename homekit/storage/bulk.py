"""Bulk writes and reads for import and export: the SQL that moves many rows at once.

Callers hold `Store.write()` around `insert_sessions`; the rule triggers still check every
row, so a bug above cannot store two sessions of one profile less than a week apart.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from homekit.domain.models import Profile, SessionImport
from homekit.storage.repo import Store, draft_values, safety_values, storage_error


def insert_profile(store: Store, profile: Profile) -> Profile:
    """Create a profile with every setting a file carries (name, target, interval, answers,
    skin type)."""
    created = store.insert_profile(
        profile.name, profile.target_sessions, profile.min_interval_days, profile.created_at
    )
    if profile.has_skin_condition is not None or profile.condition_acknowledged_at:
        created = store.set_skin_condition(
            created.id, profile.has_skin_condition, profile.condition_acknowledged_at
        )
    if profile.isotretinoin or profile.blood_thinners is not None:
        created = store.set_medical(
            created.id, profile.isotretinoin, profile.isotretinoin_acknowledged_at,
            profile.blood_thinners, profile.medical_answered_at,
        )
    if profile.skin_type is not None:
        created = store.set_skin_type(created.id, profile.skin_type)
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
                "areas, device_level, glasses_worn, stinging, notes, created_at, checklist, "
                "cleared_by_professional, treatment, depth_mm, despite) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (profile_id, *draft_values(d), item.created_at, *safety_values(d)),
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
