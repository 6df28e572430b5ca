"""The two export formats, column by column (documented in notes/data.md).

Ids are left out on purpose: they belong to one file and would clash in another. Each
session keeps its `created_at` (when it was first logged), so a round trip is exact.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from homekit.domain.models import Profile, Redness, Session

#: The JSON export's marker and version: a file without them is not a homekit export.
FORMAT_NAME = "homekit-export"
FORMAT_VERSION = 1

#: A profile's settings and answers in the CSV: the JSON's keys, but `profile_created_at`.
PROFILE_COLUMNS: tuple[str, ...] = (
    "target_sessions",
    "min_interval_days",
    "profile_created_at",
    "has_skin_condition",
    "condition_acknowledged_at",
    "isotretinoin",
    "isotretinoin_acknowledged_at",
    "blood_thinners",
    "medical_answered_at",
    "skin_type",
    "treatments",
    "products",
    "adverse_events",
)
Events = Mapping[str, Sequence[dict[str, object]]]  # per profile name: its adverse events
#: CSV columns, in order. A hand-written CSV may use any subset that has `session_date`.
#: The last ones (PROFILE_COLUMNS) are a profile's settings and answers: each profile has one
#: row of its own, with an empty `session_date`, before its sessions (whose cells there are
#: empty), so that a CSV carries what `remind` and the gates need, as the JSON does.
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
    "checklist",
    "cleared_by_professional",
    "treatment",
    "depth_mm",
    "despite",
    *PROFILE_COLUMNS,
)
#: The checklist cell of a session asked the checklist that confirmed no item (an empty cell
#: means it was not asked).
NO_ITEMS = "none"
#: Session fields that decide whether a row is the same session as a stored one.
COMPARED_FIELDS: frozenset[str] = frozenset(
    {"start_time", "duration_min", "areas", "device_level", "glasses_worn", "stinging",
     "notes", "redness", "treatment", "depth_mm", "despite"}
)
#: A profile's custom treatments and own settings, and its product uses, as both formats
#: carry them (the CSV: as JSON in the profile row's `treatments` and `products` cells).
Extras = dict[str, list[dict[str, object]]]
NO_EXTRAS: Extras = {"treatments": [], "products": []}
YES, NO = "yes", "no"

#: A CSV cell starting with one of these is a formula to a spreadsheet (OWASP CSV injection).
FORMULA_STARTS = frozenset("=+-@\t\r")
APOSTROPHE = "'"


def neutralised(cell: str) -> str:
    """`cell` as the CSV export writes it: an apostrophe before a formula-like start, and
    before a leading apostrophe (so that `plain` can tell the two apart)."""
    return APOSTROPHE + cell if cell[:1] in FORMULA_STARTS or cell[:1] == APOSTROPHE else cell


def plain(cell: str) -> str:
    """The exact inverse of `neutralised`, and a hand-written cell kept as typed.

    One leading apostrophe is removed only when a formula start or a second apostrophe
    follows it; a hand-written `'tis` stays `'tis`. Line breaks written CRLF (as spreadsheets
    write them inside a quoted cell) become `\n`.
    """
    cell = cell.replace("\r\n", "\n")
    if cell[:1] == APOSTROPHE and (cell[1:2] in FORMULA_STARTS or cell[1:2] == APOSTROPHE):
        return cell[1:]
    return cell


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
        "treatment": s.treatment,
        "depth_mm": s.depth_mm,
        "despite": list(s.despite),
        "redness": [redness_json(r) for r in s.redness],
    }


def profile_json(p: Profile, sessions: Iterable[Session],
                 extras: Extras | None = None, events: Sequence[dict[str, object]] = ()) -> dict[str, object]:
    """A profile's object; its adverse events (only when it has any) before its sessions."""
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
        "skin_type": p.skin_type,
        **(extras or NO_EXTRAS),
        **({"adverse_events": list(events)} if events else {}),
        "sessions": [session_json(s) for s in sessions],
    }


def to_json(
    profiles: Sequence[tuple[Profile, Iterable[Session]]],
    photos: dict[str, list[dict[str, object]]] | None = None,
    extras: dict[str, Extras] | None = None, events: Events | None = None,
) -> str:
    """The JSON export: indented two spaces, UTF-8 (not escaped), ending in a newline.

    `photos` (export --photos DIR): per profile name, the photo entries to list under
    "photos"; without it the export is exactly as before photos existed (and streamed).
    """
    events = events or {}
    if photos is None:
        return "".join(json_chunks(profiles, extras, events))
    listed = [profile_json(p, sessions, (extras or {}).get(p.name), events.get(p.name, ()))
              for p, sessions in profiles]
    for entry, (p, _) in zip(listed, profiles, strict=True):
        entry["photos"] = photos.get(p.name, [])
    doc = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "profiles": listed}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


