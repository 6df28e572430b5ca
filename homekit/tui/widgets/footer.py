"""Textual's footer, with its keys styled once as they mount instead of three times.

Each `FooterKey` starts compact (its reactive's default), so mounting it adds the `-compact`
class (a restyle), then the footer's own `compact` (False) is bound to it and removes the
class again (another). With ten keys that is a few dozen milliseconds on the UI thread for
every screen shown, and again whenever the keys change. Here each key is given the footer's
value before it mounts, so neither happens; it looks and behaves the same (the SVG snapshots of
every screen are unchanged).
"""

from __future__ import annotations

from textual import widgets
from textual.app import ComposeResult
from textual.widgets._footer import FooterKey


class Footer(widgets.Footer):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            # The command palette's key is not bound to the footer's value: it stays compact.
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget
