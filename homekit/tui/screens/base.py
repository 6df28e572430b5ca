"""What the app's full screens share: the screen over the services, and the common keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.binding import Binding
from textual.screen import Screen

if TYPE_CHECKING:
    from homekit.services import Homekit

T = TypeVar("T")

#: Back to the screen below (every screen pushed over the dashboard).
BACK = Binding("escape", "app.pop_screen", "Back", tooltip="Back to the screen before")
#: Edit / delete the session the screen is about (history's selected row, the detail's one).
EDIT = Binding("e", "edit", "Edit", tooltip="Edit the session")
DELETE = Binding("d", "delete", "Delete", tooltip="Delete the session")
#: Quit, in every dialog: a modal screen's keys do not reach the app's (ctrl+q also works
#: while typing in a field). The footer shows it.
DIALOG_QUIT = Binding("q,ctrl+q", "app.quit", "Quit", key_display="q", show=False)
#: Help and quit, in every dialog (f1 also works while typing in a field).
DIALOG_KEYS = [
    Binding("question_mark,f1", "app.help", "Help", key_display="?", show=False),
    DIALOG_QUIT,
]


class HomekitScreen(Screen[T]):
    """A full screen working through the services facade `hk`."""

    def __init__(self, hk: Homekit) -> None:
        super().__init__()
        self.hk = hk
