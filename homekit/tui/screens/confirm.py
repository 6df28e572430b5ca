"""A yes/no question; dismissed with True only on an explicit yes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button

from homekit import words
from homekit.domain.errors import HomekitError
from homekit.tui.screens.base import DIALOG_KEYS
from homekit.tui.widgets.footer import Footer
from homekit.tui.widgets.plain import Label, Static

if TYPE_CHECKING:
    from homekit.domain.models import Session
    from homekit.services import Homekit

_T = TypeVar("_T")


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
        *DIALOG_KEYS,
    ]

    def __init__(self, title: str, question: str, yes: str = "Yes", *,
                 id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.title_text = title
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        yield Footer()
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.question, markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error")
                yield Button("No (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#no", Button))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


def confirm_delete(screen: Screen, title: str, question: str, act: Callable[[], _T],
                   done: Callable[[_T], None], failed: Callable[[], object] | None = None) -> None:
    """Ask `question`; on an explicit yes run `act`, then `done` with what it returned.
    A refusal is shown as "Not deleted" (then `failed`, if given) and nothing else happens."""

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            result = act()
        except HomekitError as exc:
            screen.notify(words.error(exc), title="Not deleted", severity="error", markup=False)
            if failed is not None:
                failed()
            return
        done(result)

    screen.app.push_screen(ConfirmScreen(title, question, "Delete"), answered)


def confirm_delete_session(screen: Screen, hk: Homekit, s: Session, then: Callable[[], object],
                           failed: Callable[[], object] | None = None) -> None:
    """Ask before deleting session `s` (and its redness); on success say so, then `then()`."""
    question = words.delete_session_question_app(s)

    def deleted(_: Session) -> None:
        screen.notify(words.session_deleted_app(s), title="Session deleted")
        then()

    confirm_delete(screen, "Delete session", question, lambda: hk.sessions.delete_session(s.id), deleted,
                   failed)
