"""What the app's full screens share: the screen over the services, and the common keys."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import Screen

from homekit.services import Homekit

T = TypeVar("T")

#: Back to the screen below (every screen pushed over the dashboard).
BACK = Binding("escape", "app.pop_screen", "Back")
#: Edit / delete the session the screen is about (history's selected row, the detail's one).
EDIT = Binding("e", "edit", "Edit")
DELETE = Binding("d", "delete", "Delete")


class HomekitScreen(Screen[T]):
    """A full screen working through the services facade `hk`."""

    def __init__(self, hk: Homekit) -> None:
        super().__init__()
        self.hk = hk
