"""The SQL of the row check (rowcheck.py): which rows could break a promise of the data.

Each predicate here is true only for values the domain's validator accepts, so a row SQL
clears is clean, and a row it keeps is judged again by the domain itself (which says why).
A predicate marked `covered` is stated by the schema's own STRICT types and CHECKs: on a file
whose schema is homekit's and whose `PRAGMA integrity_check` (which re-checks every CHECK,
NOT NULL and STRICT type) came back clean, it holds for every row and is not asked again.

What SQLite does slowly is done another way: the distinct areas values are few (one query
groups them, the domain judges each), and notes are scanned for control characters a chunk
of rows at a time, concatenated, as bytes.
"""

from __future__ import annotations

import operator
import sqlite3

from homekit.domain import validate

#: A calendar date written YYYY-MM-DD, in a year Python's dates know (0001 on).
ISO_DATE = ("(typeof({c}) = 'text' AND {c} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' "
            "AND date({c}, '+0 days') IS {c} AND {c} >= '0001-01-01')")
#: A timestamp written YYYY-MM-DDTHH:MM (as homekit writes them), or with seconds.
_OBSERVED_OK = (
    "(typeof({c}) = 'text' AND substr({c}, 1, 4) != '0000' AND ("
    "strftime('%Y-%m-%dT%H:%M', {c}, '+0 days') IS {c} "
    "OR strftime('%Y-%m-%dT%H:%M:%S', {c}, '+0 days') IS {c}))"
)
#: Notes no longer than the limit: their size in bytes (read from the record, not counted)
#: is never less than their length in characters.
_NOTES_SHORT = "length(CAST({c} AS BLOB)) <= " + str(validate.MAX_NOTES)
#: The bytes of the control characters notes may not hold (tab and newline they may). In
#: UTF-8 these bytes stand only for themselves, never inside another character.
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])
#: Rows of notes looked at together.
CHUNK = 2000


def _optional_int(column: str, low: int, high: int) -> str:
    return (f"({column} IS NULL OR (typeof({column}) = 'integer' "
            f"AND {column} BETWEEN {low} AND {high}))")


#: (predicate, covered by the schema) for a session row `s`. {missing}: the profile ids
#: sessions name that no profile has; {areas}: the areas values the domain refuses;
#: {notes}: the id ranges whose notes hold a control character.
SESSION_OK = (
    ("typeof(s.profile_id) = 'integer'", True),
    ("s.profile_id NOT IN ({missing})", False),
    (ISO_DATE.format(c="s.session_date"), True),
    (f"s.session_date >= '{validate.EARLIEST_DATE.isoformat()}'", False),
    ("(s.start_time IS NULL OR (typeof(s.start_time) = 'text' "
     "AND s.start_time GLOB '[0-2][0-9]:[0-5][0-9]' AND s.start_time <= '23:59'))", True),
    (_optional_int("s.duration_min", 1, validate.MAX_DURATION_MIN), True),
    (_optional_int("s.device_level", 1, validate.MAX_LEVEL), True),
    (_optional_int("s.glasses_worn", 0, 1), True),
    (_optional_int("s.stinging", 0, 3), True),
    ("typeof(s.notes) = 'text'", True),
    (_NOTES_SHORT.format(c="s.notes"), False),
    ("{notes}", False),
    ("typeof(s.areas) = 'text'", True),
    ("s.areas NOT IN ({areas})", False),
)

#: (predicate, covered by the schema) for a redness row `r` whose session is `s`.
REDNESS_OK = (
    ("s.session_date IS NOT NULL", False),
    ("typeof(r.severity) = 'integer' AND r.severity BETWEEN 0 AND 4", True),
    (_optional_int("r.faded_after_min", 0, validate.MAX_FADED_AFTER_MIN), False),
    ("typeof(r.notes) = 'text'", True),
    (_NOTES_SHORT.format(c="r.notes"), False),
    ("{notes}", False),
    (_OBSERVED_OK.format(c="r.observed_at"), False),
)


