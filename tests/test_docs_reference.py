"""The docs' command reference is written from the parser at build time
(docs/hooks/cli_reference.py): every command is in it, and each section is exactly what
`homekit COMMAND --help` prints on an 80-column terminal."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

import pytest

from homekit.cli import COMMAND_HOME, main
from tests.conftest import HOMEKIT_BIN, cli_env

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "reference" / "commands.md"


def _hook():
    spec = importlib.util.spec_from_file_location(
        "cli_reference", ROOT / "docs" / "hooks" / "cli_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HOOK = _hook()
ENTRIES = list(HOOK.commands(HOOK.full_parser()))


def test_every_command_and_action_has_a_section():
    paths = {path for path, _line, _text in ENTRIES}
    assert () in paths and ("tui",) in paths
    assert {(name,) for name in COMMAND_HOME} <= paths
    # the nested actions are there too
    assert {("profile", "add"), ("profile", "medical"), ("photo", "compare")} <= paths
    markdown = HOOK.reference_markdown()
    for path, line, text in ENTRIES:
        assert f"{{#{HOOK.anchor(path)}}}" in markdown
        assert text.rstrip("\n") in markdown
        assert line, f"homekit {' '.join(path)} has no help line"


@pytest.mark.parametrize("path", [path for path, _line, _text in ENTRIES],
                         ids=lambda path: " ".join(path) or "homekit")
def test_each_section_is_what_help_prints(path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(HOOK.COLUMNS))
    with pytest.raises(SystemExit) as stop:
        main([*path, "--help"])
    assert stop.value.code == 0
    expected = dict((p, text) for p, _line, text in ENTRIES)[path]
    assert capsys.readouterr().out == expected


def test_the_installed_command_prints_the_same_help():
    env = cli_env(COLUMNS=str(HOOK.COLUMNS))
    out = subprocess.run([HOMEKIT_BIN, "profile", "add", "--help"], env=env,
                         capture_output=True, text=True, check=True).stdout
    assert out == dict((p, text) for p, _line, text in ENTRIES)[("profile", "add")]


def test_the_page_is_filled_at_build_time_and_holds_nothing_generated():
    source = PAGE.read_text(encoding="utf-8")
    assert source.count(HOOK.MARKER) == 1
    assert "usage: homekit" not in source  # nothing generated is committed
    built = HOOK.on_page_markdown(source, page=None, config=None, files=None)
    assert HOOK.MARKER not in built
    assert "usage: homekit log" in built
    assert HOOK.on_page_markdown("# other page", page=None, config=None, files=None) == "# other page"
