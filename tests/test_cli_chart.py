"""`homekit chart` as a user runs it: the installed command in a real process."""

from __future__ import annotations

import datetime as dt
import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from homekit.domain.models import SessionDraft
from homekit.services import Homekit
from homekit.storage import open_store
from tests.conftest import HOMEKIT_BIN, cli_env


@pytest.fixture
def logged(tmp_path: Path) -> dict[str, str]:
    """A data file with two sessions; returns the environment that points at it."""
    store = open_store(tmp_path / "h.db")
    hk = Homekit(store)
    hk.profiles.record_skin_condition(False, False)  # required before the first session
    for day, red in ((dt.date(2026, 1, 5), 2), (dt.date(2026, 1, 12), 3)):
        hk.sessions.log_session(SessionDraft(day), redness_severity=red, faded_after_min=30)
    store.close()
    return cli_env(tmp_path / "h.db")


def chart(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([HOMEKIT_BIN, "chart", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_default_writes_an_owner_only_png_in_the_current_folder(tmp_path, logged):
    out = chart(cwd=tmp_path, env=logged)
    assert out.returncode == 0, out.stderr
    png = tmp_path / "homekit-progress.png"
    # The full path (the folder the command was started in): no guessing where it went.
    assert out.stdout.strip() == f"Wrote progress chart to {tmp_path / 'homekit-progress.png'}"
    assert stat.S_IMODE(png.stat().st_mode) == 0o600
    with Image.open(png) as img:
        assert img.format == "PNG" and img.size == (1200, 675)  # 8 x 4.5 in at 150 dpi


def test_size_dpi_and_kind_all_as_matplotlib_users_expect(tmp_path, logged):
    out = chart("--kind", "all", "--width", "4", "--height", "6", "--dpi", "50", "-o", "both.png",
                cwd=tmp_path, env=logged)
    assert out.returncode == 0, out.stderr
    with Image.open(tmp_path / "both.png") as img:
        assert img.size == (200, 300)


@pytest.mark.parametrize("name,magic", [("c.svg", b"<?xml"), ("c.PDF", b"%PDF")])
def test_format_follows_the_extension(tmp_path, logged, name, magic):
    out = chart("--kind", "redness", "--output", name, cwd=tmp_path, env=logged)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / name).read_bytes().startswith(magic)


def test_unknown_extension_is_refused_in_one_line(tmp_path, logged):
    out = chart("-o", "chart.jpg", cwd=tmp_path, env=logged)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "unknown chart file type '.jpg'" in out.stderr
    assert not (tmp_path / "chart.jpg").exists()


def test_bad_size_is_refused(tmp_path, logged):
    out = chart("--dpi", "zero", cwd=tmp_path, env=logged)
    assert out.returncode == 2 and "dpi" in out.stderr


def test_text_prints_the_chart_without_matplotlib(tmp_path, logged):
    out = chart("--text", "--kind", "all", cwd=tmp_path, env={**logged, "COLUMNS": "80"})
    assert out.returncode == 0, out.stderr
    assert "2 of 6 sessions done, 4 to go" in out.stdout
    assert "How your skin reacted" in out.stdout
    assert max(len(line) for line in out.stdout.splitlines()) <= 80
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".png", ".svg", ".pdf")]
    probe = ("import sys\nsys.argv = ['homekit', 'chart', '--text']\nfrom homekit.cli import main\n"
             "main()\nimport json\nprint(json.dumps(sorted(sys.modules)))")
    run = subprocess.run([sys.executable, "-c", probe], env=logged, capture_output=True,
                         text=True, timeout=60, check=True)
    modules = json.loads(run.stdout.strip().splitlines()[-1])
    assert not [m for m in modules if m.split(".")[0] in ("matplotlib", "textual")]


def test_status_does_not_import_matplotlib(logged):
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "homekit", "status"],
                         env=logged, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines()
                if line.startswith("import time:")]
    assert "homekit.services" in imported  # the probe sees the imports...
    assert not [m for m in imported if m.startswith(("matplotlib", "PIL", "textual"))]
