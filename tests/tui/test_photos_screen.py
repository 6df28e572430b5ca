"""The photos screen (key o) and the report key (w) on the dashboard."""

from __future__ import annotations

import stat

from textual.widgets import DataTable, Static
from tui_helpers import SIZE, app_for, async_test, log, settle

from homekit.tui.screens.photos import PhotosScreen
from tests.images import png_bytes


@async_test
async def test_photos_screen_lists_by_area_and_date_and_writes_the_comparison(ready):
    s1 = log(ready, "2026-10-28", areas=("cheeks",))
    s2 = log(ready, "2026-11-18", areas=("cheeks",))
    ready.photos.add_photo(png_bytes(seed=1), session_id=s2, notes="[b]not markup[/b]")
    ready.photos.add_photo(png_bytes(seed=2), session_id=s1)
    ready.photos.add_photo(png_bytes(seed=3), area="chin", taken_on=ready.today())
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PhotosScreen)
        table = screen.query_one("#photos", DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert [(str(r[0]), str(r[1])) for r in rows] == [("2", "cheeks"), ("1", "cheeks"), ("3", "chin")]
        assert str(rows[1][5]) == "[b]not markup[/b]"
        summary = str(screen.query_one("#photos-summary", Static).render())
        assert "Compare cheeks: photo 2 of 2026-10-28 with photo 1 of 2026-11-18, 21 days apart" in summary
        await pilot.press("c")
        await settle(pilot)
        png = ready.data_file.parent / "homekit-compare.png"
        assert png.read_bytes()[:4] == b"\x89PNG"
        assert stat.S_IMODE(png.stat().st_mode) == 0o600
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "DashboardScreen"


@async_test
async def test_empty_photos_screen_says_how_to_add_one(ready):
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        summary = str(app.screen.query_one("#photos-summary", Static).render())
        assert "homekit photo add FILE" in summary


@async_test
async def test_report_key_writes_the_pdf_beside_the_data_file_and_says_where(ready):
    log(ready, "2026-11-18", duration_min=40, areas=("cheeks",), redness=1, faded=5)
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        pdf = ready.data_file.parent / "homekit-report.pdf"
        assert pdf.read_bytes()[:5] == b"%PDF-"
        assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
        messages = [str(n.message) for n in app._notifications]
        assert any(str(pdf) in m and "Wrote the report" in m for m in messages)


@async_test
async def test_the_session_dialog_says_how_many_photos_the_session_has(ready):
    from textual.widgets import Label

    from homekit.tui.screens.edit_session import EditSessionScreen

    sid = log(ready, "2026-11-10", duration_min=30)
    ready.photos.add_photo(png_bytes(seed=1), session_id=sid)
    ready.photos.add_photo(png_bytes(seed=2), session_id=sid)
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(EditSessionScreen(ready, ready.sessions.session(sid)))
        await settle(pilot)
        title = str(app.screen.query_one(".dialog-title", Label).render())
        assert "2 photos (key o on the dashboard)" in title


@async_test
async def test_the_highlighted_photo_is_a_line_and_hint_without_images_and_itself_with(
        ready, monkeypatch):
    import homekit.tui.screens.chart as chart_module

    ready.photos.add_photo(png_bytes(seed=1), area="chin", taken_on=ready.today())
    monkeypatch.setattr(chart_module, "image_protocol", lambda env=None: None)
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        line = str(app.screen.query_one("#photo-line", Static).render())
        assert "id 1  2026-11-25 (Wed)  chin" in line
        assert "homekit photo export 1 -o photo-1.jpg" in line
        assert not app.screen.query(".photo-image")
        monkeypatch.setattr(chart_module, "image_protocol", lambda env=None: "tgp")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert len(app.screen.query(".photo-image")) == 1
        assert "export" not in str(app.screen.query_one("#photo-line", Static).render())
