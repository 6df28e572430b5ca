"""`homekit check` reports every folder on the way to the data file that others can write in.

The hole: a data file in a 0777 folder got "Modes: owner only" (only the file, its companions
and homekit's own folders were looked at), though anyone could replace the file there.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from tests.conftest import run_cli, run_in_process


def data_file(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "homekit.db"
    assert run_in_process("profile", "add", "me", db=db).returncode == 0
    return db


def check(db: Path) -> tuple[int, str, dict]:
    text = run_in_process("check", db=db)
    report = json.loads(run_in_process("check", "--json", db=db).stdout)
    return text.returncode, text.stdout, report


def test_a_world_writable_folder_on_the_way_is_reported(tmp_path):
    open_folder = tmp_path / "shared"
    db = data_file(open_folder / "mine")
    os.chmod(open_folder, 0o777)
    code, text, report = check(db)
    assert code == 1 and report["healthy"] is False
    assert "Modes:      1 open to others" in text
    assert f"{open_folder}: folder mode 777 (others can write in it" in text
    assert [(m["path"], m["mode"]) for m in report["modes"]] == [(str(open_folder), "777")]


def test_a_group_writable_folder_is_reported_too(tmp_path):
    db = data_file(tmp_path / "team")
    os.chmod(db.parent, 0o775)
    code, text, _ = check(db)
    assert code == 1 and f"{db.parent}: folder mode 775" in text


def test_a_sticky_folder_above_is_safe_but_not_as_the_data_files_own(tmp_path):
    sticky = tmp_path / "tmp"
    db = data_file(sticky / "mine")
    os.chmod(sticky, 0o1777)
    os.chmod(db.parent, 0o700)
    assert check(db)[0] == 0  # others cannot rename or remove "mine" (sticky, and it is ours)
    beside = sticky / "homekit.db"
    assert run_in_process("profile", "add", "me", db=beside).returncode == 0
    code, text, _ = check(beside)
    assert code == 1 and f"{sticky}: folder mode 1777" in text  # -wal, -shm could be planted


def test_a_folder_of_another_user_is_reported():
    from homekit.storage.folders import _folder_problem

    me = os.getuid()
    theirs = os.stat_result((stat.S_IFDIR | 0o755, 0, 0, 1, me + 1000, 0, 0, 0, 0, 0))
    found = _folder_problem(Path("/home/bob"), theirs, None, me)
    assert found is not None and (found.why, found.uid) == ("other_owner", me + 1000)
    root = os.stat_result((stat.S_IFDIR | 0o755, 0, 0, 1, 0, 0, 0, 0, 0, 0))
    assert _folder_problem(Path("/home"), root, Path("/home/me"), me) is None


def test_the_installed_command_says_it_too(tmp_path):
    db = data_file(tmp_path / "shared" / "mine")
    os.chmod(tmp_path / "shared", 0o757)
    out = run_cli("check", db=db)
    assert out.returncode == 1 and "folder mode 757" in out.stdout
