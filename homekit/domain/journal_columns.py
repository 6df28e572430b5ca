"""The columns of each table an undo journal entry may hold, and the check of each value: what
`homekit check` makes of the live rows, and every text short and free of control characters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from homekit.domain import checklist, validate
from homekit.domain.errors import InvalidInput
from homekit.domain.events import EVENT_KINDS
from homekit.domain.models import AREAS

#: Characters of a timestamp homekit writes (`2026-11-25T09:30:00`), with room to spare.
MAX_STAMP_CHARS = 64
#: Tables an entry written before they existed leaves out (a profile deleted before schema 11).
OPTIONAL_TABLES = frozenset({"products", "treatments", "adverse_events"})


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


def _treatment(value: Any) -> None:
    from homekit.domain import treatments

    name = _text(value)
    if name not in treatments.BUILTIN:
        treatments.new_treatment_name(name)


def _depth(value: Any) -> None:
    from homekit.domain import treatments

    if type(value) not in (int, float):
        raise InvalidInput(f"{value!r} is not a number")
    treatments.check_depth(float(value))


def _despite(value: Any) -> None:
    from homekit.domain import treatments

    kinds = [k for k in _text(value).split(",") if k]
    if ",".join(treatments.despite_kinds(kinds)) != value:
        raise InvalidInput(f"{value!r} is not a list of product kinds as homekit writes it")


def _kind(value: Any) -> None:
    from homekit.domain import treatments

    if treatments.product_kind(_text(value)) != value:
        raise InvalidInput(f"{value!r} is not a product kind as homekit writes it")


def _days(value: Any) -> None:
    if not 1 <= _int(value) <= 365:
        raise InvalidInput(f"{value!r} is not a number of days from 1 to 365")


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
        "treatment": (False, _treatment), "depth_mm": (True, _depth),
        "despite": (False, _despite),
    },
    "products": {
        "id": (False, _int), "profile_id": (False, _int), "kind": (False, _kind),
        "used_on": (False, _date), "notes": (False, _notes), "created_at": (False, _text),
    },
    "treatments": {
        "profile_id": (False, _int), "name": (False, _treatment), "custom": (False, _flag),
        "min_interval_days": (True, _days),
        "target_sessions": (True, _number(validate.target_sessions)),
        "created_at": (False, _text),
    },
    "redness": {
        "id": (False, _int), "session_id": (False, _int), "observed_at": (False, _stamp),
        "severity": (False, _number(validate.severity)),
        "faded_after_min": (True, _number(validate.faded_after)), "notes": (False, _notes),
    },
    "adverse_events": {
        "id": (False, _int), "profile_id": (False, _int), "session_id": (True, _int),
        "kind": (False, _event_kind), "event_date": (False, _date), "created_at": (False, _text),
        "notes": (False, _notes), "resolved_on": (True, _date),
        "resolved_by_professional": (False, _flag),
    },
}
REQUIRED: dict[str, frozenset[str]] = {
    "profiles": frozenset({"id", "name", "created_at"}),
    "sessions": frozenset({"id", "profile_id", "session_date", "created_at"}),
    "redness": frozenset({"id", "session_id", "observed_at", "severity"}),
    "products": frozenset({"id", "profile_id", "kind", "used_on", "created_at"}),
    "treatments": frozenset({"profile_id", "name", "custom", "created_at"}),
    "adverse_events": frozenset({"id", "profile_id", "kind", "event_date", "created_at"}),
}
