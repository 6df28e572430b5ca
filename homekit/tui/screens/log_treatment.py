"""The log dialog's treatment: asked first (the last one chosen preselected, and its needle
depth), and the product hold as a dialog with its two ways out (wait, or log it anyway)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Select

from homekit import words
from homekit.domain import treatments
from homekit.domain.errors import HomekitError, RuleViolation
from homekit.services import Homekit
from homekit.tui.widgets.plain import Label, Static

#: The app preferences that remember the last treatment (and needle depth) chosen.
LAST_TREATMENT = "last_treatment"
LAST_DEPTH = "last_needle_depth"


class ChoosesTreatment:
    """What the log dialog knows of the treatment chosen (mixed into LogSessionScreen)."""

    hk: Homekit
    query: Callable[..., Any]  # the screen's (Textual's DOMNode.query)
    _show: Callable[[ComposeResult], Awaitable[None]]  # the screen's: one step in the dialog
    _form_panel: Callable[[], ComposeResult]

    def _remember_treatment(self, hk: Homekit) -> None:
        # The treatment asked first, the last one chosen preselected (an app preference).
        known = [x.name for x in hk.treatments.all()]
        last = hk.profiles.preference(LAST_TREATMENT)
        self.treatment = last if last in known else treatments.DEFAULT_TREATMENT
        self.known = known
        depth = hk.profiles.preference(LAST_DEPTH)
        self.depth: float | None = None
        if self.treatment == treatments.MICRONEEDLING:
            try:
                self.depth = treatments.parse_depth(depth or "")
            except HomekitError:
                self.depth = treatments.NEEDLING_FLOORS[0][0]
        self.despite: tuple[str, ...] = ()
        #: The user chose to pick areas clear of a window: it is judged on save, with them.
        self.areas_later = False

    def _mark(self) -> treatments.Mark:
        return treatments.Mark(None, self.hk.today(), self.treatment, self.depth)

    def _treatment_row(self) -> ComposeResult:
        with Horizontal(id="treatment-row"):
            yield Label(words.LOG_TREATMENT)
            yield Select([(n, n) for n in self.known], value=self.treatment, allow_blank=False,
                         id="treatment", compact=True)
            yield Label(words.LOG_DEPTH, id="depth-label")
            yield Input("" if self.depth is None else f"{self.depth:g}", id="depth",
                        placeholder="0.25", compact=True)

    def _show_depth(self) -> None:
        needs = self.treatment == treatments.MICRONEEDLING
        for widget in self.query("#depth, #depth-label"):
            widget.display = needs

    def _hold_panel(self, refusal: RuleViolation) -> ComposeResult:
        """A retinoid or acid holds the session: wait, or log it anyway (recorded)."""
        yield Label(words.HOLD_TITLE, id="hold")
        yield Static(words.hold_app(refusal), id="hold-why", markup=False)
        yield Static(words.HOLD_NOTE, classes="dialog-note")
        with Horizontal(classes="buttons"):
            yield Button(words.HOLD_WAIT, id="close", variant="primary")
            yield Button(words.HOLD_ANYWAY, id="despite", variant="warning")

    async def _products_or_form(self) -> None:
        """A retinoid or acid in the days before holds the session; else the form."""
        try:
            self.hk.treatments.check_products(self.hk.profile().id, self._mark())
        except RuleViolation as refusal:
            await self._show(self._hold_panel(refusal))
            return
        await self._show(self._form_panel())
