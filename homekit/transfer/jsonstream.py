"""A JSON export read one session at a time, for the layout homekit writes: memory stays flat
however long the file. Anything else raises `Unsupported`: the caller reads it whole."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from homekit.domain.errors import InvalidInput
from homekit.transfer.formats import FORMAT_NAME, FORMAT_VERSION
from homekit.transfer.raw import Item, RawProfile, RawSession, Unsupported

CHUNK = 1 << 16  # characters (or bytes) read at a time


def stream_json(path: Path) -> Iterator[Item]:
    """The sessions of a JSON export one at a time, laid out as homekit writes it: "format"
    and "version" before "profiles", each profile's settings before its "sessions". Anything
    else raises `Unsupported` (the whole document is then read at once)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        js = _JsonStream(f)
        head: dict[str, Any] = {}
        done = False
        for key in js.keys():
            if key in head or key in ("format", "version") and done:
                raise Unsupported
            if key != "profiles":
                head[key] = js.value()
                continue
            version = head.get("version")
            if (done or head.get("format") != FORMAT_NAME or not isinstance(version, int)
                    or isinstance(version, bool) or not 1 <= version <= FORMAT_VERSION):
                raise Unsupported
            done = True
            yield from _stream_profiles(js)
        if not done or not js.at_end():
            raise Unsupported


def _stream_profiles(js: _JsonStream) -> Iterator[Item]:
    for line in js.items():
        settings: dict[str, Any] = {}
        seen_sessions = False
        for key in js.keys():
            if key in settings or seen_sessions:
                raise Unsupported  # a setting after the sessions, or written twice
            if key != "sessions":
                settings[key] = js.value()
                continue
            if "name" not in settings:
                raise Unsupported
            seen_sessions = True
            yield RawProfile(settings.get("name"), settings, line)
            yield from _stream_sessions(js, settings.get("name"))
        if not seen_sessions:
            yield RawProfile(settings.get("name"), settings, line)


def _stream_sessions(js: _JsonStream, profile: Any) -> Iterator[Item]:
    for line in js.items():
        s = js.value()
        if isinstance(s, dict):
            yield RawSession(profile, s, line)
        else:
            yield RawSession(profile, {}, line, InvalidInput(code="row_not_object"))


class _JsonStream:
    """A window on a JSON text read in pieces; values are parsed by the C decoder."""

    def __init__(self, f: Any) -> None:
        self.f = f
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.lines = 1  # the line at `counted`
        self.counted = 0
        self.decoder = json.JSONDecoder()

    def _more(self) -> bool:
        if self.eof:
            return False
        chunk = self.f.read(CHUNK)
        if not chunk:
            self.eof = True
            return False
        self.lines += self.buf.count("\n", self.counted, self.pos)
        self.buf, self.pos, self.counted = self.buf[self.pos:] + chunk, 0, 0
        return True

    def _skip(self) -> str:
        while True:
            n = len(self.buf)
            while self.pos < n and self.buf[self.pos] in " \t\n\r":
                self.pos += 1
            if self.pos < n or not self._more():
                return self.buf[self.pos: self.pos + 1]

    def next_is(self, ch: str) -> bool:
        """Skip blanks; if the next character is `ch`, step over it."""
        if self._skip() == ch:
            self.pos += 1
            return True
        return False

    def expect(self, ch: str) -> None:
        if not self.next_is(ch):
            raise Unsupported

    def _members(self, opening: str, closing: str) -> Iterator[None]:
        """Once per member of an object or array, the separators read; the caller reads it."""
        self.expect(opening)
        first = True
        while not self.next_is(closing):
            if not first:
                self.expect(",")
            first = False
            yield None

    def keys(self) -> Iterator[str]:
        """The keys of an object, one at a time; read each one's value before the next."""
        for _ in self._members("{", "}"):
            key = self.value()
            self.expect(":")
            if not isinstance(key, str):
                raise Unsupported
            yield key

    def items(self) -> Iterator[int]:
        """The line of each item of an array, one at a time; read each item before the next."""
        for _ in self._members("[", "]"):
            yield self.line()

    def at_end(self) -> bool:
        return self._skip() == ""

    def line(self) -> int:
        self._skip()
        self.lines += self.buf.count("\n", self.counted, self.pos)
        self.counted = self.pos
        return self.lines

    def value(self) -> Any:
        self._skip()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError:
                if self._more():
                    continue
                raise Unsupported from None
            except RecursionError:
                raise Unsupported from None
            if end == len(self.buf) and self._more():
                continue  # a number may go on in the next piece
            self.pos = end
            return value


def mentions(path: Path, word: bytes, *, unreadable: bool) -> bool:
    """Whether `word` is written anywhere in the file at `path`, read in pieces (a cheap first
    look before parsing the whole document); `unreadable` when the file cannot be opened."""
    tail = b""
    try:
        with path.open("rb") as f:
            while chunk := f.read(1 << 16):
                if word in tail + chunk:
                    return True
                tail = chunk[-len(word):]
    except OSError:
        return unreadable
    return False
