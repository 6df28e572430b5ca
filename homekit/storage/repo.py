"""The Store: every query homekit runs, returning domain objects (never rows).

Reads run in autocommit; writes go through `Store.write()`, an immediate transaction,
so a service can read the log, apply a rule and write with no other writer in between.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from homekit.domain.errors import (
    HomekitError,
    InvalidInput,
    NotFound,
    RuleViolation,
    StorageError,
)
from homekit.domain.models import Profile, Redness, Session, SessionDraft
from homekit.storage.schema import RULE_PREFIX

_PROFILE_COLS = (
    "id, name, target_sessions, min_interval_days, created_at, "
    "has_skin_condition, condition_acknowledged_at"
)
_SESSION_COLS = (
    "id, profile_id, session_date, start_time, duration_min, areas, device_level, "
    "glasses_worn, stinging, notes, created_at"
)
_REDNESS_COLS = "id, session_id, observed_at, severity, faded_after_min, notes"


def storage_error(exc: sqlite3.Error, file: Path | str) -> HomekitError:
    """Turn a sqlite3 error into a one-line message a user can act on."""
    text = str(exc)
    low = text.lower()
    if text.startswith(RULE_PREFIX):
        return RuleViolation(text)
    if "locked" in low or "busy" in low:
        return StorageError(f"{file} is locked by another program; try again in a moment")
    if "not a database" in low or "malformed" in low or "corrupt" in low:
        return StorageError(
            f"{file} is not a SQLite database, or is damaged; homekit left it untouched"
        )
    if "readonly" in low or "read-only" in low:
        return StorageError(f"{file} is read-only; homekit needs to write to it")
    if "disk is full" in low or "disk i/o" in low:
        return StorageError(f"cannot write {file}: the disk is full or failing; nothing was saved")
    if "constraint" in low:
        return StorageError(f"{file}: a value broke a check in the database ({text}); nothing was saved")
    return StorageError(f"{file}: {text}")


def _fold(text: object) -> str:
    return str(text or "").casefold()


def _flag(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _profile(row: sqlite3.Row) -> Profile:
    return Profile(
        id=row["id"],
        name=row["name"],
        target_sessions=row["target_sessions"],
        min_interval_days=row["min_interval_days"],
        created_at=row["created_at"],
        has_skin_condition=_flag(row["has_skin_condition"]),
        condition_acknowledged_at=row["condition_acknowledged_at"],
    )


def _session(row: sqlite3.Row, redness: tuple[Redness, ...] = ()) -> Session:
    return Session(
        id=row["id"],
        profile_id=row["profile_id"],
        session_date=dt.date.fromisoformat(row["session_date"]),
        start_time=row["start_time"],
        duration_min=row["duration_min"],
        areas=tuple(a for a in row["areas"].split(",") if a),
        device_level=row["device_level"],
        glasses_worn=_flag(row["glasses_worn"]),
        stinging=row["stinging"],
        notes=row["notes"],
        created_at=row["created_at"],
        redness=redness,
    )


def _redness(row: sqlite3.Row) -> Redness:
    return Redness(
        id=row["id"],
        session_id=row["session_id"],
        observed_at=row["observed_at"],
        severity=row["severity"],
        faded_after_min=row["faded_after_min"],
        notes=row["notes"],
    )


def draft_values(draft: SessionDraft) -> tuple[Any, ...]:
    """A session's columns from session_date to notes, as stored."""
    return (
        draft.session_date.isoformat(),
        draft.start_time,
        draft.duration_min,
        ",".join(draft.areas),
        draft.device_level,
        None if draft.glasses_worn is None else int(draft.glasses_worn),
        draft.stinging,
        draft.notes,
    )


