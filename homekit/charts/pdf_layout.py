"""A document's blocks placed on A4 pages: a list of drawing and structure steps per page.

Pure arithmetic over text widths (measured with the fonts the PDF embeds) and image sizes:
nothing is drawn here, so the page count is known before the first page is written ("page 1
of 7"), and the tests can check the geometry the writer will use. Everything flows down the
page from a cursor, so no text is ever placed over an image, and an image and its caption
never part.
"""

from __future__ import annotations

from collections.abc import Sequence

from homekit.charts.pdf_steps import (
    BOTTOM,
    CELL_PAD,
    CHART_MAX_H,
    GAP,
    LEFT,
    PAGE_H,
    PHOTO_BOX_H,
    STYLES,
    TOP,
    WIDTH,
    Close,
    Image,
    Measure,
    Open,
    Rule,
    Step,
    Text,
    column_widths,
    wrap,
)
from homekit.domain.document import (
    Bullets,
    Document,
    Fields,
    Figure,
    Figures,
    Paragraph,
    Section,
    Table,
)


class Layout:
    """Places a Document: `pages` holds the steps of each page, in reading order."""

    def __init__(self, measure: Measure, image_sizes: dict[str, tuple[int, int]]):
        self.measure = measure
        self.sizes = image_sizes
        self.pages: list[list[Step]] = [[]]
        self.y = TOP

    # -- the cursor -----------------------------------------------------------------------

    def _add(self, step: Step) -> None:
        self.pages[-1].append(step)

    def _new_page(self) -> None:
        if any(not isinstance(s, Open | Close) for s in self.pages[-1]):
            self.pages.append([])
        self.y = TOP

    def _room(self, height: float) -> None:
        """A new page unless `height` fits below the cursor."""
        if self.y + height > BOTTOM and self.y > TOP:
            self._new_page()

    def _lines(self, text: str, style: str, width: float) -> list[str]:
        return wrap(text, width, style, self.measure)

    def _open(self, role: str, attributes: str | None = None) -> None:
        self._add(Open(role, attributes))

    def _text_block(self, role: str, text: str, style: str, x: float, width: float,
                    before: float = 0.0) -> None:
        lines = self._lines(text, style, width)
        lead = STYLES[style].leading
        self._room(before + lead * min(len(lines), 3))
        if self.y > TOP:
            self.y += before
        self._open(role)
        for line in lines:
            self._room(lead)
            self.y += lead
            self._add(Text(x, self.y - lead * 0.25, line, style))
        self._add(Close())

    # -- the document ---------------------------------------------------------------------

    def run(self, doc: Document) -> list[list[Step]]:
        self._text_block("H1", doc.title, "title", LEFT, WIDTH)
        self._text_block("P", doc.subtitle, "subtitle", LEFT, WIDTH)
        self.y += 4
        levels: list[int] = []
        for section in doc.sections:
            while levels and levels[-1] >= section.level:
                self._add(Close())
                levels.pop()
            if section.new_page:
                self._new_page()
            self._add(Open("Sect"))
            levels.append(section.level)
            self._section(section)
        for _ in levels:
            self._add(Close())
        return [page for page in self.pages if page]

    def _section(self, section: Section) -> None:
        style = "h2" if section.level <= 2 else "h3"
        first = section.blocks[0] if section.blocks else None
        keep = STYLES[style].leading + 10 + (self._first_height(first) if first else 0)
        self._room(keep)
        self._text_block(f"H{section.level}", section.heading, style, LEFT, WIDTH,
                         before=10 if section.level <= 2 else 6)
        self.y += 3
        for block in section.blocks:
            self._block(block)
            self.y += 6

    def _first_height(self, block: object) -> float:
        """The height of a block's first unit, kept on the page of its heading."""
        if isinstance(block, Figure):
            return self._figure_height(block)
        if isinstance(block, Figures):
            return max(self._photo_size(f)[1] for f in block.figures) + 30
        return 3 * STYLES["body"].leading

    def _block(self, block: object) -> None:
        if isinstance(block, Paragraph):
            self._text_block("P", block.text, "body", LEFT, WIDTH)
        elif isinstance(block, Bullets):
            self._bullets(block.items)
        elif isinstance(block, Fields):
            self._fields(block.rows)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Figure):
            self._figure(block)
        elif isinstance(block, Figures):
            self._figures(block.figures)

    def _bullets(self, items: Sequence[str]) -> None:
        self._add(Open("L", "<</O /List /ListNumbering /Disc>>"))
        for item in items:
            lines = self._lines(item, "body", WIDTH - 12)
            lead = STYLES["body"].leading
            self._room(lead * min(len(lines), 2))
            self._add(Open("LI"))
            self._add(Open("Lbl"))
            self._add(Text(LEFT, self.y + lead * 0.75, "\u2022", "body"))
            self._add(Close())
            self._open("LBody")
            for line in lines:
                self._room(lead)
                self.y += lead
                self._add(Text(LEFT + 12, self.y - lead * 0.25, line, "body"))
            self._add(Close())
            self._add(Close())
            self.y += 3
        self._add(Close())

    def _fields(self, rows: Sequence[tuple[str, str]]) -> None:
        label_w = min(170.0, max((self.measure(k, "label") for k, _ in rows),
                                 default=0) + 14)
        self._add(Open("Table"))
        for label, value in rows:
            lines = self._lines(value, "body", WIDTH - label_w)
            lead = STYLES["body"].leading
            self._room(lead * len(lines) + 2)
            self._add(Open("TR"))
            self._open("TH", "<</O /Table /Scope /Row>>")
            self._add(Text(LEFT, self.y + lead * 0.75, label, "label"))
            self._add(Close())
            self._open("TD")
            for i, line in enumerate(lines):
                self._add(Text(LEFT + label_w, self.y + lead * (i + 0.75), line, "body"))
            self._add(Close())
            self._add(Close())
            self.y += lead * len(lines) + 2
        self._add(Close())

    # -- tables -------------------------------------------------------------------------

    def _row(self, cells: Sequence[str], widths: Sequence[float], style: str,
             role: str | None, artifact: bool = False) -> None:
        """One row: every cell's lines, the row as high as its tallest cell."""
        lead = STYLES[style].leading
        wrapped = [self._lines(c, style, w - 2 * CELL_PAD) for c, w in zip(cells, widths,
                                                                          strict=False)]
        height = lead * max(len(lines) for lines in wrapped) + CELL_PAD
        if not artifact:
            self._add(Open("TR"))
        x = LEFT
        for lines, w in zip(wrapped, widths, strict=False):
            if role:
                self._open(role, "<</O /Table /Scope /Column>>" if role == "TH" else None)
            for i, line in enumerate(lines):
                self._add(Text(x + CELL_PAD, self.y + lead * (i + 0.75), line, style,
                               artifact=artifact))
            if role:
                self._add(Close())
            x += w
        if not artifact:
            self._add(Close())
        self.y += height

    def _row_height(self, cells: Sequence[str], widths: Sequence[float], style: str) -> float:
        lines = max(len(self._lines(c, style, w - 2 * CELL_PAD))
                    for c, w in zip(cells, widths, strict=False))
        return STYLES[style].leading * lines + CELL_PAD

    def _table(self, table: Table) -> None:
        if not table.rows:
            if table.empty:
                self._text_block("P", table.empty, "body", LEFT, WIDTH)
            return
        widths = column_widths(table, self.measure)
        header_h = self._row_height(table.header, widths, "th")
        self._room(header_h + 2 * self._row_height(table.rows[0], widths, "td"))
        self._add(Open("Table"))
        self._add(Open("THead"))
        self._row(table.header, widths, "th", "TH")
        self._add(Close())
        self._add(Rule(LEFT, self.y, LEFT + WIDTH))
        self.y += 2
        self._add(Open("TBody"))
        for row in table.rows:
            height = self._row_height(row, widths, "td")
            if self.y + height > BOTTOM:
                self._new_page()  # the header again, as a page artifact (it is not content)
                self._row(table.header, widths, "th", None, artifact=True)
                self._add(Rule(LEFT, self.y, LEFT + WIDTH))
                self.y += 2
            self._row(row, widths, "td", "TD")
        self._add(Close())
        self._add(Close())

    # -- images ---------------------------------------------------------------------------

    def _fit(self, key: str, box_w: float, box_h: float) -> tuple[float, float]:
        px_w, px_h = self.sizes[key]
        scale = min(box_w / max(1, px_w), box_h / max(1, px_h))
        return max(1.0, px_w * scale), max(1.0, px_h * scale)

    def _figure_height(self, fig: Figure) -> float:
        return self._fit(fig.image, WIDTH, CHART_MAX_H)[1] + 6 + STYLES["caption"].leading * len(
            self._lines(fig.caption, "caption", WIDTH))

    def _figure(self, fig: Figure) -> None:
        self._room(self._figure_height(fig))
        w, h = self._fit(fig.image, WIDTH, CHART_MAX_H)
        self._place(fig, LEFT, w, h, "Chart")
        self.y += h + 4
        self.y += self._caption(fig.caption, LEFT, WIDTH)

    def _place(self, fig: Figure, x: float, w: float, h: float, role: str) -> None:
        bbox = f"[{x:.2f} {PAGE_H - self.y - h:.2f} {x + w:.2f} {PAGE_H - self.y:.2f}]"
        self._add(Open(role, f"<</O /Layout /Placement /Block /BBox {bbox}>>", alt=fig.alt))
        self._add(Image(fig.image, x, self.y, w, h))
        self._add(Close())

    def _caption(self, text: str, x: float, width: float) -> float:
        """The caption's lines below the cursor (which stays); returns their height."""
        lead = STYLES["caption"].leading
        lines = self._lines(text, "caption", width)
        self._open("Caption")
        for i, line in enumerate(lines):
            self._add(Text(x, self.y + lead * (i + 0.8), line, "caption"))
        self._add(Close())
        return lead * len(lines)

    def _photo_size(self, fig: Figure) -> tuple[float, float]:
        return self._fit(fig.image, (WIDTH - GAP) / 2, PHOTO_BOX_H)

    def _figures(self, figures: Sequence[Figure]) -> None:
        """Photos side by side, each in half the width, captions under the tallest."""
        col = (WIDTH - GAP) / 2
        sizes = [self._photo_size(f) for f in figures]
        tallest = max(h for _, h in sizes)
        captions = max(len(self._lines(f.caption, "caption", col)) for f in figures)
        self._room(tallest + 6 + captions * STYLES["caption"].leading)
        top = self.y
        self._add(Open("Div"))
        used = 0.0
        for i, (fig, (w, h)) in enumerate(zip(figures, sizes, strict=True)):
            x = LEFT + i * (col + GAP)
            self.y = top
            self._place(fig, x, w, h, "Photo")
            self.y = top + tallest + 4
            used = max(used, self._caption(fig.caption, x, col))
        self._add(Close())
        self.y = top + tallest + 4 + used
