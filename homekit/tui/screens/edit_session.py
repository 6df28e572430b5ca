"""Edit a stored session; a new date must keep the weekly rule (refused inline otherwise)."""

from __future__ import annotations

from dataclasses import asdict

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from homekit.domain.models import Session
from homekit.services import Homekit
from homekit.tui import format as fmt
from homekit.tui.widgets.session_form import SessionForm


class EditSessionScreen(ModalScreen[Session | None]):
    """Dismissed with the updated session, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Back"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, hk: Homekit, session: Session) -> None:
        super().__init__()
        self.hk = hk
        self.session = session

    def compose(self) -> ComposeResult:
        yield Footer()
        s = self.session
        with Vertical(id="edit-dialog", classes="dialog"):
            yield Label(f"Edit session #{s.id} of {fmt.day(s.session_date)}", classes="dialog-title")
            yield SessionForm(self.hk.today(), s)
            yield Static("", id="form-error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#date", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        updated = self.query_one(SessionForm).submit(
            lambda draft: self.hk.edit_session(self.session.id, **asdict(draft)),
            self.query_one("#form-error", Static),
            "Refused by the weekly rule: the session was not changed.",
        )
        if updated is None:
            return
        self.app.notify(f"Updated session #{updated.id} of {fmt.day(updated.session_date)}.",
                        title="Session updated")
        self.dismiss(updated)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
