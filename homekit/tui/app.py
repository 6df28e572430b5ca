"""The Textual app: the dashboard is home; every other screen is pushed over it."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.theme import Theme

from homekit import words
from homekit.domain.errors import HomekitError
from homekit.services import Homekit
from homekit.tui.screens.dashboard import DashboardScreen

THEME_KEY = "theme"


class HomekitApp(App[None]):
    """Log sessions and redness, see the weekly rule, browse history; keyboard first."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    TITLE = "homekit"
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("u,ctrl+z", "undo", "Undo", key_display="u"),
    ]

    def __init__(self, hk: Homekit) -> None:
        super().__init__()
        self.hk = hk

    def get_default_screen(self) -> Screen:
        return DashboardScreen(self.hk)

    def on_mount(self) -> None:
        try:
            saved = self.hk.preference(THEME_KEY)
        except HomekitError:
            saved = None
        if saved and saved in self.available_themes:
            self.theme = saved
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: Theme) -> None:
        try:
            self.hk.set_preference(THEME_KEY, theme.name)
        except HomekitError as exc:
            self.notify(words.error(exc), title="Theme not saved", severity="warning")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":  # not under a dialog: it may be about the data being undone
            return not isinstance(self.screen, ModalScreen)
        return True

    def action_undo(self) -> None:
        """Revert the latest delete or edit (the journal in the data file; as `homekit undo`)."""
        if isinstance(self.screen, ModalScreen):
            return
        try:
            step = self.hk.undo()
        except HomekitError as exc:
            self.notify(words.error(exc).replace("homekit undo --drop", "homekit undo --drop "
                                                 "(in a terminal)"),
                        title="Nothing undone", severity="warning", markup=False)
            return
        self.notify(words.undone_text(step), title="Undo", markup=False)
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_data", None)
            if callable(refresh) and screen.is_current:
                refresh()

    def action_help(self) -> None:
        from homekit.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The screen's own key bindings, so the command palette lists them too."""
        seen = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or not active.enabled or binding.action in seen:
                continue
            if active.node is self:
                continue  # help and quit: below, with the built-in commands
            seen.add(binding.action)
            yield SystemCommand(
                binding.description,
                f"{binding.tooltip or binding.description} (key: {binding.key_display or key})",
                partial(self.run_action, binding.action, active.node),
            )
        yield SystemCommand("Help", "Keys and safety notes (key: ?)", self.action_help)
        yield from super().get_system_commands(screen)
