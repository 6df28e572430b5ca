"""`homekit serve` without a browser: its refusals (one line, an exit code, nothing served),
--open, Ctrl-C, and the app's own side (a browser page is not a missing terminal; text charts).
The page itself is tested in a real Chromium in test_serve_browser.py."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import HOMEKIT_BIN, cli_env, run_cli
from tests.served import Server, wait_for
from tests.test_cli import one_line_error


def test_another_host_is_refused_with_a_pointer_to_the_tunnel(db_path):
    for host in ("0.0.0.0", "192.168.1.20", "::", "example.org", "127.0.0.2"):
        r = run_cli("serve", "--host", host, db=db_path)
        assert r.returncode == 2, (host, r.stderr)
        line = one_line_error(r)
        assert "loopback address only" in line and "SSH tunnel" in line, line
        assert r.stdout == ""


def test_a_port_in_use_is_one_line_and_exit_1(db_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        # localhost is accepted as a name for the loopback address: it gets as far as the port
        r = run_cli("serve", "--host", "localhost", "--port", str(port), db=db_path)
    assert r.returncode == 1, r.stderr
    assert one_line_error(r) == (f"homekit: error: port {port} on 127.0.0.1 is in use; choose another "
                                 "with --port N (--port 0 takes any free port)")
    assert r.stdout == ""


@pytest.mark.parametrize("port", ["70000", "-1", "http", ""])
def test_a_port_that_is_no_port_is_a_usage_error(db_path, port):
    r = run_cli("serve", "--port", port, db=db_path)
    assert r.returncode == 2
    assert "is not a port" in one_line_error(r)


def test_without_the_web_extra_it_says_how_to_install_it(db_path):
    # textual-serve made unimportable in a real process, as when the extra is not installed
    code = ("import sys; sys.modules['textual_serve'] = None; from homekit.cli import main; "
            "sys.exit(main(['serve']))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env=cli_env(db_path), timeout=60, stdin=subprocess.DEVNULL)
    assert r.returncode == 2, r.stderr
    assert one_line_error(r).endswith("install it with: pip install 'homekit-skinlog[web]'")
    assert not db_path.exists()  # refused before the file is touched


def test_a_file_homekit_cannot_use_is_said_before_anything_is_served(tmp_path):
    r = run_cli("--db", str(tmp_path / "no-such-folder" / "homekit.db"), "serve", "--port", "0")
    assert r.returncode == 1
    assert "does not exist" in one_line_error(r)
    assert r.stdout == ""


def test_open_hands_the_address_to_the_browser_and_ctrl_c_stops(tmp_path):
    """--open runs the default browser ($BROWSER here: a script that writes down its address);
    the token is printed once, on the address line, and nowhere else."""
    opened = tmp_path / "opened"
    browser = tmp_path / "browser"
    browser.write_text(f"#!/bin/sh\nprintf '%s' \"$1\" > '{opened}'\n")
    browser.chmod(0o700)
    db = tmp_path / "homekit.db"
    server = Server(db, tmp_path, "--open", BROWSER=str(browser))
    try:
        wait_for(lambda: opened.exists() and opened.read_text(), "the browser to be started")
        assert opened.read_text() == server.url
    finally:
        code = server.stop(signal.SIGINT)
    assert code == 0
    output = server.output()
    assert output.count(server.token) == 1, output
    assert server.out.read_text().splitlines() == [
        f"homekit: open {server.url} in a browser on this machine (Ctrl-C stops the server)"]
    assert "server stopped; no app was open" in server.err.read_text()


def test_each_start_has_a_new_token_of_256_bits(tmp_path):
    tokens = []
    for i in range(2):
        folder = tmp_path / str(i)
        folder.mkdir()
        server = Server(tmp_path / "homekit.db", folder)
        tokens.append(server.token)
        assert server.stop() == 0
    assert tokens[0] != tokens[1]
    assert all(len(t) == 43 for t in tokens)  # secrets.token_urlsafe(32): 32 random bytes


# -- the app's side ---------------------------------------------------------------------------


def test_the_app_still_refuses_a_pipe_unless_served_to_a_browser(db_path):
    """Only the browser drivers (which speak over pipes) let the app start without a terminal."""
    for driver in ("", "textual.drivers.linux_driver:LinuxDriver", "homekit.tui.served"):
        r = subprocess.run([HOMEKIT_BIN, "tui"], capture_output=True, text=True, timeout=60,
                           env=cli_env(db_path, TEXTUAL_DRIVER=driver), stdin=subprocess.DEVNULL)
        assert r.returncode == 2, (driver, r.stderr)
        assert "needs a terminal" in one_line_error(r)


def test_in_a_browser_charts_are_text_whatever_the_terminal_variables_say():
    from homekit.tui import SERVED_DRIVER, in_browser
    from homekit.tui.images import image_protocol

    kitty = {"TERM": "xterm-kitty", "TERM_PROGRAM": "textual"}
    assert image_protocol(kitty) == "tgp"
    for driver in (SERVED_DRIVER, "textual.drivers.web_driver:WebDriver"):
        served = {**kitty, "TEXTUAL_DRIVER": driver}
        assert in_browser(served)
        assert image_protocol(served) is None
        assert image_protocol({**served, "HOMEKIT_CHART_IMAGES": "tgp"}) is None
    assert not in_browser({"TEXTUAL_DRIVER": "textual.drivers.linux_driver:LinuxDriver"})


def test_each_tab_runs_this_python_on_the_same_file_and_profile(tmp_path):
    from homekit.cli.serve import app_command

    argv = app_command(Path("rel") / "homekit.db", "-ana")
    assert argv[:3] == [sys.executable, "-m", "homekit"]
    assert argv[3] == f"--db={Path.cwd() / 'rel' / 'homekit.db'}"
    assert argv[4:] == ["--profile=-ana", "tui"]  # a name that starts with '-' stays a value
    assert app_command(tmp_path / "h.db", None) == [sys.executable, "-m", "homekit",
                                                    f"--db={tmp_path / 'h.db'}", "tui"]
