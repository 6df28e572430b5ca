"""A data file that does not exist yet: the welcome screen is drawn first and the file is
created and migrated in a worker. Whatever the user does before the worker is done (Start, or
quitting at once), nothing is lost or half-written: real files, the real migrations, the real
worker; only its start is held back by the test (a gate) to act before it."""

from __future__ import annotations

import threading

from textual.widgets import Input
from tui_helpers import SIZE, async_test, press, settle

from homekit.domain.errors import StorageError
from homekit.services import Homekit
from homekit.tui.app import HomekitApp
from homekit.tui.new_file import NewFile
from homekit.tui.screens.dashboard import DashboardScreen
from homekit.tui.screens.first_run import FirstRunScreen
from tests.conftest import NOW


def gated(path, gate: threading.Event) -> NewFile:
    """How the CLI makes a new file (create and close in the worker, open on the app's
    thread), the creation waiting for `gate`."""

    def create() -> None:
        assert gate.wait(timeout=60), "the test never opened the gate"
        Homekit.open(path, now=lambda: NOW).close()

    return NewFile(create, lambda: Homekit.open(path, now=lambda: NOW))


def whole(path) -> Homekit:
    """The file opened by another connection, checked as every open checks it (schema,
    migrations, rule triggers): it raises on a half-made file."""
    return Homekit.open(path, now=lambda: NOW)


@async_test
async def test_the_welcome_screen_is_drawn_before_the_file_exists(tmp_path):
    path, gate = tmp_path / "new.db", threading.Event()
    app = HomekitApp(None, tmp_path, new_file=gated(path, gate))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen) and not app.file_ready
        assert app.screen.query_one("#name", Input).value == "me"
        assert app.focused is app.screen.query_one("#name", Input)
        assert not path.exists()  # drawn, and nothing made yet
        gate.set()
        await settle(pilot)
        assert app.file_ready and app.screen.hk is app.hk
    app.hk.close()
    assert whole(path).profiles.has_profiles() is False


@async_test
async def test_start_pressed_before_the_file_exists_waits_for_it_then_stores_all(tmp_path):
    path, gate = tmp_path / "new.db", threading.Event()
    app = HomekitApp(None, tmp_path, new_file=gated(path, gate))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for input_id, value in (("name", "ana"), ("target", "8"), ("interval", "10")):
            app.screen.query_one(f"#{input_id}", Input).value = value
        await pilot.click("#condition-no")
        await pilot.pause()
        await press(pilot, "#start")
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)  # waiting: nothing written anywhere
        assert not path.exists()
        gate.set()
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "Sessions 0 of 8" in str(app.screen.query_one("#progress-label").render())
    app.hk.close()
    stored = whole(path)
    profile = stored.profile()
    assert (profile.name, profile.target_sessions, profile.min_interval_days) == ("ana", 8, 10)
    assert profile.has_skin_condition is False
    stored.close()


@async_test
async def test_quitting_before_the_file_exists_leaves_a_whole_file(tmp_path):
    path, gate = tmp_path / "new.db", threading.Event()
    new_file = gated(path, gate)
    app = HomekitApp(None, tmp_path, new_file=new_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert new_file._started  # the worker is on its way
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running
    # The app is closed, the worker not done: `run_new` waits for it before the process ends.
    # The gate opens from another thread while this one waits (no timer: a timed wait is
    # not to be trusted under the shifted clock CI runs the suite with, libfaketime).
    threading.Thread(target=gate.set).start()
    new_file.wait()
    assert new_file.error is None
    stored = whole(path)
    assert stored.profiles.has_profiles() is False
    stored.close()


def test_a_worker_the_app_closed_before_it_ran_never_begins(tmp_path):
    """Quit at the first frame: Textual cancels the worker before its thread ran. The process
    does not wait for it (it would wait forever), and it makes no file afterwards either."""
    path = tmp_path / "new.db"
    new_file = gated(path, threading.Event())
    assert new_file.claim() and not new_file.claim()  # one worker
    new_file.wait()  # returns at once: nothing began
    new_file.create()  # a thread that starts late does nothing
    assert not path.exists() and new_file.error is None


@async_test
async def test_a_file_that_cannot_be_made_closes_the_app_with_the_reason(tmp_path):
    path = tmp_path / "new.db"

    def create() -> None:
        raise StorageError(f"cannot create {path}")

    new_file = NewFile(create, lambda: Homekit.open(path, now=lambda: NOW))
    app = HomekitApp(None, tmp_path, new_file=new_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for input_id, value in (("name", "ana"), ("target", "8"), ("interval", "10")):
            app.screen.query_one(f"#{input_id}", Input).value = value
        await pilot.click("#condition-no")
        await press(pilot, "#start")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code == 1
    assert isinstance(new_file.error, StorageError)
    assert not path.exists()
