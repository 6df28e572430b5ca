"""The shape shared by dialogs about one stored session: escape or Cancel closes, ctrl+s saves."""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button

from homekit.domain.models import Session
from homekit.services import Homekit

T = TypeVar("T")


class SessionDialog(ModalScreen[T]):
    """Subclasses compose the form and implement `action_save`; cancelling dismisses None."""

    BINDINGS = [
        Binding("escape", "cancel", "Back"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, hk: Homekit, session: Session) -> None:
        super().__init__()
        self.hk = hk
        self.session = session

    def action_save(self) -> None:
        raise NotImplementedError

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
