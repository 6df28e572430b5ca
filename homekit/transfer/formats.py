"""The two export formats, column by column (documented in notes/data.md).

Ids are left out on purpose: they belong to one file and would clash in another. Each
session keeps its `created_at` (when it was first logged), so a round trip is exact.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from homekit.domain.models import Profile, Redness, Session

#: The JSON export's marker and version: a file without them is not a homekit export.
FORMAT_NAME = "homekit-export"
FORMAT_VERSION = 1

#: CSV columns, in order. A hand-written CSV may use any subset that has `session_date`.
CSV_COLUMNS: tuple[str, ...] = (
    "profile",
    "session_date",
    "start_time",
    "duration_min",
    "areas",
    "device_level",
    "glasses_worn",
    "stinging",
    "notes",
    "created_at",
    "redness",
)
#: Session fields that decide whether a row is the same session as a stored one.
COMPARED_FIELDS: frozenset[str] = frozenset(
    {"start_time", "duration_min", "areas", "device_level", "glasses_worn", "stinging",
     "notes", "redness"}
)
YES, NO = "yes", "no"


def redness_json(r: Redness) -> dict[str, object]:
    return {
        "observed_at": r.observed_at,
        "severity": r.severity,
        "faded_after_min": r.faded_after_min,
        "notes": r.notes,
    }


def session_json(s: Session) -> dict[str, object]:
    return {
        "session_date": s.session_date.isoformat(),
        "start_time": s.start_time,
        "duration_min": s.duration_min,
        "areas": list(s.areas),
        "device_level": s.device_level,
        "glasses_worn": s.glasses_worn,
        "stinging": s.stinging,
        "notes": s.notes,
        "created_at": s.created_at,
        "checklist": None if s.checklist is None else list(s.checklist),
        "cleared_by_professional": s.cleared_by_professional,
        "redness": [redness_json(r) for r in s.redness],
    }


def profile_json(p: Profile, sessions: Iterable[Session]) -> dict[str, object]:
    return {
        "name": p.name,
        "target_sessions": p.target_sessions,
        "min_interval_days": p.min_interval_days,
        "created_at": p.created_at,
        "has_skin_condition": p.has_skin_condition,
        "condition_acknowledged_at": p.condition_acknowledged_at,
        "isotretinoin": p.isotretinoin,
        "isotretinoin_acknowledged_at": p.isotretinoin_acknowledged_at,
        "blood_thinners": p.blood_thinners,
        "medical_answered_at": p.medical_answered_at,
        "sessions": [session_json(s) for s in sessions],
    }


def to_json(profiles: Sequence[tuple[Profile, Sequence[Session]]]) -> str:
    """The JSON export: indented two spaces, UTF-8 (not escaped), ending in a newline."""
    doc = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "profiles": [profile_json(p, sessions) for p, sessions in profiles],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    return str(value)


def csv_row(profile: str, s: Session) -> list[str]:
    redness = (
        json.dumps([redness_json(r) for r in s.redness], ensure_ascii=False, separators=(",", ":"))
        if s.redness
        else ""
    )
    return [
        profile,
        s.session_date.isoformat(),
        _cell(s.start_time),
        _cell(s.duration_min),
        ",".join(s.areas),
        _cell(s.device_level),
        _cell(s.glasses_worn),
        _cell(s.stinging),
        s.notes,
        s.created_at,
        redness,
    ]


def to_csv(profiles: Sequence[tuple[Profile, Sequence[Session]]]) -> str:
    """The CSV export: a header, then one row a session; `\\n` line ends, RFC 4180 quoting."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p, sessions in profiles:
        for s in sessions:
            writer.writerow(csv_row(p.name, s))
    return out.getvalue()


FORMATS = ("csv", "json")


def format_for(path: str | Path | None, given: str | None) -> str:
    """The format asked for, else the one the output file's extension names, else JSON."""
    if given:
        return given
    suffix = Path(path).suffix.lower().lstrip(".") if path else ""
    return suffix if suffix in FORMATS else "json"
