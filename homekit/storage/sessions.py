"""The sessions table: the log itself, read narrow where the log can be long."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from homekit.domain.errors import (
    NotFound,
)
from homekit.domain.models import Redness, Session
from homekit.storage.core import StoreCore
from homekit.storage.rows import (
    _REDNESS_COLS,
    _SESSION_COLS,
    _fold,
    _redness,
    _session,
    draft_values,
    safety_values,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, TypeVar

    from homekit.domain.drafts import SessionDraft, SessionFilter

    _S = TypeVar("_S", bound="StoreCore")


def _only(treatment: str | None) -> tuple[str, tuple[str, ...]]:
    """The condition (and its parameter) that keeps one treatment's sessions, or none."""
    return ("", ()) if treatment is None else (" AND treatment = ?", (treatment,))


class SessionQueries(StoreCore):
    # -- sessions ---------------------------------------------------------------

    def session_dates(self, profile_id: int, exclude_id: int | None = None) -> list[dt.date]:
        rows = self._q(
            "SELECT session_date FROM sessions WHERE profile_id = ? AND id IS NOT ? "
            "ORDER BY session_date",
            (profile_id, exclude_id),
        )
        return [dt.date.fromisoformat(r[0]) for r in rows]

    def session_summary(
        self, profile_id: int, exclude_id: int | None = None, nth: int = 0,
        treatment: str | None = None,
    ) -> tuple[int, dt.date | None, dt.date | None]:
        """(count, last date, date of the `nth` session in date order or None), from the index;
        of one treatment's sessions, or all.

        Constant work at any log size: what `status` and the rule need, without every date.
        """
        only, given = _only(treatment)
        count, last = self._q(
            "SELECT count(*), max(session_date) FROM sessions WHERE profile_id = ? "
            f"AND id IS NOT ?{only}",
            (profile_id, exclude_id, *given),
        )[0]
        nth_date = None
        if 0 < nth <= count:
            rows = self._q(
                f"SELECT session_date FROM sessions WHERE profile_id = ? AND id IS NOT ?{only} "
                "ORDER BY session_date LIMIT 1 OFFSET ?",
                (profile_id, exclude_id, *given, nth - 1),
            )
            nth_date = dt.date.fromisoformat(rows[0][0])
        return int(count), (dt.date.fromisoformat(last) if last else None), nth_date

    def session_dates_between(
        self, profile_id: int, first: dt.date, last: dt.date, exclude_id: int | None = None,
        treatment: str | None = None,
    ) -> list[dt.date]:
        """Session dates from `first` to `last` inclusive, in order (an index range scan); of
        one treatment's sessions, or all."""
        only, given = _only(treatment)
        rows = self._q(
            f"SELECT session_date FROM sessions WHERE profile_id = ? AND id IS NOT ?{only} "
            "AND session_date BETWEEN ? AND ? ORDER BY session_date",
            (profile_id, exclude_id, *given, first.isoformat(), last.isoformat()),
        )
        return [dt.date.fromisoformat(r[0]) for r in rows]

    def neighbour_dates(self, profile_id: int, day: dt.date, exclude_id: int | None = None,
                        treatment: str | None = None) -> tuple[dt.date | None, dt.date | None]:
        """The dates of the sessions just before and just after `day` (two index seeks)."""
        only, given = _only(treatment)
        before = self._q(
            f"SELECT max(session_date) FROM sessions WHERE profile_id = ? AND id IS NOT ?{only} "
            "AND session_date < ?", (profile_id, exclude_id, *given, day.isoformat()))[0][0]
        after = self._q(
            f"SELECT min(session_date) FROM sessions WHERE profile_id = ? AND id IS NOT ?{only} "
            "AND session_date > ?", (profile_id, exclude_id, *given, day.isoformat()))[0][0]
        return (dt.date.fromisoformat(before) if before else None,
                dt.date.fromisoformat(after) if after else None)

    def chart_dates(self, profile_id: int, treatment: str | None = None) -> list[dt.date]:
        """Every session date of a profile (of one treatment, or all), oldest first (the
        covering index, no sort)."""
        day = dt.date.fromisoformat
        only, given = _only(treatment)
        return [day(d) for d, in self._x(
            f"SELECT session_date FROM sessions WHERE profile_id = ?{only} "
            "ORDER BY session_date, id",
            (profile_id, *given),
        ).fetchall()]

    def session_count(self, profile_id: int) -> int:
        return int(self._q("SELECT count(*) FROM sessions WHERE profile_id = ?", (profile_id,))[0][0])

    def insert_session(self, profile_id: int, draft: SessionDraft, created_at: str) -> int:
        cur = self._x(
            f"INSERT INTO sessions ({_SESSION_COLS.replace('id, ', '', 1)}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            raise NotFound(code="unknown_session", id=session_id)

    def delete_session(self, session_id: int) -> None:
        cur = self._x("DELETE FROM sessions WHERE id = ?", (session_id,))
        if cur.rowcount == 0:
            raise NotFound(code="unknown_session", id=session_id)

    def get_session(self, session_id: int) -> Session:
        rows = self._q(f"SELECT {_SESSION_COLS} FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise NotFound(code="unknown_session", id=session_id)
        return self._with_redness(rows)[0]

    def sessions(
        self,
        profile_id: int,
        *,
        newest_first: bool = False,
        limit: int | None = None,
        after: tuple[dt.date, int] | None = None,
        where: SessionFilter | None = None,
    ) -> list[Session]:
        """Sessions of a profile with their redness, in date order (optionally filtered).

        `after`: only those that come after the session with this (date, id) in that order: the
        next page, whatever other connections wrote or deleted since the last one (keyset, as
        `iter_sessions`; an OFFSET would repeat or skip a row)."""
        order = "DESC" if newest_first else "ASC"
        sql_where, params = self._filter(where) if where is not None else ("", [])
        if after is not None:
            sql_where += f" AND (session_date, id) {'<' if newest_first else '>'} (?, ?)"
            params = [*params, after[0].isoformat(), after[1]]
        sql = (
            f"SELECT {_SESSION_COLS} FROM sessions WHERE profile_id = ?{sql_where} "
            f"ORDER BY session_date {order}, id {order} LIMIT ?"
        )
        rows = self._q(sql, (profile_id, *params, -1 if limit is None else limit))
        return self._with_redness(rows)

    def iter_sessions(self, profile_id: int, batch: int = 1000) -> Iterator[Session]:
        """Sessions of a profile oldest first, read `batch` at a time (keyset, not OFFSET):
        memory stays flat at any log size. Read inside `snapshot()` for a consistent whole."""
        after: tuple[str, int] = ("", 0)
        done = 0  # read from the first on: each number is a running count, no query needed
        while True:
            rows = self._q(
                f"SELECT {_SESSION_COLS} FROM sessions WHERE profile_id = ? "
                "AND (session_date, id) > (?, ?) ORDER BY session_date, id LIMIT ?",
                (profile_id, *after, batch),
            )
            yield from self._with_redness(
                rows, {r["id"]: done + i for i, r in enumerate(rows, start=1)})
            done += len(rows)
            if len(rows) < batch:
                return
            after = (rows[-1]["session_date"], rows[-1]["id"])

    @contextmanager
    def snapshot(self: _S) -> Iterator[_S]:
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
    def _filter(self, only: SessionFilter) -> tuple[str, list[Any]]:
        """SQL conditions for history's filters: text in notes or areas (any case), dates."""
        where, params = "", []
        search, since, until = only.search, only.since, only.until
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
        if only.treatment:
            where += " AND treatment = ?"
            params.append(only.treatment)
        return where, params

    def session_number(self, session_id: int) -> int:
        """The session's place by date within its profile (1 = earliest; 0: no such session):
        a count of the sessions up to it, on the (profile_id, session_date) index."""
        return int(self._q(
            "SELECT count(*) FROM sessions AS e JOIN sessions AS s ON e.profile_id = s.profile_id "
            "AND (e.session_date, e.id) <= (s.session_date, s.id) WHERE s.id = ?",
            (session_id,))[0][0])

    def _numbers(self, rows: list[sqlite3.Row]) -> dict[int, int]:
        """Each row's number (see `session_number`), for any set of rows at once: per profile,
        one count of the sessions before the earliest row, then a row_number() window over the
        span the rows cover (both on the index; a page costs its span, not the log)."""
        spans: dict[int, tuple[tuple[str, int], tuple[str, int]]] = {}
        for r in rows:
            key = (r["session_date"], r["id"])
            low, high = spans.get(r["profile_id"], (key, key))
            spans[r["profile_id"]] = (min(low, key), max(high, key))
        numbers: dict[int, int] = {}
        for profile_id, (low, high) in spans.items():
            before = self._q(
                "SELECT count(*) FROM sessions WHERE profile_id = ? AND (session_date, id) < (?, ?)",
                (profile_id, *low))[0][0]
            if low == high:
                numbers[low[1]] = before + 1
                continue
            for session_id, n in self._x(
                "SELECT id, row_number() OVER (ORDER BY session_date, id) FROM sessions "
                "WHERE profile_id = ? AND (session_date, id) >= (?, ?) "
                "AND (session_date, id) <= (?, ?)",
                (profile_id, *low, *high),
            ):
                numbers[session_id] = before + n
        return numbers

    def latest_session(self, profile_id: int) -> Session | None:
        found = self.sessions(profile_id, newest_first=True, limit=1)
        return found[0] if found else None

    def _with_redness(self, rows: list[sqlite3.Row],
                      numbers: dict[int, int] | None = None) -> list[Session]:
        """Sessions from their rows, with their redness and numbers (counted here unless
        given)."""
        if not rows:
            return []
        numbers = self._numbers(rows) if numbers is None else numbers
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
                by_session[r["session_id"]].append(_redness(r, numbers[r["session_id"]]))
        return [_session(r, tuple(by_session[r["id"]]), numbers[r["id"]]) for r in rows]
