"""User text as matplotlib draws it: verbatim, never parsed, every character drawable.

Every text homekit draws with matplotlib (chart titles, labels and legends, the report's
charts, the photo comparison's title and captions) goes through `put`/`title`/`drawable`, and
the chart style also turns matplotlib's math parsing off (`text.parse_math`): a text such as
`$\\foo$` is drawn as written, instead of ending the command in a mathtext error (and
`a $x$ b` keeps its dollar signs).

The fonts are fixed (DejaVu Sans and DejaVu Sans Mono, which ship with matplotlib), so that
the same log gives the same bytes on every machine. A character they have no glyph for (most
emoji, CJK ideographs) is drawn as U+FFFD, the replacement character, quietly: matplotlib
would print a warning with its source paths on stderr for each one. Control characters are
shown escaped (`\\x1b`), as in every other output.
"""

from __future__ import annotations

import functools
from typing import Any

from homekit.words import control_free

#: The character drawn in place of one the font has no glyph for.
REPLACEMENT = "\ufffd"
SANS, MONO = "DejaVu Sans", "DejaVu Sans Mono"


@functools.cache
def _glyphs(family: str) -> frozenset[int]:
    """The code points both the regular and the bold face of `family` can draw."""
    from matplotlib import font_manager, ft2font

    faces = []
    for weight in ("normal", "bold"):
        path = font_manager.findfont(font_manager.FontProperties(family=family, weight=weight),
                                     fallback_to_default=False)
        faces.append(set(ft2font.FT2Font(path).get_charmap()))
    return frozenset(faces[0] & faces[1])


def drawable(text: object, family: str = SANS) -> str:
    """`text` as it is drawn: control characters escaped, missing glyphs as U+FFFD."""
    glyphs = _glyphs(family)
    return "".join(c if c == "\n" or ord(c) in glyphs else REPLACEMENT
                   for c in control_free(str(text)))


def put(target: Any, x: float, y: float, text: object, **kw: Any) -> Any:
    """`target.text(x, y, text)` (a figure or axes), drawn as written."""
    family = kw.get("family", SANS)
    return target.text(x, y, drawable(text, family), parse_math=False, **kw)


def title(ax: Any, text: object, **kw: Any) -> Any:
    """`ax.set_title(text)`, drawn as written."""
    return ax.set_title(drawable(text), parse_math=False, **kw)
