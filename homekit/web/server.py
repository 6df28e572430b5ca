"""The server behind `homekit serve`: textual-serve's page and app protocol, behind a token.

textual-serve (Textualize) runs one Textual app process per browser tab and relays its screen
to xterm.js over a websocket. Its own `Server` shows a splash with the command line (the data
file's path), logs every request URL, loads fonts from another site and binds any host. This
server keeps textual-serve's page script and its per-tab process protocol (`AppService`) and
adds what a health log needs:

- it listens on a socket its caller bound to the loopback address;
- every request, HTTP or websocket, names the per-start token as its first path segment
  (`/TOKEN/`, `/TOKEN/ws`, `/TOKEN/static/...`), compared in constant time; any other gets 403;
- no access log, no splash, nothing loaded from elsewhere (the page's CSP forbids it);
- one app process per tab, started from an argument list (no shell); it ends when its tab
  closes, and SIGINT, SIGTERM or SIGHUP end the server and every app it started.
"""

from __future__ import annotations

import asyncio
import hmac
import html
import json
import secrets
import signal
import socket
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.download_manager import DownloadManager

from homekit import words
from homekit.web.app_process import AppProcess as AppProcess

#: secrets.token_urlsafe(32): 256 random bits, 43 URL-safe characters, new at every start.
TOKEN_BYTES = 32
#: A tab whose connection stays silent this long is taken for closed (websocket ping/pong).
HEARTBEAT_SECONDS = 15.0
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

#: Only this page's own files: scripts, styles, fonts, and the websocket on this host.
CONTENT_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                  "font-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
                  "form-action 'none'; frame-ancestors 'none'")
PRIVATE_HEADERS = {
    "Referrer-Policy": "no-referrer",  # the token is in every URL: never pass it on
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}

STATIC_FOLDER = Path(textual_serve.__file__).with_name("static")
PAGE = Path(__file__).with_name("page.html")
PAGE_SCRIPT = Path(__file__).with_name("page.js")


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def _number(text: object, default: int, low: int, high: int) -> int:
    try:
        value = int(str(text))
    except ValueError:
        return default
    return min(high, max(low, value))


