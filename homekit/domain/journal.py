"""The undo journal's entries: their kinds, their shape, and the checks every entry read back
from the file passes before it is listed, described or written back.

An entry may have been edited behind homekit's back (the `sqlite3` shell) or come in with a
backup, so it is checked like every other row: its facts and payload are JSON objects of the
shape its kind writes, every row it would put back holds only the columns of its table, and
every value passes the validation the forms and the importer use. `entry_fault` returns the
first problem as facts (homekit.words says them), or None.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from homekit.domain.errors import InvalidInput
from homekit.domain.journal_columns import COLUMNS, OPTIONAL_TABLES, REQUIRED, _stamp, _text

SESSION_DELETED = "session_deleted"
SESSION_EDITED = "session_edited"
REDNESS_DELETED = "redness_deleted"
REDNESS_EDITED = "redness_edited"
PROFILE_DELETED = "profile_deleted"
PROFILE_EDITED = "profile_edited"
PRODUCT_DELETED = "product_deleted"
EVENT_DELETED = "event_deleted"
EVENT_EDITED = "event_edited"

#: Characters an entry's facts may take (a few ids, a date, two names, a backup's path).
MAX_FACTS_CHARS = 16 * 1024
#: Characters an entry's payload may take: far above any real log (a profile of 1,000
#: sessions whose notes all reach the 10,000-character limit takes about 11 million), so that
#: a hostile row is refused by its length, before its text is read.
MAX_PAYLOAD_CHARS = 64 * 1024 * 1024

#: The kinds of entry, and the lists of rows each one's payload holds: table -> how many rows
#: (1: exactly one; None: any number).
KINDS: dict[str, dict[str, int | None]] = {
    SESSION_DELETED: {"sessions": 1, "redness": None},
    SESSION_EDITED: {"sessions": 1, "redness": None},
    REDNESS_DELETED: {"redness": 1},
    REDNESS_EDITED: {"redness": 1},
    PROFILE_DELETED: {"profiles": 1, "sessions": None, "redness": None, "products": None,
                      "treatments": None, "adverse_events": None},
    PROFILE_EDITED: {"profiles": 1},
    PRODUCT_DELETED: {"products": 1},
    EVENT_DELETED: {"adverse_events": 1},
    EVENT_EDITED: {"adverse_events": 1},
}


#: The facts each kind may carry, and their JSON types (the undo list describes the step
#: from them).
_SESSION_FACTS = {"session_id": int, "date": str, "profile": str, "observations": int}
_REDNESS_FACTS = {"redness_id": int, "session_id": int, "date": str, "severity": int}
FACTS: dict[str, dict[str, type]] = {
    SESSION_DELETED: _SESSION_FACTS,
    SESSION_EDITED: _SESSION_FACTS,
    REDNESS_DELETED: _REDNESS_FACTS,
    REDNESS_EDITED: _REDNESS_FACTS,
    PROFILE_DELETED: {"profile": str, "sessions": int, "observations": int, "backup": str},
    PROFILE_EDITED: {"profile": str, "new_name": str},
    PRODUCT_DELETED: {"product_id": int, "date": str, "profile": str, "kind": str},
    EVENT_DELETED: {"event_id": int, "kind": str, "date": str, "profile": str},
    EVENT_EDITED: {"event_id": int, "kind": str, "date": str, "profile": str},
}


@dataclass(frozen=True)
class JournalFault:
    """Why one journal entry cannot be used.

    `part`: "kind", "created_at", "facts" or "payload". `problem`: "too_large" (`size`
    characters, at most `limit`), "not_json", "not_object", "unknown_kind", "unknown_key",
    "missing", "rows" (not the number of rows its kind writes) or "value" (`detail` says why).
    `where`: the place inside the part (`sessions row 1, notes`).
    """

    entry_id: int
    kind: str
    part: str
    problem: str
    where: str = ""
    detail: str = ""
    size: int = 0
    limit: int = 0


class _Fault(Exception):
    def __init__(self, part: str, problem: str, where: str = "", detail: str = "") -> None:
        super().__init__(problem)
        self.part, self.problem, self.where, self.detail = part, problem, where, detail



# -- an entry ---------------------------------------------------------------------------------


def entry_fault(entry_id: int, kind: Any, created_at: Any, facts: str | None, payload: str | None,
                facts_size: int, payload_size: int) -> JournalFault | None:
    """The first problem of one journal row, or None. `facts` and `payload` are None when the
    row's text was not read because it is larger than the limit (`*_size` characters)."""
    shown_kind = kind if isinstance(kind, str) else repr(kind)
    try:
        if kind not in KINDS:
            raise _Fault("kind", "unknown_kind")
        _part("created_at", _stamp, created_at)
        for part, text, size, limit in (("facts", facts, facts_size, MAX_FACTS_CHARS),
                                        ("payload", payload, payload_size, MAX_PAYLOAD_CHARS)):
            if text is None or size > limit:
                return JournalFault(entry_id, shown_kind, part, "too_large", size=size,
                                    limit=limit)
        _facts(kind, _object("facts", facts))
        _payload(kind, _object("payload", payload))
    except _Fault as f:
        return JournalFault(entry_id, shown_kind, f.part, f.problem, f.where, f.detail)
    return None


