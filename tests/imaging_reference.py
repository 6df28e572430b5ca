"""The photo cleaning as it was before issue 22 made it cheaper (turn, convert and copy at full
size, then scale), kept verbatim (imports aside) to check that the new order keeps every
promise with nearly the same pixels (tests/test_imaging_exact.py).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from homekit.charts.imaging import CleanPhoto, _exif_date, _open, already_clean, refuse
from homekit.domain.photos import JPEG_QUALITY, MAX_SIDE

if TYPE_CHECKING:
    from PIL.Image import Image


def _srgb(im: Image) -> Image:
    """RGB pixels in sRGB: through the embedded ICC profile if any, alpha flattened on white."""
    from PIL import Image as PILImage
    from PIL import ImageCms

    if im.mode in ("RGBA", "LA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        white = PILImage.new("RGBA", rgba.size, (255, 255, 255, 255))
        im = PILImage.alpha_composite(white, rgba)
    icc = im.info.get("icc_profile")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = "RGB" if im.mode in ("RGB", "RGBA", "CMYK", "L", "P") else None
            if im.mode == "P":
                im = im.convert("RGB")
            converted = ImageCms.profileToProfile(im, source, ImageCms.createProfile("sRGB"),
                                                  outputMode=mode or "RGB")
            if converted is not None:
                return converted.convert("RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: keep the pixels as they are
    return im.convert("RGB")


def clean_photo(data: bytes, name: str = "the file", *, keep_clean: bool = False) -> CleanPhoto:
    """Decode `data` and return it as a clean, upright, sRGB JPEG of at most 2048 px a side.

    `keep_clean`: a JPEG that is already clean (as homekit writes them: baseline, no metadata
    segment, small enough) keeps its bytes, so an export and import round trip loses nothing.
    """
    from PIL import Image as PILImage
    from PIL import ImageOps

    im = _open(data, name)
    if keep_clean and already_clean(data) and im.mode == "RGB" \
            and max(im.width, im.height) <= MAX_SIDE:
        return CleanPhoto(data, im.width, im.height, None)
    taken = _exif_date(im)
    try:
        im = ImageOps.exif_transpose(im) or im
        rgb = _srgb(im)
        rgb.thumbnail((MAX_SIDE, MAX_SIDE), PILImage.Resampling.LANCZOS)
        # Only the pixels go on: a new image carries no info (EXIF, XMP, ICC, comments).
        pixels = PILImage.frombytes("RGB", rgb.size, rgb.tobytes())
        out = io.BytesIO()
        pixels.save(out, "JPEG", quality=JPEG_QUALITY, optimize=False, progressive=False)
    except (OSError, ValueError, SyntaxError) as exc:
        raise refuse(f"{name} cannot be converted ({exc})", "photo_damaged", name=name,
                     detail=str(exc)) from None
    return CleanPhoto(out.getvalue(), pixels.width, pixels.height, taken)