#: Where a profile's sessions go in the skeleton of the document (no JSON string has it raw).
_SLOT = "\x00sessions\x00"
#: Sessions sit four levels deep: document, profiles list, profile, sessions list.
_SESSION_INDENT = " " * 8


def json_chunks(profiles: Iterable[tuple[Profile, Iterable[Session]]],
                extras: dict[str, Extras] | None = None, events: Events | None = None
                ) -> Iterator[str]:
    """`to_json` piece by piece, one session at a time: memory stays flat at any log size.

    The same bytes as one `json.dumps(..., indent=2)` of the whole document: the skeleton is
    dumped with a marker where each profile's sessions go, and each session is dumped alone
    and indented to its depth (JSON strings hold no raw newline, so every line moves).
    """
    profiles = list(profiles)
    events = events or {}
    skeleton = json.dumps(
        {"format": FORMAT_NAME, "version": FORMAT_VERSION,
         "profiles": [{**profile_json(p, (), (extras or {}).get(p.name), events.get(p.name, ())),
                       "sessions": _SLOT}
                      for p, _ in profiles]},
        ensure_ascii=False, indent=2,
    )
    pieces = skeleton.split(json.dumps(_SLOT))
    yield pieces[0]
    for (_, sessions), after in zip(profiles, pieces[1:], strict=True):
        first = True
        for s in sessions:
            text = json.dumps(session_json(s), ensure_ascii=False, indent=2)
            yield ("[\n" if first else ",\n") + _SESSION_INDENT + text.replace(
                "\n", "\n" + _SESSION_INDENT)
            first = False
        yield "[]" if first else "\n      ]"
        yield after
    yield "\n"


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
    cells = [
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
        "" if s.checklist is None else ",".join(s.checklist) or NO_ITEMS,
        _cell(s.cleared_by_professional),
        s.treatment,
        _cell(s.depth_mm),
        ",".join(s.despite),
        *_NO_SETTINGS,
    ]
    return [neutralised(c) for c in cells]


_NO_SETTINGS = ("",) * len(PROFILE_COLUMNS)
#: The session cells of a profile's own row: all empty.
_NO_SESSION = ("",) * (len(CSV_COLUMNS) - len(PROFILE_COLUMNS) - 1)


def _json_cell(rows: Sequence[dict[str, object]]) -> str:
    return json.dumps(list(rows), ensure_ascii=False, separators=(",", ":")) if rows else ""


def csv_profile_row(p: Profile, extras: Extras | None = None,
                    events: Sequence[dict[str, object]] = ()) -> list[str]:
    """A profile's own row: its name, empty session cells, its settings and answers, its
    treatments and products, and its adverse events (JSON cells, empty without any)."""
    more = extras or NO_EXTRAS
    settings = [p.target_sessions, p.min_interval_days, p.created_at, p.has_skin_condition,
                p.condition_acknowledged_at, p.isotretinoin, p.isotretinoin_acknowledged_at,
                p.blood_thinners, p.medical_answered_at, p.skin_type,
                _json_cell(more["treatments"]), _json_cell(more["products"]), _json_cell(events)]
    return [neutralised(c) for c in (p.name, *_NO_SESSION, *map(_cell, settings))]


def to_csv(profiles: Sequence[tuple[Profile, Iterable[Session]]],
           extras: dict[str, Extras] | None = None, events: Events | None = None) -> str:
    """The CSV export: a header, then per profile its own row and one row a session; `\\n`
    line ends, RFC 4180 quoting, formula-like cells neutralised (see `neutralised`)."""
    return "".join(csv_chunks(profiles, extras=extras, events=events))


def csv_chunks(profiles: Iterable[tuple[Profile, Iterable[Session]]], rows_per_chunk: int = 500,
               extras: dict[str, Extras] | None = None, events: Events | None = None) -> Iterator[str]:
    """`to_csv` a few hundred rows at a time: memory stays flat at any log size."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    n = 0
    for p, sessions in profiles:
        writer.writerow(csv_profile_row(p, (extras or {}).get(p.name),
                                        (events or {}).get(p.name, ())))
        for s in sessions:
            writer.writerow(csv_row(p.name, s))
            n += 1
            if n % rows_per_chunk == 0:
                yield out.getvalue()
                out.seek(0)
                out.truncate()
    yield out.getvalue()


FORMATS = ("csv", "json")


def format_for(path: str | Path | None, given: str | None) -> str:
    """The format asked for, else the one the output file's extension names, else JSON."""
    if given:
        return given
    suffix = Path(path).suffix.lower().lstrip(".") if path else ""
    return suffix if suffix in FORMATS else "json"