def _part(part: str, check: Callable[[Any], object], value: Any, where: str = "") -> None:
    try:
        check(value)
    except (InvalidInput, ValueError, TypeError) as exc:
        raise _Fault(part, "value", where, str(exc) or repr(value)) from None


def _object(part: str, text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "")
    except (ValueError, RecursionError):
        raise _Fault(part, "not_json") from None
    if not isinstance(value, dict):
        raise _Fault(part, "not_object")
    return value


def _keys(part: str, value: dict[str, Any], allowed: set[str] | dict[str, Any],
          required: set[str] | frozenset[str], where: str = "") -> None:
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        raise _Fault(part, "unknown_key", where, unknown[0][:80])
    missing = sorted(set(required) - set(value))
    if missing:
        raise _Fault(part, "missing", where, missing[0])


def _facts(kind: str, facts: dict[str, Any]) -> None:
    types = FACTS[kind]
    _keys("facts", facts, types, set())
    for key, value in facts.items():
        wanted = types[key]
        ok = (type(value) is int) if wanted is int else isinstance(value, wanted)
        if not ok:
            raise _Fault("facts", "value", key, f"{value!r:.80} is not "
                         + ("a whole number" if wanted is int else "text"))
        if wanted is str:
            _part("facts", lambda v: _text(v, MAX_FACTS_CHARS), value, key)


def _payload(kind: str, payload: dict[str, Any]) -> None:
    tables = KINDS[kind]
    extra = {"was_default"} if kind == PROFILE_DELETED else set()
    _keys("payload", payload, set(tables) | extra,
          set(tables) - (OPTIONAL_TABLES if len(tables) > 1 else frozenset()))
    if "was_default" in payload and not isinstance(payload["was_default"], bool):
        raise _Fault("payload", "value", "was_default", f"{payload['was_default']!r:.80}")
    for table, count in tables.items():
        if table not in payload:
            continue  # an optional table (checked above)
        rows = payload[table]
        if not isinstance(rows, list) or (count is not None and len(rows) != count):
            raise _Fault("payload", "rows", table, str(count))
        for n, row in enumerate(rows, 1):
            _row(table, row, f"{table} row {n}")


def _row(table: str, row: Any, where: str) -> None:
    if not isinstance(row, dict):
        raise _Fault("payload", "not_object", where)
    columns = COLUMNS[table]
    _keys("payload", row, columns, REQUIRED[table], where)
    for column, value in row.items():
        nullable, check = columns[column]
        if value is None and nullable:
            continue
        _part("payload", check, value, f"{where}, {column}")
