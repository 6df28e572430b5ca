"""The row check as it was before issue 22 moved it into SQL, kept verbatim (docstring and
imports aside) to check that the SQL path reports exactly the same problems
(tests/test_rowcheck_exact.py): every value through the domain's validation in Python,
every pair of consecutive sessions compared in Python.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from typing import Any

from homekit.domain import rules, validate
from homekit.domain.errors import InvalidInput
from homekit.domain.models import AREAS
from homekit.storage.rowcheck import RowProblem


def rule_problems(conn: sqlite3.Connection, schema: str = "main") -> list[RowProblem]:
    """Sessions of a profile closer than max(its interval, 7) days, and intervals under 7."""
    problems: list[RowProblem] = []
    profiles = {
        pid: (name, interval)
        for pid, name, interval in conn.execute(
            f"SELECT id, name, min_interval_days FROM {schema}.profiles ORDER BY id")
    }
    for name, interval in profiles.values():
        if not isinstance(interval, int) or interval < rules.MIN_INTERVAL_DAYS:
            problems.append(RowProblem(str(name), "", "interval", interval=_int(interval)))
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


def value_problems(conn: sqlite3.Connection, schema: str = "main") -> list[RowProblem]:
    """Values the domain would never have let in (the CHECKs may have been edited)."""
    problems: list[RowProblem] = []
    names: dict[int, str] = {}
    for pid, name, target, interval in conn.execute(
        f"SELECT id, name, target_sessions, min_interval_days FROM {schema}.profiles ORDER BY id"
    ):
        names[pid] = str(name)
        for profile_check, value in ((validate.profile_name, name),
                                     (validate.target_sessions, target),
                                     (validate.interval_days, interval)):
            detail = _verdict(profile_check, value)
            if detail:
                problems.append(RowProblem(str(name), "", "value", detail=detail))
    for row in conn.execute(
        "SELECT id, profile_id, session_date, start_time, duration_min, areas, device_level, "
        f"glasses_worn, stinging, notes FROM {schema}.sessions ORDER BY profile_id, session_date"
    ):
        sid, pid, day, start, minutes, areas, level, glasses, sting, notes = row
        profile = names.get(pid)
        if profile is None:
            problems.append(RowProblem(f"#{pid}", str(day), "value", sid,
                                       detail=f"profile #{pid} does not exist"))
            continue
        checks: list[tuple[Callable[[Any], Any], Any]] = [
            (validate.parse_date, day), (validate.notes, notes), (_areas, areas)]
        checks += [(c, v) for c, v in ((validate.parse_time, start), (validate.duration, minutes),
                                       (validate.device_level, level), (_glasses, glasses),
                                       (validate.stinging, sting)) if v is not None]
        for check, value in checks:
            detail = _verdict(check, value)
            if detail:
                problems.append(RowProblem(profile, str(day), "value", sid, detail=detail))
    for rid, sid, observed, severity, faded, notes, pid, day in conn.execute(
        "SELECT r.id, r.session_id, r.observed_at, r.severity, r.faded_after_min, r.notes, "
        f"s.profile_id, s.session_date FROM {schema}.redness AS r "
        f"LEFT JOIN {schema}.sessions AS s ON s.id = r.session_id ORDER BY r.session_id, r.id"
    ):
        if day is None:
            problems.append(RowProblem("", "", "value", sid, detail=(
                f"redness observation {rid} belongs to no session")))
            continue
        checks = [(validate.severity, severity), (validate.notes, notes),
                  (_timestamp, observed)]
        if faded is not None:
            checks.append((validate.faded_after, faded))
        for check, value in checks:
            detail = _verdict(check, value)
            if detail:
                problems.append(RowProblem(names.get(pid, ""), str(day), "value", sid,
                                           detail=f"redness observation {rid}: {detail}"))
    return problems


def all_problems(conn: sqlite3.Connection, schema: str = "main") -> list[RowProblem]:
    return value_problems(conn, schema) + rule_problems(conn, schema)


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


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0
