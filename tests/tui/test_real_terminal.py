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
