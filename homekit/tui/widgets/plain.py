"""Static and Label that show their text as it is: user text is data, never markup.

Textual parses a `str` given to Static or Label as content markup, so a note such as
`a [/b] b` would crash the app and `[@click=app.quit]` would become an action. Every screen
imports these instead; a widget that really wants markup (the help text) asks for it.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import widgets
from textual.content import Content


class Static(widgets.Static):
    def __init__(self, content: Any = "", *, markup: bool = False, **kwargs: Any) -> None:
        super().__init__(content, markup=markup, **kwargs)


class Label(widgets.Label):
    def __init__(self, content: Any = "", *, markup: bool = False, **kwargs: Any) -> None:
        super().__init__(content, markup=markup, **kwargs)


def literal(text: object) -> Content:
    """`text` as content shown literally (for border titles, options, buttons)."""
    return Content(str(text))


def cell(value: object) -> Text:
    """A DataTable cell shown literally (DataTable parses a `str` cell as markup)."""
    return Text(str(value))
