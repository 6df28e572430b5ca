"""A document as finished text: sections of blocks, ready for a writer to lay out.

homekit.words fills it (every sentence is written there); a writer (the report's PDF, in
homekit.charts) only places it on pages and tags it: a heading is a heading, a table a table
with its header cells, an image a figure with its description. Nothing here knows fonts,
pages or points, so the same document could be written as another format.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fields:
    """Label and value pairs (the profile, the course at a glance): a table of two columns
    whose labels are row headers."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table with one header row; `empty` is said instead when it has no rows."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str = ""


@dataclass(frozen=True)
class Figure:
    """An image the writer is handed under `image`, its description for readers who cannot
    see it (`alt`), and the caption printed under it."""

    image: str
    alt: str
    caption: str


@dataclass(frozen=True)
class Figures:
    """Images side by side (a first and a latest photo), each with its own caption."""

    figures: tuple[Figure, ...]


Block = Fields | Paragraph | Bullets | Table | Figure | Figures


@dataclass(frozen=True)
class Section:
    """A heading (level 2 under the title, 3 under a level-2 section) and what follows it."""

    heading: str
    blocks: tuple[Block, ...]
    level: int = 2
    #: Start on a new page (charts and photos do).
    new_page: bool = False


@dataclass(frozen=True)
class Document:
    """A whole report as plain data (no PDF library here): what the PDF writer lays out."""

    title: str
    subtitle: str
    #: The natural language of the text, as a BCP 47 tag ("en-GB").
    lang: str
    sections: tuple[Section, ...]
    #: Printed at the foot of every page: the disclaimer on the left, then the footer and
    #: `page_of` (which holds {page} and {pages}, and no user text) on the right.
    disclaimer: str
    footer: str
    page_of: str

    def images(self) -> list[str]:
        """The image keys the document shows, in order."""
        keys: list[str] = []
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Figure):
                    keys.append(block.image)
                elif isinstance(block, Figures):
                    keys += [f.image for f in block.figures]
        return keys
