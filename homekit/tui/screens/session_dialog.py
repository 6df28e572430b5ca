"""The shape shared by dialogs about one stored session: escape or Cancel closes, ctrl+s saves."""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button

from homekit.domain.models import Session
from homekit.services import Homekit
from homekit.tui.screens.base import DIALOG_KEYS
from homekit.tui.widgets.footer import Footer
from homekit.tui.widgets.plain import Label

T = TypeVar("T")


class SessionDialog(ModalScreen[T]):
    """Subclasses give the dialog's id, title and body and implement `action_save`;
    cancelling dismisses None."""

    #: The id and classes of the dialog's frame (the app's CSS styles them).
    DIALOG_ID = "session-dialog"
    DIALOG_CLASSES = "dialog"

    BINDINGS = [
        Binding("escape", "cancel", "Back", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", tooltip="Save"),
        *DIALOG_KEYS,
    ]

    def __init__(self, hk: Homekit, session: Session) -> None:
        super().__init__()
        self.hk = hk
        self.session = session

    def compose(self) -> ComposeResult:
        yield Footer()
        with Vertical(id=self.DIALOG_ID, classes=self.DIALOG_CLASSES):
            yield Label(self.dialog_title(), classes="dialog-title")
            yield from self.compose_body()

    def dialog_title(self) -> str:
        raise NotImplementedError

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    def action_save(self) -> None:
        raise NotImplementedError

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
