"""The Textual app: the dashboard is home; every other screen is pushed over it."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import ActiveBinding, Binding
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.theme import Theme
from textual.worker import Worker, WorkerState

from homekit import words
from homekit.domain.errors import HomekitError, NotFound

if TYPE_CHECKING:
    from homekit.services import Homekit
    from homekit.tui.new_file import NewFile

THEME_KEY = "theme"
#: The id of the question asked before quitting with unsaved changes.
QUIT_QUESTION = "quit-question"


class HomekitApp(App[None]):
    """Log sessions and redness, see the weekly rule, browse history; keyboard first."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    TITLE = "homekit"
    # The footer always shows help and quit (f1 and ctrl+q while typing in a field); undo
    # is in the help screen and the command palette.
    BINDINGS = [
        Binding("q", "quit", "Quit", tooltip="Quit homekit"),
        Binding("question_mark,f1", "help", "Help", key_display="?",
                tooltip="Keys of this screen and the safety notes"),
        Binding("u,ctrl+z", "undo", "Undo", key_display="u", show=False,
                tooltip="Undo the latest delete or edit"),
    ]

    def __init__(self, hk: Homekit | None, start_dir: Path | None = None, *,
                 new_file: NewFile | None = None) -> None:
        """`hk`: the services on the open file; None with `new_file`, a file to create while
        the welcome screen is drawn (see homekit.tui.new_file)."""
        super().__init__()
        self._hk = hk
        self.new_file = new_file
        #: Where the report, charts, comparison and calendar go: the folder the app was started
        #: in (given by whoever starts it; the current folder when not given).
        self.start_dir = Path(start_dir or Path.cwd()).absolute()
        self.file_lost: str | None = None  # set once the data file is gone or replaced

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notification is plain text, control characters made visible: messages carry
        notes, names and paths, possibly written by another tool."""
        super().notify(words.control_free(message), title=words.control_free(title),
                       severity=severity, timeout=timeout, markup=False)

    @property
    def hk(self) -> Homekit:
        """The services on the data file (a new file: once it is made, see `file_ready`)."""
        assert self._hk is not None, "the data file is still being created"
        return self._hk

    @property
    def file_ready(self) -> bool:
        return self._hk is not None

    def check_file(self) -> bool:
        """True while the data file is the one opened; else (once) say so and offer to quit."""
        if self.file_lost:
            return False
        if self._hk is None:
            return True  # being created
        problem = self.hk.file_problem()
        if problem is None:
            return True
        self.file_lost = problem
        from homekit.tui.screens.confirm import ConfirmScreen

        self.push_screen(
            ConfirmScreen(words.FILE_LOST_TITLE, words.file_lost(problem, self.hk.data_file),
                          yes="Quit"),
            lambda yes: self.exit(return_code=1) if yes else None)
        return False

    def _fatal_error(self) -> None:
        """An unexpected error: exit with status 1, showing no local variables (health data)."""
        import os
        import sys

        from rich.segment import Segments
        from rich.text import Text
        from rich.traceback import Traceback

        error = self._exception or sys.exc_info()[1]
        shown: Text | Traceback = Text(words.crash_line(error))
        if os.environ.get("HOMEKIT_DEBUG") and error is not None:
            shown = Traceback.from_exception(type(error), error, error.__traceback__,
                                             show_locals=False)
        self._return_code = 1
        self.bell()
        self._exit_renderables.append(Segments(self.console.render(shown, self.console.options)))
        self._close_messages_no_wait()

    def get_default_screen(self) -> Screen:
        # A new file (or an unknown --profile): the welcome screen is the first screen, so its
        # first paint waits neither for the dashboard nor for a blank screen under it (nor
        # imports the dashboard); once the profile exists the dashboard goes over it, as home.
        # A file that does not exist yet: the welcome screen, drawn before the file is made.
        if self.new_file is not None and self._hk is None:
            from homekit.tui.screens.first_run import FirstRunScreen

            return FirstRunScreen(None)
        if self._needs_profile():
            from homekit.tui.screens.first_run import FirstRunScreen

            return FirstRunScreen(self.hk)
        from homekit.tui.screens.dashboard import DashboardScreen

        return DashboardScreen(self.hk)

    def _needs_profile(self) -> bool:
        try:
            if not self.hk.profiles.has_profiles():
                return True
            self.hk.profile()
        except NotFound:
            return True
        except HomekitError:
            return False  # the dashboard says what is wrong with the file
        return False

    def on_mount(self) -> None:
        if self._hk is None:
            # Draw first: the file is created once the welcome screen is on the terminal.
            self.call_after_refresh(self._create_file)
        else:
            self._use_theme()
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _use_theme(self) -> None:
        try:
            saved = self.hk.profiles.preference(THEME_KEY)
        except HomekitError:
            saved = None
        if saved and saved in self.available_themes:
            self.theme = saved

    def _create_file(self) -> None:
        assert self.new_file is not None
        if self.new_file.claim():
            self.run_worker(self.new_file.create, thread=True, name="new-file",
                            description="create and migrate the new data file")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The new file is created: open it on this thread, and hand it to the screens."""
        if event.worker.name != "new-file" or event.state != WorkerState.SUCCESS:
            return
        assert self.new_file is not None
        try:
            if self.new_file.error is None:
                self._hk = self.new_file.open_file()
        except Exception as exc:  # noqa: BLE001 - said by the CLI once the app is closed
            self.new_file.error = exc
        if self._hk is None:
            self.exit(return_code=1)
            return
        for screen in self.screen_stack:
            if getattr(screen, "hk", True) is None:
                screen.file_ready(self._hk)  # type: ignore[attr-defined]

    def _remember_theme(self, theme: Theme) -> None:
        if self._hk is None:
            return  # chosen before the file exists: not kept
        try:
            self.hk.profiles.set_preference(THEME_KEY, theme.name)
        except HomekitError as exc:
            self.notify(words.error(exc), title="Theme not saved", severity="warning")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":  # not under a dialog: it may be about the data being undone
            return not isinstance(self.screen, ModalScreen)
        return True

    def action_undo(self) -> None:
        """Revert the latest delete or edit (the journal in the data file; as `homekit undo`)."""
        if isinstance(self.screen, ModalScreen) or self._hk is None:
            return  # (a file being created has nothing to undo)
        try:
            step = self.hk.undo.undo()
        except HomekitError as exc:
            self.notify(words.undo_failed_app(exc),
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
            keys = [(self.keys_text(a.binding), a.binding.tooltip or a.binding.description)
                    for a in self.screen_bindings(self.screen)]
            self.push_screen(HelpScreen(keys, getattr(self.screen, "HELP_NAME", "")))

    def keys_text(self, binding: Binding) -> str:
        """`e`, `u or ctrl+z`: every key of a binding, as the footer writes them."""
        keys = [binding.key_display or self.get_key_display(binding)]
        keys += [self.get_key_display(Binding(k, "")) for k in binding.key.split(",")[1:]]
        return " or ".join(dict.fromkeys(keys))

    def screen_bindings(self, screen: Screen) -> list[ActiveBinding]:
        """The screen's own key bindings with a description (the footer's and the hidden
        ones, and those a focused widget answers first, like Enter on a table), once per
        action, in the order the screen declares them; help and quit are the app's."""
        seen: set[str] = set()
        found = []
        # homekit's own: declared by homekit's screen classes (not Textual's focus and copy keys)
        own = {b.action for cls in type(screen).__mro__ if cls.__module__.startswith("homekit")
               for b in cls.__dict__.get("BINDINGS", ()) if isinstance(b, Binding)}
        for _key, binding in screen._bindings:
            action = binding.action
            if (not binding.description or binding.system or action in seen or action not in own
                    or action.removeprefix("app.") in ("help", "quit")):
                continue
            state = self._check_action_state(action, screen)
            if state is False:
                continue
            seen.add(action)
            found.append(ActiveBinding(screen, binding, bool(state), binding.tooltip))
        return found

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """homekit's commands, not Textual's: the screen's keys (shown or not), then help,
        undo and quit. Each says its key."""
        for active in self.screen_bindings(screen):
            if not active.enabled:
                continue
            binding = active.binding
            yield SystemCommand(
                binding.tooltip or binding.description,
                f"key: {self.keys_text(binding)}",
                partial(self.run_action, binding.action, active.node),
            )
        yield SystemCommand("Help", "Keys of this screen and the safety notes (key: ? or f1)",
                            self.action_help)
        if not isinstance(screen, ModalScreen):
            yield SystemCommand("Undo", "Undo the latest delete or edit (key: u or ctrl+z)",
                                self.action_undo)
        yield SystemCommand("Quit", "Quit homekit (key: q or ctrl+q)", self.action_quit)

    async def action_quit(self) -> None:
        """Quit; when a screen has changes not saved yet, ask first."""
        from homekit.tui.screens.confirm import ConfirmScreen

        if any(getattr(s, "unsaved_changes", lambda: False)() for s in self.screen_stack) \
                and self.screen.id != QUIT_QUESTION:  # q again on the question: quit
            self.push_screen(ConfirmScreen(words.UNSAVED_TITLE, words.QUIT_UNSAVED, yes="Quit",
                                           id=QUIT_QUESTION),
                             lambda yes: self.exit() if yes else None)
            return
        self.exit()
