"""Static and Label that show their text as it is: user text is data, never markup.

Textual parses a `str` given to Static or Label as content markup, so a note such as
`a [/b] b` would crash the app and `[@click=app.quit]` would become an action. Every screen
imports these instead; a widget that really wants markup (the help text) asks for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from textual import widgets
from textual.content import Content

from homekit.words import control_free


def _visible(content: Any) -> Any:
    """Terminal control (ESC, bidi overrides) in a file written by another tool, made visible."""
    return control_free(content) if isinstance(content, str) else content


class Static(widgets.Static):
    def __init__(self, content: Any = "", *, markup: bool = False, **kwargs: Any) -> None:
        super().__init__(_visible(content), markup=markup, **kwargs)

    def update(self, content: Any = "", *, layout: bool = True) -> None:
        super().update(_visible(content), layout=layout)


class Label(Static, widgets.Label):
    pass


def literal(text: object) -> Content:
    """`text` as content shown literally (for border titles, options, buttons)."""
    return Content(control_free(str(text)))


class Cell:
    """A one-line DataTable cell shown literally (DataTable parses a `str` cell as markup)
    and drawn as one segment: a Rich `Text` would be wrapped, split and justified each time a
    cell is drawn, which is most of the cost of drawing a screenful of history."""

    __slots__ = ("text", "width")

    def __init__(self, text: str) -> None:
        self.text = text
        self.width = cell_len(text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Cell({self.text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Cell) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        yield Segment(self.text)  # cropped to the column by the table

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.width, self.width)


def cell(value: object) -> Cell:
    """A DataTable cell shown literally, terminal control made visible."""
    return Cell(control_free(str(value)))
