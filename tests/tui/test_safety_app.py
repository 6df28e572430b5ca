"""Issue 11 through the app door: the redness gate, a professional's clearance, the domain's
checklist, the block in place of the countdown, and owed follow-ups."""

from __future__ import annotations

from textual.widgets import Checkbox, Input
from tui_helpers import SIZE, app_for, async_test, log, press, settle

from homekit.domain import checklist
from homekit.tui.screens.dashboard import DashboardScreen
from homekit.tui.screens.log_session import SAFETY_CHECKS, LogSessionScreen


def test_the_app_asks_the_domains_checklist():
    assert SAFETY_CHECKS == tuple((i.id, i.question) for i in checklist.CHECKLIST)


@async_test
async def test_severe_redness_blocks_and_a_professionals_clearance_is_stored(ready):
    log(ready, "2026-11-10", start_time="10:00", redness=4)
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        nxt = str(app.screen.query_one("#next").render())
        assert "Blocked: severe redness" in nxt and "press r" in nxt
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LogSessionScreen) and screen.step == "redness-block"
        assert "severe redness" in str(screen.query_one("#redness-block").render())
        await press(pilot, "#cleared")
        await settle(pilot)
        assert screen.step == "safety"
        boxes = list(screen.query(".safety-check").results(Checkbox))
        for box in boxes[:-1]:
            box.value = True
        await press(pilot, "#safety-continue")
        await settle(pilot)
        assert "retinoid" in str(screen.query_one("#safety-error").render())  # the reason
        boxes[-1].value = True
        await press(pilot, "#safety-continue")
        await settle(pilot)
        assert screen.step == "form"
        await pilot.press("ctrl+s")
        await settle(pilot)
        # The follow-up: how red is it now? Answered here (skip is the other choice).
        assert app.screen.query_one("#redness-now")
        app.screen.query_one("#minutes", Input).value = "5"
        await pilot.click("#severity-1")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    newest = ready.sessions.history()[0]
    assert newest.cleared_by_professional and newest.checklist == checklist.CHECKLIST_IDS
    assert [(r.severity, r.faded_after_min) for r in newest.redness] == [(1, 5)]
    assert ready.status.status().blocked_by == ["interval"]


@async_test
async def test_redness_that_faded_lifts_the_block_in_the_app(ready):
    log(ready, "2026-11-10", start_time="10:00", redness=4)
    ready.redness.add_redness(None, 1, 30)
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "eligible now" in str(app.screen.query_one("#next").render())
        await pilot.press("l")
        await settle(pilot)
        assert app.screen.step == "safety"


@async_test
async def test_the_dashboard_shows_a_follow_up_owed(ready):
    log(ready, "2026-11-24", start_time="20:00", redness=2)  # still red, logged yesterday
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        followup = app.screen.query_one("#followup")
        assert followup.display and "press r" in str(followup.render())


@async_test
async def test_medical_answers_in_the_profile_screen_warn_and_are_kept(ready):
    from textual.widgets import Input, Select

    from homekit.tui.screens.profile import ProfileScreen

    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProfileScreen)
        screen.query_one("#isotretinoin", Input).value = "2026-10-01"
        screen.query_one("#blood-thinners", Select).value = "yes"
        await press(pilot, "#save-medical")
        await settle(pilot)
        note = str(screen.query_one("#medical-note").render())
        assert "ask your prescriber" in note and "bruising" in note
        await pilot.press("escape")
        await settle(pilot)
        alert = app.screen.query_one("#alert")
        assert alert.display and "prescriber" in str(alert.render())
    p = ready.profile()
    assert (p.isotretinoin, p.blood_thinners, p.isotretinoin_acknowledged_at) == (
        "2026-10-01", True, None)
    log(ready, "2026-11-25")  # a warning, never a block


@async_test
async def test_redness_observations_are_corrected_and_deleted_from_history(ready):
    from textual.widgets import RadioSet

    from homekit.tui.screens.history import HistoryScreen
    from homekit.tui.screens.observations import ObservationsScreen
    from homekit.tui.screens.redness import RednessScreen

    log(ready, "2026-11-10", start_time="10:00", redness=4)
    first = ready.sessions.history()[0].redness[0]
    ready.redness.add_redness(None, 2, 30)
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("f")  # fix redness (o is Photos, on the dashboard)
        await settle(pilot)
        assert isinstance(app.screen, ObservationsScreen)
        await press(pilot, f"#obs-{first.id}")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RednessScreen) and dialog.observation == first
        dialog.query_one("#severity", RadioSet).query_one("#severity-3").value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("f")
        await settle(pilot)
        await press(pilot, f"#obs-{first.id}")
        await settle(pilot)
        await press(pilot, "#delete-obs")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
    (left,) = ready.sessions.history()[0].redness
    assert left.severity == 2 and left.id != first.id


@async_test
async def test_reminders_are_refused_while_redness_blocks(ready, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the app writes reminders to the current folder
    log(ready, "2026-11-10", start_time="10:00", redness=4)
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await settle(pilot)
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert errors and "no reminders written" in errors[0]
    assert not (tmp_path / ready.plan.reminders_file_name()).exists()
    assert not list(tmp_path.glob("*.ics"))
