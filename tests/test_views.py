"""Standard photo views (front, left, right, close-up) through every door: `photo add --view`,
`photo list [--view] [--json]`, `photo compare` and the report pairing photos by area and view,
export --photos and import (byte-identical), an older file (no views) migrated."""

from __future__ import annotations

import io
import json
import sqlite3

import pytest
from pypdf import PdfReader

from homekit import words
from homekit.cli import main
from homekit.domain import photos as rules
from homekit.domain.errors import InvalidInput
from homekit.services import Homekit
from homekit.words.report import report_document
from tests.conftest import NOW
from tests.images import png_bytes


def run(capsys, db, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("typed,view", [("front", "front"), ("LEFT", "left"),
                                        ("close up", "close-up"), ("closeup", "close-up"),
                                        ("close_up", "close-up")])
def test_views_are_read_as_typed(typed, view):
    assert rules.view(typed) == view


def test_an_unknown_view_names_the_views():
    with pytest.raises(InvalidInput) as caught:
        rules.view("side")
    assert words.error(caught.value) == ("unknown view 'side'; choose from: front, left, right, "
                                         "close-up")


def views_db(tmp_path, capsys):
    db = tmp_path / "v.db"
    run(capsys, db, "profile", "condition", "no")
    for seed, (day, view) in enumerate([("2026-10-01", "left"), ("2026-10-02", "front"),
                                        ("2026-11-01", "left"), ("2026-11-02", None),
                                        ("2026-11-03", None), ("2026-11-04", "left")]):
        src = tmp_path / f"{seed}.png"
        src.write_bytes(png_bytes(seed=seed))
        args = ["photo", "add", str(src), "--area", "cheeks", "--taken", day]
        assert run(capsys, db, *args, *(["--view", view] if view else []))[0] == 0
    return db


def test_add_list_and_json_show_the_view(tmp_path, capsys):
    db = views_db(tmp_path, capsys)
    _, listed, _ = run(capsys, db, "photo", "list", "--json")
    assert [p["view"] for p in json.loads(listed)] == ["left", "front", "left", None, None, "left"]
    _, text, _ = run(capsys, db, "photo", "list", "--view", "left")
    assert text.count("cheeks (left)") == 3 and "front" not in text
    with pytest.raises(SystemExit) as exited:
        main(["--db", str(db), "photo", "add", str(tmp_path / "0.png"), "--view", "side"])
    err = capsys.readouterr().err
    assert exited.value.code == 2 and "unknown view 'side'" in err and err.count("\n") == 1


def test_compare_pairs_by_area_and_view(tmp_path, capsys):
    db = views_db(tmp_path, capsys)
    out = tmp_path / "c.png"
    # Default: the (area, view) with the most photos: cheeks from the left, ids 1 and 6.
    code, text, err = run(capsys, db, "photo", "compare", "-o", str(out))
    assert code == 0, err
    assert "photos 1 and 6" in text
    code, text, _ = run(capsys, db, "photo", "compare", "--area", "cheeks", "-o", str(out),
                        "--force")
    assert "photos 1 and 6" in text
    code, _, err = run(capsys, db, "photo", "compare", "--view", "front", "-o", str(out),
                       "--force")
    assert code == 2 and "only one photo of cheeks, front view" in err


def test_the_pair_without_a_view_is_the_photos_before_views(tmp_path):
    hk = Homekit.open(tmp_path / "h.db", now=lambda: NOW)
    try:
        old = [hk.photos.add_photo(png_bytes(seed=i), area="nose", taken_on=NOW.date()) for i in (1, 2)]
        hk.photos.add_photo(png_bytes(seed=3), area="nose", view="close-up", taken_on=NOW.date())
        pair = hk.photos.comparison(area="nose", view=None)  # not given: the busiest view
        assert (pair.first.id, pair.last.id) == (old[0].id, old[1].id)
        groups = rules.first_and_latest_by_area(hk.photos.photos())
        assert [(f.area, f.view, last is not None) for f, last in groups] == [
            ("nose", None, True), ("nose", "close-up", False)]
        assert hk.photos.view_guide("nose", "close-up").view == "close-up"
        assert hk.photos.view_guide("nose", "front") is None
    finally:
        hk.close()


def test_export_and_import_carry_the_view_byte_for_byte(tmp_path, capsys):
    db = views_db(tmp_path, capsys)
    out = tmp_path / "out"
    out.mkdir()
    run(capsys, db, "export", "-o", str(out / "log.json"), "--photos", str(out / "photos"))
    listed = json.loads((out / "log.json").read_text())["profiles"][0]["photos"]
    assert [e["view"] for e in listed] == ["left", "front", "left", None, None, "left"]
    other = tmp_path / "b.db"
    code, _, err = run(capsys, other, "import", str(out / "log.json"))
    assert code == 0, err
    again = tmp_path / "again"
    again.mkdir()
    run(capsys, other, "export", "-o", str(again / "log.json"), "--photos", str(again / "photos"))
    assert (again / "log.json").read_bytes() == (out / "log.json").read_bytes()
    doc = json.loads((out / "log.json").read_text())
    doc["profiles"][0]["photos"][0]["view"] = "sideways"
    doc["profiles"][0]["name"] = "someone"
    (out / "bad.json").write_text(json.dumps(doc))
    code, _, err = run(capsys, other, "import", str(out / "bad.json"))
    assert code == 2 and "unknown view 'sideways'" in err and "nothing was imported" in err


def test_the_report_shows_the_first_and_latest_of_each_area_and_view(tmp_path, capsys):
    db = views_db(tmp_path, capsys)
    hk = Homekit.open(db, now=lambda: NOW)
    try:
        data, _, facts = hk.report.report_bytes(report_document)
    finally:
        hk.close()
    assert [(f.view, last.id if last else None) for f, last in facts.photo_pairs] == [
        (None, 5), ("front", None), ("left", 6)]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "First and latest photo of each area and view" in text
    assert "Cheeks, left view" in text and "Cheeks, front view" in text


def test_an_older_file_keeps_its_photos_without_a_view(tmp_path, capsys):
    from sqlite_utils import Database

    from homekit.storage import migrations

    old = tmp_path / "old.db"
    conn = sqlite3.connect(old, isolation_level=None)
    try:
        migrations.migrations.apply(Database(conn), stop_before="m012_views_events")
        conn.execute("INSERT INTO profiles (name, created_at) VALUES ('me', '2026-11-01T09:00')")
        conn.execute("INSERT INTO photos (profile_id, area, taken_on, mime, width, height, size, "
                     "created_at) VALUES (1, 'chin', '2026-11-01', 'image/jpeg', 2, 2, 3, "
                     "'2026-11-01T09:00')")
        conn.execute("INSERT INTO photo_images (photo_id, image) VALUES (1, X'FFD8FF')")
    finally:
        conn.close()
    code, listed, err = run(capsys, old, "photo", "list", "--json")
    assert code == 0, err
    assert [(p["area"], p["view"]) for p in json.loads(listed)] == [("chin", None)]
    code, events, _ = run(capsys, old, "event", "list", "--json")
    assert (code, json.loads(events)) == (0, [])
