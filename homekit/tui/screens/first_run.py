"""First run: who is this log for, how many sessions, how far apart, and the skin question."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Input, RadioSet

from homekit import words
from homekit.domain import rules
from homekit.domain.errors import HomekitError
from homekit.domain.models import DEFAULT_PROFILE, DEFAULT_TARGET_SESSIONS
from homekit.tui.screens.base import HomekitScreen
from homekit.tui.widgets.condition import ConditionQuestion
from homekit.tui.widgets.field import INVALID, Field
from homekit.tui.widgets.footer import Footer
from homekit.tui.widgets.plain import Static
from homekit.tui.widgets.profile_fields import profile_fields

if TYPE_CHECKING:
    from homekit.services import Homekit


class FirstRunScreen(HomekitScreen[bool]):
    """Creates the profile; dismissed with True once it exists. As the app's first screen (a
    new file) it cannot be dismissed (Textual keeps one screen): the dashboard goes over it and
    is home from then on, as nothing pops it.

    On a file that does not exist yet it is drawn with no services (`hk` None) while the app
    creates the file; Start pressed before then is carried out once the file is whole
    (`file_ready`), the screen staying live meanwhile."""

    HELP_NAME = "welcome"
    AUTO_FOCUS = "#name"  # focused as the screen is composed: no second restyle on a move

    def __init__(self, hk: Homekit | None) -> None:
        super().__init__(hk)  # type: ignore[arg-type]  # None: the file is being created
        self.hk: Homekit | None = hk  # type: ignore[assignment]
        self._start_when_ready = False

    def file_ready(self, hk: Homekit) -> None:
        """The new file is created and open (the app calls this): Start, if it was pressed."""
        self.hk = hk
        if self._start_when_ready:
            self._start_when_ready = False
            self.start()

    def compose(self) -> ComposeResult:
        name = self.hk.profile_name() if self.hk and self.hk.profiles.has_profiles() else DEFAULT_PROFILE
        yield Header()
        with VerticalScroll(id="first-run"):
            yield Static(words.WELCOME, id="welcome")
            with Horizontal(classes="form-row"):
                yield from profile_fields("Your name or nickname", name, "one profile per person",
                                          DEFAULT_TARGET_SESSIONS, "deeper scars need more",
                                          rules.MIN_INTERVAL_DAYS)
            yield ConditionQuestion(id="condition-question")
            yield Static("", id="first-run-error", classes="form-error")
            with Vertical(classes="buttons"):
                yield Button("Start", id="start", variant="primary")
        yield Footer()

    def refresh_data(self) -> None:
        """After an undo (u) brought the deleted profile back: nothing left to ask."""
        if self.hk is None:
            return
        try:
            if self.hk.profiles.has_profiles():
                self.hk.profile()
                self._done()
        except HomekitError:
            pass

    @on(RadioSet.Changed)
    def _answered(self) -> None:
        """The question answered: its "please answer" line goes at once."""
        error = self.query_one("#first-run-error", Static)
        if str(error.render()) == words.CONDITION_UNANSWERED:
            error.update("")

    def _field(self, input_id: str) -> object:
        field = self.query_one(f"#{input_id}", Input).parent
        assert isinstance(field, Field)
        value = field.value()
        return None if value is INVALID else value

    @on(Input.Submitted)
    @on(Button.Pressed, "#start")
    def start(self) -> None:
        name, target, interval = (self._field(i) for i in ("name", "target", "interval"))
        question = self.query_one(ConditionQuestion)
        error = self.query_one("#first-run-error", Static)
        if name is None or target is None or interval is None:
            error.update(words.FIX_FIELDS_ABOVE)
            return
        if question.answer is None:
            error.update(words.CONDITION_UNANSWERED)
            return
        if self.hk is None:  # the new file is still being made: Start once it is whole
            self._start_when_ready = True
            return
        try:
            self.hk.profiles.create_profile(name, target, interval, make_default=True)  # type: ignore[arg-type]
            self.hk.profiles.record_skin_condition(question.answer, question.acknowledged)
        except HomekitError as exc:
            error.update(words.error(exc))
            return
        if question.answer and not question.acknowledged:
            self.notify(words.CONDITION_BLOCKED_APP,
                        title="Eczema or acne rosacea", severity="warning", timeout=8)
        self._done()

    def _done(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(True)
            return
        from homekit.tui.screens.dashboard import DashboardScreen

        assert self.hk is not None  # a profile exists: so does the file
        self.set_focus(None)  # nothing blinks on the screen left below
        self.app.push_screen(DashboardScreen(self.hk))
