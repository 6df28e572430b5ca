"""A labelled form field with a hint and an inline error line, and the one adapter that turns
the domain's validators into Textual's (`Checked`): a form shows exactly the CLI's messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import Input

from homekit import words
from homekit.domain.errors import InvalidInput
from homekit.tui.widgets.plain import Label, Static

#: What a field's value is when it is invalid (distinct from None, "not given").
INVALID = object()


class Checked(Validator):
    """A domain validator (`homekit.domain.validate`) as an `Input(validators=...)`.

    `blank_ok`: an empty value is allowed and means "not given" (None).
    """

    def __init__(self, parse: Callable[[str], Any], *, blank_ok: bool = False) -> None:
        super().__init__()
        self.parse = parse
        self.blank_ok = blank_ok

    def value_of(self, text: str) -> Any:
        """The parsed value (None for an allowed blank); raises InvalidInput."""
        return None if self.blank_ok and not text.strip() else self.parse(text)

    def validate(self, value: str) -> ValidationResult:
        try:
            self.value_of(value)
        except InvalidInput as exc:
            return self.failure(words.error(exc), value)
        return self.success()


def checked_input(value: str, parse: Callable[[str], Any], *, blank_ok: bool = False,
                  **kwargs: Any) -> Input:
    """An Input validated as typed by the domain's `parse`."""
    return Input(value, validators=[Checked(parse, blank_ok=blank_ok)],
                 validate_on=["changed", "submitted"], **kwargs)


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

    @on(Input.Changed)
    def _as_typed(self, event: Input.Changed) -> None:
        if event.validation_result is not None:
            self._show(event.validation_result)

    def _show(self, result: ValidationResult) -> None:
        self.show_error(None if result.is_valid else result.failure_descriptions[0])

    def value(self, quiet: bool = False) -> Any:
        """The checked value of an Input made by `checked_input`, or INVALID (the message
        is then under the field, unless `quiet`)."""
        box = self.control
        assert isinstance(box, Input)
        checker = next(v for v in box.validators if isinstance(v, Checked))
        result = box.validate(box.value)
        if result is not None and not quiet:
            self._show(result)
        return checker.value_of(box.value) if result is None or result.is_valid else INVALID