def _where(checks: tuple[tuple[str, bool], ...], constraints_hold: bool, missing: list[int],
           areas: list[str], noted: list[tuple[int | None, int]],
           alias: str) -> tuple[str, dict[str, object]]:
    """`NOT (every check)`, with the missing profiles, the areas refused and the noted id
    ranges as parameters."""
    params: dict[str, object] = {f"area{i}": v for i, v in enumerate(areas)}
    params.update({f"missing{i}": v for i, v in enumerate(missing)})
    ranges = []
    for i, (low, high) in enumerate(noted):
        params[f"high{i}"] = high
        if low is None:
            ranges.append(f"{alias}.id > :high{i}")
        else:
            params[f"low{i}"] = low
            ranges.append(f"NOT ({alias}.id > :low{i} AND {alias}.id <= :high{i})")
    wanted = [sql for sql, covered in checks if not (covered and constraints_hold)]
    where = "NOT (" + " AND ".join(wanted) + ")"
    where = where.replace("{areas}", ", ".join(f":area{i}" for i in range(len(areas))))
    where = where.replace("{missing}", ", ".join(f":missing{i}" for i in range(len(missing))))
    return where.replace("{notes}", " AND ".join(ranges) or "1"), params


def sessions(conn: sqlite3.Connection, schema: str, constraints_hold: bool,
             missing: list[int], areas: list[str]) -> sqlite3.Cursor:
    """The sessions that may break a value check, in (profile, date, id) order. `missing`:
    the profile ids (not NULL) that sessions name and no profile has."""
    return _kept(conn, schema, "sessions", SESSION_OK, constraints_hold, missing, areas,
                 "s.id, s.profile_id, s.session_date, s.start_time, s.duration_min, s.areas, "
                 "s.device_level, s.glasses_worn, s.stinging, s.notes",
                 "", "s.profile_id, s.session_date, s.id")


def redness(conn: sqlite3.Connection, schema: str, constraints_hold: bool) -> sqlite3.Cursor:
    """The observations that may break a value check (or have no session), in session order."""
    return _kept(conn, schema, "redness", REDNESS_OK, constraints_hold, [], [],
                 "r.id, r.session_id, r.observed_at, r.severity, r.faded_after_min, r.notes, "
                 "s.profile_id, s.session_date",
                 f"LEFT JOIN {schema}.sessions AS s ON s.id = r.session_id", "r.session_id, r.id")


def _kept(conn: sqlite3.Connection, schema: str, table: str,
          checks: tuple[tuple[str, bool], ...], constraints_hold: bool, missing: list[int],
          areas: list[str], columns: str, join: str, order: str) -> sqlite3.Cursor:
    """The rows of `table` (as its first letter) that fail one of `checks`: a scan of the
    table, not of an index in the order wanted, since the few rows kept are sorted after."""
    alias = table[0]
    where, params = _where(checks, constraints_hold, missing, areas,
                           noted_ranges(conn, schema, table), alias)
    return conn.execute(
        f"SELECT {columns} FROM {schema}.{table} AS {alias} NOT INDEXED {join} "
        f"WHERE {where} ORDER BY {order}", params)


def distinct_areas(conn: sqlite3.Connection, schema: str) -> list[str]:
    return [v for (v,) in conn.execute(
        f"SELECT DISTINCT areas FROM {schema}.sessions WHERE typeof(areas) = 'text'")]


def noted_ranges(conn: sqlite3.Connection, schema: str,
                 table: str) -> list[tuple[int | None, int]]:
    """The id ranges (after low, or from the first row when None, up to high) of `table` whose
    notes hold a control character: CHUNK rows' notes at a time, joined by newlines (which
    notes may hold) and read as bytes. Each chunk ends at the id CHUNK rows on (counted in
    the table's own b-tree, no record read), so that it is a plain range of ids."""
    found: list[tuple[int | None, int]] = []
    low: int | None = None
    while True:
        after: list[str] = [] if low is None else ["id > :low"]
        end = conn.execute(f"SELECT id FROM {schema}.{table} {_where_all(after)} ORDER BY id "
                           f"LIMIT 1 OFFSET {CHUNK - 1}", {"low": low}).fetchone()
        upto = after + ([] if end is None else ["id <= :end"])
        high, joined = conn.execute(
            f"SELECT max(id), CAST(group_concat(notes, char(10)) AS BLOB) FROM {schema}.{table} "
            f"{_where_all(upto)}", {"low": low, "end": end and end[0]}).fetchone()
        if high is None:
            return found
        if joined is not None and len(joined.translate(None, CONTROL_BYTES)) != len(joined):
            found.append((low, high))
        low = high


def _where_all(conditions: list[str]) -> str:
    return "WHERE " + " AND ".join(conditions) if conditions else ""


