"""An unexpected error in the app: exit status 1, one line, no local variables (health data)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys

import pytest

from tests.conftest import cli_env, run_cli

# The real command, with one screen method broken the way a bug would break it; the local
# variable holds text that must never reach the terminal.
CRASHING = """
import sys
import homekit.tui.screens.dashboard as dashboard
def broken(self):
    secret_note = 'SECRET-NOTE ' * 3
    raise RuntimeError('boom')
dashboard.DashboardScreen.refresh_data = broken
from homekit.cli import main
raise SystemExit(main(['--db', sys.argv[1]]))
"""


def run_in_pty(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run a command with a pseudo-terminal as stdin, stdout and stderr; its status and output."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, close_fds=True,
                            env={**env, "TERM": "xterm-256color"})
    os.close(slave)
    out = b""
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
        return proc.wait(timeout=60), out.decode("utf-8", "replace")
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()


@pytest.mark.parametrize("debug", ["", "1"])
def test_a_crash_exits_1_and_shows_no_local_values(tmp_path, debug):
    db = tmp_path / "homekit.db"
    assert run_cli("profile", "condition", "no", db=db).returncode == 0
    assert run_cli("log", "--notes", "private", db=db).returncode == 0
    env = cli_env(HOMEKIT_DEBUG=debug) if debug else cli_env()
    status, out = run_in_pty([sys.executable, "-c", CRASHING, str(db)], env)
    assert status == 1
    assert "SECRET-NOTE" not in out and "secret_note" not in out
    assert "private" not in out
    if debug:
        assert "Traceback" in out and "RuntimeError" in out
    else:
        assert "unexpected error (RuntimeError)" in out
        assert "Traceback" not in out
