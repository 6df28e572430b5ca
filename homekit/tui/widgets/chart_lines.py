"""The text chart as ready-made lines: built in a worker thread, shown without re-rendering.

A `Static` holding the chart as Rich text re-renders every span of it on the UI thread (tens of
milliseconds for a full-screen braille chart, during which nothing else moves). Here the worker
turns the chart's (text, role) rows into strips, and drawing a line is handing one back.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from homekit.charts.palette import DARK, LIGHT
from homekit.charts.text import TextChart

#: Colours per text-chart role, for light and dark themes: the figure's own palette.
ROLE_COLOURS = {False: LIGHT.roles(), True: DARK.roles()}


def chart_strips(chart: TextChart, dark: bool) -> list[Strip]:
    """The chart's rows as strips, each role in its colour (safe to call in any thread).

    Neighbouring parts of one role become one segment: a row of braille comes as a part per
    character, and every segment costs the UI thread a little each time a line is drawn."""
    colours = ROLE_COLOURS[dark]
    styles: dict[str, Style] = {}
    lines = []
    for row in chart.rows:
        runs: list[tuple[str, list[str]]] = []
        for part, role in row:
            key = role or ""
            if runs and runs[-1][0] == key:
                runs[-1][1].append(part)
            else:
                runs.append((key, [part]))
        segments = []
        for key, parts in runs:
            style = styles.get(key)
            if style is None:
                colour = colours.get(key, "")
                style = styles[key] = Style.parse(colour) if colour else Style()
            segments.append(Segment("".join(parts), style))
        lines.append(Strip(segments))
    return lines


class ChartLines(Widget):
    """Shows the strips it is given, cropped to its width, on its own background."""

    DEFAULT_CSS = "ChartLines { width: 1fr; height: 1fr; }"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lines: list[Strip] = []

    def show(self, lines: list[Strip]) -> None:
        self.lines = lines
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y >= len(self.lines):
            return Strip.blank(width, base)
        return self.lines[y].crop_extend(0, width, None).apply_style(base)
