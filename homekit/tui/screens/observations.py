"""Choose one of a session's redness observations to correct or delete."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button

from homekit import words
from homekit.tui import format as fmt
from homekit.tui.screens.session_dialog import SessionDialog
from homekit.tui.widgets.plain import literal


class ObservationsScreen(SessionDialog[object]):
    """One button per observation; dismissed with what the correction dialog returned."""

    DIALOG_ID = "observations-dialog"

    def dialog_title(self) -> str:
        return words.observations_title(self.session)

    def compose_body(self) -> ComposeResult:
        for r in self.session.redness:
            yield Button(literal(f"{r.observed_at}  {fmt.redness_short(r)}"), id=f"obs-{r.id}")
        with Horizontal(classes="buttons"):
            yield Button("Cancel", id="cancel")

    def action_save(self) -> None:
        """Nothing to save here: choosing an observation opens its dialog."""

    @on(Button.Pressed, "Button")
    def chosen(self, event: Button.Pressed) -> None:
        from homekit.tui.screens.redness import RednessScreen

        button_id = event.button.id or ""
        if not button_id.startswith("obs-"):
            return
        obs = next(r for r in self.session.redness if f"obs-{r.id}" == button_id)
        self.app.push_screen(RednessScreen(self.hk, self.session, obs), self._done)

    def _done(self, result: object) -> None:
        self.dismiss(result)
