"""Read an import file into raw rows, each with the line it starts on; no checking of values.

A file that is not a homekit export (binary, not JSON, a foreign CSV header) is refused here
with one line, before any row is looked at. The rows are read from disk in pieces, again
for each pass (`ImportFile.rows`), so memory does not grow with the file; a JSON file not laid
out as homekit writes it is parsed whole (`ImportFile.whole`).
"""

from __future__ import annotations

import bisect
import codecs
import csv
import json
import json.scanner
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from homekit.domain.errors import InvalidInput
from homekit.files import STDIN_NAME, STDIO
from homekit.transfer.formats import CSV_COLUMNS, FORMAT_NAME, FORMAT_VERSION, PROFILE_COLUMNS, plain
from homekit.transfer.jsonstream import CHUNK, stream_json
from homekit.transfer.raw import Item, RawProfile, RawSession

SQLITE_HEADER = b"SQLite format 3\x00"
HAND_WRITTEN = "session_date,duration_min,notes"


@dataclass
class ImportFile:
    """An import file, read again from disk for each pass (`rows`): memory stays flat."""

    path: Path
    kind: str  # "csv" or "json"
    columns: frozenset[str]  # CSV: the header's columns; JSON: set per row in values
    read: Callable[[], Iterator[Item]] = field(default=lambda: iter(()))
    line: Callable[[Any], int] = field(default=lambda ref: int(ref))
    seen: tuple[int, ...] = ()  # size, modification time and inode when first read
    name: str = ""  # how messages name the file (the path as given, or standard input)
    short: str = ""  # its own name, for the one-line summaries

    def __post_init__(self) -> None:
        self.name = self.name or str(self.path)
        self.short = self.short or Path(self.name).name

    def changed(self) -> bool:
        """Whether the file is no longer the one read first (it is read again to insert)."""
        return bool(self.seen) and _identity(self.path) != self.seen

    def rows(self) -> Iterator[Item]:
        """Profiles and sessions in file order, each profile before its sessions."""
        return self.read()

    def whole(self) -> ImportFile:
        """The same file parsed at once (the layouts the streamed reader does not follow)."""
        text = self.path.read_bytes().decode("utf-8-sig")
        whole = _read_json(self.path, text, self.name)
        whole.seen, whole.short = self.seen, self.short
        return whole


def _identity(path: Path) -> tuple[int, ...]:
    try:
        st = path.stat()
    except OSError:
        return ()
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def not_export(name: object, why: str, **facts: Any) -> InvalidInput:
    """`name` is not an export; `why` names the reason (homekit.words.transfer says it)."""
    return InvalidInput(code="not_export", name=name, why=why,
                        **facts)


def read_import_file(path: Path, *, name: str | None = None, short: str | None = None) -> ImportFile:
    """Check `path` (a regular text file, not a database), then read it as CSV or JSON (by the
    extension of `name`, else by its first character) in pieces. `name`: how messages call it
    (a stream's private copy is read under the name the user gave)."""
    path = Path(path).expanduser()
    name = name or str(path)
    seen = _identity(path)
    first = _check_text(path, name)
    suffix = Path(name).suffix.lower()
    if suffix == ".json" or (suffix != ".csv" and first in ("{", "[")):
        result = ImportFile(path, "json", frozenset(), lambda: stream_json(path), name=name)
    else:
        result = _read_csv(path, name)
    result.seen, result.short = seen, short or result.short
    return result


def text_head(head: bytes, name: str) -> None:
    """Refuse a stream by its first bytes, before it is copied: a database, binary data."""
    if head.startswith(SQLITE_HEADER):
        raise not_export(name, "sqlite", restore_as=STDIO if name == STDIN_NAME else name)
    if b"\x00" in head:
        raise not_export(name, "binary")


def _check_text(path: Path, name: str) -> str:
    """Refuse a missing, binary or non-UTF-8 file, reading it in pieces; return its first
    non-blank character."""
    first = ""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
            if head.startswith(SQLITE_HEADER):
                raise not_export(name, "sqlite", restore_as=name)
            chunk, ok = head, True
            while chunk:
                if b"\x00" in chunk:
                    raise not_export(name, "binary")
                if ok:
                    try:
                        text = decoder.decode(chunk)
                    except UnicodeDecodeError:
                        ok = False  # binary data found later still wins, as when read at once
                    if ok and not first:
                        first = text.lstrip()[:1]
                chunk = f.read(CHUNK)
            if ok:
                decoder.decode(b"", final=True)
    except FileNotFoundError:
        raise InvalidInput(code="import_missing", name=name) from None
    except IsADirectoryError:
        raise InvalidInput(code="import_is_folder", name=name) from None
    except UnicodeDecodeError:
        ok = False
    except OSError as exc:
        raise InvalidInput(code="import_unreadable", name=name,
                           reason=exc.strerror) from None
    if not ok:
        raise not_export(name, "not_utf8")
    return first



