"""Photos of extreme shape: refused beyond 10:1 at `photo add` and import, and every canvas
drawn from stored photos (compare, report) bounded whatever was stored before the limit.

The attack: a 60000 x 10 PNG was stored as 2048 x 1; `photo compare` with it then took 60 s and
10-23 GB, the report 6.5 GB. The stored extreme photo is put in with the `sqlite3` shell, as a
file from before the limit would hold it; compare and report run as real processes under an
address-space limit of 2 GiB (the homekit before this change died there with MemoryError).
"""

from __future__ import annotations

import io
import resource
import sqlite3
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import HOMEKIT_BIN, answer_condition, cli_env, run_cli
from tests.images import png_bytes

#: The address space a compare or report process may use here.
LIMIT = 2 * 1024**3


def png(path: Path, width: int, height: int) -> Path:
    Image.new("RGB", (width, height), (200, 120, 110)).save(path, "PNG")
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "homekit.db"
    answer_condition(path)
    assert run_cli("log", "--date", "2026-10-01", db=path).returncode == 0
    return path


def photo_count(db: Path) -> int:
    return sqlite3.connect(db).execute("SELECT count(*) FROM photos").fetchone()[0]


@pytest.mark.parametrize("width, height", [(60_000, 10), (10, 60_000), (1001, 100)])
def test_photo_add_refuses_a_photo_narrower_than_one_to_ten(db, tmp_path, width, height):
    out = run_cli("photo", "add", str(png(tmp_path / "odd.png", width, height)), db=db)
    assert out.returncode == 2 and out.stderr.count("\n") == 1
    assert f"is {width} x {height} pixels: its long side may be at most 10 times its short " \
           "side; nothing was stored" in out.stderr
    assert photo_count(db) == 0


def test_one_to_ten_exactly_is_accepted(db, tmp_path):
    out = run_cli("photo", "add", str(png(tmp_path / "band.png", 1000, 100)), db=db)
    assert out.returncode == 0, out.stderr
    assert photo_count(db) == 1


def test_import_refuses_an_export_whose_photo_is_too_narrow(db, tmp_path):
    (tmp_path / "face.png").write_bytes(png_bytes(400, 300))
    assert run_cli("photo", "add", str(tmp_path / "face.png"), "--area", "cheeks",
                   db=db).returncode == 0
    export = tmp_path / "out" / "log.json"
    export.parent.mkdir()
    assert run_cli("export", "-o", str(export), "--photos", str(export.parent / "photos"),
                   db=db).returncode == 0
    (photo,) = (export.parent / "photos").glob("*.jpg")
    png(photo, 60_000, 10)  # the file the export lists, swapped for an extreme one
    other = tmp_path / "other.db"
    out = run_cli("import", str(export), db=other)
    assert out.returncode == 2 and "its long side may be at most 10 times" in out.stderr
    assert sqlite3.connect(other).execute("SELECT count(*) FROM sessions").fetchone()[0] == 0


@pytest.fixture
def stored_extreme(db: Path, tmp_path: Path) -> Path:
    """An ordinary photo and a 2048 x 1 one (what the 60000 x 10 PNG became), both of cheeks."""
    (tmp_path / "face.png").write_bytes(png_bytes(1000, 750))
    assert run_cli("photo", "add", str(tmp_path / "face.png"), "--area", "cheeks", "--taken",
                   "2026-10-20", db=db).returncode == 0
    line = tmp_path / "line.jpg"
    Image.new("RGB", (2048, 1), (200, 100, 100)).save(line, "JPEG", quality=90)
    subprocess.run(["sqlite3", str(db)], check=True, capture_output=True, timeout=60, text=True,
                   input="INSERT INTO photos (profile_id, area, taken_on, mime, width, height, "
                         "size, created_at) VALUES (1, 'cheeks', '2026-10-01', 'image/jpeg', "
                         f"2048, 1, length(readfile('{line}')), '2026-10-01T10:00');\n"
                         "INSERT INTO photo_images (photo_id, image) "
                         f"VALUES (last_insert_rowid(), readfile('{line}'));\n")
    return db


def limited(*args: str, db: Path) -> subprocess.CompletedProcess:
    """`homekit ARGS` in a real process that may use at most LIMIT bytes of address space."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))

    return subprocess.run([HOMEKIT_BIN, *args], capture_output=True, text=True, timeout=300,
                          env=cli_env(db), stdin=subprocess.DEVNULL, preexec_fn=cap)


def test_compare_with_a_stored_extreme_photo_stays_bounded(stored_extreme, tmp_path):
    out_png = tmp_path / "compare.png"
    out = limited("photo", "compare", "-o", str(out_png), db=stored_extreme)
    assert out.returncode == 0, out.stderr
    with Image.open(out_png) as im:
        assert im.width * im.height <= 2000 * 2000


def test_the_report_with_a_stored_extreme_photo_stays_bounded(stored_extreme, tmp_path):
    pdf = tmp_path / "report.pdf"
    out = limited("report", "-o", str(pdf), db=stored_extreme)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""


def test_the_canvas_fits_each_photo_in_a_box_of_one_to_ten():
    from homekit.charts.photos import GAP_PX, side_by_side
    from homekit.domain.photos import MAX_ASPECT

    def jpeg(width: int, height: int) -> bytes:
        buf = io.BytesIO()
        Image.new("RGB", (width, height), (90, 90, 90)).save(buf, "JPEG")
        return buf.getvalue()

    for pair in ([(2048, 1), (1000, 750)], [(1, 2048), (1000, 750)], [(2048, 1), (2048, 1)]):
        pixels, widths = side_by_side([jpeg(*size) for size in pair], 60)  # small: on the
        height = pixels.shape[0]  # homekit before this change, this canvas was 7 Mpx
        assert height <= 60
        assert all(w <= MAX_ASPECT * height for w in widths)
        assert pixels.shape[1] == sum(widths) + GAP_PX
