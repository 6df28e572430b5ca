"""Every row of a file re-checked: each value through the domain's validation, and the rule.

Used where data comes from outside homekit's own writes: a backup before it is restored, a
file whose rule triggers went missing, an older file before it is migrated, and
`homekit check`. Returns facts (one `RowProblem` per offending row); homekit.words says them.
Works on every schema version (only columns that exist since version 1 are read).

The rows are found by SQL (rowscan.py), so that a long log costs little more than reading
it: one scan of each table keeps only the rows whose values may not be as homekit writes them
(what the schema's CHECKs state is asked again unless SQLite's integrity check has just
re-checked them), and the domain's own validators then say what is wrong with those few, in
the same words as ever. The rule's part is rowcheck_rule.py.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from typing import Any

from homekit.domain import validate
from homekit.domain.errors import InvalidInput
from homekit.domain.models import AREAS
from homekit.storage import rowscan
from homekit.storage.rowcheck_rule import (  # noqa: F401 - the rule part, named here as well
    RowProblem,
    has_treatments,
    rule_problems,
    treatment_breaches,
    window_breaches,
)


def judged(checks: list[tuple[Callable[[Any], Any], Any]], profile: str, day: object,
           session_id: int | None = None, part: str = "",
           part_id: int | None = None) -> list[RowProblem]:
    """A "value" problem for each (check, value) the domain's validator refuses."""
    return [RowProblem(profile, str(day), "value", session_id, detail=detail, part=part,
                       part_id=part_id)
            for check, value in checks if (detail := _verdict(check, value))]


def missing_profile(pid: object, day: object, session_id: int | None = None, part: str = "",
                    part_id: int | None = None) -> RowProblem:
    """A row whose profile does not exist."""
    return RowProblem(f"#{pid}", str(day), "value", session_id, problem="missing_profile",
                      part=part, part_id=part_id)


def value_problems(conn: sqlite3.Connection, schema: str = "main", *,
                   constraints_hold: bool = False) -> list[RowProblem]:
    """Values the domain would never have let in (the CHECKs may have been edited).

    `constraints_hold`: see `all_problems`.
    """
    problems: list[RowProblem] = []
    names: dict[int, str] = {}
    for pid, name, target, interval in conn.execute(
        f"SELECT id, name, target_sessions, min_interval_days FROM {schema}.profiles ORDER BY id"
    ):
        names[pid] = str(name)
        problems += judged([(validate.profile_name, name), (validate.target_sessions, target),
                            (validate.interval_days, interval)], str(name), "")
    refused = [v for v in rowscan.distinct_areas(conn, schema) if _verdict(_areas, v)]
    missing = [pid for pid in rowscan.profile_ids(conn, schema)
               if pid is not None and pid not in names]
    for row in rowscan.sessions(conn, schema, constraints_hold, missing, refused):
        sid, pid, day, start, minutes, areas, level, glasses, sting, notes = row
        profile = names.get(pid)
        if profile is None:
            problems.append(missing_profile(pid, day, sid))
            continue
        checks: list[tuple[Callable[[Any], Any], Any]] = [
            (validate.parse_date, day), (validate.notes, notes), (_areas, areas)]
        checks += [(c, v) for c, v in ((validate.parse_time, start), (validate.duration, minutes),
                                       (validate.device_level, level), (_glasses, glasses),
                                       (validate.stinging, sting)) if v is not None]
        problems += judged(checks, profile, day, sid)
    for rid, sid, observed, severity, faded, notes, pid, day in rowscan.redness(
            conn, schema, constraints_hold):
        if day is None:
            problems.append(RowProblem("", "", "value", sid, problem="no_session",
                                       part="redness", part_id=rid))
            continue
        checks = [(validate.severity, severity), (validate.notes, notes),
                  (_timestamp, observed)]
        if faded is not None:
            checks.append((validate.faded_after, faded))
        problems += judged(checks, names.get(pid, ""), day, sid, "redness", rid)
    from homekit.storage.rowcheck_events import event_problems  # it reads this module's checks

    return problems + event_problems(conn, schema, names)


def all_problems(conn: sqlite3.Connection, schema: str = "main", *,
                 constraints_hold: bool = False) -> list[RowProblem]:
    """Every row that breaks a value check or the rule.

    `constraints_hold`: the caller has seen SQLite's integrity check answer "ok" (it re-checks
    every CHECK, NOT NULL and STRICT type; see rowcheck_integrity.py) on a file whose schema
    is homekit's own, so what the schema states is not asked again; only what it does not
    state is queried.
    """
    return (value_problems(conn, schema, constraints_hold=constraints_hold)
            + rule_problems(conn, schema, constraints_hold=constraints_hold))


def _verdict(check: Callable[[Any], Any], value: Any) -> str:
    try:
        if check is validate.parse_time:
            if validate.parse_time(value) != value:
                return f"time {value!r} is not written HH:MM"
        elif check in (validate.profile_name, validate.parse_date):
            if not isinstance(value, str) or check(value) != (
                    value if check is validate.profile_name else dt.date.fromisoformat(value)):
                return f"{value!r} is not stored as homekit writes it"
        else:
            check(value)
    except InvalidInput as exc:
        return str(exc)
    except (TypeError, ValueError) as exc:
        return f"{value!r}: {exc}"
    return ""


def _areas(value: str) -> None:
    parts = [a for a in str(value).split(",") if a]
    if any(a not in AREAS for a in parts):
        raise InvalidInput(f"unknown area in {value!r}; choose from: {', '.join(AREAS)}")


def _glasses(value: int) -> None:
    if value not in (0, 1):
        raise InvalidInput(f"glasses_worn {value!r} is not 0 or 1")


def _timestamp(value: str) -> None:
    dt.datetime.fromisoformat(value)
