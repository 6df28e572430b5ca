"""Logging a session and redness from the dashboard, and the weekly block."""

from __future__ import annotations

import datetime as dt

from textual import events
from textual.widgets import Input, SelectionList
from tui_helpers import SIZE, app_for, async_test, log, press, settle

from homekit.tui.screens.dashboard import DashboardScreen
from homekit.tui.screens.log_session import SAFETY_CHECKS, LogSessionScreen
from homekit.tui.screens.redness import RednessScreen
from homekit.tui.widgets.session_form import SessionForm


async def open_form(pilot) -> LogSessionScreen:  # noqa: ANN001
    await pilot.press("l")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, LogSessionScreen) and screen.step == "safety"
    await press(pilot, "#safety-continue")  # nothing ticked yet: refused
    await pilot.pause()
    assert "Tick each one first" in str(screen.query_one("#safety-error").render())
    for check_id, _ in SAFETY_CHECKS:
        await pilot.click(f"#check-{check_id}")
    await press(pilot, "#safety-continue")
    await settle(pilot)
    assert screen.step == "form"
    return screen


@async_test
async def test_tab_follows_the_reading_order_of_the_form(ready):
    async with app_for(ready).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_form(pilot)
        order = [w.id for w in screen.focus_chain]
        assert order[:8] == ["date", "time", "duration", "level", "stinging", "glasses", "areas",
                             "notes"]
        assert order[8:] == ["save", None]  # then Save and Cancel


@async_test
async def test_log_a_session_with_the_keyboard_and_see_the_countdown(ready):
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_form(pilot)
        assert screen.query_one("#date", Input).value == "2026-11-25"
        assert app.focused is screen.query_one("#date")
        await pilot.press("tab", "tab", *"45")  # start time, then duration: row by row
        screen.query_one("#level", Input).value = "3"
        screen.query_one("#time", Input).value = "08:15"  # before NOW (09:30)
        areas = screen.query_one(SelectionList)
        areas.select("cheeks")
        areas.select("forehead")
        screen.query_one("#notes", Input).value = "first one"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RednessScreen) and app.screen.just_logged  # how red now?
        await pilot.press("escape")  # skip
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert ("next session on 2026-12-02 (Wed), in 7 days"
                in str(app.screen.query_one("#next").render()))
        assert "Sessions 1 of 6" in str(app.screen.query_one("#progress-label").render())
        assert any("Next eligible date: 2026-12-02 (Wed), in 7 days" in n.message
                   for n in app._notifications)
    [s] = ready.sessions.history()
    assert (s.session_date, s.start_time, s.duration_min, s.device_level, s.areas, s.notes,
            s.glasses_worn) == (dt.date(2026, 11, 25), "08:15", 45, 3, ("forehead", "cheeks"),
                                "first one", True)


