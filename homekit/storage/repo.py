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
from homekit.domain.validate import name_key
from homekit.storage.identity import check_same_file, file_problem, identity_of
from homekit.storage.schema import RULE_PREFIX

_PROFILE_COLS = (
    "id, name, target_sessions, min_interval_days, created_at, "
    "has_skin_condition, condition_acknowledged_at, isotretinoin, isotretinoin_acknowledged_at, "
    "blood_thinners, medical_answered_at"
)
_SESSION_COLS = (
    "id, profile_id, session_date, start_time, duration_min, areas, device_level, "
    "glasses_worn, stinging, notes, created_at, checklist, cleared_by_professional"
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
        isotretinoin=row["isotretinoin"],
        isotretinoin_acknowledged_at=row["isotretinoin_acknowledged_at"],
        blood_thinners=_flag(row["blood_thinners"]),
        medical_answered_at=row["medical_answered_at"],
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
        checklist=None if row["checklist"] is None else tuple(
            i for i in row["checklist"].split(",") if i),
        cleared_by_professional=bool(row["cleared_by_professional"]),
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


def safety_values(draft: SessionDraft) -> tuple[Any, ...]:
    """A new session's checklist and cleared_by_professional columns, as stored."""
    checklist = None if draft.checklist is None else ",".join(draft.checklist)
    return (checklist, int(draft.cleared_by_professional))


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
        #: Facts of the open, for the services to pass on: rule triggers put back, and
        #: files or folders made owner-only (perms.ModeChange).
        self.repaired: list[str] = []
        self.mode_changes: list[Any] = []
        self.identity = identity_of(path)  # checked before every write: see identity.py

    def file_problem(self) -> str | None:
        """Whether the file was deleted or replaced since it was opened (None: it was not)."""
        return file_problem(self.path, self.identity)

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
            check_same_file(self.path, self.identity)  # under the lock: no swap in between
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
        """The profile of that name, ignoring case (also beyond ASCII) and Unicode form."""
        rows = self._q(f"SELECT {_PROFILE_COLS} FROM profiles WHERE name = ? COLLATE NOCASE "
                       "ORDER BY name = ? DESC, id", (name, name))
        if rows:
            return _profile(rows[0])
        key = name_key(name)
        return next((p for p in self.profiles() if name_key(p.name) == key), None)

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
            "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
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

    # -- sessions ---------------------------------------------------------------

    def session_dates(self, profile_id: int, exclude_id: int | None = None) -> list[dt.date]:
        rows = self._q(
            "SELECT session_date FROM sessions WHERE profile_id = ? AND id IS NOT ? "
            "ORDER BY session_date",
            (profile_id, exclude_id),
        )
        return [dt.date.fromisoformat(r[0]) for r in rows]

    def session_summary(
        self, profile_id: int, exclude_id: int | None = None, nth: int = 0
    ) -> tuple[int, dt.date | None, dt.date | None]:
        """(count, last date, date of the `nth` session in date order or None), from the index.

        Constant work at any log size: what `status` and the rule need, without every date.
        """
        count, last = self._q(
            "SELECT count(*), max(session_date) FROM sessions WHERE profile_id = ? AND id IS NOT ?",
            (profile_id, exclude_id),
        )[0]
        nth_date = None
        if 0 < nth <= count:
            rows = self._q(
                "SELECT session_date FROM sessions WHERE profile_id = ? AND id IS NOT ? "
                "ORDER BY session_date LIMIT 1 OFFSET ?",
                (profile_id, exclude_id, nth - 1),
            )
            nth_date = dt.date.fromisoformat(rows[0][0])
        return int(count), (dt.date.fromisoformat(last) if last else None), nth_date

    def session_dates_between(
        self, profile_id: int, first: dt.date, last: dt.date, exclude_id: int | None = None
    ) -> list[dt.date]:
        """Session dates from `first` to `last` inclusive, in order (an index range scan)."""
        rows = self._q(
            "SELECT session_date FROM sessions WHERE profile_id = ? AND id IS NOT ? "
            "AND session_date BETWEEN ? AND ? ORDER BY session_date",
            (profile_id, exclude_id, first.isoformat(), last.isoformat()),
        )
        return [dt.date.fromisoformat(r[0]) for r in rows]

    def chart_rows(
        self, profile_id: int
    ) -> tuple[list[dt.date], list[tuple[dt.date, str | None, tuple[Redness, ...]]]]:
        """What the charts draw, in two narrow queries: every session date in order, and the
        redness observations (without notes) of the sessions that have any, by session."""
        dates = [dt.date.fromisoformat(r[0]) for r in self._x(
            "SELECT session_date FROM sessions WHERE profile_id = ? ORDER BY session_date, id",
            (profile_id,),
        ).fetchall()]
        observed: dict[int, tuple[dt.date, str | None, list[Redness]]] = {}
        for sid, day, start, rid, at, severity, faded in self._x(
            "SELECT s.id, s.session_date, s.start_time, r.id, r.observed_at, r.severity, "
            "r.faded_after_min "
            "FROM sessions s JOIN redness r ON r.session_id = s.id WHERE s.profile_id = ? "
            "ORDER BY s.session_date, s.id, r.observed_at, r.id",
            (profile_id,),
        ).fetchall():
            entry = observed.setdefault(sid, (dt.date.fromisoformat(day), start, []))
            entry[2].append(Redness(rid, sid, at, severity, faded))
        return dates, [(day, start, tuple(reds)) for day, start, reds in observed.values()]

    def session_count(self, profile_id: int) -> int:
        return int(self._q("SELECT count(*) FROM sessions WHERE profile_id = ?", (profile_id,))[0][0])

    def insert_session(self, profile_id: int, draft: SessionDraft, created_at: str) -> int:
        cur = self._x(
            f"INSERT INTO sessions ({_SESSION_COLS.replace('id, ', '', 1)}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (profile_id, *draft_values(draft), created_at, *safety_values(draft)),
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

    def iter_sessions(self, profile_id: int, batch: int = 1000) -> Iterator[Session]:
        """Sessions of a profile oldest first, read `batch` at a time (keyset, not OFFSET):
        memory stays flat at any log size. Read inside `snapshot()` for a consistent whole."""
        after: tuple[str, int] = ("", 0)
        while True:
            rows = self._q(
                f"SELECT {_SESSION_COLS} FROM sessions WHERE profile_id = ? "
                "AND (session_date, id) > (?, ?) ORDER BY session_date, id LIMIT ?",
                (profile_id, *after, batch),
            )
            yield from self._with_redness(rows)
            if len(rows) < batch:
                return
            after = (rows[-1]["session_date"], rows[-1]["id"])

    @contextmanager
    def snapshot(self) -> Iterator[Store]:
        """A read transaction: every read inside sees the same committed state."""
        if self.conn.in_transaction:
            yield self
            return
        self._x("BEGIN")
        try:
            yield self
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")
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

    def get_redness(self, redness_id: int) -> Redness:
        rows = self._q(f"SELECT {_REDNESS_COLS} FROM redness WHERE id = ?", (redness_id,))
        if not rows:
            raise NotFound(f"no redness observation with id {redness_id}",
                           code="unknown_observation", id=redness_id)
        return _redness(rows[0])

    def update_redness(self, red: Redness) -> Redness:
        """Write every field of a stored observation (its id and session stay)."""
        cur = self._x(
            "UPDATE redness SET observed_at = ?, severity = ?, faded_after_min = ?, notes = ? "
            "WHERE id = ?",
            (red.observed_at, red.severity, red.faded_after_min, red.notes, red.id),
        )
        if cur.rowcount == 0:
            raise NotFound(f"no redness observation with id {red.id}",
                           code="unknown_observation", id=red.id)
        return self.get_redness(int(red.id or 0))

    def delete_redness(self, redness_id: int) -> None:
        cur = self._x("DELETE FROM redness WHERE id = ?", (redness_id,))
        if cur.rowcount == 0:
            raise NotFound(f"no redness observation with id {redness_id}",
                           code="unknown_observation", id=redness_id)

    def session_on_or_before(self, profile_id: int, day: dt.date) -> Session | None:
        """The latest session of a profile dated `day` or earlier, with its redness."""
        rows = self._q(
            f"SELECT {_SESSION_COLS} FROM sessions WHERE profile_id = ? AND session_date <= ? "
            "ORDER BY session_date DESC, id DESC LIMIT 1",
            (profile_id, day.isoformat()),
        )
        return self._with_redness(rows)[0] if rows else None
