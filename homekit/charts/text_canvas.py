"""The surface the text charts draw on: a grid of braille cells with whole-character marks
(`Canvas`), and the date scale along its bottom (`DateScale`). Split from charts.text, which
draws the two charts on it."""

from __future__ import annotations

import bisect
import datetime as dt
import math
import operator
from collections.abc import Sequence

from homekit import words

#: Which role wins a braille cell that two series cross: the higher, the more important.
PRIORITY = {"target": 1, "plan": 2, "done": 3, "session": 4}
_DOTS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [row][column] in a cell
SPARK = " ▁▂▃▄▅▆▇█"

Segment = tuple[str, "str | None"]



class Canvas:
    """A grid of braille cells, each 2 dots wide and 4 high, plus whole-character marks."""

    def __init__(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.width, self.height = cols * 2, rows * 4
        self.dots = [[0] * cols for _ in range(rows)]
        self.roles: list[list[str | None]] = [[None] * cols for _ in range(rows)]
        self.marks: dict[tuple[int, int], tuple[str, str]] = {}

    def dot(self, x: int, y: int, role: str) -> None:
        if not (0 <= x < self.width and 0 <= y < self.height):
            return
        col, row = x // 2, y // 4
        self.dots[row][col] |= _DOTS[y % 4][x % 2]
        old = self.roles[row][col]
        if old is None or PRIORITY.get(role, 0) >= PRIORITY.get(old, 0):
            self.roles[row][col] = role

    def hline(self, x0: int, x1: int, y: int, role: str, on: int = 1, off: int = 0) -> None:
        for x in range(min(x0, x1), max(x0, x1) + 1):
            if off == 0 or x % (on + off) < on:
                self.dot(x, y, role)

    def vline(self, x: int, y0: int, y1: int, role: str, on: int = 1, off: int = 0) -> None:
        for y in range(min(y0, y1), max(y0, y1) + 1):
            if off == 0 or y % (on + off) < on:
                self.dot(x, y, role)

    def mark(self, x: int, y: int, char: str, role: str) -> None:
        col, row = x // 2, y // 4
        if 0 <= col < self.cols and 0 <= row < self.rows:
            self.marks[(col, row)] = (char, role)

    def row_segments(self, row: int) -> list[Segment]:
        out: list[Segment] = []
        for col in range(self.cols):
            if (col, row) in self.marks:
                out.append(self.marks[(col, row)])
            elif self.dots[row][col]:
                out.append((chr(0x2800 + self.dots[row][col]), self.roles[row][col]))
            else:
                out.append((" ", None))
        return out


class DateScale:
    """Days to columns (or dots) over a date range."""

    def __init__(self, start: dt.date, end: dt.date, size: int) -> None:
        self.start, self.size = start, size
        self.span = max(1, (end - start).days)

    def __call__(self, day: dt.date) -> int:
        return round((day - self.start).days / self.span * (self.size - 1))

    def runs(self, days: Sequence[dt.date]) -> list[tuple[int, int, int]]:
        """(position, first index, last index) of each run of `days` that share a position.

        Days in order (as every series holds them) are cut by bisection at each position's
        last day, so thousands of days over a few hundred positions cost what the positions
        cost; the positions are the ones `self(day)` gives, day by day.
        """
        if not all(map(operator.le, days, days[1:])):  # not in order: day by day
            out: list[tuple[int, int, int]] = []
            for i, day in enumerate(days):
                x = self(day)
                if out and out[-1][0] == x:
                    out[-1] = (x, out[-1][1], i)
                else:
                    out.append((x, i, i))
            return out
        s0, span, m = self.start.toordinal(), self.span, self.size - 1

        def at(o: int) -> int:  # self(day) for day's ordinal o
            return round((o - s0) / span * m)

        runs: list[tuple[int, int, int]] = []
        i, n = 0, len(days)
        last = days[-1].toordinal() if days else 0
        while i < n:
            o = days[i].toordinal()
            x = at(o)
            if at(last) == x:
                runs.append((x, i, n - 1))
                break
            # The first day past position x (no later than the last day): estimated, then
            # stepped to the exact edge.
            edge = max(o + 1, s0 + math.ceil((x + 0.5) * span / m))
            while edge - 1 > o and at(edge - 1) > x:
                edge -= 1
            while at(edge) <= x:
                edge += 1
            j = bisect.bisect_left(days, dt.date.fromordinal(edge), i) - 1
            runs.append((x, i, j))
            i = j + 1
        return runs


def _date_axis(scale: DateScale, cols: int, per_col: int, wanted: list[dt.date],
               left: int) -> tuple[list[Segment], list[Segment]]:
    """The axis line with ticks and, under it, date labels that never touch each other."""
    axis = ["─"] * cols
    labels = [" "] * cols
    taken: list[tuple[int, int]] = []
    for day in wanted:
        col = scale(day) // per_col
        text = words.short_day(day) if scale.span <= 366 else words.month_year(day)
        start = min(max(0, col - len(text) // 2), cols - len(text))
        span = (start - 2, start + len(text) + 2)
        if start < 0 or any(a < span[1] and span[0] < b for a, b in taken):
            continue
        taken.append((start, start + len(text)))
        labels[start:start + len(text)] = list(text)
        axis[col] = "┬"
    pad = " " * (left - 1)
    return ([(pad + "└", "axis"), ("".join(axis), "axis")],
            [(" " * left, None), ("".join(labels), "axis")])


def _date_candidates(first: dt.date, last: dt.date, extra: list[dt.date]) -> list[dt.date]:
    """Dates worth a label, most important first: ends and key days, then evenly spaced."""
    span = (last - first).days
    fill = [first + dt.timedelta(days=round(span * i / 6)) for i in (3, 2, 4, 1, 5)]
    return [first, last, *extra, *fill]
