"""Demo photos drawn with Pillow: a cheek whose redness fades over the course (deterministic)."""

from __future__ import annotations

import io
import random

#: Size of a demo photo, pixels (portrait, like a phone's).
SIZE = (600, 760)


def demo_photo(step: int, steps: int, seed: int = 7) -> bytes:
    """A PNG of a cheek at `step` of `steps`: blotches fewer and paler as the course goes on."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)  # the same blotches in every photo: only their redness changes
    w, h = SIZE
    im = Image.new("RGB", SIZE, (226, 226, 222))
    skin = Image.new("L", SIZE, 0)
    ImageDraw.Draw(skin).ellipse((40, 30, w - 40, h + 220), fill=255)
    skin = skin.filter(ImageFilter.GaussianBlur(6))
    im.paste(Image.new("RGB", SIZE, (233, 190, 164)), (0, 0), skin)
    marks = Image.new("L", SIZE, 0)
    draw = ImageDraw.Draw(marks)
    fade = 1 - step / max(1, steps)
    for _ in range(26):
        x, y = rng.randint(140, w - 140), rng.randint(220, h - 90)
        r = rng.randint(10, 34)
        strength = int(rng.randint(90, 200) * (0.25 + 0.75 * fade))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=strength)
    marks = marks.filter(ImageFilter.GaussianBlur(9))
    red = Image.new("RGB", SIZE, (205, 92, 92))
    im.paste(red, (0, 0), marks)
    shade = ImageDraw.Draw(im)
    shade.arc((170, 120, w - 170, 300), 200, 340, fill=(150, 110, 95), width=6)  # cheekbone line
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=False, compress_level=6)
    return buf.getvalue()
