"""An import reads the photos an export lists only from inside the export's folder.

The attack: a crafted export whose photo "file" is any absolute or `../` path (or a symlink
leading out) pulled in any image the user could read. Real files, real symlinks, the real
command.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from homekit.domain.errors import InvalidInput
from tests.conftest import answer_condition, run_cli
from tests.images import png_bytes


@pytest.fixture
def export(tmp_path: Path) -> Path:
    """An export with one photo, in a folder of its own; a private image lies outside it."""
    db = tmp_path / "source.db"
    answer_condition(db)
    assert run_cli("log", "--date", "2026-11-01", db=db).returncode == 0
    (tmp_path / "face.png").write_bytes(png_bytes(300, 200))
    assert run_cli("photo", "add", str(tmp_path / "face.png"), "--area", "cheeks",
                   db=db).returncode == 0
    folder = tmp_path / "export"
    folder.mkdir()
    assert run_cli("export", "-o", str(folder / "log.json"), "--photos", str(folder / "photos"),
                   db=db).returncode == 0
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "secret.png").write_bytes(png_bytes(400, 300, seed=7))
    return folder / "log.json"


def naming(export: Path, ref: str) -> Path:
    doc = json.loads(export.read_text(encoding="utf-8"))
    doc["profiles"][0]["photos"][0]["file"] = ref
    export.write_text(json.dumps(doc), encoding="utf-8")
    return export


def refused(export: Path, tmp_path: Path, why: str) -> None:
    target = tmp_path / "target.db"
    out = run_cli("import", str(export), db=target)
    assert out.returncode == 2 and out.stderr.count("\n") == 1, out.stderr
    assert why in out.stderr and "import reads photos only from inside the folder" in out.stderr
    assert "nothing was imported" in out.stderr
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM photos").fetchone()[0] == 0


def test_the_export_as_written_imports(export, tmp_path):
    out = run_cli("import", str(export), db=tmp_path / "target.db")
    assert out.returncode == 0, out.stderr
    assert "Photos: imported 1." in out.stdout


def test_an_absolute_path_is_refused(export, tmp_path):
    refused(naming(export, str(tmp_path / "private" / "secret.png")), tmp_path,
            "is an absolute path")


def test_a_path_up_out_of_the_folder_is_refused(export, tmp_path):
    refused(naming(export, "../private/secret.png"), tmp_path, "climbs out of the export's folder")
    refused(naming(export, "photos/../../private/secret.png"), tmp_path, "climbs out")


def test_a_symlink_out_of_the_folder_is_refused(export, tmp_path):
    os.symlink(tmp_path / "private" / "secret.png", export.parent / "photos" / "innocent.jpg")
    refused(naming(export, "photos/innocent.jpg"), tmp_path, "is a symbolic link out")
    os.symlink(tmp_path / "private", export.parent / "more")
    refused(naming(export, "more/secret.png"), tmp_path, "is a symbolic link out")


def test_a_symlink_that_stays_inside_is_read(export, tmp_path):
    (photo,) = (export.parent / "photos").glob("*.jpg")
    os.symlink(photo.name, export.parent / "photos" / "alias.jpg")
    naming(export, "photos/alias.jpg")
    out = run_cli("import", str(export), db=tmp_path / "target.db")
    assert out.returncode == 0, out.stderr


def test_export_refuses_a_photos_folder_outside_its_own(export, tmp_path):
    db = tmp_path / "source.db"
    out = run_cli("export", "-o", str(tmp_path / "export" / "again.json"), "--photos",
                  str(tmp_path / "elsewhere"), db=db)
    assert out.returncode == 2 and out.stderr.count("\n") == 1
    assert "is not inside" in out.stderr and "choose a folder there" in out.stderr
    assert not (tmp_path / "elsewhere").exists() and not (tmp_path / "export" / "again.json").exists()


@pytest.mark.parametrize("ref, why", [
    ("/etc/passwd", "absolute"), ("~/x.jpg", "absolute"), ("../x.jpg", "parent"),
    ("a/../../x.jpg", "parent"), ("link/x.jpg", "link"),
])
def test_the_rule_itself(ref, why):
    from homekit.domain.containment import inside

    def realpath(p: str) -> str:  # "link" leads to /elsewhere, the rest is as written
        return p.replace("/exp/link", "/elsewhere")

    with pytest.raises(InvalidInput) as caught:
        inside("/exp", ref, realpath)
    assert caught.value.code == "path_outside" and caught.value.facts["why"] == why
    assert inside("/exp", "photos/1.jpg", realpath) == "/exp/photos/1.jpg"
