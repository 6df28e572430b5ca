"""The shape the app's dialogs share: a frame with a title over the dialog's body, escape or the
Cancel button (`#cancel`) closes it dismissing None, ctrl+s saves; help and quit as everywhere.
A form's end (its error line, Save and Cancel) and its first focus, for the dialogs that want
them."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button

from homekit.tui.screens.base import DIALOG_KEYS
from homekit.tui.widgets.footer import Footer
from homekit.tui.widgets.plain import Label, Static

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.binding import BindingType
    from textual.widgets.button import ButtonVariant

    from homekit.services import Homekit

T = TypeVar("T")


def dialog_keys(close: str = "Close without saving", save: str = "Save") -> list[BindingType]:
    """A dialog's keys, their tooltips saying what closing and saving do there."""
    return [Binding("escape", "cancel", "Back", tooltip=close),
            Binding("ctrl+s", "save", "Save", tooltip=save), *DIALOG_KEYS]


class Dialog(ModalScreen[T]):
    """Subclasses give the dialog's id, title and body and implement `action_save`;
    cancelling dismisses None."""

    #: The id and classes of the dialog's frame (the app's CSS styles them).
    DIALOG_ID = "dialog"
    DIALOG_CLASSES = "dialog"
    #: A form's ids: its error line `#FORM-error`, its save button `#FORM-save`.
    FORM = "dialog"
    #: The control that takes the first focus, at once (an Enter typed ahead reaches it, not
    #: a button drawn first); None: the dialog chooses in its own on_mount.
    FIRST_FOCUS: str | None = None

    BINDINGS = dialog_keys()

    def __init__(self, hk: Homekit) -> None:
        super().__init__()
        self.hk = hk

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

    def on_mount(self) -> None:
        if self.FIRST_FOCUS is not None:
            self.set_focus(self.query_one(self.FIRST_FOCUS))

    def form_end(self, save: str, variant: ButtonVariant = "primary") -> ComposeResult:
        """The form's error line (empty until `form_error`), then `save` and Cancel."""
        yield Static("", id=f"{self.FORM}-error", classes="form-error", markup=False)
        with Horizontal(classes="buttons"):
            yield Button(save, id=f"{self.FORM}-save", variant=variant)
            yield Button("Cancel", id="cancel")

    def form_error(self, text: str) -> None:
        self.query_one(f"#{self.FORM}-error", Static).update(text)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
