"""The fields of a session, shared by the log and edit screens; values checked by `validate`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Select, SelectionList

from homekit import words
from homekit.domain import validate
from homekit.domain.errors import HomekitError, InvalidInput, RuleViolation
from homekit.domain.models import AREAS, STINGING_LEVELS, Session, SessionChanges, SessionDraft
from homekit.tui.widgets.field import INVALID, Field, checked_input
from homekit.tui.widgets.marks import Tick, TickList
from homekit.tui.widgets.plain import Static

T = TypeVar("T")

#: Input id -> (parser, blank allowed). The parsers are the CLI's, so messages match.
PARSERS: dict[str, tuple[Callable[[str], Any], bool]] = {
    "date": (validate.parse_date, False),
    "time": (validate.parse_time, True),
    "duration": (validate.duration, True),
    "level": (validate.device_level, True),
    "notes": (validate.notes, True),
}


class SessionForm(Vertical):
    """Date, time, duration, areas, device level, glasses, stinging and notes."""

    DEFAULT_CSS = """
    SessionForm { height: auto; }
    SessionForm > Horizontal { height: auto; }
    SessionForm > Horizontal > Field { width: 1fr; }
    SessionForm TickList { height: 8; }
    """

    def __init__(self, today: dt.date, session: Session | None = None, *,
                 backfill: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.today = today
        self.session = session
        self.backfill = backfill  # a forgotten session: no date given yet

    def compose(self) -> ComposeResult:
        s = self.session
        day = "" if self.backfill else (s.session_date if s else self.today).isoformat()

        def text(value: object) -> str:
            return "" if value is None else str(value)

        stinging = [(f"{i} {word}", i) for i, word in enumerate(STINGING_LEVELS)]
        chosen = set(s.areas) if s else set()
        glasses = True if s is None or s.glasses_worn is None else s.glasses_worn
        # Row by row, in reading order, so that tab moves left to right, then down.
        with Horizontal():
            yield Field("Date", self._input("date", day, placeholder="YYYY-MM-DD"),
                        "the day of the forgotten session" if self.backfill
                        else "YYYY-MM-DD; today by default")
            yield Field("Start time", self._input("time", text(s and s.start_time),
                                                  placeholder="HH:MM (optional)"),
                        "24-hour clock, optional")
        with Horizontal():
            yield Field("Duration (minutes)", self._input("duration", text(s and s.duration_min),
                                                          placeholder="e.g. 40", type="integer"),
                        "about 30 to 60 minutes")
            yield Field("Device level", self._input("level", text(s and s.device_level),
                                                    placeholder="1 to 10", type="integer"),
                        "the kit's setting, 1 to 10")
        with Horizontal():
            yield Field("Stinging", Select(stinging, id="stinging", prompt="not noted",
                                           value=s.stinging if s and s.stinging is not None
                                           else Select.NULL),
                        "slight stinging at first is common")
            yield Field("Eyes", Tick("Protective glasses worn", glasses, id="glasses"),
                        "glasses must cover your eyes")
        yield Field("Areas treated", TickList(
            *[(a, a, a in chosen) for a in AREAS], id="areas"), "space ticks an area",
            id="areas-field")
        yield Field("Notes", self._input("notes", s.notes if s else "", placeholder="optional"), "")

    @staticmethod
    def _input(input_id: str, value: str, **kwargs: Any) -> Input:
        parse, blank_ok = PARSERS[input_id]
        return checked_input(value, parse, blank_ok=blank_ok, id=input_id, **kwargs)

    def _field(self, input_id: str) -> Field:
        field = self.query_one(f"#{input_id}").parent
        assert isinstance(field, Field)
        return field

    def show_error(self, input_id: str, message: str | None) -> None:
        """Put a message (e.g. the rule's refusal) under one field."""
        self._field(input_id).show_error(message)

    def on_mount(self) -> None:
        #: What the form showed before any change (None if a stored value does not parse).
        self.shown = self.draft(quiet=True)

    def changes(self, draft: SessionDraft) -> SessionChanges:
        """What a save changes: only the fields changed since the form was shown."""
        if self.shown is None:
            return SessionChanges.whole(draft)
        return SessionChanges.between(self.shown, draft)

    def draft(self, quiet: bool = False) -> SessionDraft | None:
        """The checked values, or None after marking every field that is wrong (`quiet`:
        without marking them)."""
        values = {input_id: self._field(input_id).value(quiet) for input_id in PARSERS}
        if any(v is INVALID for v in values.values()):
            return None
        stinging = self.query_one("#stinging", Select).value
        return SessionDraft(
            session_date=values["date"],
            start_time=values["time"],
            duration_min=values["duration"],
            areas=validate.areas(self.query_one("#areas", SelectionList).selected),
            device_level=values["level"],
            glasses_worn=self.query_one("#glasses", Checkbox).value,
            stinging=None if stinging is Select.NULL else int(stinging),  # type: ignore[arg-type]
            notes=values["notes"] or "",
        )

    def submit(self, save: Callable[[SessionDraft], T], error: Static, refused: str) -> T | None:
        """Check the fields, then `save` the draft; on failure say why and return None.

        A refusal by the weekly rule, or a problem with one value, is shown under its field;
        `error` gets the summary (`refused` for the rule).
        """
        draft = self.draft()
        if draft is None:
            error.update(words.FIX_FIELDS)
            return None
        try:
            return save(draft)
        except RuleViolation as refusal:
            if refusal.code not in (None, "too_close"):  # another gate: not about the date
                error.update(words.error(refusal))
                return None
            self.show_error("date", words.error(refusal))
            error.update(refused)
        except HomekitError as exc:
            if isinstance(exc, InvalidInput) and exc.field in PARSERS:
                self.show_error(exc.field, words.error(exc))
            error.update(words.error(exc))
            getattr(self.app, "check_file", bool)()  # HomekitApp: a lost file offers to quit
        return None
