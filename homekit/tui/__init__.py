"""The Textual app. Importing this package is cheap; `run` imports Textual."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from homekit.services import Homekit

#: The Textual driver `homekit serve` starts each tab's app with (see homekit.tui.served).
SERVED_DRIVER = "homekit.tui.served:ServedDriver"
#: Drivers that speak to a browser page over pipes (textual-serve's own, and homekit's).
WEB_DRIVERS = (SERVED_DRIVER, "textual.drivers.web_driver:WebDriver")


def in_browser(env: Mapping[str, str] | None = None) -> bool:
    """True when the app runs for a browser page (textual-serve's protocol on stdin/stdout),
    not in a terminal."""
    env = os.environ if env is None else env
    return env.get("TEXTUAL_DRIVER", "") in WEB_DRIVERS


def run(hk: Homekit, start_dir: Path) -> int:
    """Open the app on the services of the chosen data file and profile; the files it writes
    go to `start_dir` (the folder it was started in)."""
    from homekit.tui.app import HomekitApp
    from homekit.tui.images import prepare_images

    prepare_images()  # before Textual owns the terminal's input
    app = HomekitApp(hk, start_dir)
    app.run()
    return app.return_code or 0  # 1 after an unexpected error (or a lost data file)


def run_new(create: Callable[[], Any], open_file: Callable[[], Homekit],
            start_dir: Path) -> tuple[int, Any]:
    """Open the app on a data file that does not exist yet: the welcome screen is drawn first,
    `create` makes the file in a worker meanwhile and `open_file` then opens it on the app's
    thread (see homekit.tui.new_file). Returns the exit code and what `create` returned;
    raises what stopped the file from being created. Returns only once the file is whole."""
    from homekit.tui.app import HomekitApp
    from homekit.tui.images import prepare_images
    from homekit.tui.new_file import NewFile

    prepare_images()
    new_file = NewFile(create, open_file)
    app = HomekitApp(None, start_dir, new_file=new_file)
    try:
        app.run()
    finally:
        new_file.wait()
    if new_file.error is not None:
        raise new_file.error
    return app.return_code or 0, new_file.created
