"""Profile and settings: target, interval (never below 7), skin type and question, switch,
theme."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Header, Input, Select, Switch

from homekit import words
from homekit.domain import validate
from homekit.domain.errors import HomekitError, InvalidInput
from homekit.domain.models import SKIN_TYPE_NUMERALS, SKIN_TYPES
from homekit.tui.screens.base import HomekitScreen
from homekit.tui.screens.unsaved import GuardsChanges
from homekit.tui.widgets.condition import ConditionQuestion
from homekit.tui.widgets.field import INVALID, Field, checked_input
from homekit.tui.widgets.footer import Footer
from homekit.tui.widgets.marks import LongTick
from homekit.tui.widgets.plain import Label, Static, literal
from homekit.tui.widgets.profile_fields import profile_fields

if TYPE_CHECKING:
    from homekit.services import ProfileDeleted

DARK, LIGHT = "textual-dark", "textual-light"


def skin_type_select(value: int | None) -> Select[int]:
    """The six Fitzpatrick types with their words; blank: not given."""
    options = [(f"{SKIN_TYPE_NUMERALS[n - 1]}: {words.SKIN_TYPE_WORDS[n - 1]}", n)
               for n in SKIN_TYPES]
    return Select(options, id="skin-type", prompt="not given",
                  value=Select.NULL if value is None else value)


class ProfileScreen(GuardsChanges, HomekitScreen):
    """Settings, the skin question, other profiles, theme and medical answers. ctrl+s saves
    the settings and the medical answers; Escape with changes not saved asks first."""

    HELP_NAME = "profile"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+s", "save", "Save", tooltip="Save the settings and the medical answers"),
    ]
    #: The profile chooser and the new profile's name act with their buttons: not edits of
    #: this profile.
    NOT_SAVED = ("switch-to", "new-name")

    def compose(self) -> ComposeResult:
        p = self.hk.profile()
        others = [(literal(q.name), q.name) for q in self.hk.profiles.profiles() if q.name != p.name]
        yield Header()
        with VerticalScroll(id="profile"):
            yield Label(words.profile_title(p.name), id="profile-title", classes="section-title")
            yield from self._settings(p)
            yield Label("Other profiles", classes="section-title")
            with Horizontal(classes="form-row", id="switch-row"):
                yield Select(others, id="switch-to", prompt="choose a profile",
                             disabled=not others)
                yield Button("Switch", id="switch", disabled=not others)
            with Horizontal(classes="form-row", id="add-row"):
                yield Input("", id="new-name", placeholder="new profile name")
                yield Button("Add profile", id="add")

            yield Label("Appearance", classes="section-title")
            with Horizontal(classes="form-row"):
                yield Switch(self.app.current_theme.dark, id="dark")
                yield Label("Dark theme", id="dark-label")
            yield from self._medical(p)
        yield Footer()

    def _settings(self, p: Any) -> ComposeResult:
        with Vertical(id="profile-settings"):
            with Horizontal(classes="form-row"):
                yield from profile_fields("Name", p.name, "", p.target_sessions,
                                          "deeper scars: more", p.min_interval_days)
                yield Field("Reminder time", checked_input(self.hk.plan.reminder_time(),
                                                           validate.parse_time,
                                                           id="reminder-time",
                                                           placeholder="HH:MM"),
                            "for reminders (c)")
            with Horizontal(classes="form-row"):
                yield Field("Skin type (Fitzpatrick)", skin_type_select(p.skin_type),
                            words.SKIN_TYPE_NOTE)
            yield ConditionQuestion(p.has_skin_condition, bool(p.condition_acknowledged_at))
            yield Static("", id="profile-error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save-profile", variant="primary")
                yield Button("Delete profile…", id="delete-profile", variant="error")

    def _medical(self, p: Any) -> ComposeResult:
        yield Label("Medical answers (warnings, never blocks)", classes="section-title")
        with Vertical(id="profile-medical"):
            with Horizontal(classes="form-row"):
                yield Field("Isotretinoin: course finished on",
                            Input(p.isotretinoin or "", id="isotretinoin",
                                  placeholder="never or YYYY-MM-DD"),
                            "within 6 months: ask your prescriber first")
                yield Field("Blood thinners",
                            Select([("yes", "yes"), ("no", "no")], id="blood-thinners",
                                   prompt="not answered",
                                   value={True: "yes", False: "no",
                                          None: Select.NULL}[p.blood_thinners]),
                            "a warning, never a block")
            yield LongTick(words.ISOTRETINOIN_ACK,
                           bool(p.isotretinoin_acknowledged_at), id="isotretinoin-ack")
            yield Static("", id="medical-note", classes="dialog-note", markup=False)
            yield Button("Save medical answers", id="save-medical")

    def on_mount(self) -> None:
        self.remember_state("profile-settings", "profile-medical")

    def refresh_data(self) -> None:
        """After an undo (ctrl+z): show the profile as it is now."""
        async def again() -> None:
            await self.recompose()
            self.remember_state("profile-settings", "profile-medical")

        self.call_later(again)

    def action_back(self) -> None:
        self.leave(self.app.pop_screen)

    def action_save(self) -> None:
        """ctrl+s: the settings, then the medical answers if they were changed."""
        medical_changed = self._changed("profile-medical")
        if self.save_profile() and medical_changed:
            self.save_medical()

    def _changed(self, part: str) -> bool:
        from homekit.tui.screens.unsaved import form_state

        return form_state(self.query_one(f"#{part}")) != self._saved().get(part)

    @on(Input.Submitted, "#name, #target, #interval, #reminder-time")
    @on(Button.Pressed, "#save-profile")
    def save_profile(self) -> bool:
        """One button saves everything on the form: settings, reminder time, skin type and
        answer."""
        error = self.query_one("#profile-error", Static)
        values = {}
        for input_id in ("name", "target", "interval", "reminder-time"):
            field = self.query_one(f"#{input_id}", Input).parent
            assert isinstance(field, Field)
            values[input_id] = field.value()
        if any(v is INVALID for v in values.values()):
            error.update(words.NOT_SAVED_FIX)
            return False
        question = self.query_one(ConditionQuestion)
        skin = self.query_one("#skin-type", Select).value
        try:
            p = self.hk.profiles.update_profile(target_sessions=values["target"],
                                       min_interval_days=values["interval"],
                                       new_name=values["name"],
                                       skin_type=None if skin is Select.NULL else int(str(skin)))
            self.hk.plan.set_reminder_time(values["reminder-time"])
            if question.answer is not None and (
                    question.answer != p.has_skin_condition
                    or question.acknowledged != bool(p.condition_acknowledged_at)):
                p = self.hk.profiles.record_skin_condition(question.answer, question.acknowledged)
        except HomekitError as exc:
            error.update(Text(words.not_saved(exc)))
            return False
        error.update("")
        self.remember_state("profile-settings")
        self.query_one("#profile-title", Label).update(Text(words.profile_title(p.name)))
        self.notify(words.profile_saved_app(p, values["reminder-time"]),
                    title="Profile saved", markup=False)
        if question.answer and not question.acknowledged:
            self.notify(words.CONDITION_BLOCKED_APP, title="Skin", severity="warning")
        return True

    @on(Button.Pressed, "#delete-profile")
    def delete_profile(self) -> None:
        from homekit.tui.screens.confirm import confirm_delete

        name = self.hk.profile_name()
        question = words.delete_profile_question_app(name, self.hk.sessions.session_count())

        def deleted(done: ProfileDeleted) -> None:
            self.app.notify(f"{words.profile_deleted_text(done)}. {words.UNDO_HINT_APP}",
                            title="Profile deleted", markup=False, timeout=12)
            self.app.pop_screen()

        confirm_delete(self, "Delete profile", question, lambda: self.hk.profiles.delete_profile(name),
                       deleted)

    @on(Button.Pressed, "#save-medical")
    def save_medical(self) -> None:
        iso = self.query_one("#isotretinoin", Input).value.strip() or None
        thinners = self.query_one("#blood-thinners", Select).value
        try:
            p = self.hk.safety.record_medical(
                isotretinoin=iso,
                blood_thinners=None if thinners is Select.NULL else thinners == "yes",
                acknowledged=self.query_one("#isotretinoin-ack", Checkbox).value)
        except HomekitError as exc:
            self.query_one("#medical-note", Static).update(words.error(exc))
            return
        self.remember_state("profile-medical")
        warnings = [words.medical_text(w, app=True) for w in self.hk.safety.medical_warnings(p)]
        self.query_one("#medical-note", Static).update("\n".join(warnings))
        self.notify(words.MEDICAL_SAVED, title="Profile")

    @on(Button.Pressed, "#switch")
    def switch(self) -> None:
        name = self.query_one("#switch-to", Select).value
        if name is Select.NULL:
            self.notify(words.CHOOSE_PROFILE, severity="warning")
            return
        self._use(lambda: self.hk.profiles.switch_profile(str(name)))

    @on(Input.Submitted, "#new-name")
    @on(Button.Pressed, "#add")
    def add(self) -> None:
        box = self.query_one("#new-name", Input)
        try:
            name = validate.profile_name(box.value)
        except InvalidInput as exc:
            self.notify(words.error(exc), severity="error")
            return
        self._use(lambda: self.hk.profiles.create_profile(name, make_default=True))

    def _use(self, change: Callable[[], Any]) -> None:
        try:
            p = change()
        except HomekitError as exc:
            self.notify(words.error(exc), severity="error")
            getattr(self.app, "check_file", bool)()  # HomekitApp: a lost file offers to quit
            return
        self.notify(words.now_using_profile(p), title="Profile")
        self.app.pop_screen()

    @on(Switch.Changed, "#dark")
    def theme(self, event: Switch.Changed) -> None:
        self.app.theme = DARK if event.value else LIGHT
