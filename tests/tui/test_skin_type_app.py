"""The profile screen's skin type at 80x24: offered with the six types' words, saved with the
form (one undo step), shown again, cleared by choosing "not given"."""

from __future__ import annotations

from textual.widgets import Select, Static
from tui_helpers import app_for, async_test, press, settle

from homekit import words
from homekit.tui.screens.profile import ProfileScreen

SMALL = (80, 24)


async def open_profile(pilot) -> ProfileScreen:  # noqa: ANN001
    await pilot.press("p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ProfileScreen)
    return pilot.app.screen


@async_test
async def test_the_skin_type_is_chosen_saved_and_cleared_on_the_profile_screen(ready):
    app = app_for(ready)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = await open_profile(pilot)
        select = screen.query_one("#skin-type", Select)
        assert select.value is Select.NULL  # not given yet
        select.focus()
        await pilot.press("enter")  # the list opens, with every type's words
        await settle(pilot)
        for _ in range(3):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert select.value == 3
        await press(pilot, "#save-profile")
        await settle(pilot)
        assert ready.profile().skin_type == 3
        assert any(n.title == "Profile saved" for n in app._notifications)
        await pilot.press("escape")
        await settle(pilot)

        screen = await open_profile(pilot)  # shown as saved
        select = screen.query_one("#skin-type", Select)
        assert select.value == 3
        label = select.query_one("SelectCurrent #label", Static)
        assert str(label.render()) == "III: " + words.SKIN_TYPE_WORDS[2]
        assert label.region.right <= SMALL[0]  # within 80 columns
        assert words.SKIN_TYPE_NOTE.startswith("Fitzpatrick skin type")
        screen.query_one("#skin-type", Select).value = Select.NULL
        await press(pilot, "#save-profile")
        await settle(pilot)
        assert ready.profile().skin_type is None
        assert [s.kind for s in ready.undo.undo_steps()][:2] == ["profile_edited", "profile_edited"]
