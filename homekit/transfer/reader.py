"""Read an import file into raw rows, each with the line it starts on; no checking of values.

A file that is not a homekit export (binary, not JSON, a foreign CSV header) is refused here
with one line, before any row is looked at.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import json.scanner
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from homekit.domain.errors import InvalidInput
from homekit.transfer.formats import CSV_COLUMNS, FORMAT_NAME, FORMAT_VERSION, plain
from homekit.words import shown

SQLITE_HEADER = b"SQLite format 3\x00"
HAND_WRITTEN = "session_date,duration_min,notes"


@dataclass
class RawProfile:
    """A profile named by the file, with its settings when the file carries them (JSON)."""

    name: Any
    settings: dict[str, Any] | None
    ref: Any  # what `ImportFile.line` turns into a line number


@dataclass
class RawSession:
    profile: Any  # a profile name as written, or None: the current profile
    values: dict[str, Any]
    ref: Any
    problem: str | None = None  # the row could not even be read (wrong field count, ...)


@dataclass
class ImportFile:
    path: Path
    kind: str  # "csv" or "json"
    columns: frozenset[str]  # CSV: the header's columns; JSON: set per row in values
    profiles: list[RawProfile] = field(default_factory=list)
    sessions: list[RawSession] = field(default_factory=list)
    line: Callable[[Any], int] = field(default=lambda ref: int(ref))


def not_export(path: Path, why: str) -> InvalidInput:
    return InvalidInput(f"{shown(path)} is not a homekit export ({why}); nothing was imported")


def read_import_file(path: Path) -> ImportFile:
    """Read `path` as CSV or JSON (by extension, else by its first character)."""
    path = Path(path).expanduser()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"{shown(path)} does not exist") from None
    except IsADirectoryError:
        raise InvalidInput(f"{shown(path)} is a folder, not a file") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {shown(path)}: {exc.strerror}") from None
    if data.startswith(SQLITE_HEADER):
        raise not_export(path, f"it is a SQLite database; to bring back a backup use: "
                               f"homekit restore {shown(path)}")
    if b"\x00" in data:
        raise not_export(path, "binary data")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise not_export(path, "not UTF-8 text") from None
    del data  # the bytes are not needed once decoded: a smaller peak while parsing
    suffix = path.suffix.lower()
    if suffix == ".json" or (suffix != ".csv" and text.lstrip()[:1] in ("{", "[")):
        return _read_json(path, text)
    return _read_csv(path, text)


# -- CSV ------------------------------------------------------------------------------


def _read_csv(path: Path, text: str) -> ImportFile:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next((r for r in reader if r), None)
    except csv.Error as exc:
        raise not_export(path, f"unreadable CSV: {exc}") from None
    if header is None:
        raise not_export(path, "the file is empty")
    columns = [c.strip().lower() for c in header]
    unknown = [c for c in columns if c not in CSV_COLUMNS]
    if "session_date" not in columns or unknown or len(set(columns)) != len(columns):
        text = ",".join(header)
        text = text if len(text) <= 60 else text[:57] + "..."
        raise not_export(path, f"header {text!r}; expected homekit's export columns or "
                               f"a hand-written {HAND_WRITTEN}")
    result = ImportFile(path, "csv", frozenset(columns))
    last = reader.line_num
    try:
        for record in reader:
            start, last = last + 1, reader.line_num
            if not record or record == [""]:
                continue
            if len(record) != len(columns):
                at = columns.index("session_date")
                written = {"session_date": record[at] if at < len(record) else ""}
                row = RawSession(None, written, start,
                                 f"has {len(record)} fields, the header has {len(columns)}")
            else:
                values = dict(zip(columns, map(plain, record), strict=True))
                row = RawSession(values.pop("profile", "") or None, values, start)
            result.sessions.append(row)
    except csv.Error as exc:
        raise InvalidInput(f"{shown(path)}: line {reader.line_num}: unreadable CSV ({exc}); "
                           "nothing was imported") from None
    return result


# -- JSON -----------------------------------------------------------------------------


def _read_json(path: Path, text: str) -> ImportFile:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise not_export(path, f"not valid JSON: {exc.msg} at line {exc.lineno}") from None
    except RecursionError:
        raise not_export(path, "JSON nested too deeply") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise not_export(path, f'JSON without "format": "{FORMAT_NAME}"')
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise not_export(path, "no valid format version")
    if version > FORMAT_VERSION:
        raise InvalidInput(f"{shown(path)} was written by a newer homekit (format version {version}); "
                           "upgrade homekit to import it")
    profiles = doc.get("profiles")
    if not isinstance(profiles, list):
        raise not_export(path, '"profiles" is not a list')
    result = ImportFile(path, "json", frozenset())
    for pi, p in enumerate(profiles):
        if not isinstance(p, dict):
            raise InvalidInput(f"{shown(path)}: profile {pi + 1} is not an object; nothing was imported")
        settings = {k: v for k, v in p.items() if k != "sessions"}
        result.profiles.append(RawProfile(p.get("name"), settings, (pi, None)))
        sessions = p.get("sessions", [])
        if not isinstance(sessions, list):
            raise InvalidInput(f"{shown(path)}: the sessions of profile {pi + 1} are not a list; "
                               "nothing was imported")
        for si, s in enumerate(sessions):
            if isinstance(s, dict):  # the parsed object itself: no copy of every session
                result.sessions.append(RawSession(p.get("name"), s, (pi, si)))
            else:
                result.sessions.append(RawSession(p.get("name"), {}, (pi, si),
                                                  "is not a session object"))
    result.line = _json_line_finder(text)
    return result


def _json_line_finder(text: str) -> Callable[[Any], int]:
    """Line numbers of profile and session objects, found by a second, slower parse only
    when a message needs one (a clean import never pays for it)."""
    lines: dict[Any, int] = {}

    def line(ref: Any) -> int:
        if not lines:
            try:
                lines.update(_object_lines(text))
            except RecursionError:  # the pure-Python parser nests deeper than the C one
                lines[None] = 1
        return lines.get(ref, 1)

    return line


def _object_lines(text: str) -> dict[Any, int]:
    starts: dict[int, int] = {}
    decoder = json.JSONDecoder()
    plain = decoder.parse_object  # type: ignore[attr-defined]

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
        obj, end = plain(s_and_end, *args)
        starts[id(obj)] = s_and_end[1] - 1
        return obj, end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    doc = decoder.decode(text)
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]

    def line_of(obj: Any) -> int:
        pos = starts.get(id(obj), 0)
        return bisect.bisect_left(newlines, pos) + 1

    found: dict[Any, int] = {}
    for pi, p in enumerate(doc.get("profiles", [])):
        found[(pi, None)] = line_of(p)
        if isinstance(p, dict) and isinstance(p.get("sessions"), list):
            for si, s in enumerate(p["sessions"]):
                found[(pi, si)] = line_of(s)
    return found
