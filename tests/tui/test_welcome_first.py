"""A new file: the welcome screen is painted without building the dashboard first (issue 14)."""

from __future__ import annotations

from textual.widgets import Input
from tui_helpers import SIZE, app_for, async_test, press, settle

from homekit.tui.screens.dashboard import DashboardScreen
from homekit.tui.screens.first_run import FirstRunScreen


@async_test
async def test_welcome_comes_without_a_dashboard_then_the_dashboard_is_home(hk):
    app = app_for(hk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)
        assert not any(isinstance(s, DashboardScreen) for s in app.screen_stack)
        for input_id, value in (("name", "ana"), ("target", "8"), ("interval", "7")):
            app.screen.query_one(f"#{input_id}", Input).value = value
        await pilot.click("#condition-no")
        await pilot.pause()
        await press(pilot, "#start")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "Sessions 0 of 8" in str(app.screen.query_one("#progress-label").render())
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


@async_test
async def test_a_file_with_a_profile_opens_on_the_dashboard(hk):
    hk.profiles.create_profile("me", make_default=True)
    hk.profiles.record_skin_condition(False, False)
    app = app_for(hk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert len(app.screen_stack) == 1
