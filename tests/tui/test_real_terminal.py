"""The installed `homekit` command in a real terminal (tmux): it draws, answers keys, quits."""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from collections.abc import Callable

from tests.conftest import HOMEKIT_BIN, run_cli

DEADLINE = 60.0  # generous: a loaded machine is slow, but a hang must still end the test


def wait_for(check: Callable[[], bool], what: str) -> None:
    """Poll until `check()` holds; fail with `what` after DEADLINE seconds."""
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_the_app_in_a_real_terminal(tmp_path):
    db = tmp_path / "homekit.db"
    assert run_cli("profile", "condition", "no", db=db).returncode == 0  # before the first log
    assert run_cli("log", "--duration", "40", db=db).returncode == 0
    socket = f"homekit-test-{os.getpid()}"

    def tmux(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, timeout=30)

    def screen() -> str:
        return tmux("capture-pane", "-p", "-t", "hk").stdout

    # The shell records the app's exit status: tmux itself, on a loaded machine, may leave the
    # exited process unreaped and never report a status.
    status_file = tmp_path / "exit-status"
    command = (f"{shlex.quote(HOMEKIT_BIN)} --db {shlex.quote(str(db))}; "
               f"echo $? > {shlex.quote(str(status_file))}")
    try:
        started = tmux("new-session", "-d", "-s", "hk", "-x", "100", "-y", "30", command)
        assert started.returncode == 0, started.stderr
        # The whole first frame: on a loaded machine the progress row can be on screen before
        # the cards under it.
        wait_for(lambda: "Sessions 1 of 6" in screen() and "in 7 days" in screen(),
                 "the dashboard")
        assert "next session on" in screen() and "in 7 days" in screen()
        tmux("send-keys", "-t", "hk", "l")
        wait_for(lambda: "Next eligible date" in screen(), "the weekly block")
        tmux("send-keys", "-t", "hk", "Escape")
        wait_for(lambda: "Next eligible date" not in screen(), "the block to close")
        tmux("send-keys", "-t", "hk", "q")

        wait_for(lambda: status_file.exists() and status_file.read_text().strip() != "",
                 "the app to quit")
        assert status_file.read_text().strip() == "0"
    finally:
        tmux("kill-server")


def test_a_new_file_in_a_real_terminal_quit_at_once_or_started(tmp_path):
    """A data file that does not exist yet: the welcome screen is drawn, and quitting at once
    ends the app cleanly (status 0) leaving no file or a whole one; run again, the welcome
    screen's Start stores the profile in a whole file."""
    db = tmp_path / "new.db"
    socket = f"homekit-test-new-{os.getpid()}"

    def tmux(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, timeout=30)

    def screen() -> str:
        return tmux("capture-pane", "-p", "-t", "hk").stdout

    def start(status_file) -> None:  # noqa: ANN001
        command = (f"{shlex.quote(HOMEKIT_BIN)} --db {shlex.quote(str(db))}; "
                   f"echo $? > {shlex.quote(str(status_file))}")
        started = tmux("new-session", "-d", "-s", "hk", "-x", "100", "-y", "30", command)
        assert started.returncode == 0, started.stderr
        wait_for(lambda: "Welcome to homekit" in screen(), "the welcome screen")

    def ended(status_file) -> str:  # noqa: ANN001
        wait_for(lambda: status_file.exists() and status_file.read_text().strip() != "",
                 "the app to quit")
        return status_file.read_text().strip()

    try:
        start(tmp_path / "first")
        tmux("send-keys", "-t", "hk", "C-q")
        assert ended(tmp_path / "first") == "0"
        if db.exists():  # the worker had begun: it finished first
            assert run_cli("check", db=db).returncode == 0
        start(tmp_path / "second")
        tmux("send-keys", "-t", "hk", "Tab", "Tab", "Tab", "Enter")  # the question: No
        wait_for(lambda: "▐●▌ No" in screen(), "the answer")
        tmux("send-keys", "-t", "hk", "Tab", "Enter")  # Start
        wait_for(lambda: "Sessions 0 of 6" in screen(), "the dashboard")
        tmux("send-keys", "-t", "hk", "q")
        assert ended(tmp_path / "second") == "0"
    finally:
        tmux("kill-server")
    assert run_cli("check", db=db).returncode == 0
    status = run_cli("status", "--json", db=db)
    assert '"profile": "me"' in status.stdout and '"skin_type": null' in status.stdout
