"""The row check of adverse events (split from rowcheck, which checks every other table):
what the domain would never have let in, where the CHECKs were edited away."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from homekit.domain import events, validate
from homekit.domain.errors import InvalidInput
from homekit.storage.rowcheck import RowProblem, _glasses, judged, missing_profile


def event_problems(conn: sqlite3.Connection, schema: str, names: dict[int, str]) -> list[RowProblem]:
    """Adverse events the domain would never have let in (a file made before migration m012
    has none)."""
    if not conn.execute(f"SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' "
                        "AND name = 'adverse_events'").fetchone():
        return []
    problems: list[RowProblem] = []
    for eid, pid, kind, day, notes, resolved, by_pro in conn.execute(
            f"SELECT id, profile_id, kind, event_date, notes, resolved_on, "
            f"resolved_by_professional FROM {schema}.adverse_events ORDER BY id"):
        profile = names.get(pid)
        if profile is None:
            problems.append(missing_profile(pid, day, part="event", part_id=eid))
            continue
        checks: list[tuple[Callable[[Any], Any], Any]] = [
            (_event_kind, kind), (validate.parse_date, day), (validate.notes, notes),
            (_glasses, by_pro)]
        if resolved is not None:
            checks.append((validate.parse_date, resolved))
        problems += judged(checks, profile, day, part="event", part_id=eid)
        if by_pro == 1 and resolved is None:
            problems.append(RowProblem(profile, str(day), "value", problem="cleared_without_date",
                                       part="event", part_id=eid))
    return problems


def _event_kind(value: str) -> None:
    if value not in events.EVENT_KINDS:
        raise InvalidInput(f"{value!r} is not an event kind; one of "
                           + ", ".join(events.EVENT_KINDS))
