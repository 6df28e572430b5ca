"""The app gives the same verdict on profile names as the CLI: hidden characters, case."""

from __future__ import annotations

from textual.widgets import Input
from tui_helpers import SIZE, app_for, async_test, press, settle

from homekit.tui.screens.first_run import FirstRunScreen
from homekit.tui.screens.profile import ProfileScreen


@async_test
async def test_first_run_refuses_an_invisible_character_in_the_name(hk):
    app = app_for(hk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)
        app.screen.query_one("#name", Input).value = "an\u200ba"
        await press(pilot, "#start")
        await settle(pilot)
        error = app.screen.query_one("#name").parent.error
        assert error.startswith("a profile name cannot contain control or invisible characters")
        assert "U+200B ZERO WIDTH SPACE" in error
    assert not hk.profiles.has_profiles()


@async_test
async def test_profile_screen_refuses_a_name_that_differs_only_in_case(ready):
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        app.screen.query_one("#new-name", Input).value = "ME"
        await press(pilot, "#add")
        await settle(pilot)
        assert any("compared without regard to case" in n.message for n in app._notifications)
        assert isinstance(app.screen, ProfileScreen)
    assert [p.name for p in ready.profiles.profiles()] == ["me"]
