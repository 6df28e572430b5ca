"""SQLite's integrity check for `homekit check`, in two parts where the schema is homekit's.

`PRAGMA integrity_check` re-checks every CHECK constraint by itself, row after row; on a long
log that is more than half its cost. Where the schema is exactly homekit's, the check runs
with CHECKs left aside (`ignore_check_constraints`: pages, records, NOT NULL, STRICT types,
UNIQUE, and every index against its table, all as before), and the CHECKs read from the
schema itself are asked as one query a table, `NOT (check)` (false fails, NULL passes, as in
a CHECK). Whenever either part finds anything, the full `PRAGMA integrity_check` runs, so a
damaged file gets SQLite's own lines, exactly as before; a sound file gets its "ok".
"""

from __future__ import annotations

import re
import sqlite3


def integrity(conn: sqlite3.Connection, schema_is_homekits: bool) -> list[str]:
    """What `PRAGMA integrity_check` answers (["ok"] for a sound file)."""
    if schema_is_homekits and _sound_without_checks(conn) and not _a_check_fails(conn):
        return ["ok"]
    return [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]


def _sound_without_checks(conn: sqlite3.Connection) -> bool:
    (ignoring,) = conn.execute("PRAGMA ignore_check_constraints").fetchone()
    conn.execute("PRAGMA ignore_check_constraints = ON")
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
    finally:
        conn.execute(f"PRAGMA ignore_check_constraints = {int(ignoring)}")


def _a_check_fails(conn: sqlite3.Connection) -> bool:
    for table, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL"):
        checks = check_expressions(sql)
        if checks is None:
            return True  # not read: let SQLite judge
        if checks and conn.execute(
                f'SELECT 1 FROM "{table}" WHERE ' + " OR ".join(f"NOT ({c})" for c in checks)
                + " LIMIT 1").fetchone():
            return True
    return False


def check_expressions(sql: str) -> list[str] | None:
    """The expression of every CHECK in a CREATE TABLE statement (column and table
    constraints alike), or None when the statement cannot be read with certainty."""
    found: list[str] = []
    depth, start = 0, -1
    for token in _TOKENS.finditer(sql):
        text = token.group()
        if text[0] in "'\"`[":
            if len(text) < 2 or text[-1] != {"[": "]"}.get(text[0], text[0]):
                return None  # a quote left open
        elif text in ("--", "/*"):
            return None  # homekit's schema has no comments
        elif start < 0:
            if text[0] in "cC":
                start, depth = token.end(), 1
        elif text == "(":
            depth += 1
        elif text == ")":
            depth -= 1
            if depth == 0:
                found.append(sql[start:token.start()])
                start = -1
    return None if start >= 0 else found


#: What the reading of a CREATE TABLE statement stops at: quoted strings and names (whose
#: doubled quotes stand for themselves; one left open runs to the end), comments, the word
#: CHECK and its parenthesis, and parentheses.
_TOKENS = re.compile(r"""'(?:[^']|'')*'?|"(?:[^"]|"")*"?|`[^`]*`?|\[[^\]]*\]?|--|/\*"""
                     r"|\bCHECK\s*\(|[()]", re.IGNORECASE)
