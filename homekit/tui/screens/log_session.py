"""Log a session: the skin question if needed, a safety check, then the form; or why not yet.

The gates are the domain's (homekit.domain.gates), the checklist is the domain's
(homekit.domain.checklist): the same as `homekit log` asks.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Select

from homekit import words
from homekit.domain import checklist, treatments
from homekit.domain.errors import HomekitError, RuleViolation
from homekit.domain.gates import Gate, held_by_clearance
from homekit.domain.models import SessionDraft
from homekit.services import Homekit, LogResult
from homekit.tui.screens.base import DIALOG_KEYS
from homekit.tui.screens.log_treatment import LAST_DEPTH, LAST_TREATMENT, ChoosesTreatment
from homekit.tui.screens.unsaved import GuardsChanges
from homekit.tui.widgets.condition import ConditionQuestion
from homekit.tui.widgets.footer import Footer
from homekit.tui.widgets.marks import Tick
from homekit.tui.widgets.plain import Label, Static
from homekit.tui.widgets.session_form import SessionForm

#: (id, question) of each pre-session checklist item, as the CLI asks them.
SAFETY_CHECKS = tuple((i.id, i.question) for i in checklist.CHECKLIST)


class LogSessionScreen(ChoosesTreatment, GuardsChanges, ModalScreen[LogResult | None]):
    """Dismissed with the LogResult once stored, or None. Escape on a form that has been
    filled in asks before dropping it."""

    HELP_NAME = "log a session"

    BINDINGS = [
        Binding("escape", "cancel", "Back", tooltip="Close (asks first when the form is filled)"),
        Binding("ctrl+s", "save", "Save", show=True, tooltip="Save the session"),
        *DIALOG_KEYS,
    ]

    def __init__(self, hk: Homekit) -> None:
        super().__init__()
        self.hk = hk
        self.confirmed: tuple[str, ...] | None = None
        self.cleared = False
        self._remember_treatment(hk)
    def compose(self) -> ComposeResult:
        yield Footer()
        with Vertical(id="log-dialog", classes="dialog"):
            yield Label("Log a session", classes="dialog-title")
            try:
                profile = self.hk.profile()
                self.hk.sessions.check_date(profile, self.hk.today(), mark=self._mark())
            except RuleViolation as refusal:
                with Vertical(id="panel"):
                    yield from self._blocked(refusal)
                return
            except HomekitError as exc:
                yield Static(words.error(exc), classes="form-error")
                yield Button("Close", id="close")
                return
            ask = profile.has_skin_condition is None or self.hk.profiles.needs_acknowledgement(profile)
            redness = held_by_clearance(self.hk.safety.gates(profile))
            self.profile = profile
            with Vertical(id="panel"):
                if ask:
                    yield from self._ask_panel()
                elif redness is not None:
                    yield from self._redness_panel(redness)
                else:
                    yield from self._safety_panel()

    # Each step is mounted only when reached: the form alone is some forty widgets.

    def _ask_panel(self) -> ComposeResult:
        p = self.profile
        yield ConditionQuestion(p.has_skin_condition, bool(p.condition_acknowledged_at), id="ask")
        yield Static("", id="ask-error", classes="form-error")
        with Horizontal(classes="buttons"):
            yield Button("Continue", id="ask-continue", variant="primary")
            yield Button("Cancel", classes="cancel")

    def _redness_panel(self, gate: Gate) -> ComposeResult:
        """Serious redness, or an adverse event not resolved, blocks the session; a
        professional's clearance lifts it."""
        yield Static(words.redness_block_app(gate), id="redness-block", classes="form-error",
                     markup=False)
        yield Static(words.REDNESS_BLOCK_LIFT if gate.name == "redness"
                     else words.EVENT_BLOCK_LIFT, classes="dialog-note", markup=False)
        with Horizontal(classes="buttons"):
            yield Button("Close", id="close", variant="primary")
            yield Button("A professional cleared me", id="cleared", variant="warning")

    @on(Select.Changed, "#treatment")
    def treatment_chosen(self, event: Select.Changed) -> None:
        self.treatment = str(event.value)
        self._show_depth()

    def _safety_panel(self) -> ComposeResult:
        yield from self._treatment_row()
        yield Static(words.SAFETY_INTRO, classes="dialog-note", id="safety")
        for check_id, text in SAFETY_CHECKS:
            yield Tick(text, id=f"check-{check_id}", classes="safety-check", compact=True)
        yield Static(words.SESSION_LENGTH, classes="dialog-note")
        yield Static("", id="safety-error", classes="form-error")
        with Horizontal(classes="buttons"):
            yield Button("Continue", id="safety-continue", variant="primary")
            yield Button("Cancel", classes="cancel")

    def _form_panel(self, backfill: bool = False) -> ComposeResult:
        # The form scrolls; its error line and buttons stay in view below it (80x24 too).
        with VerticalScroll(id="form-scroll", can_focus=False):
            yield SessionForm(self.hk.today(), id="form", backfill=backfill)
        yield Static("", id="form-error", classes="form-error")
        with Horizontal(classes="buttons"):
            yield Button("Save (ctrl+s)", id="save", variant="primary")
            yield Button("Cancel", classes="cancel")

    def _blocked(self, refusal: RuleViolation) -> ComposeResult:
        if refusal.code != "too_close":  # a conflict window: the other session, by name
            yield Static(words.error(refusal), id="blocked-why", markup=False)
            yield Static(words.CONFLICT_AREAS_NOTE, classes="dialog-note")
            with Horizontal(classes="buttons"):
                yield Button("Close", id="close", variant="primary")
                yield Button(words.OTHER_TREATMENT, id="other-treatment")
                yield Button(words.CHOOSE_AREAS, id="choose-areas")
            return
        st = self.hk.status.status()
        nxt, left = refusal.next_eligible, refusal.days_left or 0
        yield Static(words.too_soon_app(st.last_session_date, st.min_interval_days),
                     id="blocked-why")
        yield Static(words.next_eligible(nxt, left), id="blocked-next")
        held = held_by_clearance(list(st.gates))
        if held is not None:  # the hold too: waiting out the interval will not lift it
            yield Static(words.redness_block_app(held), id="blocked-hold", classes="form-error",
                         markup=False)
        yield Static(words.BACKFILL_NOTE, classes="dialog-note")
        with Horizontal(classes="buttons"):
            yield Button("Close", id="close", variant="primary")
            yield Button("Log an earlier date", id="backfill")
            if len(self.known) > 1:
                yield Button(words.OTHER_TREATMENT, id="other-treatment")

    def on_mount(self) -> None:
        self._show_depth()
        self._focus_first()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":  # no "^s Save" in the footer until there is a form to save
            return self.step == "form"
        return True

    def _focus_first(self) -> None:
        # The treatment row comes first on the screen, the first tick first under the keys:
        # the treatment is preselected (the last one chosen), Tab backwards reaches it.
        for widget in self.query("RadioSet, Checkbox, Input, Button"):
            if widget.focusable and not any(a.id == "treatment-row" for a in widget.ancestors):
                # At once, not queued as `focus()` is: keys typed ahead while the dialog
                # mounts would otherwise reach the treatment list that auto-focus picks first.
                self.set_focus(widget)
                return

    @property
    def step(self) -> str:
        """Which step is showing: ask, safety, form, or blocked."""
        for step in ("ask", "redness-block", "safety", "hold", "form"):
            if self.query(f"#{step}"):
                return step
        return "blocked"

    async def _show(self, panel: ComposeResult) -> None:
        container = self.query_one("#panel", Vertical)
        await container.remove_children()
        await container.mount_compose(panel)
        self.query_one("#log-dialog").set_class(bool(self.query("#form")), "-form")
        if self.query("#form"):  # the form as it starts: Escape asks only once it is changed
            self.remember_state("form")
        self.refresh_bindings()
        self._show_depth()
        self._focus_first()

    @on(Button.Pressed, "#ask-continue")
    async def answered(self) -> None:
        question = self.query_one(ConditionQuestion)
        error = self.query_one("#ask-error", Static)
        if question.answer is None:
            error.update(words.ANSWER_THE_QUESTION)
            return
        try:
            self.hk.profiles.record_skin_condition(question.answer, question.acknowledged)
        except HomekitError as exc:
            error.update(words.error(exc))
            return
        if question.answer and not question.acknowledged:
            error.update(words.CONDITION_STILL_BLOCKED)
            return
        redness = held_by_clearance(self.hk.safety.gates())
        await self._show(self._safety_panel() if redness is None else self._redness_panel(redness))

    @on(Button.Pressed, "#other-treatment")
    async def other_treatment(self) -> None:
        """Blocked for one treatment: choose another (the checks run again on Continue)."""
        await self._show(self._safety_panel())
        self.query_one("#treatment", Select).focus()

    @on(Button.Pressed, "#choose-areas")
    async def choose_areas(self) -> None:
        """A window holds every area: the form, where other areas may be chosen (the rule is
        judged again on save, with them)."""
        self.areas_later = True
        if self.confirmed is None:
            await self._show(self._safety_panel())
            return
        await self._products_or_form()

    @on(Button.Pressed, "#cleared")
    async def cleared_by_professional(self) -> None:
        self.cleared = True
        await self._show(self._safety_panel())

    @on(Button.Pressed, "#backfill")
    async def backfill(self) -> None:
        """A forgotten session: the form with an empty date (no safety check: it is past)."""
        await self._show(self._form_panel(backfill=True))
        self.query_one(".dialog-title", Label).update(words.BACKFILL_TITLE)
        self.query_one("#date", Input).focus()

    @on(Button.Pressed, "#safety-continue")
    async def checked(self) -> None:
        confirmed = tuple(box.id.removeprefix("check-") for box in
                          self.query(".safety-check").results(Checkbox) if box.value and box.id)
        missing = checklist.refused(confirmed)
        if missing:
            self.query_one("#safety-error", Static).update(
                words.checklist_refused_app(missing[0].reason))
            return
        error = self.query_one("#safety-error", Static)
        try:
            if self.treatment == treatments.MICRONEEDLING:
                self.depth = treatments.parse_depth(self.query_one("#depth", Input).value)
            else:
                self.depth = None
        except HomekitError as exc:
            error.update(words.error(exc))
            return
        self.hk.profiles.set_preference(LAST_TREATMENT, self.treatment)
        if self.depth is not None:
            self.hk.profiles.set_preference(LAST_DEPTH, f"{self.depth:g}")
        self.confirmed = confirmed
        profile = self.hk.profile()
        try:
            self.hk.sessions.check_date(profile, self.hk.today(), mark=self._mark())
        except RuleViolation as refusal:
            if not (refusal.code == "treatment_conflict" and self.areas_later):
                await self._show(self._blocked(refusal))
                return
        await self._products_or_form()

    @on(Button.Pressed, "#despite")
    async def logged_despite(self) -> None:
        """The hold's second way out: log it anyway, the product kinds recorded with it."""
        held = self.hk.treatments.product_holds(self.hk.profile().id, self._mark())
        self.despite = tuple(dict.fromkeys(h.product.kind for h in held))
        await self._show(self._form_panel())

    def _save(self, draft: SessionDraft) -> LogResult:
        return self.hk.sessions.log_session(replace(
            draft, checklist=self.confirmed, cleared_by_professional=self.cleared,
            treatment=self.treatment, depth_mm=self.depth, despite=self.despite))

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if self.step != "form":
            return
        result = self.query_one(SessionForm).submit(
            self._save,
            self.query_one("#form-error", Static),
            words.REFUSED_NEW_DATE,
        )
        if result is not None:
            self.dismiss(result)

    @on(Button.Pressed, ".cancel, #close")
    def action_cancel(self) -> None:
        self.leave(lambda: self.dismiss(None))
