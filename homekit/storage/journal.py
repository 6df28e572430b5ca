"""The undo journal: rows as they were before a delete or an edit, and putting them back.

A journal entry is written by the services inside the same `Store.write()` transaction as the
change it can revert, so a change and its undo step commit (or roll back) together. Rows are
kept as JSON objects keyed by column name; restoring reuses the original ids when they are
still free (a deleted session comes back as #12, not as a new number).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from homekit.domain.errors import StorageError
from homekit.domain.journal import (  # noqa: F401  (the kinds, for the services)
    PROFILE_DELETED,
    PROFILE_EDITED,
    REDNESS_DELETED,
    REDNESS_EDITED,
    SESSION_DELETED,
    SESSION_EDITED,
    JournalFault,
)
from homekit.storage.journal_check import Row, checked_rows
from homekit.storage.repo import Store, storage_error

#: Entries kept; older ones are dropped when a new one is written.
KEEP = 200

_TABLES = ("profiles", "sessions", "redness")


@dataclass(frozen=True)
class Entry:
    """One undo step: what kind of change, facts to describe it, and the rows before it."""

    id: int
    kind: str
    facts: dict[str, Any]
    payload: dict[str, Any]
    created_at: str


def _rows(store: Store, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    try:
        cur = store.conn.execute(sql, params)
        names = [c[0] for c in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    except sqlite3.Error as exc:
        raise storage_error(exc, store.path) from None


def _x(store: Store, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
    try:
        return store.conn.execute(sql, params)
    except sqlite3.Error as exc:
        raise storage_error(exc, store.path) from None


# -- what a change is about to remove or alter ----------------------------------------------


def session_rows(store: Store, session_id: int) -> dict[str, Any]:
    """The session's row and its redness rows."""
    return {
        "sessions": _rows(store, "SELECT * FROM sessions WHERE id = ?", (session_id,)),
        "redness": _rows(store, "SELECT * FROM redness WHERE session_id = ? ORDER BY id",
                         (session_id,)),
    }


def redness_rows(store: Store, redness_id: int) -> dict[str, Any]:
    return {"redness": _rows(store, "SELECT * FROM redness WHERE id = ?", (redness_id,))}


def profile_rows(store: Store, profile_id: int) -> dict[str, Any]:
    """A profile with every session and observation of it."""
    return {
        "profiles": _rows(store, "SELECT * FROM profiles WHERE id = ?", (profile_id,)),
        "sessions": _rows(store, "SELECT * FROM sessions WHERE profile_id = ? ORDER BY id",
                          (profile_id,)),
        "redness": _rows(
            store,
            "SELECT r.* FROM redness r JOIN sessions s ON s.id = r.session_id "
            "WHERE s.profile_id = ? ORDER BY r.id",
            (profile_id,),
        ),
    }


def record_session(store: Store, kind: str, session_id: int, stamp: str) -> None:
    """Keep a session's rows before it is deleted or edited (inside the caller's write)."""
    rows = session_rows(store, session_id)
    if not rows["sessions"]:
        return  # the caller's next step raises NotFound
    row = rows["sessions"][0]
    profile = store.profile_by_id(row["profile_id"]).name
    facts = {"session_id": session_id, "date": row["session_date"], "profile": profile,
             "observations": len(rows["redness"])}
    record(store, kind, facts, rows, stamp)


def record_profile_edit(store: Store, profile_id: int, old_name: str, new_name: str,
                        stamp: str) -> None:
    rows = _rows(store, "SELECT * FROM profiles WHERE id = ?", (profile_id,))
    record(store, PROFILE_EDITED, {"profile": old_name, "new_name": new_name},
           {"profiles": rows}, stamp)


# -- deletes the journal makes undoable --------------------------------------------------------


def delete_redness(store: Store, redness_id: int) -> int:
    return _x(store, "DELETE FROM redness WHERE id = ?", (redness_id,)).rowcount


