"""Checkboxes, radio buttons and selection lists whose state reads without colour:
a tick or a filled dot when on, an empty box or ring when off (not only a change of colour)."""

from __future__ import annotations

from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList

TICK, NO_TICK = "✓", " "
DOT, RING = "●", "○"


class Tick(Checkbox):
    """A checkbox showing ✓ when ticked and a blank box when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 - Textual's name
        return TICK if self.value else NO_TICK


class LongTick(Tick):
    """A tick whose label wraps to the width there is (a sentence to acknowledge must be read
    whole: Textual's checkbox cuts its one line at the edge)."""

    DEFAULT_CSS = """
    LongTick { width: 1fr; height: auto; text-wrap: wrap; text-overflow: fold; }
    """

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.render().wrap(width)))


class Mark(RadioButton):
    """A radio button showing ● when chosen and ○ when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 - Textual's name
        return DOT if self.value else RING


class TickList(SelectionList):
    """A selection list whose chosen items show ✓ and the others a blank box."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        index = self.scroll_offset.y + y
        try:
            option = self.get_option_at_index(index)
        except Exception:  # noqa: BLE001 - past the last option: the line as drawn
            return strip
        segments = list(strip)
        if len(segments) > 2 and segments[1].text == "X":
            mark = TICK if option.value in self._selected else NO_TICK
            segments[1] = segments[1]._replace(text=mark)
            return Strip(segments, strip.cell_length)
        return strip
