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


def cell(value: object) -> Text:
    """A DataTable cell shown literally (DataTable parses a `str` cell as markup)."""
    return Text(control_free(str(value)))
