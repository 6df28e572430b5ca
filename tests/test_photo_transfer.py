"""Photos through export --photos DIR and import: same photos back, same checks, no doubles."""

from __future__ import annotations

import json
import stat

from homekit.cli import main
from tests.images import jpeg_with_gps, png_bytes, truncated_jpeg


def run(capsys, db, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def logged_with_photos(tmp_path, capsys):
    db = tmp_path / "a.db"
    assert run(capsys, db, "profile", "condition", "no")[0] == 0
    run(capsys, db, "log", "--date", "2026-10-01", "--area", "cheeks")
    run(capsys, db, "log", "--date", "2026-10-15", "--area", "cheeks")
    run(capsys, db, "photo", "add", str(jpeg_with_gps(tmp_path / "1.jpg")), "--session", "1")
    png = tmp_path / "2.png"
    png.write_bytes(png_bytes(seed=3))
    run(capsys, db, "photo", "add", str(png), "--session", "2", "--notes", "after")
    return db


def test_export_with_photos_round_trips_the_same_bytes(tmp_path, capsys):
    db = logged_with_photos(tmp_path, capsys)
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = run(capsys, db, "export", "-o", str(out / "log.json"), "--photos",
                       str(out / "photos"))
    assert code == 0, err
    doc = json.loads((out / "log.json").read_text())
    listed = doc["profiles"][0]["photos"]
    assert [e["file"] for e in listed] == ["photos/1.jpg", "photos/2.jpg"]
    assert listed[1]["session_date"] == "2026-10-15" and listed[1]["notes"] == "after"
    assert stat.S_IMODE((out / "photos").stat().st_mode) == 0o700
    assert stat.S_IMODE((out / "photos" / "1.jpg").stat().st_mode) == 0o600

    other = tmp_path / "b.db"
    code, text, err = run(capsys, other, "import", str(out / "log.json"))
    assert code == 0, err
    assert "Photos: imported 2." in text
    code, text, _ = run(capsys, other, "import", str(out / "log.json"))
    assert "imported 0, 2 already stored" in text
    _, listed_b, _ = run(capsys, other, "photo", "list", "--json")
    assert [(p["session_id"], p["area"]) for p in json.loads(listed_b)] == [(1, "cheeks"), (2, "cheeks")]
    again = tmp_path / "again"
    again.mkdir()
    run(capsys, other, "export", "-o", str(again / "log.json"), "--photos", str(again / "photos"))
    assert (again / "log.json").read_bytes() == (out / "log.json").read_bytes()
    for name in ("1.jpg", "2.jpg"):
        assert (again / "photos" / name).read_bytes() == (out / "photos" / name).read_bytes()


def test_without_photos_the_export_is_unchanged(tmp_path, capsys):
    db = logged_with_photos(tmp_path, capsys)
    code, plain, _ = run(capsys, db, "export")
    assert code == 0 and '"photos"' not in plain
    code, _, err = run(capsys, db, "export", "--format", "csv", "--photos", str(tmp_path / "p"))
    assert code == 2 and "JSON" in err


def test_import_checks_every_photo_before_storing_anything(tmp_path, capsys):
    db = logged_with_photos(tmp_path, capsys)
    run(capsys, db, "export", "-o", str(tmp_path / "log.json"), "--photos", str(tmp_path / "ph"))
    truncated_jpeg(tmp_path / "ph" / "2.jpg")
    other = tmp_path / "b.db"
    code, _, err = run(capsys, other, "import", str(tmp_path / "log.json"))
    assert code == 2 and "damaged or cut short" in err
    code, listed, _ = run(capsys, other, "history", "--json")
    assert json.loads(listed) == []  # not even the sessions
    (tmp_path / "ph" / "2.jpg").unlink()
    code, _, err = run(capsys, other, "import", str(tmp_path / "log.json"))
    assert code == 2 and "does not exist" in err
