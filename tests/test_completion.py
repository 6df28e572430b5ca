"""`homekit completion bash|zsh|fish`, completions answered by the real command, and no cost
for every other command."""

from __future__ import annotations

import subprocess

import pytest

from homekit.cli import main
from tests.conftest import HOMEKIT_BIN, cli_env
from tests.test_layers import modules_after


@pytest.mark.parametrize("shell, marker", [("bash", "complete "), ("zsh", "#compdef homekit"),
                                           ("fish", "complete --command homekit")])
def test_completion_prints_a_script_for_each_shell(capsys, shell, marker):
    assert main(["completion", shell]) == 0
    out = capsys.readouterr().out
    assert marker in out and "_ARGCOMPLETE" in out


def test_unknown_shell_is_refused(capsys):
    with pytest.raises(SystemExit) as bad:
        main(["completion", "tcsh"])
    assert bad.value.code == 2


def complete(line: str, tmp_path, cwd=None) -> list[str]:
    out = tmp_path / "completions.txt"
    env = cli_env(tmp_path / "h.db", _ARGCOMPLETE="1", _ARGCOMPLETE_IFS="\n",
                  _ARGCOMPLETE_STDOUT_FILENAME=str(out), COMP_LINE=line,
                  COMP_POINT=str(len(line)))
    subprocess.run([HOMEKIT_BIN], env=env, check=True, timeout=60, capture_output=True, cwd=cwd)
    return out.read_text().split("\n")


def test_the_command_answers_the_shell(tmp_path):
    assert complete("homekit hist", tmp_path) == ["history "]
    assert {"--search", "--since"} <= set(complete("homekit history --s", tmp_path))
    assert "delete" in [c.strip() for c in complete("homekit profile ", tmp_path)]
    assert [c.strip() for c in complete("homekit completion f", tmp_path)] == ["fish"]
    assert not (tmp_path / "h.db").exists()  # completing opens no data file


def test_status_does_not_load_completion(tmp_path):
    env = cli_env(tmp_path / "h.db")
    loaded = modules_after(
        "import sys\nsys.argv = ['homekit', 'status', '--json']\n"
        "from homekit.cli import main\nmain()", env=env)
    assert not any(m.startswith("argcomplete") for m in loaded)
