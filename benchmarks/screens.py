"""Screenshots of every screen of the app, as SVG and PNG, at any terminal size.

    .venv/bin/pip install -e '.[docs]'
    .venv/bin/python benchmarks/screens.py OUTDIR [--size 80x24] [--only dashboard,history]

The app runs headless on a demo file with a fixed clock; each SVG is converted to PNG with
cairosvg using the font the SVG names (Fira Code, from the fontpkg-fira-code package, made
known to fontconfig for this process only), so borders join and boxes do not overlap.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import re
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

NOW = dt.datetime(2026, 11, 25, 9, 30)


def _fontconfig() -> None:
    """Point fontconfig at the packaged Fira Code (before cairo is loaded)."""
    import fontpkg_fira_code

    fonts = Path(fontpkg_fira_code.__file__).parent / "files"
    cache = Path(tempfile.mkdtemp(prefix="homekit-fc-"))
    conf = cache / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{fonts}</dir><include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>"
        f"<cachedir>{cache}</cachedir></fontconfig>"
    )
    os.environ["FONTCONFIG_FILE"] = str(conf)


#: Textual's SVG puts a cell every 12.2 px at font-size 20 and stretches each run with
#: `textLength`, which cairosvg ignores: Fira Code advances 0.6 em, and cairo rounds each
#: advance to whole pixels, so long runs came up short (a gap before a border's corner) or
#: left hairlines. So each run gets the font size whose advance is exactly one cell, and the
#: page is drawn at 5x (a cell of 61 whole pixels) and then scaled down.
CELL_FONT = f"{12.2 / 0.6:.4f}px"
DRAW_SCALE = 5
_RUN = re.compile(r"<text (?=[^>]*textLength)")


def to_png(svg: Path, scale: float = 2.0) -> Path:
    """The PNG of a Textual SVG at `scale`, each glyph in its cell, in the SVG's font."""
    import io

    import cairosvg
    from PIL import Image

    text = _RUN.sub(f'<text style="font-size: {CELL_FONT}" ', svg.read_text())
    big = Image.open(io.BytesIO(cairosvg.svg2png(bytestring=text.encode(), scale=DRAW_SCALE)))
    size = (round(big.width * scale / DRAW_SCALE), round(big.height * scale / DRAW_SCALE))
    png = svg.with_suffix(".png")
    big.convert("RGB").resize(size, Image.Resampling.LANCZOS).save(png, optimize=True)
    return png


async def _press(pilot, *keys: str) -> None:  # noqa: ANN001
    await pilot.press(*keys)
    await _settle(pilot)


async def _settle(pilot) -> None:  # noqa: ANN001
    from textual.widgets import Input

    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def _log_form(pilot) -> None:  # noqa: ANN001
    await _press(pilot, "l")
    for box in pilot.app.screen.query(".safety-check"):
        box.value = True
    pilot.app.screen.query_one("#safety-continue").press()
    await _settle(pilot)


async def _search(pilot) -> None:  # noqa: ANN001
    await _press(pilot, "h", "slash", *"cheek")


SCENES: dict[str, tuple[bool, Callable[..., Awaitable[None]] | None]] = {
    # name: (demo data that is eligible today?, what to do before the shot)
    "dashboard": (False, None),
    "safety-check": (True, lambda p: _press(p, "l")),
    "log-form": (True, _log_form),
    "blocked": (False, lambda p: _press(p, "l")),
    "history": (False, lambda p: _press(p, "h")),
    "history-search": (False, _search),
    "session-detail": (False, lambda p: _press(p, "h", "enter")),
    "edit-form": (False, lambda p: _press(p, "h", "e")),
    "redness": (False, lambda p: _press(p, "r")),
    "profile": (False, lambda p: _press(p, "p")),
    "help": (False, lambda p: _press(p, "question_mark")),
}


async def shoot(name: str, size: tuple[int, int], out: Path, work: Path) -> Path:
    """Run the app on a fresh demo file, do the scene's keys, save the SVG."""
    from homekit.services import Homekit
    from homekit.tui.app import HomekitApp

    eligible, before = SCENES[name]
    path = work / f"{name}-{size[0]}x{size[1]}.db"
    hk = Homekit.open(path, now=lambda: NOW)
    hk.demo.fill_demo()  # the last session 4 days before NOW
    hk.close()
    now = NOW + dt.timedelta(days=4) if eligible else NOW
    hk = Homekit.open(path, now=lambda: now)
    app = HomekitApp(hk)
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        if before:
            await before(pilot)
        svg = out / f"{name}-{size[0]}x{size[1]}.svg"
        svg.write_text(app.export_screenshot(title=f"homekit: {name}"))
    hk.close()
    return svg


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="80x24")
    parser.add_argument("--only", default="")
    parser.add_argument("--no-png", action="store_true")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    if not args.no_png:
        _fontconfig()
    names = [n for n in SCENES if not args.only or n in args.only.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            svg = asyncio.run(shoot(name, (width, height), args.out, Path(tmp)))
            print(to_png(svg) if not args.no_png else svg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
