"""The rule part of the row check (rowcheck.py holds the values part), and the facts both
return: sessions of a profile (and a treatment) closer than their interval, intervals under
the floor, resurfacing sessions of two treatments within the conflict window.

The rule compares each session with the one before it in its profile: on a file of schema 11
on, its profile and treatment, and only where two of them stand closer than the most the rule
can ask of them (rowscan.close_pairs) is the full comparison, with each pair's floors, asked
of SQL. A file whose dates are not all written YYYY-MM-DD is compared as the domain reads
each date.
"""

from __future__ import annotations

import datetime as dt
import operator
import sqlite3
from dataclasses import dataclass
from typing import Any

from homekit.domain import rules
from homekit.domain.treatments import DEFAULT_TREATMENT as DEFAULT
from homekit.storage import rowscan


@dataclass(frozen=True)
class RowProblem:
    """One row that breaks a promise of the data, as facts (homekit.words says them).

    `kind`: "too_close" (two sessions closer than the interval; `other` is the earlier one's
    date, `interval` the profile's interval), "interval" (a profile's interval under 7 days)
    or "value". A "value" problem's `problem` says what is wrong: "" (`detail`: the domain
    validator's own words), "missing_profile" (the row's profile, `profile`, does not exist),
    "no_session" (an observation whose session does not exist) or "cleared_without_date" (an
    adverse event cleared by a professional without a date). `part` and `part_id` name the row
    inside a session or profile that holds it: "redness" (an observation) or "event" (an
    adverse event).
    """

    profile: str
    date: str
    kind: str
    session_id: int | None = None
    other: str = ""
    other_id: int | None = None
    interval: int = 0
    detail: str = ""
    #: Schema 11 on: the session's treatment, and for a "conflict" (two resurfacing sessions
    #: of different treatments on overlapping areas within the window, `interval` days) the
    #: other session's treatment.
    treatment: str = ""
    other_treatment: str = ""
    problem: str = ""
    part: str = ""
    part_id: int | None = None


def rule_problems(conn: sqlite3.Connection, schema: str = "main", *,
                  constraints_hold: bool = False) -> list[RowProblem]:
    """Sessions of a profile closer than max(its interval, 7) days, and intervals under 7.

    `constraints_hold`: see `all_problems`.
    """
    problems: list[RowProblem] = []
    profiles = {
        pid: (name, interval)
        for pid, name, interval in conn.execute(
            f"SELECT id, name, min_interval_days FROM {schema}.profiles ORDER BY id")
    }
    for name, interval in profiles.values():
        if not isinstance(interval, int) or interval < rules.MIN_INTERVAL_DAYS:
            problems.append(RowProblem(str(name), "", "interval", interval=_int(interval)))
    odd = rowscan.ODD_SESSION_CHECKED if constraints_hold else rowscan.ODD_SESSION
    if conn.execute(odd.format(schema=schema)).fetchone():
        return problems + _pairs_as_the_domain_reads_them(conn, schema, profiles)
    if has_treatments(conn, schema):
        names = {pid: str(name) for pid, (name, _) in profiles.items()}
        return (problems + treatment_breaches(conn, schema, names, own_intervals=True,
                                              whole_days=True)
                + window_breaches(conn, schema, names))
    for pid in rowscan.profile_ids(conn, schema):  # a profile that is missing counts as well
        name, interval = profiles.get(pid, (f"#{pid}", rules.MIN_INTERVAL_DAYS))
        needed = max(_int(interval), rules.MIN_INTERVAL_DAYS)
        days = rowscan.day_numbers(conn, schema, pid)
        gaps = list(map(operator.sub, days[1:], days))  # each session against the one before
        if gaps and min(gaps) < needed:
            close = [k for k, gap in enumerate(gaps, 1) if gap < needed]
            order = rowscan.sessions_in_order(conn, schema, pid)
            for k in close:
                (before_id, before), (sid, day) = order[k - 1], order[k]
                problems.append(RowProblem(str(name), day, "too_close", sid, before, before_id,
                                           needed))
    return problems


def has_treatments(conn: sqlite3.Connection, schema: str = "main") -> bool:
    """Whether the file's sessions have a treatment (schema 11 on)."""
    return any(r[1] == "treatment" for r in conn.execute(f"PRAGMA {schema}.table_info(sessions)"))


def _name(names: dict[int, str], pid: object) -> str:
    return names.get(pid, f"#{pid}") if isinstance(pid, int) else f"#{pid}"


#: The most (profile, treatment) pairs the rule's query names one by one; with more (a file
#: whose sessions of many profiles break the rule), it compares every pair, as it did before
#: the pairs were sifted: SQLite refuses an expression of about a thousand terms.
SIFTED_AT_MOST = 200


