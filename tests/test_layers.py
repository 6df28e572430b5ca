"""What import-linter (pyproject.toml, run in CI) cannot express: no SQL text outside storage,
and heavy libraries imported only when a command needs them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import cli_env

PACKAGE = Path(__file__).resolve().parent.parent / "homekit"


def modules_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         env=env, timeout=60, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_status_command_imports_nothing_heavy(tmp_path):
    db = tmp_path / "h.db"
    env = cli_env(db)
    subprocess.run([sys.executable, "-m", "homekit", "profile", "condition", "no"], env=env,
                   check=True, capture_output=True, timeout=60)
    subprocess.run([sys.executable, "-m", "homekit", "log"], env=env, check=True,
                   capture_output=True, timeout=60)
    loaded = modules_after(
        "import sys\nsys.argv = ['homekit', 'status', '--json']\n"
        "from homekit.cli import main\nmain()", env=env)
    for heavy in ("textual", "matplotlib", "sqlite_utils", "numpy", "PIL", "fpdf"):
        assert heavy not in loaded, heavy
    # Start-up: only the status command's own module, no photo, report or chart rules, and
    # no shutil (argparse's formatter would import it for every option registered).
    for lazy in ("homekit.cli.charts", "homekit.cli.data", "homekit.cli.photos",
                 "homekit.domain.photos", "homekit.domain.report", "homekit.domain.series",
                 "homekit.storage.photos", "homekit.transfer", "shutil"):
        assert lazy not in loaded, lazy


def test_commands_on_an_existing_file_import_no_sqlite_utils_nor_numpy(tmp_path):
    """Only a file that needs migrating loads sqlite-utils (and then without numpy): check,
    restore and every open of an existing file compare the migration record without it."""
    db = tmp_path / "h.db"
    env = cli_env(db)
    for argv in (["profile", "condition", "no"], ["log"], ["backup", str(tmp_path / "b.db")]):
        subprocess.run([sys.executable, "-m", "homekit", *argv], env=env, check=True,
                       capture_output=True, timeout=60)
    for argv in (["check"], ["restore", str(tmp_path / "b.db")], ["status"], ["history"]):
        run = subprocess.run([sys.executable, "-X", "importtime", "-m", "homekit", *argv],
                             env=env, capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr
        imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines()
                    if line.startswith("import time:")}
        assert "homekit.storage.health" in imported or argv != ["check"]
        assert not imported & {"sqlite_utils", "numpy", "pandas"}, argv


def test_photo_list_and_status_with_photos_import_no_pillow(tmp_path):
    db = tmp_path / "h.db"
    env = cli_env(db)
    from tests.images import png_bytes

    (tmp_path / "p.png").write_bytes(png_bytes())
    subprocess.run([sys.executable, "-m", "homekit", "photo", "add", str(tmp_path / "p.png")],
                   env=env, check=True, capture_output=True, timeout=60)
    for argv in (["status"], ["photo", "list"]):
        run = subprocess.run([sys.executable, "-X", "importtime", "-m", "homekit", *argv],
                             env=env, capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr
        imported = [line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines()
                    if line.startswith("import time:")]
        assert "homekit.services" in imported
        assert not [m for m in imported if m.startswith(("PIL", "matplotlib", "textual"))], argv


def test_no_sql_outside_storage():
    sql = re.compile(r"\.execute\(|\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE)\b")
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "storage" in path.relative_to(PACKAGE).parts:
            continue
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if sql.search(line):
                offenders.append(f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}")
    assert offenders == []
