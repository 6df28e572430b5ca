"""Photos: cleaned before they are stored (metadata gone, upright, sRGB, small), refused when
they are not safe images, listed, exported, deleted and compared."""

from __future__ import annotations

import datetime as dt
import io
import json
import shlex
import sqlite3
import stat

import pytest
from PIL import Image

from homekit.charts.imaging import clean_photo
from homekit.cli import main
from homekit.domain.errors import InvalidInput
from homekit.domain.models import SessionDraft
from homekit.services import Homekit
from tests.conftest import NOW
from tests.images import (
    GPS_IFD,
    bomb_png,
    jpeg_with_gps,
    png_bytes,
    truncated_jpeg,
    webp_bytes,
)


def run(capsys, db, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def photo_count(db) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM photos").fetchone()[0]
    finally:
        conn.close()


def test_a_photo_is_stored_without_any_metadata(tmp_path):
    src = jpeg_with_gps(tmp_path / "gps.jpg", width=2600, height=1950)
    raw = src.read_bytes()
    assert b"SecretCam" in raw and b"GPSLatitude" in raw  # the source has them
    clean = clean_photo(raw)
    for secret in (b"SecretCam", b"GPSLatitude", b"Exif", b"ICC_PROFILE", b"xmpmeta", b"2026:10:01"):
        assert secret not in clean.jpeg, secret
    im = Image.open(io.BytesIO(clean.jpeg))
    assert im.format == "JPEG" and im.mode == "RGB"
    assert im.size == (2048, 1536) == (clean.width, clean.height)
    assert not im.getexif() and GPS_IFD not in im.getexif() and "icc_profile" not in im.info
    assert clean.exif_date == dt.date(2026, 10, 1)
    assert clean_photo(raw).jpeg == clean.jpeg  # same source, same bytes


def test_orientation_is_applied_and_png_webp_alpha_are_accepted(tmp_path):
    rotated = jpeg_with_gps(tmp_path / "r.jpg", width=600, height=300, orientation=6)
    clean = clean_photo(rotated.read_bytes())
    assert (clean.width, clean.height) == (300, 600)
    for data in (png_bytes(), png_bytes(alpha=True), webp_bytes()):
        out = clean_photo(data)
        assert (out.width, out.height) == (300, 200) and out.exif_date is None


@pytest.mark.parametrize("kind", ["bomb", "truncated", "text", "empty", "missing", "folder"])
def test_unsafe_or_broken_files_get_one_line_exit_2_and_nothing_stored(tmp_path, capsys, kind):
    db = tmp_path / "h.db"
    assert run(capsys, db, "profile", "condition", "no")[0] == 0
    run(capsys, db, "log", "--date", "2026-11-01")
    path = tmp_path / f"{kind}.jpg"
    if kind == "bomb":
        path.write_bytes(bomb_png())
    elif kind == "truncated":
        truncated_jpeg(path)
    elif kind == "text":
        path.write_text("not a photo at all\n")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "folder":
        path.mkdir()
    code, out, err = run(capsys, db, "photo", "add", str(path))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("homekit: error:")
    assert "nothing was stored" in err
    expected = {"bomb": "too large to open safely", "truncated": "damaged or cut short",
                "text": "not an image", "empty": "not an image", "missing": "does not exist",
                "folder": "is a folder, not a file"}[kind]
    assert expected in err
    assert photo_count(db) == 0


def test_bomb_guard_does_not_change_pillows_global_limit():
    before = Image.MAX_IMAGE_PIXELS
    with pytest.raises(InvalidInput):
        clean_photo(bomb_png())
    assert Image.MAX_IMAGE_PIXELS == before


def test_unknown_session_is_refused(tmp_path, capsys):
    db = tmp_path / "h.db"
    src = jpeg_with_gps(tmp_path / "a.jpg")
    code, _, err = run(capsys, db, "photo", "add", str(src), "--session", "42")
    assert code == 2 and "no session with id 42" in err
    assert photo_count(db) == 0


def test_taken_date_session_then_exif_then_today(tmp_path, capsys):
    db = tmp_path / "h.db"
    assert run(capsys, db, "profile", "condition", "no")[0] == 0
    run(capsys, db, "log", "--date", "2026-11-01", "--area", "cheeks")
    src = jpeg_with_gps(tmp_path / "a.jpg", taken="2026:09:30 08:00:00")
    plain = tmp_path / "p.png"
    plain.write_bytes(png_bytes())
    ids = []
    for args in (["--session", "1"], [], ["--taken", "2026-10-15", "--area", "nose"]):
        code, out, _ = run(capsys, db, "photo", "add", str(src), *args)
        assert code == 0
        ids.append(int(out))
    code, out, _ = run(capsys, db, "photo", "add", str(plain), "--notes", "no date")
    ids.append(int(out))
    code, out, _ = run(capsys, db, "photo", "list", "--json")
    listed = {p["id"]: p for p in json.loads(out)}
    assert [listed[i]["taken_on"] for i in ids] == [
        "2026-11-01", "2026-09-30", "2026-10-15", dt.date.today().isoformat()]
    assert listed[ids[0]]["area"] == "cheeks" and listed[ids[0]]["session_id"] == 1
    code, out, _ = run(capsys, db, "photo", "list", "--area", "nose")
    assert out.count("\n") == 1 and "nose" in out
    code, out, _ = run(capsys, db, "photo", "list", "--session", "1")
    assert out.startswith(f"id {ids[0]} ") and "session #1" in out


def test_export_is_owner_only_and_refuses_to_overwrite(tmp_path, capsys):
    db = tmp_path / "h.db"
    src = jpeg_with_gps(tmp_path / "a.jpg")
    _, out, _ = run(capsys, db, "photo", "add", str(src))
    pid = out.strip()
    target = tmp_path / "out.jpg"
    assert run(capsys, db, "photo", "export", pid, "-o", str(target))[0] == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert b"SecretCam" not in target.read_bytes()
    code, _, err = run(capsys, db, "photo", "export", pid, "-o", str(target))
    assert code == 2 and "--force" in err
    assert run(capsys, db, "photo", "export", pid, "-o", str(target), "--force")[0] == 0
    code, _, err = run(capsys, db, "photo", "export", "99", "-o", str(tmp_path / "x.jpg"))
    assert code == 2 and "no photo with id 99" in err


def test_show_outside_a_terminal_prints_the_line_and_the_export_hint(tmp_path, capsys):
    db = tmp_path / "h.db"
    _, out, _ = run(capsys, db, "photo", "add", str(jpeg_with_gps(tmp_path / "a.jpg")))
    code, out, _ = run(capsys, db, "photo", "show", out.strip())
    assert code == 0 and "photo export 1 -o photo-1.jpg" in out


def test_delete_takes_a_backup_that_brings_the_photo_back(tmp_path, capsys):
    folder = tmp_path / ("a long folder name " * 8).strip()
    folder.mkdir()
    db = folder / "h.db"
    _, out, _ = run(capsys, db, "photo", "add", str(jpeg_with_gps(tmp_path / "a.jpg")))
    code, _, err = run(capsys, db, "photo", "delete", "1")
    assert code == 2 and "--yes" in err and photo_count(db) == 1
    code, out, _ = run(capsys, db, "photo", "delete", "1", "--yes")
    assert code == 0 and photo_count(db) == 0
    backup = shlex.split(out.split("homekit restore ", 1)[1])[0]
    assert run(capsys, db, "restore", backup)[0] == 0
    assert photo_count(db) == 1


def test_deleting_a_session_keeps_its_photos(hk: Homekit, tmp_path):
    sid = hk.sessions.log_session(SessionDraft(dt.date(2026, 11, 1))).session.id
    photo = hk.photos.add_photo(png_bytes(), session_id=sid)
    hk.sessions.delete_session(sid)
    assert hk.photos.photo(photo.id).session_id is None


def test_compare_defaults_to_the_busiest_area_and_captions_the_days(tmp_path, capsys):
    db = tmp_path / "h.db"
    assert run(capsys, db, "profile", "condition", "no")[0] == 0
    for day in ("2026-09-01", "2026-09-15", "2026-10-01"):
        run(capsys, db, "log", "--date", day)
    srcs = [jpeg_with_gps(tmp_path / f"{i}.jpg", seed=i, width=800, height=1000 + 100 * i)
            for i in range(3)]
    for i, (session, area) in enumerate([(1, "cheeks"), (2, "cheeks"), (3, "cheeks")]):
        run(capsys, db, "photo", "add", str(srcs[i]), "--session", str(session), "--area", area)
    run(capsys, db, "photo", "add", str(srcs[0]), "--area", "nose", "--taken", "2026-08-01")
    png = tmp_path / "c.png"
    code, out, err = run(capsys, db, "photo", "compare", "-o", str(png))
    assert code == 0, err
    assert "photos 1 and 3 (30 days apart)" in out
    assert stat.S_IMODE(png.stat().st_mode) == 0o600
    im = Image.open(png)
    assert im.format == "PNG" and im.width > im.height
    first = png.read_bytes()
    code, _, err = run(capsys, db, "photo", "compare", "-o", str(png))
    assert code == 2 and "--force" in err
    run(capsys, db, "photo", "compare", "-o", str(png), "--force")
    assert png.read_bytes() == first  # deterministic
    code, _, err = run(capsys, db, "photo", "compare", "--area", "nose", "-o", str(tmp_path / "n.png"))
    assert code == 2 and "only one photo of nose" in err
    code, out, _ = run(capsys, db, "photo", "compare", "--first", "4", "--last", "2",
                       "-o", str(tmp_path / "m.png"))
    assert code == 0 and "(45 days apart)" in out


def test_comparison_captions(hk: Homekit):
    from homekit import words

    # Logged out of date order: ids 1 (20 Oct) and 2 (1 Oct); numbers by date 2 and 1.
    for day in ("2026-10-20", "2026-10-01"):
        hk.sessions.log_session(SessionDraft(dt.date.fromisoformat(day), areas=("chin",)))
    for sid in (1, 2):
        hk.photos.add_photo(png_bytes(seed=sid), session_id=sid)
    c = hk.photos.comparison()
    # The captions number sessions as history and photo list do: by date.
    assert words.comparison_captions(c) == ["2026-10-01 \u00b7 session #1",
                                            "2026-10-20 \u00b7 session #2 \u00b7 19 days later"]
    assert [s.number for s in hk.sessions.history(newest_first=False)] == [1, 2]
    assert {p.session_id: p.session_number for p in hk.photos.photos()} == {2: 1, 1: 2}
    assert "session #1" in words.photo_line(c.first)
    assert words.comparison_title(c) == "Chin: first and latest photo"
    assert hk.photos.photo_counts() == {1: 1, 2: 1}
    assert NOW.date() >= c.last.taken_on


def test_a_file_too_large_to_be_a_photo_is_refused_before_reading(tmp_path, capsys, monkeypatch):
    from homekit.domain import photos as photo_rules

    monkeypatch.setattr(photo_rules, "MAX_SOURCE_BYTES", 1000)
    db = tmp_path / "h.db"
    code, _, err = run(capsys, db, "photo", "add", str(jpeg_with_gps(tmp_path / "a.jpg")))
    assert code == 2 and "larger than 1000 bytes, too large for a photo" in err
    assert not db.exists()  # refused before the data file was opened: nothing new behind


def test_a_long_jpeg_decoded_in_draft_mode_still_gets_2048_px():
    buf = io.BytesIO()
    Image.new("RGB", (8200, 820), (200, 150, 140)).save(buf, "JPEG", quality=90)  # 10:1
    clean = clean_photo(buf.getvalue())
    assert (clean.width, clean.height) == (2048, 205)
