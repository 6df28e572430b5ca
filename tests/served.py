"""`homekit serve` as a person runs it, and a real headless Chromium (Debian's) on its page.

The server runs as a real process; Playwright drives /usr/bin/chromium (never a browser it
downloads). The page's terminal draws on a canvas, so what it shows is read from the bytes the
page received on its websocket, fed to a terminal emulator (pyte) of the page's size.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import psutil
import pyte

from tests.conftest import HOMEKIT_BIN, cli_env

DEADLINE = 60.0  # seconds: generous, so a loaded machine is never mistaken for a bug
CHROMIUM = "/usr/bin/chromium"
#: As on this machine's probe: no sandbox (root), no GPU, and no connection of its own.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/([A-Za-z0-9_-]+)/")


def wait_for(check: Callable[[], object], what: str | Callable[[], str],
             pause: Callable[[], None] | None = None, deadline: float = DEADLINE) -> None:
    """Poll until `check()` holds; fail with `what` (or what `what()` says then) after the
    deadline."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if check():
            return
        (pause or (lambda: time.sleep(0.05)))()
    raise AssertionError(f"not seen within {deadline:.0f} s: {what() if callable(what) else what}")


def gone(pid: int) -> bool:
    """The process has ended (a zombie left for a reaper that is not us counts as ended)."""
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


class Server:
    """`homekit --db DB serve --port 0 ...` in a real process, its output in files."""

    def __init__(self, db: Path, folder: Path, *args: str, **env: str) -> None:
        self.out, self.err = folder / "serve.out", folder / "serve.err"
        with self.out.open("wb") as out, self.err.open("wb") as err:
            self.process = subprocess.Popen(
                [HOMEKIT_BIN, "--db", str(db), "serve", "--port", "0", *args],
                stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=cli_env(None, **env))
        try:
            wait_for(lambda: ADDRESS.search(self.out.read_text()) or self.process.poll() is not None,
                     "the address line")
            found = ADDRESS.search(self.out.read_text())
            assert found, (self.out.read_text(), self.err.read_text())
        except BaseException:
            self.stop()
            raise
        self.port, self.token = int(found.group(1)), found.group(2)
        self.base = f"http://127.0.0.1:{self.port}"
        self.url = f"{self.base}/{self.token}/"

    def apps(self) -> list[psutil.Process]:
        """The app processes this server started (one a tab)."""
        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        return [p for p in children if not gone(p.pid)]

    def output(self) -> str:
        return self.out.read_text() + self.err.read_text()

    def stop(self, sig: int = signal.SIGTERM) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise


class Tab:
    """A browser tab on the page, with the screen its terminal shows (read through pyte)."""

    def __init__(self, context, url: str) -> None:
        self.page = context.new_page()
        self.page.set_default_timeout(DEADLINE * 1000)  # goto, screenshot: Playwright's 30 s
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.page.on("websocket", self._watch)
        self.response = self.page.goto(url)

    def _watch(self, websocket) -> None:
        size = parse_qs(urlsplit(websocket.url).query)
        self.screen.resize(int(size["height"][0]), int(size["width"][0]))
        websocket.on("framereceived", self._received)
        websocket.on("framesent", self._sent)

    def _received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            self.stream.feed(payload)

    def _sent(self, payload: str | bytes) -> None:
        message = json.loads(payload) if isinstance(payload, str) else None
        if isinstance(message, list) and message[0] == "resize":
            self.screen.resize(message[1]["height"], message[1]["width"])

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pause(self) -> None:
        self.page.wait_for_timeout(50)  # lets Playwright deliver the page's frames

    def wait_for(self, text: str) -> None:
        self.wait_until(lambda shown: text in shown, repr(text))

    def wait_until(self, check: Callable[[str], object], what: str) -> None:
        """Poll until `check(the page's text)` holds; a failure shows the page as it was then."""
        wait_for(lambda: check(self.text()), lambda: f"{what} on the page\n{self.text()}",
                 self.pause)

    def has_keyboard(self) -> bool:
        """The page's terminal holds the keyboard's focus: a key pressed now reaches the app
        (page.js gives it the focus a moment after the app first draws; a key pressed before
        goes to the page's body, and is lost)."""
        return bool(self.page.evaluate(
            "document.hasFocus() && document.activeElement !== null"
            " && document.activeElement.classList.contains('xterm-helper-textarea')"))

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)

    def ended(self) -> bool:
        """The page says its app has ended (its websocket closed)."""
        return bool(self.page.evaluate("document.body.classList.contains('-closed')"))
