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

_CHECK = re.compile(r"CHECK\s*\(", re.IGNORECASE)


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
    i, depth, start = 0, 0, -1
    while i < len(sql):
        c = sql[i]
        if c in "'\"`[":
            end = sql.find("]" if c == "[" else c, i + 1)
            while end != -1 and c != "[" and sql.startswith(c * 2, end):
                end = sql.find(c, end + 2)  # a doubled quote stands for itself
            if end == -1:
                return None
            i = end + 1
            continue
        if sql.startswith("--", i) or sql.startswith("/*", i):
            return None  # homekit's schema has no comments
        if start < 0 and (i == 0 or not (sql[i - 1].isalnum() or sql[i - 1] == "_")):
            m = _CHECK.match(sql, i)
            if m:
                start, depth, i = m.end(), 1, m.end()
                continue
        if start >= 0:
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    found.append(sql[start:i])
                    start = -1
        i += 1
    return None if start >= 0 else found
