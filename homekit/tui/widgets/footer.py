"""The footer: the screen's keys that fit, then always how to get help and how to quit.

Textual's footer lists every shown key in order and lets the last ones run off the right
edge: at 80 columns the dashboard's ended in "c Cale", with help and quit out of sight. Here
the keys are laid out for the width there is: help (`?`) and quit (`q`) always, the screen's
own keys in their order as far as they fit whole, and the command palette's key when there is
room left. What does not fit is in the help screen and the command palette (ctrl+p). While a
text field has the focus, `?` and `q` are typed into it (Textual drops them from the active
keys), so the footer names the keys that work there instead: f1 for help, ctrl+q to quit.

Each key is also styled once as it mounts (Textual starts each `FooterKey` compact, then
restyles it to the footer's value: a few dozen milliseconds per screen with ten keys).
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from textual import events, widgets
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets._footer import FooterKey

#: The actions every footer shows, each with its key, then the key that also works while
#: typing in a field; the app binds them, and so does each dialog (a modal screen's keys
#: stop at the dialog: Textual does not pass them on to the app).
ALWAYS = {"help": (("question_mark", "?"), ("f1", "f1")),
          "quit": (("q", "q"), ("ctrl+q", "^q"))}
#: Columns a key takes beyond its key and description (padding around the key, after the
#: description), and the command palette's key (its border and padding).
KEY_PADDING = 3
PALETTE_EXTRA = 2


class Shown(NamedTuple):
    key: str
    display: str
    binding: Binding
    enabled: bool
    tooltip: str

    @property
    def width(self) -> int:
        return cell_len(self.display) + cell_len(self.binding.description) + KEY_PADDING


class Footer(widgets.Footer):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._laid_out_for = 0

    def shown_keys(self, width: int) -> tuple[list[Shown], list[Shown], bool]:
        """(the screen's keys that fit, help and quit, whether the palette's key fits)."""
        app = self.app
        active = self.screen.active_bindings
        own: list[Shown] = []
        seen: set[str] = set()
        for key, (_, binding, enabled, tooltip) in active.items():
            action = binding.action.removeprefix("app.")
            if action in seen or action in ALWAYS or key == app.COMMAND_PALETTE_BINDING:
                continue
            if binding.show:
                seen.add(action)
                own.append(Shown(key, app.get_key_display(binding), binding, enabled, tooltip))
        essentials = []
        for action, choices in ALWAYS.items():
            for key, display in choices:  # the plain key, else the one that works in a field
                found = active.get(key)
                if found is not None and found.binding.action.removeprefix("app.") == action:
                    essentials.append(Shown(key, display, Binding(key, action, action.title()),
                                            found.enabled, found.tooltip))
                    break
        room = width - sum(k.width for k in essentials)
        fitting = []
        for k in own:
            if k.width > room:
                break
            fitting.append(k)
            room -= k.width
        palette = active.get(app.COMMAND_PALETTE_BINDING)
        palette_fits = bool(
            self.show_command_palette and app.ENABLE_COMMAND_PALETTE and palette is not None
            and cell_len(app.get_key_display(palette.binding))
            + cell_len(palette.binding.description) + KEY_PADDING + PALETTE_EXTRA <= room)
        return fitting, essentials, palette_fits

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        width = self.app.size.width
        self._laid_out_for = width
        fitting, essentials, palette_fits = self.shown_keys(width)
        keys = [*fitting, *essentials]
        self.styles.grid_size_columns = len(keys)
        for k in keys:
            widget = FooterKey(k.key, k.display, k.binding.description, k.binding.action,
                               disabled=not k.enabled, tooltip=k.tooltip)
            widget.set_reactive(FooterKey.compact, self.compact)
            widget.set_class(self.compact, "-compact", update=False)
            yield widget
        if palette_fits:
            _, binding, enabled, _ = self.screen.active_bindings[self.app.COMMAND_PALETTE_BINDING]
            # The command palette's key stays compact (it is not bound to the footer's value).
            yield FooterKey(binding.key, self.app.get_key_display(binding), binding.description,
                            binding.action, classes="-command-palette", disabled=not enabled,
                            tooltip=binding.tooltip or binding.description)

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready and self._laid_out_for != self.app.size.width:
            self.call_after_refresh(self.recompose)
