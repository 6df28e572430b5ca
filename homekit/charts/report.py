"""The report as a PDF (matplotlib's PDF backend): text pages that flow, charts, photos.

Everything it shows comes in finished (`ReportText` from homekit.words, the chart series, the
photos' JPEG bytes); this module only lays it out. The PDF carries no creation date and no
software version, and uses the fixed chart style, so the same log gives the same bytes.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from homekit.charts.figure import LIGHT, draw_progress, draw_redness, style
from homekit.charts.glyphs import put
from homekit.domain.report import ReportText
from homekit.domain.series import ChartSeries

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PAGE = (8.27, 11.69)  # A4 portrait, inches
MARGIN_X, TOP, BOTTOM = 0.6, 0.7, 0.9  # inches
#: Height in inches of each kind of line, and its font size.
LINE = {"title": (0.42, 16), "subtitle": (0.34, 10), "heading": (0.42, 12.5), "kv": (0.22, 9.5),
        "bullet": (0.2, 9.5), "header": (0.24, 8), "row": (0.18, 8), "gap": (0.14, 0)}
#: Table columns: characters each takes, in a monospaced font so that one text draws a row
#: (one text a cell made a 1,000-session report several times slower).
COLUMNS = (5, 12, 5, 34, 6, 10, 8, 15, 10)
MONO = "DejaVu Sans Mono"  # ships with matplotlib
WRAP = 100  # characters a line of body text holds
PHOTO_HEIGHT = 480  # pixels each photo is scaled to in the PDF
AREAS_PER_PAGE = 2
METADATA = {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None}


@dataclass(frozen=True)
class Line:
    kind: str
    cells: tuple[str, ...]


def _flow(text: ReportText) -> list[Line]:
    lines = [Line("title", (text.title,)), Line("subtitle", (text.subtitle,))]
    for heading, rows in text.sections:
        lines.append(Line("heading", (heading,)))
        lines += [Line("kv", row) for row in rows]
    for heading, items in ((text.questions_title, text.questions),
                           (text.warnings_title, text.warnings)):
        lines.append(Line("heading", (heading,)))
        for item in items:
            wrapped = textwrap.wrap(item, WRAP - 4) or [""]
            lines.append(Line("bullet", ("\u2022", wrapped[0])))
            lines += [Line("bullet", ("", more)) for more in wrapped[1:]]
            lines.append(Line("gap", ()))
    lines.append(Line("heading", (text.table_title,)))
    lines.append(Line("header", text.table_header))
    lines += [Line("row", row) for row in text.table_rows]
    if not text.table_rows:
        lines.append(Line("bullet", ("", "No sessions in this period.")))
    return lines


def paginate(lines: Sequence[Line], header: tuple[str, ...]) -> list[list[Line]]:
    """Lines onto pages; a table cut by a page break starts again with its header."""
    usable = PAGE[1] - TOP - BOTTOM
    pages: list[list[Line]] = [[]]
    used = 0.0
    for line in lines:
        height = LINE[line.kind][0]
        if used + height > usable and pages[-1]:
            pages.append([])
            used = 0.0
            if line.kind == "row":
                pages[-1].append(Line("header", header))
                used += LINE["header"][0]
        if line.kind == "heading" and used + height + 3 * LINE["row"][0] > usable:
            pages.append([])  # a heading never ends a page alone
            used = 0.0
        pages[-1].append(line)
        used += height
    return pages


def _clip(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "\u2026"


def _row(cells: Sequence[str]) -> str:
    return "".join(_clip(cell, width - 1).ljust(width) for width, cell in zip(COLUMNS, cells,
                                                                            strict=False)).rstrip()


def _text_page(fig: Figure, lines: list[Line]) -> None:
    width, height = PAGE
    x0 = MARGIN_X / width
    y = height - TOP
    for line in lines:
        step, size = LINE[line.kind]
        y -= step
        v = y / height
        if line.kind in ("title", "subtitle", "heading"):
            weight = "normal" if line.kind == "subtitle" else "bold"
            put(fig, x0, v, line.cells[0], fontsize=size, fontweight=weight, color=LIGHT.text)
        elif line.kind == "kv":
            put(fig, x0, v, line.cells[0] + ":", fontsize=size, color="#555555")
            put(fig, x0 + 2.1 / width, v, line.cells[1], fontsize=size, color=LIGHT.text)
        elif line.kind == "bullet":
            put(fig, x0, v, line.cells[0], fontsize=size, color=LIGHT.text)
            put(fig, x0 + 0.2 / width, v, line.cells[1], fontsize=size, color=LIGHT.text)
        elif line.kind in ("header", "row"):
            put(fig, x0, v, _row(line.cells), fontsize=size, family=MONO, color=LIGHT.text,
                     fontweight="bold" if line.kind == "header" else "normal")
            if line.kind == "header":
                fig.add_artist(_rule(x0, (y - 0.06) / height, 1 - x0))


def _rule(x0: float, y: float, x1: float) -> Any:
    from matplotlib.lines import Line2D

    return Line2D([x0, x1], [y, y], color=LIGHT.grid, linewidth=0.8)


def _footer(fig: Figure, text: ReportText, page: int, pages: int) -> None:
    footer = text.footer.replace("{page}", str(page)).replace("{pages}", str(pages))
    put(fig, MARGIN_X / PAGE[0], 0.45 / PAGE[1], text.disclaimer, fontsize=7, color="#666666")
    put(fig, 1 - MARGIN_X / PAGE[0], 0.45 / PAGE[1], footer, fontsize=7, color="#666666",
             ha="right")


def _page(constrained: bool = False) -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=PAGE, dpi=100, facecolor=LIGHT.background,
                 layout="constrained" if constrained else None)
    if constrained:
        engine = fig.get_layout_engine()
        engine.set(rect=(0.04, 0.07, 0.92, 0.88))  # type: ignore[union-attr, call-arg]
    return fig


def render_report(text: ReportText, series: ChartSeries,
                  photos: Sequence[Sequence[bytes]]) -> tuple[bytes, int]:
    """The PDF bytes and its page count. `photos`: per area, the JPEGs of its first (and latest)
    photo, in the order of `text.photo_captions`."""
    from matplotlib.backends.backend_pdf import PdfPages

    from homekit.charts.photos import draw_comparison

    with style():
        text_pages = paginate(_flow(text), text.table_header)
        photo_pages = [list(range(i, min(i + AREAS_PER_PAGE, len(photos))))
                       for i in range(0, len(photos), AREAS_PER_PAGE)]
        total = len(text_pages) + 1 + len(photo_pages)
        buf = io.BytesIO()
        number = 0
        with PdfPages(buf, metadata=METADATA) as pdf:
            for lines in text_pages:
                number += 1
                fig = _page()
                _text_page(fig, lines)
                _footer(fig, text, number, total)
                pdf.savefig(fig)
            number += 1
            fig = _page(constrained=True)
            top, bottom = cast(Any, fig.subfigures(2, 1, height_ratios=[1, 1.15]))
            draw_progress(top, series, LIGHT)
            draw_redness(bottom, series, LIGHT)
            _footer(fig, text, number, total)
            pdf.savefig(fig)
            for chosen in photo_pages:
                number += 1
                fig = _page(constrained=True)
                put(fig, MARGIN_X / PAGE[0], 1 - (TOP + LINE["heading"][0]) / PAGE[1],
                         text.photos_title, fontsize=LINE["heading"][1], fontweight="bold")
                subs = cast(Any, fig.subfigures(AREAS_PER_PAGE, 1))
                for sub, i in zip(subs, chosen, strict=False):
                    title, captions = text.photo_captions[i]
                    draw_comparison(sub, list(photos[i]), list(captions), title,
                                    height=PHOTO_HEIGHT)
                _footer(fig, text, number, total)
                pdf.savefig(fig)
    return buf.getvalue(), total
