"""The Store: every query homekit runs, returning domain objects (never rows).

Reads run in autocommit; writes go through `Store.write()`, an immediate transaction,
so a service can read the log, apply a rule and write with no other writer in between.
The queries live by table: `core` (plumbing, settings), `sessions`, and here profiles and
redness; `rows` maps rows to domain objects.
"""

from __future__ import annotations

import datetime as dt

from homekit.domain.errors import (
    InvalidInput,
    NotFound,
)
from homekit.domain.models import Profile, Session
from homekit.storage.rows import (
    _PROFILE_COLS,
    _SESSION_COLS,
    _profile,
    draft_values,
    safety_values,
    storage_error,
)
from homekit.storage.sessions import SessionQueries

__all__ = ["Store", "draft_values", "safety_values", "storage_error"]


class Store(SessionQueries):
    """One open homekit file."""

    # -- profiles ---------------------------------------------------------------

    def profiles(self) -> list[Profile]:
        return [_profile(r) for r in self._q(f"SELECT {_PROFILE_COLS} FROM profiles ORDER BY id")]

    def profile_by_name(self, name: str) -> Profile | None:
        """The profile of that name, ignoring case (also beyond ASCII) and Unicode form."""
        rows = self._q(f"SELECT {_PROFILE_COLS} FROM profiles WHERE name = ? COLLATE NOCASE "
                       "ORDER BY name = ? DESC, id", (name, name))
        if rows:
            return _profile(rows[0])
        from homekit.domain.validate import name_key  # (its Unicode tables: only past SQL)

        key = name_key(name)
        return next((p for p in self.profiles() if name_key(p.name) == key), None)

    def profile_by_id(self, profile_id: int) -> Profile:
        rows = self._q(f"SELECT {_PROFILE_COLS} FROM profiles WHERE id = ?", (profile_id,))
        if not rows:
            raise NotFound(code="unknown_profile_id", id=profile_id)
        return _profile(rows[0])

    def insert_profile(
        self, name: str, target_sessions: int, min_interval_days: int, created_at: str
    ) -> Profile:
        # A new id above every id a row refers to, not only above the profiles': rows left
        # behind for a missing profile (written with foreign keys off) are never adopted.
        cur = self._x(
            "INSERT INTO profiles (id, name, target_sessions, min_interval_days, created_at) "
            "VALUES (1 + max((SELECT coalesce(max(id), 0) FROM profiles), "
            "(SELECT coalesce(max(profile_id), 0) FROM sessions), "
            "(SELECT coalesce(max(profile_id), 0) FROM photos), "
            "(SELECT coalesce(max(profile_id), 0) FROM products), "
            "(SELECT coalesce(max(profile_id), 0) FROM treatments), "
            "(SELECT coalesce(max(profile_id), 0) FROM adverse_events)), ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            (name, target_sessions, min_interval_days, created_at),
        )
        if cur.rowcount == 0:
            raise InvalidInput(code="profile_exists", name=name)
        return self.profile_by_id(int(cur.lastrowid or 0))

    def update_profile(
        self,
        profile_id: int,
        *,
        name: str | None = None,
        target_sessions: int | None = None,
        min_interval_days: int | None = None,
    ) -> Profile:
        """Change the given settings of a profile (None: keep)."""
        self._x(
            "UPDATE profiles SET name = coalesce(?, name), "
            "target_sessions = coalesce(?, target_sessions), "
            "min_interval_days = coalesce(?, min_interval_days) WHERE id = ?",
            (name, target_sessions, min_interval_days, profile_id),
        )
        return self.profile_by_id(profile_id)

    def set_skin_condition(
        self, profile_id: int, has_condition: bool | None, acknowledged_at: str | None
    ) -> Profile:
        self._x(
            "UPDATE profiles SET has_skin_condition = ?, condition_acknowledged_at = ? "
            "WHERE id = ?",
            (None if has_condition is None else int(has_condition), acknowledged_at, profile_id),
        )
        return self.profile_by_id(profile_id)

    def set_medical(
        self, profile_id: int, isotretinoin: str | None, isotretinoin_acknowledged_at: str | None,
        blood_thinners: bool | None, answered_at: str | None,
    ) -> Profile:
        self._x(
            "UPDATE profiles SET isotretinoin = ?, isotretinoin_acknowledged_at = ?, "
            "blood_thinners = ?, medical_answered_at = ? WHERE id = ?",
            (isotretinoin, isotretinoin_acknowledged_at,
             None if blood_thinners is None else int(blood_thinners), answered_at, profile_id),
        )
        return self.profile_by_id(profile_id)

    def set_skin_type(self, profile_id: int, skin_type: int | None) -> Profile:
        self._x("UPDATE profiles SET skin_type = ? WHERE id = ?", (skin_type, profile_id))
        return self.profile_by_id(profile_id)

    def session_on_or_before(self, profile_id: int, day: dt.date) -> Session | None:
        """The latest session of a profile dated `day` or earlier, with its redness."""
        rows = self._q(
            f"SELECT {_SESSION_COLS} FROM sessions WHERE profile_id = ? AND session_date <= ? "
            "ORDER BY session_date DESC, id DESC LIMIT 1",
            (profile_id, day.isoformat()),
        )
        return self._with_redness(rows)[0] if rows else None
