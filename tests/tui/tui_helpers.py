"""Helpers for the app's tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools

from textual.widgets import Button, Input

from homekit.domain.models import SessionDraft
from homekit.services import Homekit
from homekit.tui.app import HomekitApp

SIZE = (120, 36)


def async_test(fn):  # noqa: ANN001, ANN201
    """Run an `async def` test with asyncio.run (no pytest-asyncio needed)."""

    @functools.wraps(fn)
    def run(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        return asyncio.run(fn(*args, **kwargs))

    return run


def log(hk: Homekit, day: str, **fields: object) -> int:
    """Store a session through the services, as the CLI would."""
    redness = fields.pop("redness", None)
    faded = fields.pop("faded", None)
    draft = SessionDraft(session_date=dt.date.fromisoformat(day), **fields)  # type: ignore[arg-type]
    return hk.sessions.log_session(draft, redness_severity=redness, faded_after_min=faded).session.id


def app_for(hk: Homekit, start_dir=None) -> HomekitApp:  # noqa: ANN001
    """The app on `hk`, started (as far as the files it writes know) in `start_dir`, by
    default the data file's temporary folder: never the folder the tests run in.
    Its notifications stay until the test reads them: Textual drops one after 5 s of wall
    time, and a loaded machine can take that long between the action and the assertion."""
    app = HomekitApp(hk, start_dir or hk.data_file.parent)
    app.NOTIFICATION_TIMEOUT = 3600
    return app


async def settle(pilot) -> None:  # noqa: ANN001
    """Let workers finish and the screen repaint; inputs stop blinking (steady snapshots)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def press(pilot, selector: str) -> None:  # noqa: ANN001
    """Press a button. Not by click or enter: Textual's button ignores both for 0.2 s after
    a press (its 'active' effect), and a test must not sleep to outwait that."""
    pilot.app.screen.query_one(selector, Button).press()
    await pilot.pause()
