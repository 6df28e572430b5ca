"""Chart files: the format from the extension, owner-only atomic writes, PNG bytes.

Health data: every file is written mode 600 through a temporary file renamed into place, and
carries no creation date or software version (the same log gives the same bytes).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from homekit.charts.figure import style
from homekit.domain.errors import InvalidInput

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: File formats chosen by extension.
FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
#: The largest PNG drawn: its buffer alone takes 4 bytes a pixel (64 Mpx: 256 MB).
MAX_PIXELS = 64_000_000
MAX_SIDE_PX = 32_000


def chart_format(path: str | os.PathLike[str], default: str | None = None) -> str:
    """The file format for `path` from its extension; `default` when it has none (standard
    output, a device); refuse anything else."""
    ext = Path(path).suffix.lower()
    if not ext and default is not None:
        return default
    if ext not in FORMATS:
        raise InvalidInput(
            f"unknown chart file type {ext or '(none)'!r} in {os.fspath(path)!r}: "
            f"use {', '.join(FORMATS)}"
        )
    return FORMATS[ext]


def check_pixels(width_in: float, height_in: float, dpi: float) -> None:
    """Refuse a PNG too big to draw in memory (the drawing buffer takes 4 bytes a pixel)."""
    wide, high = round(width_in * dpi), round(height_in * dpi)
    if wide > MAX_SIDE_PX or high > MAX_SIDE_PX or wide * high > MAX_PIXELS:
        raise InvalidInput(
            f"a {wide} x {high} pixel PNG is too large (at most {MAX_PIXELS // 10**6} million "
            f"pixels, {MAX_SIDE_PX} a side): lower --dpi, --width or --height, or write .svg/.pdf"
        )


def render_bytes(fig: Figure, fmt: str, *, dpi: float | None = None) -> bytes:
    """The figure as PNG, SVG or PDF bytes."""
    import io

    buf = io.BytesIO()
    with style():
        fig.savefig(buf, format=fmt, dpi=dpi or fig.dpi, facecolor=fig.get_facecolor(),
                    metadata=_metadata(fmt))
    return buf.getvalue()


def render_png(fig: Figure, *, dpi: float | None = None) -> bytes:
    """The figure as PNG bytes (for terminals that show images)."""
    return render_bytes(fig, "png", dpi=dpi)


def _metadata(fmt: str) -> dict[str, Any]:
    """No creation dates or software versions in the file: same data, same bytes."""
    if fmt == "png":
        return {"Software": None}
    if fmt == "pdf":
        return {"CreationDate": None, "Creator": None, "Producer": None}
    return {"Date": None, "Creator": None}
