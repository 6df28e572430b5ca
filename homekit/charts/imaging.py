"""Photos in, clean JPEG out: Pillow, imported only inside these functions.

Every photo homekit stores has been decoded completely (a truncated file is refused), scaled
so its long side is at most 2048 px, turned upright by its EXIF orientation, converted to sRGB
through its ICC profile, and re-encoded as a fresh JPEG: no EXIF, GPS, maker notes, XMP or ICC
survive, because nothing is copied from the source but its pixels. The same source gives the
same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from homekit.domain.errors import InvalidInput
from homekit.domain.photos import (
    JPEG_QUALITY,
    MAX_ASPECT,
    MAX_SIDE,
    MAX_SOURCE_PIXELS,
    fitted_size,
    too_narrow,
)

if TYPE_CHECKING:
    from PIL.Image import Image

#: Formats accepted (HEIF/HEIC only when the optional pillow-heif is installed).
FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
_EXIF_IFD = 0x8769
_DATE_TAGS = (36867, 36868, 306)  # DateTimeOriginal, DateTimeDigitized, DateTime


@dataclass(frozen=True)
class CleanPhoto:
    jpeg: bytes
    width: int
    height: int
    #: The day the camera says it took the photo (EXIF), if it says so plausibly.
    exif_date: dt.date | None


def _heif_opener() -> None:
    try:
        from pillow_heif import register_heif_opener  # type: ignore[import-not-found]
    except ImportError:
        return
    register_heif_opener()


def refuse(reason: str, code: str, **facts: Any) -> InvalidInput:
    return InvalidInput(reason, field="file", code=code, **facts)


def _open(data: bytes, name: str) -> Image:
    """The decoded image, fully loaded, or a refusal that says why."""
    from PIL import Image as PILImage

    _heif_opener()
    saved = PILImage.MAX_IMAGE_PIXELS
    PILImage.MAX_IMAGE_PIXELS = MAX_SOURCE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            try:
                PILImage.init()
                readable = [f for f in FORMATS if f in PILImage.OPEN]
                im = PILImage.open(io.BytesIO(data), formats=readable)
                if im.width * im.height > MAX_SOURCE_PIXELS:
                    raise PILImage.DecompressionBombError("too many pixels")
                _draft(im)
                im.load()
            except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
                raise refuse(f"{name} is too large to open safely", "photo_bomb", name=name,
                             limit=MAX_SOURCE_PIXELS) from None
            except PILImage.UnidentifiedImageError:
                raise refuse(f"{name} is not an image homekit can read", "photo_not_image",
                             name=name) from None
            except (OSError, SyntaxError, ValueError, EOFError, IndexError) as exc:
                raise refuse(f"{name} is damaged or cut short ({exc})", "photo_damaged",
                             name=name, detail=str(exc)) from None
    finally:
        PILImage.MAX_IMAGE_PIXELS = saved
    return im


def _draft(im: Image) -> None:
    """Let a JPEG decode at 1/2, 1/4 or 1/8 size when that still leaves 2048 px on the long
    side (a 48-megapixel photo then takes a quarter of the memory and time)."""
    if im.format != "JPEG":
        return
    long = max(im.width, im.height)
    if long >= 2 * MAX_SIDE:
        ratio = MAX_SIDE / long
        im.draft(None, (max(1, round(im.width * ratio)), max(1, round(im.height * ratio))))


def _exif_date(im: Image) -> dt.date | None:
    try:
        exif = im.getexif()
        values = [exif.get_ifd(_EXIF_IFD).get(t) for t in _DATE_TAGS[:2]] + [exif.get(306)]
    except Exception:  # noqa: BLE001 - a broken EXIF block only loses the date
        return None
    for value in values:
        if isinstance(value, bytes):
            value = value.decode("ascii", "replace")
        if isinstance(value, str) and len(value) >= 10:
            try:
                return dt.date(int(value[0:4]), int(value[5:7]), int(value[8:10]))
            except ValueError:
                continue
    return None


#: EXIF orientation -> the turn that makes the picture upright (what ImageOps.exif_transpose
#: applies); 1 and anything unknown: as it is.
_ORIENTATION_TAG = 0x0112
_UPRIGHT = {2: "FLIP_LEFT_RIGHT", 3: "ROTATE_180", 4: "FLIP_TOP_BOTTOM", 5: "TRANSPOSE",
            6: "ROTATE_270", 7: "TRANSVERSE", 8: "ROTATE_90"}
#: Modes Pillow scales with the filter asked for (alpha premultiplied); the others are
#: converted to RGB (RGBA when they hold transparency) first.
_SCALABLE = ("RGB", "RGBA", "L", "LA", "CMYK")


def _scalable(im: Image) -> Image:
    """`im` in a mode that scales well (a palette would be scaled by nearest neighbour)."""
    if im.mode in _SCALABLE:
        return im
    transparent = im.mode in ("PA", "RGBa") or (im.mode == "P" and "transparency" in im.info)
    return im.convert("RGBA" if transparent else "RGB")


def _upright(im: Image, orientation: object) -> Image:
    from PIL import Image as PILImage

    turn = _UPRIGHT.get(orientation) if isinstance(orientation, int) else None
    return im if turn is None else im.transpose(PILImage.Transpose[turn])


def _srgb(im: Image, icc: bytes | None) -> Image:
    """RGB pixels in sRGB: through the ICC profile `icc` if any, alpha flattened on white.
    An RGB image without a profile is returned as it is (no copy)."""
    from PIL import Image as PILImage
    from PIL import ImageCms

    if im.mode in ("RGBA", "LA"):
        rgba = im.convert("RGBA")
        white = PILImage.new("RGBA", rgba.size, (255, 255, 255, 255))
        im = PILImage.alpha_composite(white, rgba)
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(im, source, ImageCms.createProfile("sRGB"),
                                                  outputMode="RGB")
            if converted is not None:
                return converted if converted.mode == "RGB" else converted.convert("RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: keep the pixels as they are
    return im if im.mode == "RGB" else im.convert("RGB")


def clean_photo(data: bytes, name: str = "the file", *, keep_clean: bool = False) -> CleanPhoto:
    """Decode `data` and return it as a clean, upright, sRGB JPEG of at most 2048 px a side.

    `keep_clean`: a JPEG that is already clean (as homekit writes them: baseline, no metadata
    segment, small enough) keeps its bytes, so an export and import round trip loses nothing.

    The decoded picture is scaled first, in place, so that turning it upright, its colour
    profile and its alpha work on at most 2048 px a side, and no full-size copy is made (a
    12-megapixel photo is 36 MB of pixels).
    """
    from PIL import Image as PILImage

    im = _open(data, name)
    if too_narrow(im.width, im.height):
        raise refuse(f"{name} is {im.width} x {im.height} pixels, narrower than 1:{MAX_ASPECT}",
                     "photo_too_narrow", name=name, width=im.width, height=im.height,
                     limit=MAX_ASPECT)
    if keep_clean and already_clean(data) and im.mode == "RGB" \
            and max(im.width, im.height) <= MAX_SIDE:
        return CleanPhoto(data, im.width, im.height, None)
    taken = _exif_date(im)
    try:
        orientation = im.getexif().get(_ORIENTATION_TAG)
        icc = im.info.get("icc_profile")
        im = _scalable(im)
        im.thumbnail((MAX_SIDE, MAX_SIDE), PILImage.Resampling.LANCZOS)
        rgb = _srgb(_upright(im, orientation), icc)
        # Only the pixels go on: a new image carries no info (EXIF, XMP, ICC, comments).
        pixels = PILImage.new("RGB", rgb.size)
        pixels.paste(rgb)
        out = io.BytesIO()
        pixels.save(out, "JPEG", quality=JPEG_QUALITY, optimize=False, progressive=False)
    except (OSError, ValueError, SyntaxError) as exc:
        raise refuse(f"{name} cannot be converted ({exc})", "photo_damaged", name=name,
                     detail=str(exc)) from None
    return CleanPhoto(out.getvalue(), pixels.width, pixels.height, taken)


def decode(jpeg: bytes) -> Image:
    """A stored photo as a Pillow image (stored photos are already clean)."""
    from PIL import Image as PILImage

    im = PILImage.open(io.BytesIO(jpeg), formats=["JPEG"])
    im.load()
    return im.convert("RGB")


def same_height(images: list[Image], height: int) -> list[Image]:
    """Each image scaled to `height` pixels high, keeping its proportions, but never wider
    than MAX_ASPECT times that height (an extreme photo stored before the limit is then less
    high): the canvas they go on is bounded whatever was stored."""
    from PIL import Image as PILImage

    return [im.resize(fitted_size(im.width, im.height, height), PILImage.Resampling.LANCZOS)
            for im in images]


def is_jpeg(data: bytes) -> bool:
    return data[:3] == b"\xff\xd8\xff"


#: JPEG markers a clean file may have before its image data: JFIF (APP0), quantisation and
#: Huffman tables, restart interval, baseline or progressive frame.
_CLEAN_MARKERS = frozenset({0xE0, 0xDB, 0xC4, 0xDD, 0xC0, 0xC2})


def already_clean(data: bytes) -> bool:
    """True for a JPEG with no metadata segment (EXIF, XMP, ICC, comments) at all."""
    if not is_jpeg(data):
        return False
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return False
        marker = data[pos + 1]
        if marker == 0xDA:  # start of scan: the headers were all clean
            return True
        if marker not in _CLEAN_MARKERS:
            return False
        pos += 2 + int.from_bytes(data[pos + 2:pos + 4], "big")
    return False
