"""Real image files made in the tests: photos with GPS, rotated ones, bombs, broken files."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw

GPS_IFD = 0x8825
EXIF_IFD = 0x8769


def picture(width: int = 1200, height: int = 800, seed: int = 0) -> Image.Image:
    """A photo-like picture: a skin-toned gradient with a few marks (not one flat colour)."""
    im = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    tone = Image.new("RGB", (width, height), (214 - seed * 9 % 40, 160, 140))
    im = Image.blend(im, tone, 0.75)
    draw = ImageDraw.Draw(im)
    for i in range(6):
        x, y = (i * 173 + seed * 37) % width, (i * 97 + seed * 53) % height
        draw.ellipse((x, y, x + width // 20, y + width // 20), fill=(190, 90, 90))
    return im


def jpeg_with_gps(path: Path, *, width: int = 1200, height: int = 800,
                  taken: str = "2026:10:01 09:15:00", orientation: int | None = None,
                  seed: int = 0, quality: int = 92) -> Path:
    """A JPEG with GPS position, camera maker, a date, an XMP packet and an ICC profile."""
    exif = Image.Exif()
    exif[271] = "SecretCam"  # Make
    exif[306] = taken
    exif.get_ifd(EXIF_IFD)[36867] = taken
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (52.0, 22.0, 7.0), "E", (4.0, 53.0, 9.0)
    if orientation is not None:
        exif[274] = orientation
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description GPSLatitude="52,22N"/></x:xmpmeta>'
    picture(width, height, seed).save(path, "JPEG", exif=exif, quality=quality, icc_profile=icc,
                                      xmp=xmp)
    return path


def png_bytes(width: int = 300, height: int = 200, seed: int = 0, alpha: bool = False) -> bytes:
    im = picture(width, height, seed)
    if alpha:
        im = im.convert("RGBA")
        im.putalpha(128)
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def webp_bytes(width: int = 300, height: int = 200) -> bytes:
    buf = io.BytesIO()
    picture(width, height).save(buf, "WEBP", quality=80)
    return buf.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width: int = 40_000, height: int = 40_000) -> bytes:
    """A tiny file whose header claims `width` x `height` pixels (1.6 billion by default)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = zlib.compress(b"\x00" * 64)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data)
            + _chunk(b"IEND", b""))


def truncated_jpeg(path: Path) -> Path:
    whole = io.BytesIO()
    picture(800, 600).save(whole, "JPEG", quality=90)
    data = whole.getvalue()
    path.write_bytes(data[: len(data) // 3])
    return path


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def wide_gamut_profile() -> bytes:
    """An ICC v2 RGB profile that is not sRGB: Display P3's primaries (adapted to D50) with a
    gamma of 2.2, as a phone's photos carry. Converting through it moves every colour."""
    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ \0\0\0\0" + _s15(x) + _s15(y) + _s15(z)

    text = b"homekit test P3\0"
    tags = {
        b"desc": (b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text
                  + b"\0" * 8 + b"\0\0\0" + b"\0" * 67),
        b"wtpt": xyz(0.9642, 1.0, 0.8249),
        b"rXYZ": xyz(0.5151, 0.2412, -0.0011),
        b"gXYZ": xyz(0.2920, 0.6922, 0.0419),
        b"bXYZ": xyz(0.1571, 0.0666, 0.7841),
        b"rTRC": b"curv\0\0\0\0" + struct.pack(">IH", 1, round(2.2 * 256)) + b"\0\0",
        b"cprt": b"text\0\0\0\0" + b"none\0\0\0\0",
    }
    tags[b"gTRC"] = tags[b"bTRC"] = tags[b"rTRC"]
    table, body = b"", b""
    offset = 128 + 4 + 12 * len(tags)
    for sig, data in tags.items():
        table += sig + struct.pack(">II", offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    size = offset + len(body)
    header = (struct.pack(">I", size) + b"\0" * 4 + struct.pack(">I", 0x02100000) + b"mntr"
              + b"RGB XYZ " + b"\0" * 12 + b"acsp" + b"\0" * 24 + b"\0" * 4
              + _s15(0.9642) + _s15(1.0) + _s15(0.8249) + b"\0" * 48)
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + body
