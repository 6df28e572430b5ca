"""User text reaches matplotlib only as plain text: never parsed as math, every glyph drawable.

The attack: a profile named `$\\foo$` ended `report` in a mathtext ValueError; `a $x$ b` was
drawn "a x b"; an emoji or CJK name made matplotlib print warnings with source paths on
stderr. (The report's text is now written by fpdf2; its charts are still matplotlib.) Each
door: the report and `photo compare` in real processes (stderr captured), the figures
themselves (every Text artist), and the app (tests/tui/test_holes_app.py).
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from homekit.domain.models import SessionDraft
from homekit.services import Homekit
from tests.conftest import NOW, run_cli
from tests.images import png_bytes

MATH = "$\\foo$"
HOSTILE = ["$\\foo$", "a $x$ b", "\\alpha_{1}^2 $$", "👩‍👩‍👧 中文 😀", "x\x1b[31m\x00y"]


def logged(db: Path, name: str, photos: int = 0, notes: str = "") -> None:
    hk = Homekit.open(db, name, now=lambda: NOW)
    try:
        hk.profiles.create_profile(name, make_default=True, has_condition=False)
        for i in range(3):
            hk.sessions.log_session(SessionDraft(dt.date(2026, 10, 1) + dt.timedelta(days=7 * i),
                                        areas=("cheeks",), notes=notes), redness_severity=1,
                           faded_after_min=10)
        for j in range(photos):
            hk.photos.add_photo(png_bytes(160, 120, seed=j), area="cheeks", notes=notes,
                         taken_on=dt.date(2026, 10, 1) + dt.timedelta(days=7 * j))
    finally:
        hk.close()


def shell(db: Path, statement: str) -> None:
    subprocess.run(["sqlite3", str(db)], input=statement + ";\n", text=True, check=True,
                   capture_output=True, timeout=60)


@pytest.mark.parametrize("name", [MATH, "a $x$ b", "👩 中文"])
def test_the_report_draws_a_name_as_written_and_says_nothing_on_stderr(tmp_path, name):
    db, pdf = tmp_path / "h.db", tmp_path / "r.pdf"
    logged(db, name, photos=2, notes="a $x$ b 😀")
    out = run_cli("report", "-o", str(pdf), db=db)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""  # no mathtext error, no "Glyph ... missing from font(s)"
    first = PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()
    if name.isascii():
        assert f"{name} · the whole log" in first  # the dollar signs and the backslash kept


def test_photo_compare_draws_a_hostile_area_as_written(tmp_path):
    db, png = tmp_path / "h.db", tmp_path / "c.png"
    logged(db, "me", photos=2)
    shell(db, "UPDATE photos SET area = '$\\foo$ 👩 中'")  # the sqlite3 shell: any text fits
    out = run_cli("photo", "compare", "-o", str(png), db=db)
    assert out.returncode == 0, out.stderr
    assert out.stderr == "" and png.stat().st_size > 0


def test_every_text_artist_is_plain_and_drawable(tmp_path):
    """The figures of the charts (also the report's) and the comparison, built from hostile
    text: no Text artist parses math, none holds a character its font cannot draw."""
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from homekit.charts import report
    from homekit.charts.figure import LIGHT, draw_progress, draw_redness, figure, style
    from homekit.charts.glyphs import MONO, SANS, _glyphs
    from homekit.charts.photos import comparison_figure

    db = tmp_path / "h.db"
    logged(db, MATH)
    hk = Homekit.open(db, now=lambda: NOW)
    try:
        series = hk.charts.chart_series()
    finally:
        hk.close()
    figures = [figure(series, "all")]
    jpeg = png_to_jpeg(png_bytes(80, 60))
    figures.append(comparison_figure([jpeg, jpeg], HOSTILE[:2], " ".join(HOSTILE)))
    with style():
        for key in report.CHART_SIZE:
            page = Figure()
            (draw_progress if key == "chart:progress" else draw_redness)(page, series, LIGHT)
            figures.append(page)
    texts = [t for f in figures for t in f.findobj(Text) if t.get_text()]
    assert len(texts) > 20
    for t in texts:
        assert t.get_parse_math() is False, t.get_text()
        glyphs = _glyphs(MONO if t.get_fontfamily()[0] == MONO else SANS)
        missing = [c for c in t.get_text() if c != "\n" and ord(c) not in glyphs]
        assert not missing, (t.get_text(), missing)
    drawn = "\n".join(t.get_text() for t in texts)
    assert MATH in drawn and "a $x$ b" in drawn and "x\\x1b[31m\\x00y" in drawn
    assert "\ufffd" in drawn  # the emoji and CJK of the title


def png_to_jpeg(data: bytes) -> bytes:
    from homekit.charts.imaging import clean_photo

    return clean_photo(data).jpeg
