"""The app's door to the holes an attacker found: forms that save only what changed, a damaged
undo step shown inline, math markup in a name, a stored photo of extreme shape, rows left for
a missing profile. Every test checks that the app is still running at the end."""

from __future__ import annotations

import subprocess

from textual.widgets import Checkbox, Input
from tui_helpers import SIZE, app_for, async_test, log, press, settle

from homekit.tui.screens.dashboard import DashboardScreen
from homekit.tui.screens.edit_session import EditSessionScreen
from homekit.tui.screens.history import HistoryScreen
from homekit.tui.screens.profile import ProfileScreen


def journal(hk) -> int:  # noqa: ANN001
    return hk.ctx.store.conn.execute("SELECT count(*) FROM undo_journal").fetchone()[0]


def written(hk) -> int:  # noqa: ANN001
    """Rows this connection has inserted, changed or deleted so far."""
    return hk.ctx.store.conn.total_changes


def messages(app) -> list[str]:  # noqa: ANN001
    return [str(n.message) for n in app._notifications]


async def edit_latest(pilot) -> EditSessionScreen:  # noqa: ANN001
    await pilot.press("h")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HistoryScreen)
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(pilot.app.screen, EditSessionScreen)
    return pilot.app.screen


@async_test
async def test_saving_an_unchanged_edit_writes_nothing_and_keeps_not_noted(ready):
    sid = log(ready, "2026-11-10")  # glasses, stinging, level: not noted (NULL)
    before, steps, changes = ready.sessions.session(sid), journal(ready), written(ready)
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        edit = await edit_latest(pilot)
        assert edit.query_one("#glasses", Checkbox).value is True  # shown ticked, as before
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert "Nothing changed: the session is as it was." in messages(app)
        assert app.return_code is None
    after = ready.sessions.session(sid)
    assert after == before and after.glasses_worn is None and after.stinging is None
    assert journal(ready) == steps and written(ready) == changes


@async_test
async def test_an_edit_writes_only_the_field_changed(ready):
    sid = log(ready, "2026-11-10")
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        edit = await edit_latest(pilot)
        edit.query_one("#duration", Input).value = "45"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.return_code is None
    after = ready.sessions.session(sid)
    assert after.duration_min == 45 and after.glasses_worn is None and after.device_level is None
    (step,) = ready.undo.undo_steps()
    assert step.kind == "session_edited"
    ready.undo.undo()
    assert ready.sessions.session(sid).duration_min is None


@async_test
async def test_unticking_glasses_is_a_change_that_is_saved(ready):
    sid = log(ready, "2026-11-10")
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        edit = await edit_latest(pilot)
        edit.query_one("#glasses", Checkbox).value = False
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert ready.sessions.session(sid).glasses_worn is False


@async_test
async def test_saving_an_unchanged_profile_and_medical_answers_writes_nothing(ready):
    ready.safety.record_medical(isotretinoin="never", blood_thinners=False, acknowledged=True)
    profile, steps, changes = ready.profile(), journal(ready), written(ready)
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        await press(pilot, "#save-profile")
        await settle(pilot)
        await press(pilot, "#save-medical")
        await settle(pilot)
        assert app.return_code is None
    assert ready.profile() == profile  # every date kept (acknowledged, answered)
    assert journal(ready) == steps and written(ready) == changes


@async_test
async def test_u_shows_a_damaged_undo_step_inline_and_the_app_goes_on(ready):
    sid = log(ready, "2026-11-10")
    ready.sessions.delete_session(sid)
    ready.ctx.store.conn.execute("UPDATE undo_journal SET payload = 'nope'")
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen) and app.return_code is None
        (note,) = [m for m in messages(app) if "undo step" in m]
        assert note.startswith("undo step 1 cannot be used: its payload is not JSON")
        assert "homekit undo --drop 1 (in a terminal)" in note
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.return_code is None


@async_test
async def test_w_writes_the_report_of_a_profile_named_in_math_markup(hk):
    hk.profiles.create_profile("$\\foo$", make_default=True, has_condition=False)
    log(hk, "2026-11-10", notes="a $x$ b")
    app = app_for(hk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert app.return_code is None and isinstance(app.screen, DashboardScreen)
        assert any("Wrote the report" in m for m in messages(app)), messages(app)
    assert (hk.data_file.parent / "homekit-report.pdf").read_bytes()[:5] == b"%PDF-"


@async_test
async def test_the_comparison_of_a_stored_extreme_photo_is_written(ready, tmp_path):
    import io
    import resource

    from PIL import Image

    from tests.images import png_bytes

    ready.photos.add_photo(png_bytes(1000, 750), area="cheeks", taken_on=ready.today())
    line = io.BytesIO()
    Image.new("RGB", (2048, 1), (200, 100, 100)).save(line, "JPEG")
    cur = ready.ctx.store.conn.execute(
        "INSERT INTO photos (profile_id, area, taken_on, mime, width, height, size, created_at) "
        "VALUES (1, 'cheeks', '2026-10-01', 'image/jpeg', 2048, 1, ?, 'x')", (len(line.getvalue()),))
    ready.ctx.store.conn.execute("INSERT INTO photo_images (photo_id, image) VALUES (?, ?)",
                              (cur.lastrowid, line.getvalue()))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert app.return_code is None
    # The canvas was 1.15 billion pixels (3.4 GB) before it was bounded.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 1024 * 1024
    png = ready.data_file.parent / "homekit-compare.png"
    with Image.open(png) as im:
        assert im.width * im.height <= 2000 * 2000


@async_test
async def test_a_profile_added_in_the_app_does_not_adopt_rows_left_for_a_missing_one(ready):
    db = ready.data_file
    ready.ctx.store.conn.execute("DROP TRIGGER sessions_profile_exists_insert")
    subprocess.run(["sqlite3", str(db)], check=True, capture_output=True, timeout=60, text=True,
                   input="INSERT INTO sessions (profile_id, session_date, created_at) "
                         "VALUES (2, '2026-11-01', 'x');\n")
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        app.screen.query_one("#new-name", Input).value = "bob"
        await press(pilot, "#add")  # stored on the UI thread, by the press itself
        await pilot.pause()  # (not settle: the dashboard's read it starts may be replaced)
        assert app.return_code is None
    ready.profiles.switch_profile("bob")
    assert ready.sessions.history() == []
