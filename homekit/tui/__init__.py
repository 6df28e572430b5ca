"""The Textual app. Importing this package is cheap; `run` imports Textual."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from homekit.services import Homekit


def run(hk: Homekit, start_dir: Path) -> int:
    """Open the app on the services of the chosen data file and profile; the files it writes
    go to `start_dir` (the folder it was started in)."""
    from homekit.tui.app import HomekitApp
    from homekit.tui.images import prepare_images

    prepare_images()  # before Textual owns the terminal's input
    app = HomekitApp(hk, start_dir)
    app.run()
    return app.return_code or 0  # 1 after an unexpected error (or a lost data file)
