"""Photos in a JSON export (`export --photos DIR`): the entries written, and read back.

Each profile of the export gains "photos": entries naming their file (relative to the export
file's folder, and read back only from inside it: domain.containment), the session's date
(sessions have no ids in an export), area, day taken and notes. The pixels stay in the files;
reading them back goes through the same checks as `photo add`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from homekit.domain import validate
from homekit.domain.containment import inside
from homekit.domain.errors import InvalidInput
from homekit.domain.photos import Photo
from homekit.domain.photos import view as photo_view
from homekit.transfer.jsonstream import mentions


@dataclass(frozen=True)
class PhotoEntry:
    profile: str
    file: Path
    session_date: dt.date | None
    area: str | None
    taken_on: dt.date
    notes: str
    created_at: str
    view: str | None = None


def file_name(photo: Photo) -> str:
    return f"{photo.id}.jpg"


def entry_json(photo: Photo, file: Path, base: Path, session_date: dt.date | None) -> dict[str, Any]:
    """One photo's entry; `file` as written relative to `base` (the export's folder)."""
    try:
        ref = os.path.relpath(file, base)
    except ValueError:
        ref = str(file)
    return {
        "file": Path(ref).as_posix(),
        "session_date": session_date.isoformat() if session_date else None,
        "area": photo.area,
        "taken_on": photo.taken_on.isoformat(),
        "notes": photo.notes,
        "created_at": photo.created_at,
        "view": photo.view,
    }


def _bad(name: object, cause: InvalidInput, *, profile: int | str,
         photo: int | None = None) -> InvalidInput:
    """The export's photo list is refused: `profile` (its number, or the name of the profile
    of photo number `photo`) and `cause` say where and why (homekit.words.imports)."""
    return InvalidInput(code="photo_entry_bad", name=name, cause=cause,
                        profile=profile, photo=photo)


def read_entries(path: Path, default_profile: str, *, folder: Path | None = None,
                 name: str | None = None) -> list[PhotoEntry]:
    """The photo entries of a JSON export ([] for CSV or an export without photos).

    `folder`: where the files it names start (the export's own folder, or the current one
    for an export read from a stream); `name`: how messages call the export.
    """
    path = Path(path).expanduser()
    folder = path.parent if folder is None else folder
    shown_as = str(path) if name is None else name
    # `photos` may be in a note too: then the whole document is parsed; an unreadable file
    # is left to the reading below.
    if not mentions(path, b'"photos"', unreadable=True):
        return []  # most exports: no need to hold the whole document (flat memory)
    try:
        text = path.read_text(encoding="utf-8-sig")
        doc = json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return []  # not JSON: the import proper says what is wrong with the file
    if not isinstance(doc, dict) or not isinstance(doc.get("profiles"), list):
        return []
    found = []
    for pi, p in enumerate(doc["profiles"]):
        if not isinstance(p, dict) or "photos" not in p:
            continue
        name = p["name"] if isinstance(p.get("name"), str) else default_profile
        if not isinstance(p["photos"], list):
            raise _bad(shown_as, InvalidInput(code="photos_not_list"), profile=pi + 1)
        for i, e in enumerate(p["photos"]):
            try:
                if not isinstance(e, dict) or not isinstance(e.get("file"), str) or not e["file"]:
                    raise InvalidInput(code="photo_no_file")
                session = e.get("session_date")
                area = e.get("area")
                view = e.get("view")
                notes = e.get("notes") or ""
                if view is not None and not isinstance(view, str):
                    raise InvalidInput(code="photo_view_not_text")
                if area is not None and not isinstance(area, str):
                    raise InvalidInput(code="photo_area_not_text")
                if not isinstance(notes, str) or not isinstance(e.get("created_at", ""), str):
                    raise InvalidInput(code="photo_notes_not_text")
                found.append(PhotoEntry(
                    profile=name,
                    file=Path(inside(str(folder), e["file"], os.path.realpath)),
                    session_date=validate.parse_date(str(session)) if session else None,
                    area=validate.area(area) if area else None,
                    taken_on=validate.parse_date(str(e.get("taken_on", ""))),
                    notes=validate.notes(notes),
                    created_at=e.get("created_at") or "",
                    view=photo_view(view) if view else None,
                ))
            except InvalidInput as exc:
                raise _bad(shown_as, exc, profile=name, photo=i + 1) from None
    return found
