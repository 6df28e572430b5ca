"""Record redness seen after a session: severity 0-4 in words, faded after N minutes or still red."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, RadioSet

from homekit import words
from homekit.domain import rules, validate
from homekit.domain.errors import HomekitError, InvalidInput
from homekit.domain.models import REDNESS_LEVELS, Redness, Session
from homekit.services import Homekit
from homekit.tui.screens.session_dialog import SessionDialog
from homekit.tui.widgets.field import Field
from homekit.tui.widgets.footer import Footer
from homekit.tui.widgets.marks import Mark
from homekit.tui.widgets.plain import Label, Static

RednessResult = tuple[Redness, "rules.RednessAlert | None"]


class RednessScreen(SessionDialog[RednessResult | None]):
    """For one session (the latest by default); dismissed with the stored observation.

    With `observation`, corrects that stored observation instead (and offers to delete it).
    """

    def __init__(self, hk: Homekit, session: Session, observation: Redness | None = None,
                 *, just_logged: bool = False) -> None:
        super().__init__(hk, session)
        self.observation = observation
        #: Asked right after logging the session: "how red is it now?", skip allowed.
        self.just_logged = just_logged

    def compose(self) -> ComposeResult:
        yield Footer()
        s, obs = self.session, self.observation
        with Vertical(id="redness-dialog", classes="dialog -form"):
            yield Label(words.redness_dialog_title(s, obs), classes="dialog-title")
            # One column that scrolls, so every level's description is read in full; the
            # buttons stay in view below it.
            with VerticalScroll(id="form-scroll", can_focus=False):
                if self.just_logged:
                    yield Static(words.REDNESS_NOW, id="redness-now", classes="dialog-note")
                yield Static(words.REDNESS_NORMAL, classes="dialog-note")
                yield Label(words.REDNESS_SCALE_NAME)
                level = 0 if obs is None else obs.severity
                with RadioSet(id="severity"):
                    for i in range(len(REDNESS_LEVELS)):
                        yield Mark(words.redness_level_text(i), i == level, id=f"severity-{i}")
                still = obs is not None and obs.severity > 0 and obs.faded_after_min is None
                minutes = "" if obs is None or obs.faded_after_min is None \
                    else str(obs.faded_after_min)
                with Horizontal(id="faded-row"):
                    with Vertical(classes="column"):
                        yield Label("Has it faded?")
                        with RadioSet(id="faded"):
                            yield Mark("Faded after", not still, id="faded-yes")
                            yield Mark("Still red", still, id="faded-no")
                    yield Field("Minutes until it faded", Input(minutes, id="minutes",
                                                                 type="integer",
                                                                 placeholder="e.g. 15"),
                                "0 to 43200", id="minutes-field")
                yield Field("Notes", Input("" if obs is None else obs.notes, id="redness-notes",
                                           placeholder="optional"), "")
            yield Static("", id="redness-error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                if obs is not None:
                    yield Button("Delete", id="delete-obs", variant="error")
                yield Button("Skip" if self.just_logged else "Cancel", id="cancel")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#severity", RadioSet))
        self._sync()

    def _severity(self) -> int:
        pressed = self.query_one("#severity", RadioSet).pressed_index
        return max(0, pressed)

    def _still_red(self) -> bool:
        return self.query_one("#faded", RadioSet).pressed_button is self.query_one("#faded-no")

    @on(RadioSet.Changed)
    def _sync(self) -> None:
        """No redness: nothing to fade. Still red: no minutes."""
        none = self._severity() == 0
        self.query_one("#faded", RadioSet).disabled = none
        self.query_one("#minutes", Input).disabled = none or self._still_red()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        severity = self._severity()
        minutes_box = self.query_one("#minutes", Input)
        field = self.query_one("#minutes-field", Field)
        error = self.query_one("#redness-error", Static)
        faded: int | None = None
        if severity > 0 and not self._still_red():
            try:
                faded = validate.faded_after(minutes_box.value)
            except InvalidInput as exc:
                field.show_error(words.error(exc) if minutes_box.value.strip()
                                 else words.MINUTES_MISSING)
                return
        field.show_error(None)
        try:
            notes = validate.notes(self.query_one("#redness-notes", Input).value)
            if self.observation is None:
                red, alert = self.hk.redness.add_redness(self.session.id, severity, faded, notes)
            else:
                red, alert = self.hk.redness.edit_redness(
                    int(self.observation.id or 0), severity=severity, faded_after_min=faded,
                    still_red=faded is None, notes=notes)
        except HomekitError as exc:
            error.update(words.error(exc))
            getattr(self.app, "check_file", bool)()  # HomekitApp: a lost file offers to quit
            return
        self.app.notify(words.redness_recorded_app(red), title="Redness recorded")
        if alert:
            self.app.notify(words.redness_alert_text(alert), severity="error" if alert.serious else "warning",
                            title=words.redness_alert_title(alert.serious), timeout=15)
        self.dismiss((red, alert))

    @on(Button.Pressed, "#delete-obs")
    def delete(self) -> None:
        from homekit.tui.screens.confirm import confirm_delete

        obs = self.observation
        if obs is None:
            return

        def deleted(_: Redness) -> None:
            self.app.notify(words.observation_deleted_app(obs), title="Redness deleted")
            self.dismiss((obs, None))

        confirm_delete(self, "Delete observation", words.delete_observation_question(obs),
                       partial(self.hk.redness.delete_redness, int(obs.id or 0)), deleted)
