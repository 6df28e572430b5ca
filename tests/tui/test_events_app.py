"""The app's doors for adverse events and photo views: the events screen (key e: log one with
its guidance, resolve, cleared by a professional, delete, undo), the hold in the log dialog,
and photo add with its area, view and the last photo of that view as a guide."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Label, Select, Static
from tui_helpers import SIZE, app_for, async_test, log, press, settle

from homekit import words
from homekit.domain.models import REDNESS_LEVELS
from homekit.tui.screens.events import EventsScreen, LogEventScreen
from homekit.tui.screens.photos import AddPhotoScreen, PhotosScreen
from homekit.words.scales import REDNESS_SCALE_NAME, redness_level_text
from tests.conftest import NOW
from tests.images import png_bytes


@async_test
async def test_log_an_event_see_its_guidance_then_resolve_it_and_undo(ready):
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EventsScreen)
        assert words.NO_EVENTS in str(app.screen.query_one("#events-empty", Static).render())
        await pilot.press("n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, LogEventScreen)
        dialog.query_one("#event-kind", Select).value = "blister"
        dialog.query_one("#event-notes", Input).value = "[b]not markup[/b]"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EventsScreen)
        (event,) = ready.events.list()
        assert (event.kind, event.notes, event.resolved) == ("blister", "[b]not markup[/b]", False)
        assert any(words.EVENT_GUIDANCE["blister"] in n.message for n in app._notifications)
        table = app.screen.query_one("#events", DataTable)
        assert str(table.get_row_at(0)[4]) == "[b]not markup[/b]"
        assert [g.name for g in ready.safety.gates()] == ["adverse_event"]
        await pilot.press("c")  # cleared by a professional
        await settle(pilot)
        (event,) = ready.events.list()
        assert (event.resolved, event.resolved_by_professional) == (True, True)
        assert ready.safety.gates() == []
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("u")  # the app's undo reopens it
        await settle(pilot)
        assert [e.resolved for e in ready.events.list()] == [False]


@async_test
async def test_the_log_dialog_shows_the_hold_and_a_professionals_clearance_lifts_it(ready):
    ready.events.log("breakout", notes="chin")
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        card = str(app.screen.query_one("#next", Static).render())
        assert "adverse event #1 (breakout" in card and "press e" in card
        await pilot.press("l")
        await settle(pilot)
        hold = str(app.screen.query_one("#redness-block", Static).render())
        assert "adverse event #1 (breakout" in hold
        assert words.EVENT_BLOCK_LIFT in str(app.screen.query(".dialog-note").first().render())
        await press(pilot, "#cleared")
        await settle(pilot)
        assert app.screen.query("#safety")  # the checklist comes next, then the form


@async_test
async def test_the_interval_dialog_also_names_the_hold(ready):
    log(ready, "2026-11-22")
    ready.events.log("other")
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert "adverse event #1" in str(app.screen.query_one("#blocked-hold", Static).render())


@async_test
async def test_add_a_photo_with_its_view_guided_by_the_last_one(ready, tmp_path):
    first = ready.photos.add_photo(png_bytes(seed=1), area="cheeks", view="left",
                            taken_on=ready.today())
    ready.photos.add_photo(png_bytes(seed=2), area="cheeks", view="front", taken_on=ready.today())
    source = tmp_path / "new.png"
    source.write_bytes(png_bytes(seed=3))
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, PhotosScreen)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AddPhotoScreen)
        guide = dialog.query_one("#photo-guide", Static)
        assert "No earlier photo of this area and view" in str(guide.render())
        dialog.query_one("#photo-area", Select).value = "cheeks"
        dialog.query_one("#photo-view-choice", Select).value = "left"
        await settle(pilot)
        assert f"Last photo of cheeks, left view: id {first.id}" in str(guide.render())
        dialog.query_one("#photo-file", Input).value = str(source)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PhotosScreen)
        added = ready.photos.photos(view="left")
        assert [p.area for p in added] == ["cheeks", "cheeks"]
        table = app.screen.query_one("#photos", DataTable)
        views = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        assert sorted(views) == ["front", "left", "left"]


@async_test
async def test_a_photo_that_cannot_be_read_is_an_inline_error(ready, tmp_path):
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#photo-file", Input).value = str(tmp_path / "missing.jpg")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AddPhotoScreen)
        assert "missing.jpg" in str(app.screen.query_one("#photo-error", Static).render())
        assert ready.photos.photos() == []


@async_test
async def test_the_apps_redness_dialog_names_the_scale_and_its_levels(ready):
    log(ready, NOW.date().isoformat())
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        labels = [str(w.render()) for w in app.screen.query(Label)]
        assert REDNESS_SCALE_NAME in labels
        marks = [str(app.screen.query_one(f"#severity-{i}").label) for i in range(len(REDNESS_LEVELS))]
        assert marks == [redness_level_text(i) for i in range(len(REDNESS_LEVELS))]


@async_test
async def test_delete_an_event_in_the_app_says_so_and_undo_brings_it_back(ready):
    ready.events.log("burn", notes="[red]left cheek[/red]")
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EventsScreen)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert ready.events.list() == []
        assert ready.safety.gates() == []  # the hold went with it
        said = [n.message for n in app._notifications]
        assert any(m.startswith("Deleted adverse event #1 (") and m.endswith(words.UNDO_HINT_APP)
                   for m in said), said
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        (event,) = ready.events.list()
        assert (event.kind, event.notes) == ("burn", "[red]left cheek[/red]")
        assert [g.name for g in ready.safety.gates()] == ["adverse_event"]
