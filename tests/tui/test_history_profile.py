"""History (sort, page, edit through the rule, delete with confirmation), profile, keys."""

from __future__ import annotations

import datetime as dt

from textual import events
from textual.widgets import Input, Select, Switch
from tui_helpers import SIZE, app_for, async_test, log, press, settle

from homekit.domain.models import SessionDraft
from homekit.tui.screens import history as history_module
from homekit.tui.screens.confirm import ConfirmScreen
from homekit.tui.screens.dashboard import DashboardScreen
from homekit.tui.screens.edit_session import EditSessionScreen
from homekit.tui.screens.help import HelpScreen
from homekit.tui.screens.history import HistoryScreen
from homekit.tui.screens.profile import ProfileScreen


async def open_history(pilot) -> HistoryScreen:  # noqa: ANN001
    await pilot.press("h")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HistoryScreen)
    return pilot.app.screen


def first_dates(screen: HistoryScreen, n: int = 3) -> list[str]:
    table = screen.query_one("#history")
    return [str(table.get_row_at(i)[1]) for i in range(n)]


@async_test
async def test_edit_into_a_conflict_is_refused_and_a_good_edit_is_kept(ready):
    log(ready, "2026-11-01")
    second = log(ready, "2026-11-10", duration_min=30)
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_history(pilot)
        assert first_dates(screen, 2) == ["2026-11-10 (Tue)", "2026-11-01 (Sun)"]
        await pilot.press("e")  # the newest, under the cursor
        await settle(pilot)
        edit = app.screen
        assert isinstance(edit, EditSessionScreen) and edit.session.id == second
        edit.query_one("#date", Input).value = "2026-11-05"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert edit.query_one("#date").parent.error.startswith(
            "refused: 2026-11-05 is 4 days after the session on 2026-11-01")
        assert "not changed" in str(edit.query_one("#form-error").render())
        assert app.screen is edit

        edit.query_one("#date", Input).value = "2026-11-09"
        edit.query_one("#duration", Input).value = "50"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert first_dates(screen, 1) == ["2026-11-09 (Mon)"]
    s = ready.sessions.session(second)
    assert (s.session_date, s.duration_min) == (dt.date(2026, 11, 9), 50)


