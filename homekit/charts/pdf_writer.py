"""A Document written as a tagged PDF with fpdf2: fonts, structure, metadata, the same bytes.

Fed finished text (homekit.domain.document, written by homekit.words), chart images and the
photos' stored JPEG bytes (embedded as they are: full resolution, no re-encoding). What it
adds is what a PDF reader, a screen reader and an archive need:

- DejaVu Sans (regular and bold, shipped with matplotlib) embedded and subset, with a
  Unicode map, so every word can be searched and copied; a character the font cannot draw
  is drawn as U+FFFD quietly, inside a span whose /ActualText is the text as written, so
  copying, searching and screen readers still get it;
- a structure tree (homekit.charts.pdf_tags) in reading order: H1 to H3, paragraphs, lists,
  tables with header cells, figures with their description; footers and repeated table
  headers are artifacts;
- /Lang, /Title shown as the window title, /MarkInfo, an XMP packet naming PDF/A-2u and
  PDF/UA-1, the sRGB output intent;
- no date, producer or software version anywhere, and an /ID computed from the content: the
  same document and images give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from homekit.charts.pdf_layout import Layout
from homekit.charts.pdf_steps import (
    FOOTER_Y,
    LEFT,
    PAGE_W,
    RIGHT,
    STYLES,
    WIDTH,
    Close,
    Image,
    Open,
    Rule,
    Step,
    Text,
)
from homekit.charts.pdf_tags import Element, StructureTree, text_string
from homekit.domain.document import Document
from homekit.words import control_free

if TYPE_CHECKING:
    from fpdf import FPDF
    from PIL.Image import Image as PILImage

from homekit.charts.pdf_meta import XMP as XMP
from homekit.charts.pdf_meta import _producer_class as _producer_class
from homekit.charts.pdf_meta import font_files as font_files

FAMILY = "DejaVu"
#: Drawn for a character the font has no glyph for.
REPLACEMENT = "\ufffd"
#: fpdf2 hashes this into the file's /ID (with the content); it is written nowhere.
FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)

class PdfWriter:
    """One document, written once: `write()` gives the bytes and the page count."""

    def __init__(self, doc: Document, images: Mapping[str, bytes | PILImage]):
        from fpdf import FPDF

        self.doc = doc
        self.images = images
        pdf = FPDF(unit="pt", format="A4")
        pdf.set_auto_page_break(False)
        pdf.set_compression(True)
        for style, path in font_files().items():
            pdf.add_font(FAMILY, style, str(path))
        faces = [set(getattr(f, "cmap", ())) for f in pdf.fonts.values()]
        self.glyphs = frozenset(set.intersection(*faces))
        self.pdf: FPDF = pdf
        self.tree = StructureTree(doc.lang)
        self._font: tuple[bool, float] | None = None
        self._grey: int | None = None

    # -- text as drawn --------------------------------------------------------------------

    def drawable(self, text: str) -> str:
        """`text` as the font can draw it: control characters escaped (`\\u202e`, as every
        output of homekit shows them), a character it has no glyph for as U+FFFD."""
        text = control_free(text)
        glyphs = self.glyphs
        if all(ord(c) in glyphs for c in text if c != "\n"):
            return text
        return "".join(c if c == "\n" or ord(c) in glyphs else REPLACEMENT for c in text)

    def _use(self, style: str) -> None:
        s = STYLES[style]
        if self._font != (s.bold, s.size):
            self.pdf.set_font(FAMILY, "B" if s.bold else "", s.size)
            self._font = (s.bold, s.size)
        if self._grey != s.grey:
            self.pdf.set_text_color(s.grey)
            self._grey = s.grey

    def measure(self, text: str, style: str) -> float:
        """The width of `text` as it is drawn."""
        self._use(style)
        return float(self.pdf.get_string_width(self.drawable(text)))

    # -- the file -------------------------------------------------------------------------

    def _sizes(self) -> dict[str, tuple[int, int]]:
        from PIL import Image as PILImageModule

        sizes = {}
        for key in self.doc.images():
            image = self.images[key]
            if isinstance(image, bytes):
                with PILImageModule.open(io.BytesIO(image)) as opened:
                    sizes[key] = opened.size
            else:
                sizes[key] = image.size
        return sizes

    def write(self) -> tuple[bytes, int]:
        from fpdf.enums import OutputIntentSubType
        from fpdf.output import PDFICCProfile
        from fpdf.prefs import ViewerPreferences
        from fpdf.util import builtin_srgb2014_bytes

        pages = Layout(self.measure, self._sizes()).run(self.doc)
        pdf, doc = self.pdf, self.doc
        pdf.struct_builder = self.tree  # type: ignore[assignment]
        pdf.set_title(doc.title)
        pdf.set_lang(doc.lang)
        pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
        pdf.set_xmp_metadata(XMP.format(title=escape(doc.title), lang=escape(doc.lang)))
        pdf.add_output_intent(
            OutputIntentSubType.PDFA, output_condition_identifier="sRGB",
            output_condition="IEC 61966-2-1:1999", registry_name="http://www.color.org",
            dest_output_profile=PDFICCProfile(contents=builtin_srgb2014_bytes(), n=3,
                                              alternate="DeviceRGB"),
            info="sRGB2014 (v2)")
        pdf._set_min_pdf_version("1.7")
        pdf.creation_date = FIXED_DATE
        pdf.producer = None  # type: ignore[assignment]
        for number, steps in enumerate(pages, start=1):
            self._page(steps, number, len(pages))
        return bytes(pdf.output(output_producer_class=_producer_class())), len(pages)

    # -- a page ---------------------------------------------------------------------------

    def _page(self, steps: list[Step], number: int, total: int) -> None:
        pdf = self.pdf
        pdf.add_page()
        self._font = self._grey = None
        marking: Element | None = None  # the element whose marked content is open
        for step in steps:
            if isinstance(step, Open | Close):
                marking = self._end(marking)
                if isinstance(step, Open):
                    self.tree.open(step.role, self._entries(step))
                else:
                    self.tree.close()
            elif isinstance(step, Rule) or (isinstance(step, Text) and step.artifact):
                marking = self._end(marking)
                self._artifact(step)
            else:
                if marking is not self.tree.current:
                    marking = self._end(marking)
                    page = pdf.pages[pdf.page]
                    page.struct_parents = self.tree.page_key(pdf.page)
                    mcid = self.tree.mark(page, pdf.page)
                    pdf._out(f"/{self.tree.current.role} <</MCID {mcid}>> BDC")
                    marking = self.tree.current
                self._draw(step)
        self._end(marking)
        self._footer(number, total)

    def _end(self, marking: Element | None) -> Element | None:
        """Close the open marked content, if any; nothing is open after."""
        if marking is not None:
            self.pdf._out("EMC")
        return None

    @staticmethod
    def _entries(step: Open) -> dict[str, str]:
        entries = {}
        if step.attributes:
            entries["/A"] = step.attributes
        if step.alt is not None:
            entries["/Alt"] = text_string(step.alt)
        return entries

    def _draw(self, step: Step) -> None:
        if isinstance(step, Text):
            self._text(step.x, step.y, step.text, step.style)
        elif isinstance(step, Image):
            image = self.images[step.key]
            source = io.BytesIO(image) if isinstance(image, bytes) else image
            self.pdf.image(source, x=step.x, y=step.y, w=step.w, h=step.h)

    def _text(self, x: float, y: float, text: str, style: str) -> None:
        """One line; where glyphs were substituted, in a span that says what was written."""
        self._use(style)
        text = control_free(text)
        drawn = self.drawable(text)
        if drawn != text:
            self.pdf._out(f"/Span <</ActualText {text_string(text)}>> BDC")
        self.pdf.text(x, y, drawn)
        if drawn != text:
            self.pdf._out("EMC")

    def _artifact(self, step: Step) -> None:
        pdf = self.pdf
        pdf._out("/Artifact BMC")
        if isinstance(step, Rule):
            pdf.set_draw_color(170)
            pdf.set_line_width(0.6)
            pdf.line(step.x1, step.y, step.x2, step.y)
        else:
            self._draw(step)
        pdf._out("EMC")

    def _footer(self, number: int, total: int) -> None:
        pdf, doc = self.pdf, self.doc
        page_of = f" \u00b7 {doc.page_of.format(page=number, pages=total)}"
        room = WIDTH - self.measure(doc.disclaimer, "footer") - 24 - self.measure(page_of, "footer")
        name = doc.footer
        while len(name) > 1 and self.measure(name, "footer") > room:  # a very long name
            name = name[:-2] + "\u2026"
        right = self.drawable(name + page_of)
        pdf._out("/Artifact <</Type /Pagination /Subtype /Footer>> BDC")
        self._use("footer")
        pdf.text(LEFT, FOOTER_Y, self.drawable(doc.disclaimer))
        pdf.text(PAGE_W - RIGHT - self.measure(right, "footer"), FOOTER_Y, right)
        pdf._out("EMC")


def write_pdf(doc: Document, images: Mapping[str, bytes | PILImage]) -> tuple[bytes, int]:
    """The document as PDF bytes, and its page count. `images`: every key the document
    names, as JPEG bytes (embedded as they are) or a Pillow image (charts)."""
    return PdfWriter(doc, images).write()
