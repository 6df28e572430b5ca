"""One tab's app process: started from argv (no shell), its screen relayed, told to quit, and
killed if it will not. Split from server, which serves the page and the tabs' connections."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping, Sequence
from typing import Any

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

#: How long an app has to quit once told to (tab closed, server stopping) before it is killed.
QUIT_GRACE_SECONDS = 10.0


class AppProcess(AppService):
    """One tab's app: started from `argv` (no shell), told to quit, killed if it will not."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str],
                 websocket: web.WebSocketResponse, downloads: DownloadManager) -> None:
        async def close() -> None:
            await websocket.close()

        super().__init__(argv[0], write_bytes=websocket.send_bytes,
                         write_str=websocket.send_str, close=close, download_manager=downloads)
        self._argv = list(argv)
        self._env = dict(env)
        self._stopping: asyncio.Future[None] | None = None
        self.said_goodbye = False  # the app ended itself (quit, or told to): not a failure

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        environment = {**self._build_environment(width=width, height=height), **self._env}
        self._process = process = await asyncio.create_subprocess_exec(
            *self._argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=environment)
        self._stdin = process.stdin
        return process

    @property
    def finished(self) -> bool:
        return self._process is None or self._process.returncode is not None

    @property
    def running(self) -> asyncio.Task[None] | None:
        """The task relaying the app's output; it ends when the app's output does."""
        return self._task

    async def on_data(self, payload: bytes) -> None:
        try:
            await super().on_data(payload)
        except (ConnectionError, RuntimeError):
            pass  # the tab is gone: keep reading, or a full pipe would stop the app quitting

    async def on_meta(self, data: bytes) -> None:
        try:
            if json.loads(data).get("type") == "exit":
                self.said_goodbye = True
        except (ValueError, AttributeError):
            pass
        try:
            await super().on_meta(data)
        except (ConnectionError, RuntimeError):
            pass

    async def stop(self) -> None:
        """Tell the app to quit, wait for it (killing it after the grace time); once."""
        if self._process is None:
            return  # not started yet: a later call ends it
        if self._stopping is None:
            self._stopping = asyncio.ensure_future(self._stop())
        await asyncio.shield(self._stopping)

    async def _stop(self) -> None:
        process = self._process
        assert process is not None
        if process.returncode is None:
            await self.send_meta({"type": "quit"})
            try:
                await asyncio.wait_for(process.wait(), QUIT_GRACE_SECONDS)
            except asyncio.TimeoutError:
                process.kill()
                await process.wait()
        if self._task is not None:
            await self._task

    async def kill(self) -> None:
        """End the app at once, if it still runs (the server's last resort on its way out)."""
        if self._process is not None and self._process.returncode is None:
            self._process.kill()
            await self._process.wait()
