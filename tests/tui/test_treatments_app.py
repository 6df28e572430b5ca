"""Treatments in the app: the dashboard's next dates, the treatment asked first (and
remembered), the conflict and product-hold dialogs, history and the detail view."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Select, SelectionList
from tui_helpers import SIZE, app_for, async_test, log, press, settle

from homekit.services import Homekit
from homekit.tui.screens.dashboard import DashboardScreen
from homekit.tui.screens.log_session import SAFETY_CHECKS, LogSessionScreen
from homekit.tui.screens.session_detail import SessionDetailScreen, field_rows


async def _tick_and_continue(pilot, screen: LogSessionScreen) -> None:  # noqa: ANN001
    for check_id, _ in SAFETY_CHECKS:
        await pilot.click(f"#check-{check_id}")
    await press(pilot, "#safety-continue")
    await settle(pilot)


async def _choose(pilot, screen: LogSessionScreen, name: str) -> None:  # noqa: ANN001
    screen.query_one("#treatment", Select).value = name
    await pilot.pause()


@async_test
async def test_the_dashboard_shows_each_treatment_with_its_next_date_at_80x24(ready: Homekit):
    log(ready, "2026-11-20", areas=("neck",))
    app = app_for(ready)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = app.screen.query_one("#treatments")
        assert not line.display  # microdermabrasion alone: the dashboard as it was
    log(ready, "2026-11-23", treatment="peel", areas=("chin",))
    async with app_for(ready).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = pilot.app.screen.query_one("#treatments")
        text = str(line.render())
        assert line.display and "peel 2026-12-07 (interval, conflict)" in text
        assert "microdermabrasion 2026-11-30 (interval, conflict)" in text
        assert line.region.bottom <= 24 and line.region.width <= 80


@async_test
async def test_log_asks_the_treatment_first_and_remembers_it(ready: Homekit):
    log(ready, "2026-11-20", areas=("cheeks",))
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LogSessionScreen) and screen.step == "blocked"
        await press(pilot, "#other-treatment")  # microdermabrasion waits: another one
        await settle(pilot)
        assert screen.step == "safety"
        await _choose(pilot, screen, "microneedling")
        assert screen.query_one("#depth").display
        screen.query_one("#depth").value = "1.5"  # type: ignore[attr-defined]
        await _tick_and_continue(pilot, screen)
        assert "not a home treatment" in str(screen.query_one("#safety-error").render())
        screen.query_one("#depth").value = "0.25"  # type: ignore[attr-defined]
        await press(pilot, "#safety-continue")
        await settle(pilot)
        assert screen.step == "form"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, LogSessionScreen)
    [newest, _] = ready.sessions.history()
    assert (newest.treatment, newest.depth_mm) == ("microneedling", 0.25)
    async with app_for(ready).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = pilot.app.screen
        # remembered: microneedling at 0.25 mm, which waits 3 days after today's
        assert screen.step == "blocked"
        await press(pilot, "#other-treatment")
        await settle(pilot)
        assert screen.query_one("#treatment", Select).value == "microneedling"
        assert screen.query_one("#depth").value == "0.25"  # type: ignore[attr-defined]


@async_test
async def test_the_blocked_dialog_names_the_conflicting_session(ready: Homekit):
    log(ready, "2026-11-23", treatment="peel", areas=("cheeks",))
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LogSessionScreen)
        assert screen.step == "blocked"  # microdermabrasion, no area yet: every area
        why = str(screen.query_one("#blocked-why").render())
        assert "2 days after peel (session 1 on 2026-11-23)" in why
        await press(pilot, "#choose-areas")  # the way out: other areas, judged on save
        await settle(pilot)
        await _tick_and_continue(pilot, screen)
        assert screen.step == "form"
        screen.query_one(SelectionList).select("cheeks")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "2 days after peel" in str(screen.query_one("#form-error").render())
        areas = screen.query_one(SelectionList)
        areas.deselect("cheeks")
        areas.select("neck")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [s.areas for s in ready.sessions.history()] == [("neck",), ("cheeks",)]


@async_test
async def test_a_product_hold_is_a_dialog_with_two_ways_out(ready: Homekit):
    ready.products.log("retinoid", dt.date(2026, 11, 23))
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        await _tick_and_continue(pilot, screen)
        assert screen.step == "hold"
        why = str(screen.query_one("#hold-why").render())
        assert "retinoid used on 2026-11-23" in why and "clears on 2026-11-27" in why
        await press(pilot, "#close")  # wait: nothing stored
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen) and ready.sessions.history() == []
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        await _tick_and_continue(pilot, screen)
        await press(pilot, "#despite")  # log it anyway: recorded with the session
        await settle(pilot)
        assert screen.step == "form"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [s] = ready.sessions.history()
    assert s.despite == ("retinoid",)
    assert ("Products", "logged despite a retinoid") in field_rows(s)


@async_test
async def test_history_and_the_detail_show_the_treatment(ready: Homekit):
    sid = log(ready, "2026-11-20", treatment="microneedling", depth_mm=0.5)
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        table = app.screen.query_one("DataTable")
        assert any("microneedling 0.5 mm" in str(c) for c in table.get_row(str(sid)))
        app.push_screen(SessionDetailScreen(ready, ready.sessions.session(sid)))
        await settle(pilot)
        assert ("Treatment", "microneedling 0.5 mm") in field_rows(ready.sessions.session(sid))