def treatment_breaches(conn: sqlite3.Connection, schema: str, names: dict[int, str], *,
                       own_intervals: bool, whole_days: bool = False) -> list[RowProblem]:
    """Sessions closer to the session before them of the same profile and treatment than the
    larger floor of the two (`own_intervals`: or the profile's longer interval). Each session
    against the one before it suffices, since each floor holds from both sides.

    Only the (profile, treatment) pairs with two sessions closer than the most the rule can ask
    of them (rowscan.close_pairs: their day numbers, compared in Python) are compared in SQL,
    in the (profile_id, treatment, session_date) index's order, with the floors of each pair
    of sessions; SQLite's window functions cost about 1 µs a row. `whole_days`: every session
    date is a YYYY-MM-DD date (see close_pairs)."""
    from homekit.storage import rule_sql

    own = (rule_sql.profile_interval_sql("q.profile_id", "q.treatment", schema + ".")
           if own_intervals else "0")
    close = rowscan.close_pairs(conn, schema, f"max({own}, "
                                f"{rule_sql.deepest_floor_sql('q.treatment')})",
                                whole_days=whole_days)
    if not close:
        return []
    floors = (f"max({rule_sql.floor_sql('s.treatment', 's.depth_mm')}, "
              f"{rule_sql.floor_sql('s.treatment', 's.before_depth')})")
    if own_intervals:
        floors = (f"max({floors}, "
                  f"{rule_sql.profile_interval_sql('s.profile_id', 's.treatment', schema + '.')})")
    if len(close) <= SIFTED_AT_MOST:
        pairs = " OR ".join(f"(profile_id IS :p{i} AND treatment IS :t{i})"
                            for i in range(len(close)))
        params = {f"{key}{i}": value for i, pair in enumerate(close)
                  for key, value in zip("pt", pair, strict=True)}
    else:  # (a thousand terms would pass SQLite's expression depth: every pair is compared)
        pairs, params = "1", {}
    rows = conn.execute(
        f"SELECT id, profile_id, session_date, treatment, before_date, before_id, needed FROM ("
        f" SELECT s.*, {floors} AS needed FROM ("
        "  SELECT id, profile_id, treatment, session_date, depth_mm,"
        "  lag(session_date) OVER w AS before_date, lag(id) OVER w AS before_id,"
        f"  lag(depth_mm) OVER w AS before_depth FROM {schema}.sessions WHERE {pairs}"
        "  WINDOW w AS (PARTITION BY profile_id, treatment ORDER BY session_date, id)) AS s"
        " WHERE s.before_date IS NOT NULL)"
        " WHERE julianday(session_date) - julianday(before_date) < needed"
        " ORDER BY profile_id, session_date, id", params)
    return [RowProblem(_name(names, pid), str(day), "too_close", sid, str(before), before_id,
                       int(needed), treatment="" if treatment == DEFAULT else str(treatment))
            for sid, pid, day, treatment, before, before_id, needed in rows]


def window_breaches(conn: sqlite3.Connection, schema: str,
                    names: dict[int, str]) -> list[RowProblem]:
    """Resurfacing sessions of two treatments on overlapping areas closer than the conflict
    window: each session against those of the window before it, on the (profile_id,
    session_date) index, in the profiles that have sessions of two treatments that can
    resurface (only they can hold such a pair)."""
    from homekit.domain import treatments
    from homekit.storage import rule_sql

    kinds: dict[object, set[object]] = {}
    for pid, treatment in rowscan.treatment_pairs(conn, schema):
        if isinstance(treatment, str) and treatments.is_resurfacing(treatment, float("inf")):
            kinds.setdefault(pid, set()).add(treatment)
    mixed = [pid for pid, kind in kinds.items() if len(kind) > 1]
    if not mixed:
        return []
    days = treatments.CONFLICT_WINDOW_DAYS
    rows = conn.execute(
        "SELECT a.id, a.profile_id, a.session_date, a.treatment, b.id, b.session_date, "
        f"b.treatment FROM {schema}.sessions AS a JOIN {schema}.sessions AS b "
        "ON b.profile_id = a.profile_id "
        f"AND b.session_date > date(a.session_date, '-{days} days') "
        "AND b.session_date <= a.session_date AND (b.session_date, b.id) < (a.session_date, a.id) "
        f"WHERE a.profile_id IN ({', '.join('?' for _ in mixed)}) "
        f"AND {rule_sql.resurfacing_sql('a.treatment', 'a.depth_mm')} "
        "AND b.treatment != a.treatment "
        f"AND {rule_sql.resurfacing_sql('b.treatment', 'b.depth_mm')} "
        f"AND {rule_sql.overlap_sql('a.areas', 'b.areas')} "
        "ORDER BY a.profile_id, a.session_date, a.id, b.session_date DESC, b.id DESC", mixed)
    found: list[RowProblem] = []
    seen: set[int] = set()
    for sid, pid, day, treatment, other_id, other, other_treatment in rows:
        if sid in seen:
            continue  # the nearest one before it is named
        seen.add(sid)
        found.append(RowProblem(_name(names, pid), str(day), "conflict", sid, str(other),
                                other_id, days, treatment=str(treatment),
                                other_treatment=str(other_treatment)))
    return found


def _pairs_as_the_domain_reads_them(conn: sqlite3.Connection, schema: str,
                                    profiles: dict[Any, tuple[Any, Any]]) -> list[RowProblem]:
    """The rule for a file with dates SQL cannot compare: each date read by the domain (rows
    it cannot read are value problems, and left out here), each against the one before."""
    problems: list[RowProblem] = []
    previous: dict[int, tuple[dt.date, int]] = {}
    for sid, pid, text in conn.execute(
        f"SELECT id, profile_id, session_date FROM {schema}.sessions "
        "ORDER BY profile_id, session_date, id"
    ):
        try:
            day = dt.date.fromisoformat(text)
        except (TypeError, ValueError):
            continue  # reported by value_problems
        name, interval = profiles.get(pid, (f"#{pid}", rules.MIN_INTERVAL_DAYS))
        needed = max(_int(interval), rules.MIN_INTERVAL_DAYS)
        before = previous.get(pid)
        previous[pid] = (day, sid)
        if before is None:
            continue
        conflict = rules.find_conflict(day, [before[0]], needed)
        if conflict is not None:
            problems.append(RowProblem(
                str(name), day.isoformat(), "too_close", sid,
                conflict.conflicting.isoformat(), before[1], needed))
    return problems


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0
