"""Keys, and what to know about microdermabrasion at home (information, never a diagnosis)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from homekit.tui.widgets.footer import Footer

KEYS = """\
[b]Keys[/b] (also in the command palette, ctrl+p)
  l  log a session     r  log redness        h  history
  g  charts            p  profile, settings  c  calendar reminders
  o  photos            w  write the PDF report
  u  undo (ctrl+z)     ?  this help          q  quit    escape  back
Enter on a session (history or dashboard) opens it:
  e edit, d delete, r add redness, x delete redness.
In history: / search, e edit, d delete, r redness, o correct redness, s / v sort.
In forms: tab moves field by field, row by row; ctrl+s saves."""

FACTS = """\
[b]Safety[/b]
• Protective glasses must cover your eyes during every session.
• A session takes about 30 to 60 minutes. Slight stinging at first is common.
• Slight redness is normal and fades within minutes; redness that lasts is a warning sign.
• Not suitable for people with eczema or acne rosacea: it can cause serious outbreaks.
  Please consult a skin professional first.
• At most one session a week. Clinics often space sessions 2 to 4 weeks apart.
• Deeper scars need more sessions.
homekit records what you tell it; it does not diagnose anything."""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "app.pop_screen", "Close")]

    def compose(self) -> ComposeResult:
        yield Footer()
        with VerticalScroll(id="help-dialog", classes="dialog"):
            yield Label("homekit help", classes="dialog-title")
            yield Static(KEYS, id="help-keys")
            yield Static(FACTS, id="help-facts")
