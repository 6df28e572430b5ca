"""Every undo journal row read with its check: for `homekit check`, a backup before it is
restored, and each entry `undo` lists, reverts or drops.

A row's facts and payload are read only when they are within the domain's size limits
(`length()` in SQL first), so a hostile row of any size is refused without being loaded.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from homekit.domain.journal import MAX_FACTS_CHARS, MAX_PAYLOAD_CHARS, JournalFault, entry_fault

#: One journal row: id, kind, created_at, facts, payload (None when too large to read).
Row = tuple[int, Any, Any, "str | None", "str | None"]

_SELECT = (
    "SELECT id, kind, created_at, length(facts), length(payload), "
    "CASE WHEN length(facts) <= ? THEN facts END, "
    "CASE WHEN length(payload) <= ? THEN payload END FROM {schema}.undo_journal"
)


def checked_rows(conn: sqlite3.Connection, tail: str = "ORDER BY id", params: Sequence[Any] = (),
                 schema: str = "main") -> Iterator[tuple[Row, JournalFault | None]]:
    """Each row (`tail`: its WHERE / ORDER BY / LIMIT) with its first problem, or None."""
    sql = f"{_SELECT.format(schema=schema)} {tail}"
    for rid, kind, created, fsize, psize, facts, payload in conn.execute(
            sql, (MAX_FACTS_CHARS, MAX_PAYLOAD_CHARS, *params)):
        fault = entry_fault(rid, kind, created, facts, payload, fsize or 0, psize or 0)
        yield (rid, kind, created, facts, payload), fault


def faults(conn: sqlite3.Connection, schema: str = "main") -> list[JournalFault]:
    """Every journal row that cannot be used, oldest first ([] before schema 7: no journal)."""
    tables = {r[0] for r in conn.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'")}
    if "undo_journal" not in tables:
        return []
    return [f for _, f in checked_rows(conn, schema=schema) if f is not None]
