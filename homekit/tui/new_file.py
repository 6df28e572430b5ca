"""A data file that does not exist yet: the app draws its welcome screen first and creates
the file meanwhile.

Creating a file means creating and migrating its schema (sqlite-utils, about 30 ms): done in
a worker thread, started once the first frame is on the screen. The connection the app then
uses is opened on the app's thread (a SQLite connection stays on the thread that made it).
Nothing the user enters is written before the file is whole: Start pressed earlier is carried
out once it is (`FirstRunScreen.file_ready`), and the process does not end before the worker
has (`wait`), so quitting at once leaves a whole, migrated file, never a half-made one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from homekit.services import Homekit


class NewFile:
    """How to create the file (in a worker) and then open it (on the app's thread)."""

    def __init__(self, create: Callable[[], Any], open_file: Callable[[], Homekit]) -> None:
        self._create = create
        self.open_file = open_file
        #: What `create` returned (the CLI: the open's notices, said once the app is closed).
        self.created: Any = None
        #: Why the file could not be created (the app closes; the CLI says it in one line).
        self.error: BaseException | None = None
        self._started = False
        self._lock = threading.Lock()
        self._running = False  # the worker's thread has begun creating the file
        self._abandoned = False  # the app closed before the worker ran: it must not start
        self._finished = threading.Event()

    def claim(self) -> bool:
        """On the app's thread, before starting the worker: False when it was started already."""
        started, self._started = self._started, True
        return not started

    def create(self) -> None:
        """Create and migrate the file (the worker's thread, after `claim`)."""
        with self._lock:
            if self._abandoned:
                return
            self._running = True
        try:
            self.created = self._create()
        except Exception as exc:  # noqa: BLE001 - handed to the app's thread, then the CLI
            self.error = exc
        finally:
            self._finished.set()

    def wait(self) -> None:
        """Until the worker, if it began, is done: the file is whole before the process ends.
        A worker the app closed before it ran (quit at the first frame) never begins."""
        with self._lock:
            if not self._running:
                self._abandoned = True
                return
        self._finished.wait()