@async_test
async def test_form_shows_the_validators_messages_inline_and_stores_nothing(ready):
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_form(pilot)
        screen.query_one("#date", Input).value = "2026-02-30"
        screen.query_one("#duration", Input).value = "500"
        screen.query_one("#time", Input).value = "25:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = screen.query_one(SessionForm)
        errors = {i: form.query_one(f"#{i}").parent.error for i in ("date", "duration", "time", "level")}
        assert errors == {
            "date": "date '2026-02-30' does not exist in the calendar",
            "duration": "duration must be from 1 to 180 minutes, not 500",
            "time": "time '25:00' does not exist on a 24-hour clock",
            "level": None,
        }
        assert app.screen is screen
        screen.query_one("#date", Input).value = "2026-11-26"
        screen.query_one("#duration", Input).value = "40"
        screen.query_one("#time", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form.query_one("#date").parent.error == (
            "2026-11-26 is in the future (today is 2026-11-25)")
    assert ready.sessions.session_count() == 0


@async_test
async def test_a_backdated_date_too_close_to_another_is_refused_on_the_date_field(ready):
    log(ready, "2026-11-10")
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_form(pilot)
        screen.query_one("#date", Input).value = "2026-11-14"
        await pilot.press("ctrl+s")
        await pilot.pause()
        message = screen.query_one("#date").parent.error
        assert message.startswith("refused: 2026-11-14 is 4 days after the session on 2026-11-10")
        assert app.screen is screen
    assert ready.sessions.session_count() == 1


@async_test
async def test_when_the_rule_blocks_the_form_is_not_offered(ready):
    log(ready, "2026-11-22")
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "next session on 2026-11-29 (Sun), in 4 days" in str(
            app.screen.query_one("#next").render())
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert screen.step == "blocked"
        assert not screen.query(SessionForm) and not screen.query(".safety-check")
        assert "at least 7 days apart" in str(screen.query_one("#blocked-why").render())
        assert str(screen.query_one("#blocked-next").render()) == (
            "Next eligible date: 2026-11-29 (Sun), in 4 days")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


@async_test
async def test_severe_redness_warns_and_stays_on_the_dashboard_until_it_has_faded(ready):
    log(ready, "2026-11-25")
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.click("#severity-4")
        await pilot.click("#faded-no")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        serious = [n for n in app._notifications if n.severity == "error"]
        assert serious and "consult a skin professional" in serious[0].message
        alert = app.screen.query_one("#alert")
        assert alert.display and alert.has_class("-serious")
        assert "Severe redness: pause treatments" in str(alert.render())
        assert "4 severe\nstill red" in str(app.screen.query_one("#redness").render())

        await pilot.press("r")  # later: it has faded
        await settle(pilot)
        await pilot.click("#severity-1")
        app.screen.query_one("#minutes", Input).value = "30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.screen.query_one("#alert").display
        assert "1 faint\nfaded after 30 min" in str(app.screen.query_one("#redness").render())


@async_test
async def test_redness_not_reported_gone_after_a_day_is_serious(ready):
    log(ready, "2026-11-20", redness=2)  # observed 2026-11-20 12:00, still red
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        alert = app.screen.query_one("#alert")
        assert alert.display and alert.has_class("-serious")
        assert "not reported gone after a day" in str(alert.render())


@async_test
async def test_redness_needs_minutes_or_still_red(ready):
    log(ready, "2026-11-25")
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.click("#severity-2")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "how many minutes" in app.screen.query_one("#minutes-field").error
        app.screen.query_one("#minutes", Input).value = "99999"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#minutes-field").error == (
            "faded-after must be from 0 to 43200 minutes, not 99999")
    assert not ready.sessions.history()[0].redness


@async_test
async def test_redness_without_any_session_says_so(ready):
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert any("log a session first" in n.message for n in app._notifications)


@async_test
async def test_cancel_closes_the_session_dialogs_and_stores_nothing(ready):
    sid = log(ready, "2026-11-20")
    async with app_for(ready).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert type(pilot.app.screen).__name__ == "RednessScreen"
        await press(pilot, "#cancel")
        assert isinstance(pilot.app.screen, DashboardScreen)
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert type(pilot.app.screen).__name__ == "EditSessionScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "HistoryScreen"
    assert ready.sessions.session(sid).redness == ()


@async_test
async def test_keys_typed_ahead_of_the_dialog_tick_the_checklist(ready):
    """A fast typist (or a slow machine) sends `l` and the ticks before the dialog has drawn:
    each key reaches the checklist, none opens the treatment list."""
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("l", "space", "tab", "space", "tab", "space", "tab", "space"):
            # Queued at once, as a terminal delivers a burst (Pilot's press waits for idle).
            app.post_message(events.Key(key, " " if key == "space" else None))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LogSessionScreen) and screen.step == "safety"
        ticked = [screen.query_one(f"#check-{check_id}").value for check_id, _ in SAFETY_CHECKS]
        assert ticked == [True] * len(SAFETY_CHECKS)
        await pilot.press("tab", "enter")  # Continue
        await settle(pilot)
        assert screen.step == "form"
