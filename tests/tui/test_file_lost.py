"""The file under the open app: deleted or replaced, every write is refused and quitting offered."""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest
from test_log import open_form
from tui_helpers import SIZE, app_for, async_test, log, settle

from homekit import words
from homekit.domain.errors import StorageError
from homekit.domain.models import SessionDraft
from homekit.services import Homekit
from homekit.tui.screens.confirm import ConfirmScreen


def _delete(hk: Homekit) -> None:
    for suffix in ("", "-wal", "-shm"):
        path = hk.data_file.with_name(hk.data_file.name + suffix)
        if path.exists():
            path.unlink()


def _replace(hk: Homekit) -> None:
    other = hk.data_file.with_name("other.db")
    shutil.copyfile(hk.data_file, other)
    os.replace(other, hk.data_file)


@pytest.mark.parametrize("swap,code", [(_delete, "data_file_deleted"),
                                       (_replace, "data_file_replaced")])
def test_services_refuse_every_write_once_the_file_is_gone(ready, swap, code):
    log(ready, "2026-11-01")
    swap(ready)
    assert ready.file_problem() == code
    with pytest.raises(StorageError) as err:
        ready.sessions.log_session(SessionDraft(session_date=dt.date(2026, 11, 20)))
    assert err.value.code == code
    assert "nothing more can be saved" in words.error(err.value).lower()
    for write in (lambda: ready.profiles.create_profile("other"),
                  lambda: ready.redness.add_redness(None, 1),
                  lambda: ready.profiles.set_preference("theme", "x")):
        with pytest.raises(StorageError):
            write()


@pytest.mark.parametrize("swap", [_delete, _replace])
@async_test
async def test_app_refuses_to_log_into_a_deleted_or_replaced_file_and_offers_to_quit(ready, swap):
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_form(pilot)
        swap(ready)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not any("Session logged" in (n.title or "") for n in app._notifications)
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert "Nothing more can be saved" in dialog.question
        assert "Nothing more can be saved" in str(screen.query_one("#form-error").render())
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 1
    fresh = Homekit.open(ready.data_file)
    try:
        assert fresh.sessions.history() == []  # and no success was claimed for it
    finally:
        fresh.close()


@async_test
async def test_dashboard_poll_notices_a_deleted_file(ready):
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _delete(ready)
        app.screen._watch_file()
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep looking: the dialog is not shown again
        await pilot.pause()
        app.screen._watch_file()
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