#: Is any session's profile or date not written as homekit writes them (then the rule is
#: judged in Python, reading each date as the domain does)?
ODD_SESSION = ("SELECT 1 FROM {schema}.sessions AS s WHERE typeof(s.profile_id) != 'integer' "
               "OR NOT " + ISO_DATE.format(c="s.session_date") + " LIMIT 1")
#: The same, where the schema's CHECK has already made every date a real YYYY-MM-DD date.
ODD_SESSION_CHECKED = "SELECT 1 FROM {schema}.sessions WHERE session_date < '0001' LIMIT 1"


def profile_ids(conn: sqlite3.Connection, schema: str) -> list[int]:
    """Every profile id (not NULL) that sessions name, whether or not the profile exists, in
    order: one seek of the `(profile_id, session_date)` index each, not a read of it all."""
    found: list[int] = []
    (pid,) = conn.execute(f"SELECT min(profile_id) FROM {schema}.sessions").fetchone()
    while pid is not None:
        found.append(pid)
        row = conn.execute(f"SELECT profile_id FROM {schema}.sessions WHERE profile_id > ? "
                           "ORDER BY profile_id LIMIT 1", (pid,)).fetchone()
        pid = row[0] if row else None
    return found


def day_numbers(conn: sqlite3.Connection, schema: str, profile_id: int) -> list[float]:
    """A profile's session days (Julian day numbers) in the order the rule compares them:
    by date, then id (the `(profile_id, session_date)` index's order)."""
    return [d for (d,) in conn.execute(
        f"SELECT julianday(session_date) FROM {schema}.sessions WHERE profile_id = ? "
        "ORDER BY session_date, id", (profile_id,))]


def sessions_in_order(conn: sqlite3.Connection, schema: str,
                      profile_id: int) -> list[tuple[int, str]]:
    """A profile's (id, date) in `day_numbers`' order."""
    return conn.execute(
        f"SELECT id, session_date FROM {schema}.sessions WHERE profile_id = ? "
        "ORDER BY session_date, id", (profile_id,)).fetchall()


def treatment_pairs(conn: sqlite3.Connection, schema: str) -> list[tuple[object, object]]:
    """Every (profile_id, treatment) that sessions name: one read of the (profile_id,
    treatment, session_date) index."""
    return conn.execute(f"SELECT DISTINCT profile_id, treatment FROM {schema}.sessions").fetchall()


def close_pairs(conn: sqlite3.Connection, schema: str, reach: str, *,
                whole_days: bool = False) -> list[tuple[object, object]]:
    """The (profile_id, treatment) pairs with two sessions, one after the other, closer than
    `reach` (SQL over `q.profile_id` and `q.treatment`: the most days the rule can ask between
    two of their sessions). Each pair's day numbers are compared in Python (a row handed over
    costs about 0.2 µs).

    `whole_days`: every session date is a YYYY-MM-DD date (the row check has just made sure),
    so each day number is a whole day and a half, exact as an integer: one read of the
    `(profile_id, treatment, session_date)` index hands over each pair's days as one string
    (a number in a string costs less than half a row), sorted again in Python (they come
    sorted: the sort only checks). Otherwise each pair's day numbers come from its index
    range, in date and id order, as the floats SQL compares."""
    if whole_days:
        return _close_in_whole_days(conn, schema, reach)
    close = []
    for pid, treatment, most in conn.execute(
            f"SELECT profile_id, treatment, {reach} FROM (SELECT DISTINCT profile_id, treatment "
            f"FROM {schema}.sessions) AS q"):
        days = [d for (d,) in conn.execute(
            f"SELECT julianday(session_date) FROM {schema}.sessions "
            "WHERE profile_id IS ? AND treatment IS ? ORDER BY session_date, id", (pid, treatment))
            if d is not None]
        if min(map(operator.sub, days[1:], days), default=most) < most:
            close.append((pid, treatment))
    return close


def _close_in_whole_days(conn: sqlite3.Connection, schema: str,
                         reach: str) -> list[tuple[object, object]]:
    close = []
    for pid, treatment, most, joined in conn.execute(
            f"SELECT profile_id, treatment, {reach}, days FROM (SELECT profile_id, treatment, "
            "group_concat(CAST(julianday(session_date) AS INTEGER)) AS days "
            f"FROM {schema}.sessions GROUP BY profile_id, treatment) AS q"):
        days = sorted(map(int, joined.split(","))) if joined else []
        if min(map(operator.sub, days[1:], days), default=most) < most:
            close.append((pid, treatment))
    return close
