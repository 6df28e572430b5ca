"""Two photos side by side, scaled to the same height, with captions (matplotlib + Pillow).

Used by `homekit photo compare` (a PNG) and by the report (a PDF page). Captions come in as
finished text: the sentences are written in homekit.words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homekit.charts.figure import LIGHT, Palette, style
from homekit.charts.glyphs import put
from homekit.charts.glyphs import title as set_title

if TYPE_CHECKING:
    from matplotlib.figure import Figure, SubFigure

#: Height in pixels both photos are scaled to before drawing.
COMPARE_HEIGHT = 900
GAP_PX = 24


def side_by_side(jpegs: list[bytes], height: int = COMPARE_HEIGHT) -> Any:
    """One RGB array: the photos scaled to the same height (an extreme one fitted into a box of
    `height` by MAX_ASPECT times `height`, centred), a white gap between them: at most
    2 x MAX_ASPECT x `height`² pixels, whatever was stored."""
    import numpy as np
    from PIL import Image as PILImage

    from homekit.charts.imaging import decode, same_height

    images = [decode(j) for j in jpegs]
    height = min(height, max(im.height for im in images))
    scaled = same_height(images, height)
    width = sum(im.width for im in scaled) + GAP_PX * (len(scaled) - 1)
    canvas = PILImage.new("RGB", (width, height), (255, 255, 255))
    x = 0
    for im in scaled:
        canvas.paste(im, (x, (height - im.height) // 2))
        x += im.width + GAP_PX
    return np.asarray(canvas), [im.width for im in scaled]


def draw_comparison(container: Figure | SubFigure, jpegs: list[bytes], captions: list[str],
                    title: str, palette: Palette = LIGHT, height: int = COMPARE_HEIGHT) -> Any:
    """The photos in one axes, each caption under its photo, the title above."""
    pixels, widths = side_by_side(jpegs, height)
    ax = container.add_subplot()
    ax.imshow(pixels, interpolation="antialiased")
    ax.set_axis_off()
    x = 0
    for w, caption in zip(widths, captions, strict=True):
        put(ax, x + w / 2, pixels.shape[0] + 20, caption, ha="center", va="top", fontsize=9,
            color=palette.text)
        x += w + GAP_PX
    set_title(ax, title, loc="left", color=palette.text)
    return ax


def comparison_figure(jpegs: list[bytes], captions: list[str], title: str,
                      width_in: float = 10.0) -> Figure:
    """A figure sized to the photos, for `homekit photo compare`."""
    from matplotlib.figure import Figure

    pixels, _ = side_by_side(jpegs, 300)  # only for the proportions
    ratio = pixels.shape[0] / pixels.shape[1]
    with style():
        fig = Figure(figsize=(width_in, width_in * ratio + 1.2), dpi=100, layout="constrained",
                     facecolor=LIGHT.background)
        draw_comparison(fig, jpegs, captions, title)
    return fig
