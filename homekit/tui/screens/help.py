"""Keys, and what to know about microdermabrasion at home (information, never a diagnosis).

The keys listed are the ones of the screen help was opened on, read from its bindings (the
footer shows those that fit; every one is here and in the command palette), then the keys
that work everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from homekit.tui.screens.base import DIALOG_QUIT
from homekit.tui.widgets.footer import Footer

#: (keys, what they do) that work on every screen.
EVERYWHERE: tuple[tuple[str, str], ...] = (
    ("? or f1", "this help"),
    ("q or ctrl+q", "quit (asks first when a form has unsaved changes)"),
    ("u or ctrl+z", "undo the latest delete or edit"),
    ("ctrl+p", "command palette: every key of the screen, by name"),
    ("escape", "back (a form with changes asks first)"),
    ("tab", "next field; ctrl+s saves a form"),
)

FACTS = """\
[b]Safety[/b]
• Protective glasses must cover your eyes during every session.
• A session takes about 30 to 60 minutes. Slight stinging at first is common.
• Slight redness is normal and fades within minutes; redness that lasts is a warning sign.
• Not suitable for people with eczema or acne rosacea: it can cause serious outbreaks.
  Please consult a skin professional first.
• A burn, blister, change of pigment, infection or breakout: stop, log it (key e) and see a
  skin professional if it lasts more than 3 days; it holds the next session until resolved.
• At most one session a week. Clinics often space sessions 2 to 4 weeks apart.
• Deeper scars need more sessions.
homekit records what you tell it; it does not diagnose anything."""


def key_table(title: str, rows: Sequence[tuple[str, str]]) -> Text:
    """A heading and one `keys  what` line each, aligned (the text is data, not markup)."""
    text = Text()
    text.append(title, style="bold")
    width = max((len(k) for k, _ in rows), default=0) + 2
    for keys, what in rows:
        text.append(f"\n  {keys:<{width}}{what}")
    return text


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,f1", "app.pop_screen", "Close", key_display="esc"),
                DIALOG_QUIT]

    def __init__(self, screen_keys: Sequence[tuple[str, str]] = (), screen_name: str = "") -> None:
        super().__init__()
        self.screen_keys = tuple(screen_keys)
        self.screen_name = screen_name

    def compose(self) -> ComposeResult:
        yield Footer()
        with VerticalScroll(id="help-dialog", classes="dialog"):
            yield Label("homekit help", classes="dialog-title")
            if self.screen_keys:
                here = f"Keys on this screen ({self.screen_name})" if self.screen_name \
                    else "Keys on this screen"
                yield Static(key_table(here, self.screen_keys), id="help-keys")
            yield Static(key_table("Keys everywhere", EVERYWHERE), id="help-everywhere")
            yield Static(FACTS, id="help-facts")
