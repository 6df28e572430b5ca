"""Profile and settings: target, interval (never below 7), skin question, switch, theme."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Header, Input, Select, Switch

from homekit import words
from homekit.domain import validate
from homekit.domain.errors import HomekitError, InvalidInput
from homekit.services import Homekit
from homekit.tui.widgets.condition import ConditionQuestion
from homekit.tui.widgets.field import Field
from homekit.tui.widgets.plain import Label, Static, literal

DARK, LIGHT = "textual-dark", "textual-light"


class ProfileScreen(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, hk: Homekit) -> None:
        super().__init__()
        self.hk = hk

    def compose(self) -> ComposeResult:
        p = self.hk.profile()
        others = [(literal(q.name), q.name) for q in self.hk.profiles() if q.name != p.name]
        yield Header()
        with VerticalScroll(id="profile"):
            yield Label(f"Profile {p.name}", id="profile-title", classes="section-title")
            with Horizontal(classes="form-row"):
                yield Field("Name", Input(p.name, id="name"), "")
                yield Field("Target number of sessions",
                            Input(str(p.target_sessions), id="target", type="integer"),
                            "deeper scars need more sessions")
                yield Field("Days between sessions",
                            Input(str(p.min_interval_days), id="interval", type="integer"),
                            words.INTERVAL_HINT)
            yield Static("", id="profile-error", classes="form-error")
            yield Button("Save changes", id="save-profile", variant="primary")

            yield Label("Skin", classes="section-title")
            yield ConditionQuestion(p.has_skin_condition, bool(p.condition_acknowledged_at))
            yield Button("Save answer", id="save-condition")

            yield Label("Other profiles", classes="section-title")
            with Horizontal(classes="form-row"):
                yield Select(others, id="switch-to", prompt="choose a profile",
                             disabled=not others)
                yield Button("Switch", id="switch", disabled=not others)
                yield Input("", id="new-name", placeholder="new profile name")
                yield Button("Add profile", id="add")

            yield Label("Appearance", classes="section-title")
            with Horizontal(classes="form-row"):
                yield Switch(self.app.current_theme.dark, id="dark")
                yield Label("Dark theme", id="dark-label")

            yield Label("Medical answers (warnings, never blocks)", classes="section-title")
            with Horizontal(classes="form-row"):
                yield Field("Isotretinoin: course finished on",
                            Input(p.isotretinoin or "", id="isotretinoin",
                                  placeholder="never or YYYY-MM-DD"),
                            "within 6 months: ask your prescriber first")
                yield Select([("yes", "yes"), ("no", "no")], id="blood-thinners",
                             prompt="blood thinners?",
                             value={True: "yes", False: "no", None: Select.NULL}[p.blood_thinners])
            yield Checkbox("I have read the isotretinoin warning and will ask my prescriber",
                           bool(p.isotretinoin_acknowledged_at), id="isotretinoin-ack")
            yield Static("", id="medical-note", classes="dialog-note", markup=False)
            yield Button("Save medical answers", id="save-medical")
        yield Footer()

    def _checked(self, input_id: str, parse: Callable[[str], Any]) -> Any:
        box = self.query_one(f"#{input_id}", Input)
        field = box.parent
        try:
            value = parse(box.value)
        except InvalidInput as exc:
            if isinstance(field, Field):
                field.show_error(words.error(exc))
            raise
        if isinstance(field, Field):
            field.show_error(None)
        return value

    @on(Input.Submitted, "#name, #target, #interval")
    @on(Button.Pressed, "#save-profile")
    def save_profile(self) -> None:
        error = self.query_one("#profile-error", Static)
        values = {}
        for input_id, parse in (("name", validate.profile_name), ("target", validate.target_sessions),
                                ("interval", validate.interval_days)):
            try:
                values[input_id] = self._checked(input_id, parse)
            except InvalidInput:
                pass
        if len(values) < 3:
            error.update("Not saved: please correct the fields marked in red.")
            return
        try:
            p = self.hk.update_profile(target_sessions=values["target"],
                                       min_interval_days=values["interval"],
                                       new_name=values["name"])
        except HomekitError as exc:
            error.update(f"Not saved: {words.error(exc)}")
            return
        error.update("")
        self.query_one("#profile-title", Label).update(f"Profile {p.name}")
        self.notify(f"Profile {p.name}: target {p.target_sessions} sessions, at least "
                    f"{p.min_interval_days} days apart.", title="Profile saved")

    @on(Button.Pressed, "#save-condition")
    def save_condition(self) -> None:
        question = self.query_one(ConditionQuestion)
        if question.answer is None:
            self.notify("Please answer the question first.", severity="warning")
            return
        try:
            self.hk.record_skin_condition(question.answer, question.acknowledged)
        except HomekitError as exc:
            self.notify(words.error(exc), severity="error")
            return
        if question.answer and not question.acknowledged:
            self.notify(words.CONDITION_BLOCKED_APP,
                        title="Answer saved", severity="warning")
        else:
            self.notify("Answer saved.", title="Skin")

    @on(Button.Pressed, "#save-medical")
    def save_medical(self) -> None:
        iso = self.query_one("#isotretinoin", Input).value.strip() or None
        thinners = self.query_one("#blood-thinners", Select).value
        try:
            p = self.hk.record_medical(
                isotretinoin=iso,
                blood_thinners=None if thinners is Select.NULL else thinners == "yes",
                acknowledged=self.query_one("#isotretinoin-ack", Checkbox).value)
        except HomekitError as exc:
            self.query_one("#medical-note", Static).update(words.error(exc))
            return
        warnings = [words.medical_text(w, app=True) for w in self.hk.medical_warnings(p)]
        self.query_one("#medical-note", Static).update("\n".join(warnings))
        self.notify("Medical answers saved.", title="Profile")

    @on(Button.Pressed, "#switch")
    def switch(self) -> None:
        name = self.query_one("#switch-to", Select).value
        if name is Select.NULL:
            self.notify("Choose a profile to switch to.", severity="warning")
            return
        self._use(lambda: self.hk.switch_profile(str(name)))

    @on(Input.Submitted, "#new-name")
    @on(Button.Pressed, "#add")
    def add(self) -> None:
        box = self.query_one("#new-name", Input)
        try:
            name = validate.profile_name(box.value)
        except InvalidInput as exc:
            self.notify(words.error(exc), severity="error")
            return
        self._use(lambda: self.hk.create_profile(name, make_default=True))

    def _use(self, change: Callable[[], Any]) -> None:
        try:
            p = change()
        except HomekitError as exc:
            self.notify(words.error(exc), severity="error")
            getattr(self.app, "check_file", bool)()  # HomekitApp: a lost file offers to quit
            return
        self.notify(f"Now using profile {p.name}.", title="Profile")
        self.app.pop_screen()

    @on(Switch.Changed, "#dark")
    def theme(self, event: Switch.Changed) -> None:
        self.app.theme = DARK if event.value else LIGHT
