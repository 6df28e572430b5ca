"""Rows to domain objects and back, and sqlite3 errors to one-line messages."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import fields
from pathlib import Path

from homekit.domain.errors import (
    HomekitError,
    RuleViolation,
    StorageError,
)
from homekit.domain.models import Profile, Redness, Session
from homekit.storage.schema import RULE_PREFIX

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, TypeVar

    from homekit.domain.drafts import SessionDraft

    _T = TypeVar("_T")
    #: Column name -> the converter of its stored value.
    _Convert = Mapping[str, Callable[[Any], Any]]

_PROFILE_COLS = (
    "id, name, target_sessions, min_interval_days, created_at, "
    "has_skin_condition, condition_acknowledged_at, isotretinoin, isotretinoin_acknowledged_at, "
    "blood_thinners, medical_answered_at, skin_type"
)
_SESSION_COLS = (
    "id, profile_id, session_date, start_time, duration_min, areas, device_level, "
    "glasses_worn, stinging, notes, created_at, checklist, cleared_by_professional, "
    "treatment, depth_mm, despite"
)
_REDNESS_COLS = "id, session_id, observed_at, severity, faded_after_min, notes"


def storage_error(exc: sqlite3.Error, file: Path | str) -> HomekitError:
    """Turn a sqlite3 error into an error a user can act on (its code and facts; words say it)."""
    text = str(exc)
    low = text.lower()
    if text.startswith(RULE_PREFIX):
        return RuleViolation(text)
    if "locked" in low or "busy" in low:
        return StorageError(code="data_file_locked", file=file)
    if "not a database" in low or "malformed" in low or "corrupt" in low:
        return StorageError(code="data_file_damaged", file=file)
    if "readonly" in low or "read-only" in low:
        return StorageError(code="data_file_read_only", file=file)
    if "disk is full" in low or "disk i/o" in low:
        return StorageError(code="disk_failed", file=file)
    if "constraint" in low:
        return StorageError(code="check_failed", file=file, detail=text)
    return StorageError(code="sqlite_error", file=file, detail=text)


def _fold(text: object) -> str:
    return str(text or "").casefold()


def _flag(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _items(text: str) -> tuple[str, ...]:
    return tuple(i for i in text.split(",") if i)


def _maybe_items(text: str | None) -> tuple[str, ...] | None:
    return None if text is None else _items(text)


def from_row(cls: Callable[..., _T], row: sqlite3.Row,
             convert: Mapping[str, Callable[[Any], Any]] | None = None, **given: Any) -> _T:
    """A dataclass built from a row by field name: every field the row has a column for,
    through its converter in `convert` (if any); `given` adds the fields no column holds."""
    convert = convert or {}
    columns = set(row.keys())
    values = {
        f.name: convert.get(f.name, _same)(row[f.name])
        # (cls is a dataclass; typing.cast would import typing on every start-up)
        for f in fields(cls) if f.name in columns and f.name not in given  # type: ignore[arg-type]
    }
    return cls(**values, **given)


def _same(value: Any) -> Any:
    return value


_PROFILE_CONVERT: _Convert = {"has_skin_condition": _flag, "blood_thinners": _flag}
_SESSION_CONVERT: _Convert = {
    "session_date": dt.date.fromisoformat,
    "areas": _items,
    "glasses_worn": _flag,
    "checklist": _maybe_items,
    "cleared_by_professional": bool,
    "despite": _items,
}


def _profile(row: sqlite3.Row) -> Profile:
    return from_row(Profile, row, _PROFILE_CONVERT)


def _session(row: sqlite3.Row, redness: tuple[Redness, ...] = (), number: int = 0) -> Session:
    return from_row(Session, row, _SESSION_CONVERT, redness=redness, number=number)


def _redness(row: sqlite3.Row, session_number: int = 0) -> Redness:
    return from_row(Redness, row, session_number=session_number)


def safety_values(draft: SessionDraft) -> tuple[Any, ...]:
    """A new session's columns after created_at (checklist, cleared_by_professional,
    treatment, depth_mm, despite), as stored."""
    checklist = None if draft.checklist is None else ",".join(draft.checklist)
    return (checklist, int(draft.cleared_by_professional), draft.treatment, draft.depth_mm,
            ",".join(draft.despite))


def draft_values(draft: SessionDraft) -> tuple[Any, ...]:
    """A session's columns from session_date to notes, as stored."""
    return (
        draft.session_date.isoformat(),
        draft.start_time,
        draft.duration_min,
        ",".join(draft.areas),
        draft.device_level,
        None if draft.glasses_worn is None else int(draft.glasses_worn),
        draft.stinging,
        draft.notes,
    )
