"""The report as a PDF: its charts drawn with matplotlib, then the whole written by
homekit.charts.pdf_writer (fpdf2) from the finished words and the photos' JPEG bytes.

The charts are the same drawings as `homekit chart`, at a fixed size, style and resolution,
so the same log gives the same pixels; each is embedded as an image with its description.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from homekit.charts.figure import LIGHT, draw_progress, draw_redness, style
from homekit.domain.document import Document
from homekit.domain.series import ChartSeries

if TYPE_CHECKING:
    from PIL.Image import Image

#: Inches and dots per inch of each chart image (it is shown about 6.9 inches wide).
CHART_SIZE = {"chart:progress": (8.0, 4.0), "chart:redness": (8.0, 4.6)}
CHART_DPI = 200


def chart_image(key: str, series: ChartSeries) -> Image:
    """One chart of the report as an RGB image (no alpha: nothing behind it shows)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from PIL import Image as PILImage

    with style():
        fig = Figure(figsize=CHART_SIZE[key], dpi=CHART_DPI, layout="constrained",
                     facecolor=LIGHT.background)
        (draw_progress if key == "chart:progress" else draw_redness)(fig, series, LIGHT)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        width, height = canvas.get_width_height()
        rgba = PILImage.frombuffer("RGBA", (width, height), bytes(canvas.buffer_rgba()),
                                   "raw", "RGBA", 0, 1)
    return rgba.convert("RGB")


def render_report(doc: Document, series: ChartSeries,
                  photos: Mapping[str, bytes]) -> tuple[bytes, int]:
    """The PDF bytes and its page count. `photos`: the JPEG bytes of every photo the document
    names, by its key."""
    from homekit.charts.pdf_writer import write_pdf

    images: dict[str, bytes | Image] = dict(photos)
    for key in doc.images():
        if key in CHART_SIZE:
            images[key] = chart_image(key, series)
    return write_pdf(doc, images)