class WebServer:
    """Serves the app started by `argv` (with `env` added) to pages that carry `token`."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str], sock: socket.socket,
                 token: str) -> None:
        self._argv = list(argv)
        self._env = dict(env)
        self._sock = sock
        self._token = token
        self._token_bytes = token.encode("ascii")
        self._apps: set[AppProcess] = set()
        self._closing = False
        self._downloads = DownloadManager()
        self._page = PAGE.read_text(encoding="utf-8")
        self._statics = {p.relative_to(STATIC_FOLDER).as_posix(): p
                         for p in STATIC_FOLDER.rglob("*") if p.is_file()}
        self._statics["homekit/page.js"] = PAGE_SCRIPT

    @property
    def url(self) -> str:
        host, port = self._sock.getsockname()[:2]
        return f"http://{host}:{port}/{self._token}/"

    # -- the web application --------------------------------------------------------

    def application(self) -> web.Application:
        token_bytes = self._token_bytes

        @web.middleware
        async def token_gate(request: web.Request,
                             handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
                             ) -> web.StreamResponse:
            # Before any handler: a request that does not name the token learns nothing.
            parts = request.raw_path.split("?", 1)[0].split("/", 2)
            given = parts[1] if len(parts) > 1 else ""
            if not hmac.compare_digest(given.encode("utf-8", "surrogateescape"), token_bytes):
                raise web.HTTPForbidden()
            return await handler(request)

        app = web.Application(middlewares=[token_gate])
        app.router.add_get("/{key}", self._to_page)
        app.router.add_get("/{key}/", self._serve_page)
        app.router.add_get("/{key}/ws", self._serve_app)
        app.router.add_get("/{key}/static/{name:.+}", self._serve_static)
        app.on_response_prepare.append(self._private)
        return app

    @staticmethod
    async def _private(request: web.Request, response: web.StreamResponse) -> None:
        response.headers.update(PRIVATE_HEADERS)

    async def _to_page(self, request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound(f"/{self._token}/")

    async def _serve_page(self, request: web.Request) -> web.StreamResponse:
        # The websocket is on the host the browser used (an SSH tunnel may use another port).
        socket_url = f"ws://{request.host}/{self._token}/ws"
        font_size = _number(request.query.get("fontsize", "16"), 16, 6, 64)
        body = self._page
        for name, value in (("websocket_url", socket_url), ("font_size", str(font_size)),
                            ("ended", words.SERVE_PAGE_ENDED),
                            ("restart", words.SERVE_PAGE_RESTART)):
            body = body.replace("{{%s}}" % name, html.escape(value, quote=True))
        return web.Response(text=body, content_type="text/html",
                            headers={"Content-Security-Policy": CONTENT_POLICY})

    async def _serve_static(self, request: web.Request) -> web.StreamResponse:
        path = self._statics.get(request.match_info["name"])
        if path is None:
            raise web.HTTPNotFound()
        return web.FileResponse(path)

    async def _serve_app(self, request: web.Request) -> web.StreamResponse:
        """One tab: its own app process, for as long as the tab's websocket is open."""
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT_SECONDS)
        await websocket.prepare(request)
        if self._closing:  # the server is stopping: no new app
            await websocket.close()
            return websocket
        width = _number(request.query.get("width", "80"), 80, 10, 1000)
        height = _number(request.query.get("height", "24"), 24, 5, 1000)
        app = AppProcess(self._argv, self._env, websocket, self._downloads)
        self._apps.add(app)
        try:
            await app.start(width, height)
            relay = asyncio.ensure_future(self._relay(websocket, app))
            waited: set[asyncio.Future[Any]] = {relay}
            if app.running is not None:
                waited.add(app.running)
            await asyncio.wait(waited, return_when=asyncio.FIRST_COMPLETED)
            relay.cancel()
        finally:
            try:
                await app.stop()
            finally:
                if app.finished:  # else the server's last sweep ends it
                    self._apps.discard(app)
            if not app.said_goodbye and not websocket.closed:
                try:
                    await websocket.send_bytes(f"\r\n\r\n  {words.SERVE_APP_ENDED}\r\n".encode())
                except (ConnectionError, RuntimeError):
                    pass
            await websocket.close()
        return websocket

    @staticmethod
    async def _relay(websocket: web.WebSocketResponse, app: AppProcess) -> None:
        """The page's messages to the app: keys and mouse, size, focus; malformed ones dropped."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind, data = envelope[0], (envelope[1] if len(envelope) > 1 else None)
            if kind == "stdin" and isinstance(data, str):
                await app.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                await app.set_terminal_size(_number(data.get("width"), 80, 10, 1000),
                                            _number(data.get("height"), 24, 5, 1000))
            elif kind == "ping":
                await websocket.send_json(["pong", str(data)])
            elif kind == "blur":
                await app.blur()
            elif kind == "focus":
                await app.focus()

    # -- running ----------------------------------------------------------------------

    async def stop_apps(self) -> int:
        """End every app this server started (told to quit, killed after the grace time)."""
        self._closing = True
        apps = list(self._apps)
        await asyncio.gather(*(app.stop() for app in apps), return_exceptions=True)
        return len(apps)

    async def run(self, started: Callable[[str], None]) -> int:
        """Serve until SIGINT, SIGTERM or SIGHUP; then end every app. Returns how many ended."""
        runner = web.AppRunner(self.application(), access_log=None, handle_signals=False,
                               shutdown_timeout=2.0)
        await runner.setup()
        site = web.SockSite(runner, self._sock)
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        for sig in STOP_SIGNALS:
            loop.add_signal_handler(sig, stop.set)
        try:
            await site.start()
            started(self.url)
            await stop.wait()
            await site.stop()  # no new connection from here on
            ended = await self.stop_apps()
        finally:
            await runner.cleanup()
            # An app whose tab connected while the others were being stopped: none may outlive
            # the server.
            await asyncio.gather(*(app.kill() for app in self._apps), return_exceptions=True)
            for sig in STOP_SIGNALS:
                loop.remove_signal_handler(sig)
        return ended


def listen(port: int, host: str = "127.0.0.1") -> socket.socket:
    """A listening socket on the loopback address (port 0: any free port); OSError if taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # Not a second listener: only a restart on the same port while old connections linger.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def serve(argv: Sequence[str], env: Mapping[str, str], sock: socket.socket,
          started: Callable[[str], None]) -> int:
    """Serve the app started by `argv` on `sock` until stopped; `started(url)` once listening,
    with the URL that carries this start's token. Returns how many apps were ended at stop."""
    server = WebServer(argv, env, sock, new_token())
    return asyncio.run(server.run(started))