class Store:
    """One open homekit file."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ---------------------------------------------------------------

    def _q(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Rows of a read, addressed by column name."""
        try:
            cur = self.conn.execute(sql, params)
            cur.row_factory = sqlite3.Row
            return cur.fetchall()
        except sqlite3.Error as exc:
            raise storage_error(exc, self.path) from None

    def _x(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise storage_error(exc, self.path) from None

    @contextmanager
    def write(self) -> Iterator[Store]:
        """An immediate transaction: no other writer until it commits or rolls back."""
        if self.conn.in_transaction:
            yield self  # nested: part of the outer transaction
            return
        self._x("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise storage_error(exc, self.path) from None

    def data_version(self) -> int:
        """Changes whenever another connection commits to the file (PRAGMA data_version)."""
        return int(self._q("PRAGMA data_version")[0][0])

    def schema_version(self) -> int:
        return int(self._q("PRAGMA user_version")[0][0])

    # -- settings ---------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        rows = self._q("SELECT value FROM settings WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def set_setting(self, key: str, value: str) -> None:
        self._x(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # -- profiles ---------------------------------------------------------------

    def profiles(self) -> list[Profile]:
        return [_profile(r) for r in self._q(f"SELECT {_PROFILE_COLS} FROM profiles ORDER BY id")]

    def profile_by_name(self, name: str) -> Profile | None:
        rows = self._q(f"SELECT {_PROFILE_COLS} FROM profiles WHERE name = ?", (name,))
        return _profile(rows[0]) if rows else None

    def profile_by_id(self, profile_id: int) -> Profile:
        rows = self._q(f"SELECT {_PROFILE_COLS} FROM profiles WHERE id = ?", (profile_id,))
        if not rows:
            raise NotFound(f"no profile with id {profile_id}")
        return _profile(rows[0])

    def insert_profile(
        self, name: str, target_sessions: int, min_interval_days: int, created_at: str
    ) -> Profile:
        cur = self._x(
            "INSERT INTO profiles (name, target_sessions, min_interval_days, created_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(name) DO NOTHING",
            (name, target_sessions, min_interval_days, created_at),
        )
        if cur.rowcount == 0:
            raise InvalidInput(f"a profile named {name!r} already exists")
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

    # -- sessions ---------------------------------------------------------------

    def session_dates(self, profile_id: int, exclude_id: int | None = None) -> list[dt.date]:
        rows = self._q(
            "SELECT session_date FROM sessions WHERE profile_id = ? AND id IS NOT ? "
            "ORDER BY session_date",
            (profile_id, exclude_id),
        )
        return [dt.date.fromisoformat(r[0]) for r in rows]

    def session_count(self, profile_id: int) -> int:
        return int(self._q("SELECT count(*) FROM sessions WHERE profile_id = ?", (profile_id,))[0][0])

    def insert_session(self, profile_id: int, draft: SessionDraft, created_at: str) -> int:
        cur = self._x(
            f"INSERT INTO sessions ({_SESSION_COLS.replace('id, ', '', 1)}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (profile_id, *draft_values(draft), created_at),
        )
        return int(cur.lastrowid or 0)

    def update_session(self, session_id: int, draft: SessionDraft) -> None:
        cur = self._x(
            "UPDATE sessions SET session_date = ?, start_time = ?, duration_min = ?, areas = ?, "
            "device_level = ?, glasses_worn = ?, stinging = ?, notes = ? WHERE id = ?",
            (*draft_values(draft), session_id),
        )
        if cur.rowcount == 0:
            raise NotFound(f"no session with id {session_id}")

    def delete_session(self, session_id: int) -> None:
        cur = self._x("DELETE FROM sessions WHERE id = ?", (session_id,))
        if cur.rowcount == 0:
            raise NotFound(f"no session with id {session_id}")

    def get_session(self, session_id: int) -> Session:
        rows = self._q(f"SELECT {_SESSION_COLS} FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise NotFound(f"no session with id {session_id}")
        return self._with_redness(rows)[0]

    def sessions(
        self,
        profile_id: int,
        *,
        newest_first: bool = False,
        limit: int | None = None,
        offset: int = 0,
        search: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[Session]:
        """Sessions of a profile with their redness, in date order (optionally filtered)."""
        order = "DESC" if newest_first else "ASC"
        where, params = self._filter(search, since, until)
        sql = (
            f"SELECT {_SESSION_COLS} FROM sessions WHERE profile_id = ?{where} "
            f"ORDER BY session_date {order}, id {order} LIMIT ? OFFSET ?"
        )
        rows = self._q(sql, (profile_id, *params, -1 if limit is None else limit, offset))
        return self._with_redness(rows)

    def _filter(
        self, search: str | None, since: dt.date | None, until: dt.date | None
    ) -> tuple[str, list[Any]]:
        """SQL conditions for history's filters: text in notes or areas (any case), dates."""
        where, params = "", []
        if search:
            # casefold in Python (SQLite's lower() only knows ASCII): "É" finds "é".
            self.conn.create_function("homekit_fold", 1, _fold, deterministic=True)
            where += " AND instr(homekit_fold(notes || char(10) || areas), ?) > 0"
            params.append(search.casefold())
        if since:
            where += " AND session_date >= ?"
            params.append(since.isoformat())
        if until:
            where += " AND session_date <= ?"
            params.append(until.isoformat())
        return where, params

    def latest_session(self, profile_id: int) -> Session | None:
        found = self.sessions(profile_id, newest_first=True, limit=1)
        return found[0] if found else None

    def _with_redness(self, rows: list[sqlite3.Row]) -> list[Session]:
        if not rows:
            return []
        by_session: dict[int, list[Redness]] = {r["id"]: [] for r in rows}
        ids = list(by_session)
        # Chunked so that a 100,000-session history stays under SQLite's variable limit.
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for r in self._q(
                f"SELECT {_REDNESS_COLS} FROM redness WHERE session_id IN ({marks}) "
                "ORDER BY observed_at, id",
                chunk,
            ):
                by_session[r["session_id"]].append(_redness(r))
        return [_session(r, tuple(by_session[r["id"]])) for r in rows]

    # -- redness ----------------------------------------------------------------

    def insert_redness(
        self,
        session_id: int,
        observed_at: str,
        severity: int,
        faded_after_min: int | None,
        notes: str,
    ) -> Redness:
        cur = self._x(
            "INSERT INTO redness (session_id, observed_at, severity, faded_after_min, notes) "
            "VALUES (?, ?, ?, ?, ?)",
            (session_id, observed_at, severity, faded_after_min, notes),
        )
        return Redness(int(cur.lastrowid or 0), session_id, observed_at, severity, faded_after_min, notes)

    def latest_redness(self, profile_id: int) -> Redness | None:
        rows = self._q(
            "SELECT r.* "
            "FROM redness r JOIN sessions s ON s.id = r.session_id WHERE s.profile_id = ? "
            "ORDER BY s.session_date DESC, r.observed_at DESC, r.id DESC LIMIT 1",
            (profile_id,),
        )
        return _redness(rows[0]) if rows else None
