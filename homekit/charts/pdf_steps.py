"""What a page layout is made of: the A4 geometry, the text styles, the drawing and structure
steps a layout emits per page, and the word wrap that measures text. Split from pdf_layout,
which flows a document's blocks down the pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from homekit.domain.document import Table

PAGE_W, PAGE_H = 595.28, 841.89  # A4 in points
LEFT, RIGHT, TOP = 50.0, 50.0, 50.0
BOTTOM = PAGE_H - 60.0  # nothing of the flow goes below this line
FOOTER_Y = PAGE_H - 32.0
WIDTH = PAGE_W - LEFT - RIGHT
#: A photo's box: half the width, at most this high (portrait photos stand in it).
PHOTO_BOX_H = 300.0
CHART_MAX_H = 310.0
GAP = 14.0  # between photos side by side
CELL_PAD = 3.0


@dataclass(frozen=True)
class Style:
    bold: bool
    size: float
    leading: float
    grey: int = 17  # 0-255, the same for r, g, b


STYLES = {
    "title": Style(True, 15, 20),
    "subtitle": Style(False, 10, 14, 68),
    "h2": Style(True, 12.5, 17),
    "h3": Style(True, 11, 15),
    "body": Style(False, 9.5, 12),
    "label": Style(False, 9.5, 12, 85),
    "th": Style(True, 8, 10.5),
    "td": Style(False, 8, 10.5),
    "caption": Style(False, 8.5, 11, 68),
    "footer": Style(False, 7, 9, 102),
}


@dataclass(frozen=True)
class Open:
    """Open a structure element inside the open one."""

    role: str
    #: Its attributes, as a PDF dictionary (`<</O /Table /Scope /Column>>`).
    attributes: str | None = None
    #: What it shows, for a reader who cannot see it (figures).
    alt: str | None = None


@dataclass(frozen=True)
class Close:
    pass


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the baseline
    text: str
    style: str
    #: Not content: a table header repeated on a new page.
    artifact: bool = False


@dataclass(frozen=True)
class Image:
    key: str
    x: float
    y: float  # the top edge
    w: float
    h: float


@dataclass(frozen=True)
class Rule:
    x1: float
    y: float
    x2: float


Step = Open | Close | Text | Image | Rule
#: The width in points of a text in a style (as drawn: with its substitutes).
Measure = Callable[[str, str], float]


def wrap(text: str, width: float, style: str, measure: Measure) -> list[str]:
    """`text` in lines no wider than `width` (words kept whole unless one alone is wider)."""
    lines: list[str] = []
    for para in text.split("\n") or [""]:
        if measure(para, style) <= width:
            lines.append(para)
            continue
        space = measure(" ", style)
        line, used = "", 0.0
        for word in para.split(" "):
            w = measure(word, style)
            if line and used + space + w <= width:
                line, used = f"{line} {word}", used + space + w
                continue
            if line:
                lines.append(line)
            while w > width and len(word) > 1:  # a word wider than the line: cut it
                lo, hi = 1, len(word) - 1  # the longest start of it that fits
                while lo < hi:
                    mid = (lo + hi + 1) // 2
                    lo, hi = (mid, hi) if measure(word[:mid], style) <= width else (lo, mid - 1)
                lines.append(word[:lo])
                word = word[lo:]
                w = measure(word, style)
            line, used = word, w
        lines.append(line)
    return lines


def column_widths(table: Table, measure: Measure) -> list[float]:
    """Column widths from the content: each as wide as its widest cell, the widest ones
    capped (their cells wrap) until the table fits the page."""
    cols = len(table.header)
    natural = [measure(h, "th") + 2 * CELL_PAD for h in table.header]
    least = list(natural)
    for row in table.rows:
        for i, cell in enumerate(row[:cols]):
            natural[i] = max(natural[i], measure(cell, "td") + 2 * CELL_PAD)
    if sum(natural) <= WIDTH:
        spare = (WIDTH - sum(natural)) / cols
        return [w + spare for w in natural]
    low, high = 0.0, max(natural)
    for _ in range(30):  # the cap that makes the capped widths fill the page
        cap = (low + high) / 2
        if sum(max(min(w, cap), m) for w, m in zip(natural, least, strict=True)) > WIDTH:
            high = cap
        else:
            low = cap
    widths = [max(min(w, low), m) for w, m in zip(natural, least, strict=True)]
    if sum(widths) > WIDTH:  # even the headers do not fit: share the width out
        widths = [WIDTH * w / sum(widths) for w in widths]
    return widths
