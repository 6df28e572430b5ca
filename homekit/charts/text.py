"""The charts drawn with braille and box characters, for terminals that cannot show images.

Fed by the same `ChartSeries` as the matplotlib figures. Each chart is a list of rows of
(text, role) segments: `plain()` prints it as is, and the app colours each role. Series differ
in line pattern and marker too (solid, dashed, dotted; ● ▲ ✖), so colour is never needed.
Stdlib only: `homekit chart --text` does not import matplotlib.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from homekit import words
from homekit.charts.text_canvas import PRIORITY as PRIORITY
from homekit.charts.text_canvas import SPARK as SPARK
from homekit.charts.text_canvas import Canvas, DateScale, Segment, _date_axis, _date_candidates
from homekit.domain.models import REDNESS_LEVELS
from homekit.domain.series import ChartSeries, padded


@dataclass
class TextChart:
    """Rows of (text, role) segments; role None is plain text."""

    rows: list[list[Segment]] = field(default_factory=list)

    def plain(self) -> str:
        return "\n".join("".join(text for text, _ in row).rstrip() for row in self.rows)

    def add(self, *segments: Segment) -> None:
        self.rows.append(list(segments))


def _too_small(width: int, height: int, need_w: int, need_h: int) -> TextChart | None:
    if width >= need_w and height >= need_h:
        return None
    chart = TextChart()
    chart.add(("Make the window larger to see the chart.", None))
    return chart


def progress_text(series: ChartSeries, width: int = 80, height: int = 14) -> TextChart:
    """Sessions done as solid steps, the plan dashed, the target dotted, sessions as ●."""
    small = _too_small(width, height, 30, 7)
    if small:
        return small
    top = max(series.target, series.sessions_done) + 1
    left = len(str(top)) + 2
    cols, rows = width - left, height - 4
    canvas = Canvas(cols, rows)
    first, last = series.first_date, series.last_date
    xs = DateScale(*padded(first, last, max(1, (last - first).days // 30)), canvas.width)

    def y(value: int) -> int:
        return round((1 - value / top) * (canvas.height - 1))

    canvas.hline(0, canvas.width - 1, y(series.target), "target", on=1, off=1)
    # Points in order are placed a column at a time (xs.runs): the cost follows the width.
    done = xs.runs(series.done_dates)
    for runs, counts, role, on, off in (
        (xs.runs(series.plan_dates), series.plan_counts, "plan", 3, 2),
        (done, series.done_counts, "done", 1, 0),
    ):
        _steps(canvas, [(x, y(counts[i]), y(counts[j]), j - i + 1) for x, i, j in runs],
               role, on, off)
    # Sessions are the first points of the done line (today may follow); one mark per cell.
    # Counts one apart land at most 4 dots apart while a count is 3 dots or less (rounding
    # adds at most one), so a column's sessions then mark every text row from first to last.
    sessions, counts = len(series.session_dates), series.done_counts
    dense = (canvas.height - 1) / top <= 3
    for x, i, end in done:
        if i >= sessions:
            break
        j = min(end, sessions - 1)
        if dense and counts[j] - counts[i] == j - i:
            for row in range(y(counts[j]) // 4, y(counts[i]) // 4 + 1):
                canvas.mark(x, row * 4, "●", "session")
        else:
            for k in range(i, j + 1):
                canvas.mark(x, y(counts[k]), "●", "session")

    chart = TextChart()
    chart.add((_fit(words.progress_heading(series), width), "title"))
    labelled: dict[int, int] = {}
    step = label_step(top, rows, y)
    for v in range(0, top + 1, step):
        labelled.setdefault(y(v) // 4, v)
    for row in range(rows):
        value = labelled.get(row)
        label = f"{value:>{left - 2}} ┤" if value is not None else " " * (left - 1) + "│"
        chart.add((label, "axis"), *canvas.row_segments(row))
    key_days = [series.today] + ([series.completion_date] if series.completion_date else [])
    axis, labels = _date_axis(xs, cols, 2, _date_candidates(first, last, key_days), left)
    chart.add(*axis)
    chart.add(*labels)
    chart.add(("─", "done"), (" done  ", None), ("● ", "session"), ("session  ", None),
              ("- -", "plan"), (f" plan: every {series.interval_days} days  ", None),
              ("···", "target"), (f" target: {series.target}", None))
    return chart


def _steps(canvas: Canvas, runs: list[tuple[int, int, int, int]], role: str, on: int,
           off: int) -> None:
    """A step line through points (x, y in dots; y monotone) given as runs per column
    (x, y of the first point, y of the last, how many points): across at the old level, then
    up. Points that share a column become one vertical stroke, so a long log (thousands of
    sessions in a few hundred columns) costs what its columns cost, with the same dots."""
    for i, (x, y_in, y_out, n) in enumerate(runs):
        if i:
            px, _, p_out, _ = runs[i - 1]
            canvas.hline(px, x, p_out, role, on, off)
            canvas.vline(x, p_out, y_in, role)
        if n > 1:
            canvas.vline(x, y_in, y_out, role)


def label_step(top: int, rows: int, y: Callable[[int], int]) -> int:
    """The smallest step between y-axis labels (0, step, 2 step, ... up to `top`) that puts
    each on its own row (`y` maps a value to a dot row, four dots a text row).

    It cannot be below ceil((top + 1) / rows) (more labels than rows), so the search starts
    there: a few tries instead of one per value (thousands for a long log).
    """
    step = max(1, -(-(top + 1) // max(1, rows)))
    while len({y(v) // 4 for v in range(0, top + 1, step)}) < len(range(0, top + 1, step)):
        step += 1
    return step


def redness_text(series: ChartSeries, width: int = 80, height: int = 10) -> TextChart:
    """Worst redness per session on the scale's words, a row of fade times, flags ▲ ✖."""
    small = _too_small(width, height, 30, 10)
    if small:
        return small
    left = max(len(w) for w in REDNESS_LEVELS) + 2
    cols = width - left
    points = series.redness
    first = min([p.session_date for p in points], default=series.today)
    xs = DateScale(padded(first, series.today, 3)[0], series.today, cols)
    # Per column, the worst point (the later of equals) and the longest fade; only the
    # points shown have their flags judged.
    severities = [p.severity for p in points]
    faded = [p.faded_after_min for p in points]
    worst: dict[int, tuple[int, int]] = {}  # column: (severity, index of its point)
    fades: dict[int, int] = {}
    for col, i, j in xs.runs([p.session_date for p in points]):
        run = severities[i:j + 1]
        top = max(run)
        if col not in worst or top >= worst[col][0]:
            worst[col] = (top, j - run[::-1].index(top))
        times = [f for f in faded[i:j + 1] if f is not None]
        if times:
            fades[col] = max(fades.get(col, 0), *times)
    columns: dict[int, tuple[int, str, str]] = {}
    for col, (top, k) in worst.items():
        p = points[k]
        char, role = ("✖", "severe") if p.severe else ("▲", "lasting") if p.lasting else ("●", "done")
        columns[col] = (top, char, role)

    chart = TextChart()
    chart.add((_fit(words.redness_heading(series), width), "title"))
    for level in range(len(REDNESS_LEVELS) - 1, -1, -1):
        cells: list[Segment] = []
        for col in range(cols):
            if col in columns and columns[col][0] == level:
                cells.append(columns[col][1:])
            elif col in columns and columns[col][0] > level:
                cells.append(("│", "done"))
            else:
                cells.append((" ", None))
        chart.add((f"{REDNESS_LEVELS[level]:>{left - 2}} ┤", "axis"), *cells)
    full = max([series.lasting_minutes, *fades.values()])
    spark = "".join(
        SPARK[max(1, math.ceil(fades[c] / full * 8))] if c in fades else " " for c in range(cols)
    )
    chart.add((f"{'fade':>{left - 2}} ┤", "axis"), (spark, "fade"))
    axis, labels = _date_axis(xs, cols, 1, _date_candidates(first, series.today, []), left)
    chart.add(*axis)
    chart.add(*labels)
    chart.add(("● ", "done"), ("worst redness  ", None), ("▲ ", "lasting"),
              ("lasted or still red  ", None), ("✖ ", "severe"), ("see a professional  ", None),
              ("█", "fade"), (f" {full} min to fade", None))
    return chart


def text_chart(series: ChartSeries, kind: str = "progress", width: int = 80,
               height: int = 14) -> TextChart:
    """The chart of `kind` in `width` x `height` characters; `all` stacks both."""
    if kind == "progress":
        chart = progress_text(series, width, height)
    elif kind == "redness":
        chart = redness_text(series, width, height)
    else:
        redness_height = max(10, height // 2 - 1)
        chart = progress_text(series, width, height - redness_height - 1)
        chart.add(("", None))
        chart.rows.extend(redness_text(series, width, redness_height).rows)
    chart.rows = [_crop(row, width) for row in chart.rows]
    return chart


def _crop(row: list[Segment], width: int) -> list[Segment]:
    """Cut a row at `width` characters (legends are the only rows that can be longer)."""
    out: list[Segment] = []
    room = width
    for text, role in row:
        if room <= 0:
            break
        out.append((text[:room], role))
        room -= len(text[:room])
    return out


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
