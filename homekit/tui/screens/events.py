"""Adverse events: the list (open ones first in mind: they hold the next session), a dialog to
log one (with the guidance shown once stored), and keys to resolve or delete the selected one.
The same use case as `homekit event` (hk.events)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Input, Select

from homekit import words
from homekit.domain import validate
from homekit.domain.errors import HomekitError
from homekit.domain.events import EVENT_KINDS, AdverseEvent, see_professional
from homekit.tui.screens.base import BACK
from homekit.tui.screens.dialog import Dialog, dialog_keys
from homekit.tui.screens.table_screen import TableScreen
from homekit.tui.widgets.field import INVALID, Field, checked_input
from homekit.tui.widgets.plain import Static, cell


class EventsScreen(TableScreen[None]):
    DEFAULT_CSS = """
    EventsScreen #events { height: auto; max-height: 14; }
    EventsScreen #events-note, EventsScreen #events-guidance { padding: 0 1; }
    EventsScreen #events-guidance { color: $warning; }
    """
    HELP_NAME = "adverse events"
    TABLE_ID = "events"
    COLUMNS = ("Id", "Date", "Event", "Status", "Notes")
    BINDINGS = [
        BACK,
        Binding("n", "log_event", "Log event", tooltip="Log an adverse event"),
        Binding("x", "resolve(False)", "Resolved", tooltip="Mark the selected event resolved"),
        Binding("c", "resolve(True)", "Cleared by pro",
                tooltip="A skin professional cleared the selected event"),
        Binding("d", "delete", "Delete", tooltip="Delete the selected event (undo brings it back)"),
    ]
    #: The profile's events, oldest first, as last read (none until then).
    events: Sequence[AdverseEvent] = ()

    def compose_above(self) -> ComposeResult:
        yield Static(words.EVENT_HOLD_NOTE_APP, id="events-note", markup=False)

    def compose_below(self) -> ComposeResult:
        yield Static("", id="events-empty", markup=False)
        yield Static("", id="events-guidance", markup=False)

    def refresh_rows(self) -> None:
        try:
            self.events = self.hk.events.list()
        except HomekitError as exc:
            self.notify(words.error(exc), title="Cannot read the events", severity="error")
            return
        today = self.hk.today()
        table = self.table
        table.clear()
        for e in reversed(self.events):  # newest first
            note = (e.notes.splitlines() or [""])[0][:30]
            table.add_row(*map(cell, (e.id, e.event_date.isoformat(), words.event_kind_text(e.kind),
                                      words.resolution_text(e, today), note)), key=str(e.id))
        table.display = bool(self.events)
        self.query_one("#events-empty", Static).update("" if self.events else words.NO_EVENTS)
        nudges = [f"#{e.id}: {words.see_professional_text(e, today)}" for e in self.events
                  if see_professional(e, today)]
        self.query_one("#events-guidance", Static).update("\n".join(nudges))

    def _selected(self) -> AdverseEvent | None:
        key = self.selected_key()
        return next((e for e in self.events if str(e.id) == key), None)

    def action_log_event(self) -> None:
        self.app.push_screen(LogEventScreen(self.hk), self._logged)

    def _logged(self, event: AdverseEvent | None) -> None:
        if event is None:
            return
        self.refresh_rows()
        self.notify(words.EVENT_GUIDANCE[event.kind], title=words.event_kind_text(event.kind)
                    .capitalize() + " logged", severity="warning", timeout=20)

    def action_resolve(self, by_professional: bool) -> None:
        event = self._selected()
        if event is None:
            self.notify(words.NO_EVENTS, severity="warning")
            return
        try:
            done = self.hk.events.resolve(event.id, by_professional=by_professional)
        except HomekitError as exc:
            self.notify(words.error(exc), severity="error")
            return
        self.refresh_rows()
        self.notify(words.event_resolved(done), title=words.EVENTS_TITLE)

    def action_delete(self) -> None:
        from homekit.tui.screens.confirm import confirm_delete

        event = self._selected()
        if event is None:
            return

        def deleted(_: AdverseEvent) -> None:
            self.refresh_rows()
            self.notify(words.event_deleted_app(event), title=words.EVENTS_TITLE)

        confirm_delete(self, words.EVENTS_TITLE, words.delete_event_question(event),
                       partial(self.hk.events.delete, event.id), deleted)


class LogEventScreen(Dialog[AdverseEvent | None]):
    """Kind, day and notes; dismissed with the stored event, or None."""

    DIALOG_ID = "event-dialog"
    FORM = "event"
    FIRST_FOCUS = "#event-kind"
    BINDINGS = dialog_keys("Close without logging", "Log the event")

    def dialog_title(self) -> str:
        return "Log an adverse event"

    def compose_body(self) -> ComposeResult:
        kinds = [(words.EVENT_KIND_WORDS[k], k) for k in EVENT_KINDS]
        yield Field("What happened", Select(kinds, id="event-kind", allow_blank=False,
                                            value="other", compact=True))
        yield Field("Day it began", checked_input(self.hk.today().isoformat(),
                                                  validate.parse_date, id="event-date",
                                                  compact=True),
                    hint="YYYY-MM-DD", id="event-date-field")
        yield Field("Notes", Input(id="event-notes", placeholder="what was done", compact=True))
        yield from self.form_end("Log (ctrl+s)", variant="warning")

    @on(Button.Pressed, "#event-save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        day = self.query_one("#event-date-field", Field).value()
        if day is INVALID:
            return
        kind = str(self.query_one("#event-kind", Select).value)
        notes = self.query_one("#event-notes", Input).value
        try:
            event = self.hk.events.log(kind, day=day, notes=notes)
        except HomekitError as exc:
            self.form_error(words.error(exc))
            return
        self.dismiss(event)