def delete_profile(store: Store, profile_id: int) -> None:
    """The profile, its sessions and (by cascade) their redness."""
    _x(store, "DELETE FROM sessions WHERE profile_id = ?", (profile_id,))
    _x(store, "DELETE FROM profiles WHERE id = ?", (profile_id,))


def delete_setting(store: Store, key: str) -> None:
    _x(store, "DELETE FROM settings WHERE key = ?", (key,))


# -- the journal itself -----------------------------------------------------------------------


def record(store: Store, kind: str, facts: dict[str, Any], payload: dict[str, Any],
           created_at: str) -> int:
    """Add an entry (caller holds the write transaction); keeps the newest KEEP."""
    cur = _x(
        store,
        "INSERT INTO undo_journal (kind, facts, payload, created_at) VALUES (?, ?, ?, ?)",
        (kind, json.dumps(facts, default=str), json.dumps(payload), created_at),
    )
    _x(store, "DELETE FROM undo_journal WHERE id <= ? - ?", (cur.lastrowid, KEEP))
    return int(cur.lastrowid or 0)


def damaged(store: Store, fault: JournalFault) -> StorageError:
    """The refusal for a journal row that cannot be used: it names the row and the way to
    drop it (`homekit undo --drop ID`)."""
    return StorageError(code="undo_step_damaged",
                        fault=fault, path=store.path)


def _checked(store: Store, tail: str, params: Sequence[Any]) -> list[tuple[Row, JournalFault | None]]:
    try:
        return list(checked_rows(store.conn, tail, params))
    except sqlite3.Error as exc:
        raise storage_error(exc, store.path) from None


def _entry(store: Store, row: Row, fault: JournalFault | None) -> Entry:
    if fault is not None:
        raise damaged(store, fault)
    rid, kind, created, facts, payload = row
    return Entry(rid, kind, json.loads(facts or ""), json.loads(payload or ""), created)


def entries(store: Store, limit: int | None = None) -> list[Entry]:
    """Newest first, each one checked: a row that cannot be used is refused (`damaged`)."""
    found = _checked(store, "ORDER BY id DESC LIMIT ?", (-1 if limit is None else limit,))
    return [_entry(store, row, fault) for row, fault in found]


def entry(store: Store, entry_id: int) -> tuple[Entry | None, JournalFault | None]:
    """The entry with that id, or the problem that makes it unusable; (None, None): no such
    entry."""
    found = _checked(store, "WHERE id = ?", (entry_id,))
    if not found:
        return None, None
    row, fault = found[0]
    return (None, fault) if fault is not None else (_entry(store, row, None), None)


def remove(store: Store, entry_id: int) -> None:
    _x(store, "DELETE FROM undo_journal WHERE id = ?", (entry_id,))


def clear(store: Store) -> int:
    """Forget every entry; returns how many there were."""
    return _x(store, "DELETE FROM undo_journal").rowcount


# -- putting rows back ------------------------------------------------------------------------


def _free(store: Store, table: str, row_id: int) -> bool:
    assert table in _TABLES
    return not _rows(store, f"SELECT 1 FROM {table} WHERE id = ?", (row_id,))


def insert_row(store: Store, table: str, row: dict[str, Any]) -> int:
    """Insert a journalled row, under its old id if that is still free; returns the id."""
    assert table in _TABLES
    values = dict(row)
    if not _free(store, table, int(values["id"])):
        values.pop("id")
    names = list(values)
    cur = _x(store, f"INSERT INTO {table} ({', '.join(names)}) "
                    f"VALUES ({', '.join('?' * len(names))})", [values[n] for n in names])
    return int(cur.lastrowid or 0)


def update_row(store: Store, table: str, row: dict[str, Any]) -> int:
    """Write a journalled row's values back over the row with its id; returns rows changed."""
    assert table in _TABLES
    names = [n for n in row if n != "id"]
    cur = _x(store, f"UPDATE {table} SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
             [*(row[n] for n in names), row["id"]])
    return cur.rowcount


def name_taken(store: Store, name: str) -> bool:
    return bool(_rows(store, "SELECT 1 FROM profiles WHERE name = ?", (name,)))