# -- CSV ------------------------------------------------------------------------------


def _read_csv(path: Path, name: str) -> ImportFile:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, strict=True)
        try:
            header = next((r for r in reader if r), None)
        except csv.Error as exc:
            raise not_export(name, "csv", detail=str(exc)) from None
    if header is None:
        raise not_export(name, "empty")
    columns = [c.strip().lower() for c in header]
    unknown = [c for c in columns if c not in CSV_COLUMNS]
    if "session_date" not in columns or unknown or len(set(columns)) != len(columns):
        text = ",".join(header)
        text = text if len(text) <= 60 else text[:57] + "..."
        raise not_export(name, "header", header=text, expected=HAND_WRITTEN)
    return ImportFile(path, "csv", frozenset(columns), lambda: _csv_rows(path, columns, name),
                      name=name)


def _csv_rows(path: Path, columns: list[str], name: str) -> Iterator[Item]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, strict=True)
        next(r for r in reader if r)  # the header, checked already
        last = reader.line_num
        try:
            for record in reader:
                start, last = last + 1, reader.line_num
                if not record or record == [""]:
                    continue
                if len(record) != len(columns):
                    at = columns.index("session_date")
                    written = {"session_date": record[at] if at < len(record) else ""}
                    yield RawSession(None, written, start, InvalidInput(
                        code="row_field_count", fields=len(record), header=len(columns)))
                else:
                    values = dict(zip(columns, map(plain, record), strict=True))
                    yield _csv_item(values.pop("profile", "") or None, values, start)
        except csv.Error as exc:
            raise InvalidInput(code="import_csv_line",
                               name=name, line=reader.line_num, detail=str(exc)) from None


def _csv_item(profile: str | None, values: dict[str, str], line: int) -> Item:
    """A session row, or a profile's own row: settings cells and an empty session_date, with
    every session cell empty."""
    settings = {k: values.pop(k) for k in PROFILE_COLUMNS if k in values}
    if not any(v.strip() for v in settings.values()):
        return RawSession(profile, values, line)
    if not any(v.strip() for v in values.values()):
        return RawProfile(profile, settings, line, text=True)
    given = tuple(k for k, v in settings.items() if v.strip())
    return RawSession(profile, values, line,
                      InvalidInput(code="row_settings_beside_session", settings=given))


# -- JSON -----------------------------------------------------------------------------


def _read_json(path: Path, text: str, name: str) -> ImportFile:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise not_export(name, "json", detail=exc.msg, line=exc.lineno) from None
    except RecursionError:
        raise not_export(name, "json_depth") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise not_export(name, "json_format", format=FORMAT_NAME)
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise not_export(name, "json_version")
    if version > FORMAT_VERSION:
        raise InvalidInput(code="import_newer_format",
                           name=name, version=version)
    profiles = doc.get("profiles")
    if not isinstance(profiles, list):
        raise not_export(name, "profiles_not_list")
    profiles_read: list[RawProfile] = []
    sessions_read: list[RawSession] = []
    for pi, p in enumerate(profiles):
        if not isinstance(p, dict):
            raise InvalidInput(code="import_profile_not_object",
                               name=name, profile=pi + 1)
        settings = {k: v for k, v in p.items() if k != "sessions"}
        profiles_read.append(RawProfile(p.get("name"), settings, (pi, None)))
        sessions = p.get("sessions", [])
        if not isinstance(sessions, list):
            raise InvalidInput(code="import_sessions_not_list", name=name, profile=pi + 1)
        for si, s in enumerate(sessions):
            if isinstance(s, dict):  # the parsed object itself: no copy of every session
                sessions_read.append(RawSession(p.get("name"), s, (pi, si)))
            else:
                sessions_read.append(RawSession(p.get("name"), {}, (pi, si),
                                                InvalidInput(code="row_not_object")))
    items: list[Item] = [*profiles_read, *sessions_read]  # every profile before any session
    return ImportFile(path, "json", frozenset(), lambda: iter(items), _json_line_finder(text),
                      name=name)


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