@async_test
async def test_delete_asks_first(ready):
    log(ready, "2026-11-01", redness=1, faded=5)
    log(ready, "2026-11-10")
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_history(pilot)
        await pilot.press("down", "d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "2026-11-01 (Sun) and its 1 redness observation?" in app.screen.question
        await pilot.press("n")
        await settle(pilot)
        assert ready.sessions.session_count() == 2
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#history").row_count == 1
        assert first_dates(screen, 1) == ["2026-11-10 (Tue)"]
    assert [s.session_date.isoformat() for s in ready.sessions.history()] == ["2026-11-10"]


@async_test
async def test_sort_by_any_column_and_page_in_lazily(ready):
    start = dt.date(2026, 11, 25)
    n = 2 * history_module.PAGE + 50
    with ready.ctx.store.write():  # a week apart, durations 20..(20 + n - 1) % 180
        for i in range(n):
            ready.ctx.store.insert_session(ready.profile().id, SessionDraft(
                start - dt.timedelta(days=7 * i), duration_min=1 + (19 + i) % 180),
                "2026-11-25T09:30:00")
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_history(pilot)
        table = screen.query_one("#history")
        assert first_dates(screen, 1) == ["2026-11-25 (Wed)"]
        assert table.row_count == history_module.PAGE  # the rest wait until scrolled to
        assert f"{n} sessions" in str(screen.query_one("#history-summary").render())
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert table.row_count == 2 * history_module.PAGE
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert table.row_count == n
        keys = list(table.columns)
        x = sum(table.columns[k].get_render_width(table) for k in keys[:keys.index("minutes")])
        await pilot.click("#history", offset=(x + 1, 0))  # the "Min" heading: shortest first
        await settle(pilot)
        assert str(table.get_row_at(0)[2]) == "1"
        await pilot.press("v")
        await settle(pilot)
        assert str(table.get_row_at(0)[2]) == "180"
        assert "by min, descending" in str(screen.query_one("#history-summary").render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


@async_test
async def test_profile_refuses_an_interval_below_seven_and_saves_a_good_one(ready):
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProfileScreen)
        screen.query_one("#interval", Input).value = "5"
        await press(pilot, "#save-profile")
        await pilot.pause()
        assert screen.query_one("#interval").parent.error == (
            "an interval of 5 days is too short: sessions must be at least 7 days apart")
        assert "Not saved" in str(screen.query_one("#profile-error").render())
        assert ready.profile().min_interval_days == 7
        screen.query_one("#interval", Input).value = "14"
        screen.query_one("#target", Input).value = "9"
        await press(pilot, "#save-profile")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert "9 to go of 9" in str(app.screen.query_one("#projected").render())
        assert "at least 14 days apart" in app.screen.query_one("#next").border_title
    p = ready.profile()
    assert (p.min_interval_days, p.target_sessions) == (14, 9)


@async_test
async def test_switch_profile_and_theme(ready):
    ready.profiles.create_profile("bo", target_sessions=8, has_condition=False)  # answered: no gate
    log(ready, "2026-11-24")  # me is blocked; bo is not
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.sub_title == "profile: me"
        await pilot.press("p")
        await settle(pilot)
        app.screen.query_one("#switch-to", Select).value = "bo"
        await press(pilot, "#switch")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.sub_title == "profile: bo"
        assert "eligible now" in str(app.screen.query_one("#next").render())
        assert "Sessions 0 of 8" in str(app.screen.query_one("#progress-label").render())

        await pilot.press("p")
        await settle(pilot)
        dark = app.screen.query_one("#dark", Switch)
        assert dark.value is True
        await pilot.click("#dark")
        await settle(pilot)
        assert app.theme == "textual-light"
    assert ready.profile_name() == "bo"
    assert ready.profiles.preference("theme") == "textual-light"
    async with app_for(ready).run_test(size=SIZE) as pilot:  # remembered next time
        await settle(pilot)
        assert pilot.app.theme == "textual-light"


@async_test
async def test_help_chart_and_palette_commands(ready):
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "eczema or acne rosacea" in str(app.screen.query_one("#help-facts").render())
        await pilot.press("escape")
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Log a session", "Log redness after the latest session",
                      "History: every session", "Charts: progress and redness",
                      "Profile and settings", "Write calendar reminders", "Write the PDF report",
                      "Progress photos", "Help", "Undo", "Quit"):
            assert title in titles
        await pilot.press("g")
        await pilot.pause()
        assert type(app.screen).__name__ == "ChartScreen"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


@async_test
async def test_calendar_reminders_written_to_the_current_folder(ready, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TZ", "Europe/Paris")  # the system's zone: the app has no --tz
    log(ready, "2026-11-25")
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await settle(pilot)
        expected = tmp_path / "homekit-reminders-me.ics"
        assert expected.read_bytes().count(b"BEGIN:VEVENT") == 5
        assert b"DTSTART;TZID=Europe/Paris:20261202T090000" in expected.read_bytes()
        assert any(f"Wrote 5 reminders, the first on 2026-12-02 (Wed) to {expected}" in n.message
                   for n in app._notifications)
        ready.profiles.update_profile(target_sessions=5)  # one fewer: that reminder is cancelled
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("y")  # replace the file written above
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert expected.read_bytes().count(b"STATUS:CANCELLED") == 1
        assert any("Wrote 4 reminders, the first on 2026-12-02 (Wed) (1 no longer planned: "
                   f"cancelled) to {expected}" in n.message for n in app._notifications)


@async_test
async def test_enter_typed_ahead_of_the_delete_question_answers_no(ready):
    """`d` then Enter in one burst (a fast typist, a slow machine, a browser tab): the Enter
    reaches the question's default, No, never the Delete button that is drawn first."""
    log(ready, "2026-11-01")
    app = app_for(ready)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_history(pilot)
        for key in ("d", "enter"):  # queued at once, as a terminal delivers a burst
            app.post_message(events.Key(key, None))
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
    assert ready.sessions.session_count() == 1
