"""The eczema / acne rosacea question, its warning, and the explicit acknowledgement."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, RadioSet

from homekit import words
from homekit.tui.widgets.marks import LongTick, Mark
from homekit.tui.widgets.plain import Label, Static


class ConditionQuestion(Vertical):
    """Asks; when the answer is yes, says why plainly and offers the acknowledgement."""

    DEFAULT_CSS = """
    ConditionQuestion { height: auto; }
    ConditionQuestion #condition-warning {
        display: none; border: heavy $error; padding: 0 1; color: $text; height: auto;
    }
    ConditionQuestion #condition-ack { display: none; }
    ConditionQuestion.-yes #condition-warning, ConditionQuestion.-yes #condition-ack {
        display: block;
    }
    """

    def __init__(self, answer: bool | None = None, acknowledged: bool = False, **kwargs: Any):
        super().__init__(**kwargs)
        self._initial = answer
        self._acknowledged = acknowledged

    def compose(self) -> ComposeResult:
        yield Label(words.CONDITION_QUESTION)
        with RadioSet(id="condition"):
            yield Mark("No", self._initial is False, id="condition-no")
            yield Mark("Yes", self._initial is True, id="condition-yes")
        yield Static(words.CONDITION_WARNING, id="condition-warning")
        yield LongTick(words.CONDITION_ACK_QUESTION, self._acknowledged, id="condition-ack")

    def on_mount(self) -> None:
        self.set_class(self._initial is True, "-yes")

    @on(RadioSet.Changed)
    def _answered(self, event: RadioSet.Changed) -> None:
        self.set_class(self.answer is True, "-yes")

    @property
    def answer(self) -> bool | None:
        """True (yes), False (no) or None (not answered)."""
        pressed = self.query_one(RadioSet).pressed_button
        return None if pressed is None else pressed.id == "condition-yes"

    @property
    def acknowledged(self) -> bool:
        return self.answer is True and self.query_one("#condition-ack", Checkbox).value
