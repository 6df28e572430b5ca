"""Issue 22: the photo cleaning scales first (no full-size turn, conversion or copy) and keeps
every promise of the old order (tests/imaging_reference.py): the same size, upright, sRGB, no
metadata, and the same picture to within rounding."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from PIL import Image, ImageChops, ImageStat

from homekit.charts.imaging import clean_photo
from tests import imaging_reference as reference
from tests.images import jpeg_with_gps, picture, wide_gamut_profile


def _save(im: Image.Image, fmt: str, **params: object) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **params)
    return buf.getvalue()


def _alpha(mode: str) -> Callable[[], bytes]:
    def make() -> bytes:
        im = picture(2300, 1700, seed=3).convert("RGBA")
        im.putalpha(Image.linear_gradient("L").resize(im.size))
        return _save(im.convert(mode) if mode != "RGBA" else im, "PNG")
    return make


SOURCES: dict[str, Callable[[], bytes]] = {
    "jpeg small": lambda: _save(picture(1200, 800), "JPEG", quality=92),
    "jpeg 3000x2000": lambda: _save(picture(3000, 2000, seed=1), "JPEG", quality=92),
    "jpeg 5000x1000 (draft)": lambda: _save(picture(5000, 1000, seed=2), "JPEG", quality=92),
    "jpeg wide-gamut profile": lambda: _save(picture(2600, 1900, seed=4), "JPEG", quality=92,
                                             icc_profile=wide_gamut_profile()),
    "png alpha": _alpha("RGBA"),
    "png grey alpha": _alpha("LA"),
    "png palette": lambda: _save(picture(2200, 1500, seed=5).convert("P"), "PNG"),
    "png palette transparent": lambda: _save(
        picture(900, 600, seed=6).convert("P"), "PNG", transparency=0),
    "png grey": lambda: _save(picture(2500, 900, seed=7).convert("L"), "PNG"),
    "png 1-bit": lambda: _save(picture(2100, 2100, seed=8).convert("1"), "PNG"),
    "png 16-bit": lambda: _save(picture(2100, 700, seed=9).convert("I;16"), "PNG"),
    "jpeg cmyk": lambda: _save(picture(2400, 1600, seed=10).convert("CMYK"), "JPEG", quality=92),
    "webp": lambda: _save(picture(2300, 1200, seed=11), "WEBP", quality=90),
}


def _difference(a: bytes, b: bytes) -> float:
    """Mean absolute difference of two JPEGs' pixels, in levels of 255."""
    first, second = (Image.open(io.BytesIO(x)).convert("RGB") for x in (a, b))
    assert first.size == second.size
    return sum(ImageStat.Stat(ImageChops.difference(first, second)).mean) / 3


def _promises(data: bytes, width: int, height: int) -> None:
    im = Image.open(io.BytesIO(data))
    assert im.format == "JPEG" and im.mode == "RGB" and im.size == (width, height)
    assert max(im.size) <= 2048
    assert not im.getexif() and "icc_profile" not in im.info and "comment" not in im.info
    for marker in (b"Exif", b"ICC_PROFILE", b"xmpmeta", b"SecretCam"):
        assert marker not in data


@pytest.mark.parametrize("kind", list(SOURCES))
def test_the_same_picture_as_the_old_order(kind):
    source = SOURCES[kind]()
    new, old = clean_photo(source), reference.clean_photo(source)
    assert (new.width, new.height) == (old.width, old.height)
    _promises(new.jpeg, new.width, new.height)
    assert _difference(new.jpeg, old.jpeg) < 1.0, kind
    assert clean_photo(source).jpeg == new.jpeg  # the same source, the same bytes


def test_a_wide_gamut_photo_is_converted_to_srgb():
    source = SOURCES["jpeg wide-gamut profile"]()
    as_is = Image.open(io.BytesIO(source)).resize((2048, 1497), Image.Resampling.LANCZOS)
    out = clean_photo(source)
    # Converted: far from the same pixels read as sRGB, and near the old full-size conversion.
    assert _difference(out.jpeg, _save(as_is, "JPEG", quality=90)) > 2.0
    assert _difference(out.jpeg, reference.clean_photo(source).jpeg) < 1.0


def test_a_photo_with_transparency_and_a_profile_is_converted_too():
    """The old order flattened the alpha into a new image, which lost the profile: such a
    photo was stored unconverted. Now it matches the same picture flattened beforehand."""
    rgba = Image.open(io.BytesIO(_alpha("RGBA")()))
    source = _save(rgba, "PNG", icc_profile=wide_gamut_profile())
    flat = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba).convert("RGB")
    flattened = _save(flat, "PNG", icc_profile=wide_gamut_profile())
    out = clean_photo(source)
    _promises(out.jpeg, out.width, out.height)
    assert _difference(out.jpeg, reference.clean_photo(flattened).jpeg) < 1.0
    assert _difference(out.jpeg, reference.clean_photo(source).jpeg) > 1.0  # was unconverted


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_orientation_is_turned_upright_as_before(tmp_path, orientation):
    source = jpeg_with_gps(tmp_path / "o.jpg", width=2600, height=1300,
                           orientation=orientation).read_bytes()
    new, old = clean_photo(source), reference.clean_photo(source)
    assert (new.width, new.height) == (old.width, old.height)
    assert (new.width > new.height) == (orientation < 5)
    _promises(new.jpeg, new.width, new.height)
    assert _difference(new.jpeg, old.jpeg) < 1.0
    # A wrong turn is far from the old picture: the test would see it.
    wrong = Image.open(io.BytesIO(old.jpeg)).transpose(Image.Transpose.ROTATE_180)
    assert _difference(new.jpeg, _save(wrong, "JPEG", quality=90)) > 5.0


def test_a_comment_in_the_source_is_not_kept():
    source = _save(picture(2500, 1000), "JPEG", quality=90, comment=b"home address")
    out = clean_photo(source)
    assert b"home address" not in out.jpeg
    _promises(out.jpeg, out.width, out.height)
