"""The shape shared by dialogs about one stored session: a `Dialog` that knows the session."""

from __future__ import annotations

from typing import TypeVar

from homekit.domain.models import Session
from homekit.services import Homekit
from homekit.tui.screens.dialog import Dialog

T = TypeVar("T")


class SessionDialog(Dialog[T]):
    """Subclasses give the dialog's id, title and body and implement `action_save`;
    cancelling dismisses None."""

    DIALOG_ID = "session-dialog"

    def __init__(self, hk: Homekit, session: Session) -> None:
        super().__init__(hk)
        self.session = session
