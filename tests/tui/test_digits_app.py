"""The log form reads full-width and other scripts' digits like the CLI does."""

from __future__ import annotations

import datetime as dt

from test_log import open_form
from textual.widgets import Input
from tui_helpers import SIZE, app_for, async_test, settle

from homekit.tui.screens.dashboard import DashboardScreen
from homekit.tui.screens.redness import RednessScreen


@async_test
async def test_full_width_date_and_arabic_indic_minutes_are_stored_as_numbers(ready):
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_form(pilot)
        screen.query_one("#date", Input).value = "２０２６－１１－２０"
        screen.query_one("#time", Input).value = "０９：３０"
        screen.query_one("#duration", Input).value = "٤٥"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RednessScreen) and app.screen.just_logged  # how red now?
        await pilot.press("escape")  # skip
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    [s] = ready.sessions.history()
    assert (s.session_date, s.start_time, s.duration_min) == (dt.date(2026, 11, 20), "09:30", 45)
