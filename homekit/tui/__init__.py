"""The Textual app. Importing this package is cheap; `run` imports Textual."""

from __future__ import annotations

from typing import Any


def run(ctx: Any) -> int:
    """Open the app on the data file and profile chosen on the command line."""
    from homekit.tui.app import HomekitApp

    app_services = ctx.open()
    app = HomekitApp(app_services)
    app.run()
    return app.return_code or 0  # 1 after an unexpected error (or a lost data file)
