"""A labelled form field with a hint and an inline error line."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget

from homekit.tui.widgets.plain import Label, Static


class Field(Vertical):
    """Label above, the control, then a hint that an error message replaces."""

    DEFAULT_CSS = """
    Field { height: auto; margin: 0 1 0 0; }
    Field > .field-label { color: $text-muted; }
    Field > .field-hint { color: $text-muted; height: auto; }
    Field.-invalid > .field-hint { color: $error; text-style: bold; }
    """

    def __init__(self, label: str, control: Widget, hint: str = "", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.label = label
        self.control = control
        self.hint = hint
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label")
        yield self.control
        yield Static(self.hint, classes="field-hint", markup=False)

    def show_error(self, message: str | None) -> None:
        """Show `message` in place of the hint; None restores the hint."""
        self.error = message
        self.set_class(bool(message), "-invalid")
        self.query_one(".field-hint", Static).update(message or self.hint)
