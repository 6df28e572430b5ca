"""Adverse events in an export, and read back from one.

A profile with events carries them as "adverse_events" (JSON: a list before its sessions; CSV:
the same list as one JSON cell of the profile's own row). Exports have no ids: an event names
its session by the session's date. A profile without events writes no key and an empty cell,
so an export made before events existed reads exactly as it did.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from homekit.domain import events as rules
from homekit.domain import validate
from homekit.domain.errors import InvalidInput
from homekit.domain.events import AdverseEvent, EventDraft
from homekit.transfer.formats import plain
from homekit.transfer.jsonstream import mentions

#: The key (JSON) and column (CSV) that carry a profile's events.
KEY = "adverse_events"


@dataclass(frozen=True)
class EventEntry:
    """One event read from an export, ready to store for `profile`."""

    profile: str
    draft: EventDraft
    session_date: dt.date | None
    created_at: str


def event_json(e: AdverseEvent, session_date: dt.date | None) -> dict[str, object]:
    return {
        "kind": e.kind,
        "date": e.event_date.isoformat(),
        "session_date": session_date.isoformat() if session_date else None,
        "notes": e.notes,
        "resolved_on": e.resolved_on.isoformat() if e.resolved_on else None,
        "resolved_by_professional": e.resolved_by_professional,
        "created_at": e.created_at,
    }


def _entry(profile: str, e: Any) -> EventEntry:
    if not isinstance(e, dict):
        raise InvalidInput(code="event_not_object")
    unknown = sorted(set(e) - {"kind", "date", "session_date", "notes", "resolved_on",
                               "resolved_by_professional", "created_at"})
    if unknown:
        raise InvalidInput(code="event_unknown_key", key=unknown[0][:40])
    for key in ("kind", "date"):
        if not isinstance(e.get(key), str):
            raise InvalidInput(code="event_missing", key=key)
    day = validate.parse_date(e["date"])
    texts = {k: e.get(k) for k in ("session_date", "resolved_on", "created_at")}
    for k, v in texts.items():
        if v is not None and not isinstance(v, str):
            raise InvalidInput(code="event_not_text", key=k)
    notes = e.get("notes") or ""
    by_pro = e.get("resolved_by_professional", False)
    if not isinstance(notes, str):
        raise InvalidInput(code="event_notes_not_text")
    if not isinstance(by_pro, bool):
        raise InvalidInput(code="event_by_professional_not_bool")
    resolved = validate.parse_date(texts["resolved_on"]) if texts["resolved_on"] else None
    if resolved is not None and resolved < day:
        raise InvalidInput(code="event_resolved_before", date=day, resolved=resolved)
    if by_pro and resolved is None:
        raise InvalidInput(code="event_cleared_without_date")
    created = texts["created_at"] or ""
    if created:
        try:
            dt.datetime.fromisoformat(created)
        except ValueError:
            raise InvalidInput(code="event_not_timestamp", text=created[:40]) from None
    draft = EventDraft(rules.kind(e["kind"]), day, None, validate.notes(notes), resolved, by_pro)
    session = validate.parse_date(texts["session_date"]) if texts["session_date"] else None
    return EventEntry(profile, draft, session, created)


def _listed(profile: str, value: Any, where: dict[str, Any]) -> list[EventEntry]:
    """A profile's events; `where`: the facts naming the profile (`profile_index` and
    `profile`) or the CSV row (`line`) in a refusal."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            raise InvalidInput(code="events_not_json", key=KEY, **where) from None
    if not isinstance(value, list):
        raise InvalidInput(code="events_not_list", key=KEY, **where)
    out = []
    for i, e in enumerate(value, 1):
        try:
            out.append(_entry(profile, e))
        except InvalidInput as exc:
            raise InvalidInput(code="event_entry_bad", index=i, cause=exc, **where) from None
    return out


def read_entries(path: Path, default_profile: str) -> list[EventEntry]:
    """The adverse events an export carries ([] for one without). Refuses, naming the
    profile, an event that the CLI would refuse; nothing is stored by reading."""
    path = Path(path)
    if not mentions(path, KEY.encode(), unreadable=False):
        return []
    text = path.read_text(encoding="utf-8-sig")
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        doc = None
    found: list[EventEntry] = []
    if isinstance(doc, dict):
        for pi, p in enumerate(doc.get("profiles") or []):
            if isinstance(p, dict) and KEY in p:
                name = p["name"] if isinstance(p.get("name"), str) else default_profile
                found += _listed(name, p[KEY], {"profile_index": pi + 1, "profile": name})
        return found
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f, strict=True)
        header = [c.strip().lower() for c in next((r for r in rows if r), [])]
        if KEY not in header:
            return []
        at, named = header.index(KEY), header.index("profile") if "profile" in header else -1
        for row in rows:
            if len(row) == len(header) and row[at].strip():
                name = plain(row[named]) if named >= 0 and row[named] else default_profile
                found += _listed(name, row[at], {"line": rows.line_num})
    return found
