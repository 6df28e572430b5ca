"""`homekit serve` in a real headless Chromium: the token, the app in the page, its keys, two
tabs on one file, and every app process ended with its tab or its server.

One browser for the module; one server for the tests that share a file, and a server of their
own for the tests that stop it.
"""

from __future__ import annotations

import datetime as dt
import io
import signal
import socket
import sqlite3
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import sync_playwright

from homekit.tui.screens.log_session import SAFETY_CHECKS
from homekit.tui.widgets.marks import TICK
from tests.conftest import run_cli
from tests.served import CHROMIUM, CHROMIUM_ARGS, Server, Tab, gone, wait_for

TODAY = dt.date.today()  # the app's clock is the real one (or faketime's), as is this


def prepared(db: Path) -> Path:
    """A file with one session 60 days ago: the dashboard shows it, and a session may be logged."""
    assert run_cli("profile", "condition", "no", db=db).returncode == 0
    assert run_cli("log", "--date", (TODAY - dt.timedelta(days=60)).isoformat(),
                   db=db).returncode == 0
    return db


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1100, "height": 700})
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One server on one prepared file, for the tests that only read or log once."""
    folder = tmp_path_factory.mktemp("served")
    db = prepared(folder / "homekit.db")
    server = Server(db, folder)
    yield server, db
    server.stop()


def http_status(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def websocket_handshake(port: int, path: str) -> str:
    """The status line a websocket upgrade request for `path` gets."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall((f"GET {path}?width=80&height=24 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                      "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        return conn.recv(4096).decode("latin-1").split("\r\n", 1)[0]


def sessions_in(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
    finally:
        conn.close()


def test_without_the_token_every_request_is_refused(shared, context):
    server, _ = shared
    token = server.token
    wrong = token[:-1] + ("A" if token[-1] != "A" else "B")
    for path in ("/", "/ws", "/static/js/textual.js", "/favicon.ico", f"/{wrong}/",
                 f"/{wrong}/ws", f"/{wrong}/static/js/textual.js", f"/{token[:-1]}/",
                 f"/{token}x/", f"/x/{token}/", f"/?token={token}"):
        status, body = http_status(server.base + path)
        assert status == 403, path
        assert token not in body
    for path in ("/ws", f"/{wrong}/ws", f"/{token.upper()}/ws"):
        assert websocket_handshake(server.port, path) == "HTTP/1.1 403 Forbidden", path
    assert server.apps() == []  # none of these started an app

    refused = context.new_page().goto(server.base + "/")
    assert refused is not None and refused.status == 403
    tab = Tab(context, server.url)
    assert tab.response is not None and tab.response.status == 200
    headers = tab.response.headers
    assert headers["referrer-policy"] == "no-referrer"
    assert "connect-src 'self'" in headers["content-security-policy"]
    tab.wait_for("Sessions 1 of 6")  # the app started at once: no splash, no button
    tab.wait_for("History")  # its footer: the page gave the app the keyboard's focus
    assert "homekit" in tab.page.title() and str(shared[1]) not in tab.page.content()


def test_two_tabs_log_in_one_see_it_in_the_other_and_each_app_ends_with_its_tab(
        shared, context):
    server, db = shared
    a, b = Tab(context, server.url), Tab(context, server.url)
    for tab in (a, b):
        tab.wait_for("Sessions 1 of 6")
    wait_for(lambda: len(server.apps()) == 2, "one app process a tab")
    apps = {p.pid: p.cmdline() for p in server.apps()}
    for argv in apps.values():
        assert argv[-1] == "tui" and f"--db={db}" in argv
        assert not any(server.token in arg for arg in argv)

    # Log a session with the page's keys: l, the four safety ticks, Continue, then save. Each
    # key is pressed once the screen shows that the one before it has landed: a key the app
    # reads before the widget it is meant for is there goes elsewhere, as a person's would.
    wait_for(a.has_keyboard, "the page's terminal to hold the keyboard", a.pause)
    a.press("l")
    a.wait_for("Before you start")
    ticked = a.text().count(TICK)
    for n in range(1, len(SAFETY_CHECKS) + 1):
        a.press("Space")  # the focused item: the first at first, then the one Tab reached
        a.wait_until(lambda shown, n=n: shown.count(TICK) == ticked + n, f"{n} ticks")
        a.press("Tab")  # on to the next item; after the last one, Continue
    a.press("Enter")
    a.wait_for("Save (ctrl+s)")
    a.press("Control+s")
    wait_for(lambda: sessions_in(db) == 2, "the session in the file", a.pause)
    status = run_cli("status", "--json", db=db)
    assert '"sessions_done": 2' in status.stdout, status.stdout
    a.wait_for("Redness after session #2")  # the follow-up question: how red is it now?
    a.press("Escape")  # it may be skipped
    a.wait_until(lambda shown: "Sessions 2 of 6" in shown and "Redness after" not in shown,
                 "the dashboard with the session, the question gone")
    b.wait_for("Sessions 2 of 6")  # the other tab's dashboard saw the file change

    # Charts are text in the page (its terminal shows no images).
    wait_for(b.has_keyboard, "the other page's terminal to hold the keyboard", b.pause)
    b.press("g")
    wait_for(lambda: any("\u2800" < ch <= "\u28ff" for ch in b.text()), "a braille chart",
             b.pause)
    shot = Image.open(io.BytesIO(b.page.screenshot()))
    assert len(shot.convert("RGB").getcolors(1 << 16) or []) > 8  # the canvas drew the app

    a.page.close()
    wait_for(lambda: len(server.apps()) == 1, "the closed tab's app to end")
    b_pid = server.apps()[0].pid
    assert [pid for pid in apps if pid != b_pid and not gone(pid)] == []
    b.press("Escape")
    b.wait_for("Recent sessions")  # back on the dashboard (ESC and q at once would be alt+q)
    b.press("q")  # quit from the page
    wait_for(b.ended, "the page to say its app ended", b.pause)
    wait_for(lambda: gone(b_pid), "the quit app to end")
    assert "The app has ended." in b.page.inner_text("body")


def test_sigterm_ends_the_server_and_every_app_it_started(tmp_path, context):
    db = prepared(tmp_path / "homekit.db")
    server = Server(db, tmp_path)
    try:
        tabs = [Tab(context, server.url) for _ in range(2)]
        for tab in tabs:
            tab.wait_for("Sessions 1 of 6")
        wait_for(lambda: len(server.apps()) == 2, "two app processes")
        pids = [p.pid for p in server.apps()]
    finally:
        code = server.stop(signal.SIGTERM)
    assert code == 0, server.output()
    assert [pid for pid in pids if not gone(pid)] == []
    for tab in tabs:
        wait_for(tab.ended, "the page to say its app ended", tab.pause)
    output = server.output()
    assert output.count(server.token) == 1, output  # the address line, and nowhere else
    assert "server stopped; 2 apps ended" in output


def test_an_app_ends_when_its_server_is_killed(tmp_path, context):
    db = prepared(tmp_path / "homekit.db")
    server = Server(db, tmp_path)
    try:
        Tab(context, server.url).wait_for("Sessions 1 of 6")
        wait_for(lambda: len(server.apps()) == 1, "the app process")
        pid = server.apps()[0].pid
    finally:
        server.stop(signal.SIGKILL)  # no chance to tell its apps: their input just ends
    wait_for(lambda: gone(pid), "the app of a killed server to end")
