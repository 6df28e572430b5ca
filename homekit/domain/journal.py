"""The undo journal's entries: their kinds, their shape, and the checks every entry read back
from the file passes before it is listed, described or written back.

An entry may have been edited behind homekit's back (the `sqlite3` shell) or come in with a
backup, so it is checked like every other row: its facts and payload are JSON objects of the
shape its kind writes, every row it would put back holds only the columns of its table, and
every value passes the validation the forms and the importer use. `entry_fault` returns the
first problem as facts (homekit.words says them), or None.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from homekit.domain import checklist, validate
from homekit.domain.errors import InvalidInput
from homekit.domain.events import EVENT_KINDS
from homekit.domain.models import AREAS

SESSION_DELETED = "session_deleted"
SESSION_EDITED = "session_edited"
REDNESS_DELETED = "redness_deleted"
REDNESS_EDITED = "redness_edited"
PROFILE_DELETED = "profile_deleted"
PROFILE_EDITED = "profile_edited"
EVENT_DELETED = "event_deleted"
EVENT_EDITED = "event_edited"

#: Characters an entry's facts may take (a few ids, a date, two names, a backup's path).
MAX_FACTS_CHARS = 16 * 1024
#: Characters an entry's payload may take: far above any real log (a profile of 1,000
#: sessions whose notes all reach the 10,000-character limit takes about 11 million), so that
#: a hostile row is refused by its length, before its text is read.
MAX_PAYLOAD_CHARS = 64 * 1024 * 1024
#: Characters of a timestamp homekit writes (`2026-11-25T09:30:00`), with room to spare.
MAX_STAMP_CHARS = 64

#: The kinds of entry, and the lists of rows each one's payload holds: table -> how many rows
#: (1: exactly one; None: any number).
KINDS: dict[str, dict[str, int | None]] = {
    SESSION_DELETED: {"sessions": 1, "redness": None},
    SESSION_EDITED: {"sessions": 1, "redness": None},
    REDNESS_DELETED: {"redness": 1},
    REDNESS_EDITED: {"redness": 1},
    PROFILE_DELETED: {"profiles": 1, "sessions": None, "redness": None},
    PROFILE_EDITED: {"profiles": 1},
    EVENT_DELETED: {"adverse_events": 1},
    EVENT_EDITED: {"adverse_events": 1},
}
#: Lists of rows a kind's payload may also hold (an entry made before them has none).
OPTIONAL: dict[str, dict[str, int | None]] = {PROFILE_DELETED: {"adverse_events": None}}

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


# -- the values of each table's columns -------------------------------------------------------


def _int(value: Any) -> int:
    if type(value) is not int:
        raise InvalidInput(f"{value!r} is not a whole number")
    return value


def _text(value: Any, limit: int = MAX_STAMP_CHARS) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"{value!r} is not text")
    if len(value) > limit:
        raise InvalidInput(f"{len(value)} characters; at most {limit}")
    validate.notes(value)  # no control characters, valid UTF-8
    return value


def _stamp(value: Any) -> None:
    dt.datetime.fromisoformat(_text(value))


def _date(value: Any) -> None:
    if validate.parse_date(_text(value)).isoformat() != value:
        raise InvalidInput(f"{value!r} is not a date written YYYY-MM-DD")


def _flag(value: Any) -> None:
    if _int(value) not in (0, 1):
        raise InvalidInput(f"{value!r} is not 0 or 1")


def _areas(value: Any) -> None:
    unknown = [a for a in _text(value, 1000).split(",") if a and a not in AREAS]
    if unknown:
        raise InvalidInput(f"unknown area {unknown[0]!r}")


def _checklist(value: Any) -> None:
    if checklist.parse_checked(_text(value, 1000)) != checklist.from_text(value):
        raise InvalidInput(f"{value!r} is not a checklist as homekit writes it")


def _time(value: Any) -> None:
    if validate.parse_time(_text(value)) != value:
        raise InvalidInput(f"{value!r} is not a time written HH:MM")


def _name(value: Any) -> None:
    if validate.profile_name(_text(value, 1000)) != value:
        raise InvalidInput(f"{value!r} is not a profile name as homekit stores it")


def _isotretinoin(value: Any) -> None:
    if value != "never":
        _date(value)


def _notes(value: Any) -> None:
    if not isinstance(value, str):
        raise InvalidInput(f"{value!r} is not text")
    validate.notes(value)


def _event_kind(value: Any) -> None:
    if not isinstance(value, str) or value not in EVENT_KINDS:
        raise InvalidInput(f"{value!r:.80} is not an event kind")


def _number(check: Callable[[int], int]) -> Callable[[Any], object]:
    return lambda value: check(_int(value))


#: table -> column -> (may be null, check): the checks `homekit check` makes of the live rows,
#: and every text short and free of control characters. `id` and the columns without a
#: default are required; any other column may be missing (an entry written before it existed).
COLUMNS: dict[str, dict[str, tuple[bool, Callable[[Any], object]]]] = {
    "profiles": {
        "id": (False, _int), "name": (False, _name),
        "target_sessions": (False, _number(validate.target_sessions)),
        "min_interval_days": (False, _number(validate.interval_days)),
        "created_at": (False, _text), "has_skin_condition": (True, _flag),
        "condition_acknowledged_at": (True, _text), "isotretinoin": (True, _isotretinoin),
        "isotretinoin_acknowledged_at": (True, _text), "blood_thinners": (True, _flag),
        "medical_answered_at": (True, _text), "skin_type": (True, _number(validate.skin_type)),
    },
    "sessions": {
        "id": (False, _int), "profile_id": (False, _int), "session_date": (False, _date),
        "start_time": (True, _time), "duration_min": (True, _number(validate.duration)),
        "areas": (False, _areas), "device_level": (True, _number(validate.device_level)),
        "glasses_worn": (True, _flag), "stinging": (True, _number(validate.stinging)),
        "notes": (False, _notes), "created_at": (False, _text),
        "checklist": (True, _checklist), "cleared_by_professional": (False, _flag),
    },
    "redness": {
        "id": (False, _int), "session_id": (False, _int), "observed_at": (False, _stamp),
        "severity": (False, _number(validate.severity)),
        "faded_after_min": (True, _number(validate.faded_after)), "notes": (False, _notes),
    },
    "adverse_events": {
        "id": (False, _int), "profile_id": (False, _int), "session_id": (True, _int),
        "kind": (False, _event_kind), "event_date": (False, _date), "created_at": (False, _text),
        "notes": (False, _notes), "resolved_on": (True, _date), "resolved_by_professional": (False, _flag),
    },
}
REQUIRED: dict[str, frozenset[str]] = {
    "profiles": frozenset({"id", "name", "created_at"}),
    "sessions": frozenset({"id", "profile_id", "session_date", "created_at"}),
    "redness": frozenset({"id", "session_id", "observed_at", "severity"}),
    "adverse_events": frozenset({"id", "profile_id", "kind", "event_date", "created_at"}),
}


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
    optional = OPTIONAL.get(kind, {})
    extra = {"was_default"} if kind == PROFILE_DELETED else set()
    _keys("payload", payload, set(KINDS[kind]) | set(optional) | extra, set(KINDS[kind]))
    tables = {**KINDS[kind], **{t: n for t, n in optional.items() if t in payload}}
    if "was_default" in payload and not isinstance(payload["was_default"], bool):
        raise _Fault("payload", "value", "was_default", f"{payload['was_default']!r:.80}")
    for table, count in tables.items():
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
