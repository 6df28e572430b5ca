"""Adverse events: the list (open ones first in mind: they hold the next session), a dialog to
log one (with the guidance shown once stored), and keys to resolve or delete the selected one.
The same use case as `homekit event` (hk.events)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Header, Input, Select

from homekit import words
from homekit.domain import validate
from homekit.domain.errors import HomekitError
from homekit.domain.events import EVENT_KINDS, AdverseEvent, see_professional
from homekit.services import Homekit
from homekit.tui.screens.base import BACK, DIALOG_KEYS, HomekitScreen
from homekit.tui.widgets.field import INVALID, Field, checked_input
from homekit.tui.widgets.footer import Footer
from homekit.tui.widgets.plain import Label, Static, cell


class EventsScreen(HomekitScreen):
    DEFAULT_CSS = """
    EventsScreen #events { height: auto; max-height: 14; }
    EventsScreen #events-note, EventsScreen #events-guidance { padding: 0 1; }
    EventsScreen #events-guidance { color: $warning; }
    """
    HELP_NAME = "adverse events"
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

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(words.EVENT_HOLD_NOTE_APP, id="events-note", markup=False)
        yield DataTable(id="events", cursor_type="row", zebra_stripes=True)
        yield Static("", id="events-empty", markup=False)
        yield Static("", id="events-guidance", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#events", DataTable).add_columns("Id", "Date", "Event", "Status", "Notes")
        self.refresh_events()

    def refresh_events(self) -> None:
        try:
            self.events = self.hk.events.list()
        except HomekitError as exc:
            self.notify(words.error(exc), title="Cannot read the events", severity="error")
            return
        today = self.hk.today()
        table = self.query_one("#events", DataTable)
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
        table = self.query_one("#events", DataTable)
        if not self.events or table.cursor_row < 0:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return next((e for e in self.events if str(e.id) == key), None)

    def action_log_event(self) -> None:
        self.app.push_screen(LogEventScreen(self.hk), self._logged)

    def _logged(self, event: AdverseEvent | None) -> None:
        if event is None:
            return
        self.refresh_events()
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
        self.refresh_events()
        self.notify(words.event_resolved(done), title=words.EVENTS_TITLE)

    def action_delete(self) -> None:
        from homekit.tui.screens.confirm import confirm_delete

        event = self._selected()
        if event is None:
            return

        def deleted(_: AdverseEvent) -> None:
            self.refresh_events()
            self.notify(words.event_deleted_app(event), title=words.EVENTS_TITLE)

        confirm_delete(self, words.EVENTS_TITLE, words.delete_event_question(event),
                       partial(self.hk.events.delete, event.id), deleted)


class LogEventScreen(ModalScreen[AdverseEvent | None]):
    """Kind, day and notes; dismissed with the stored event, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Back", tooltip="Close without logging"),
        Binding("ctrl+s", "save", "Save", tooltip="Log the event"),
        *DIALOG_KEYS,
    ]

    def __init__(self, hk: Homekit) -> None:
        super().__init__()
        self.hk = hk

    def compose(self) -> ComposeResult:
        yield Footer()
        with Vertical(id="event-dialog", classes="dialog"):
            yield Label("Log an adverse event", classes="dialog-title")
            kinds = [(words.EVENT_KIND_WORDS[k], k) for k in EVENT_KINDS]
            yield Field("What happened", Select(kinds, id="event-kind", allow_blank=False,
                                                value="other", compact=True))
            yield Field("Day it began", checked_input(self.hk.today().isoformat(),
                                                      validate.parse_date, id="event-date",
                                                      compact=True),
                        hint="YYYY-MM-DD", id="event-date-field")
            yield Field("Notes", Input(id="event-notes", placeholder="what was done",
                                             compact=True))
            yield Static("", id="event-error", classes="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Log (ctrl+s)", id="event-save", variant="warning")
                yield Button("Cancel", id="event-cancel")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#event-kind", Select))

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
            self.query_one("#event-error", Static).update(words.error(exc))
            return
        self.dismiss(event)

    @on(Button.Pressed, "#event-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
