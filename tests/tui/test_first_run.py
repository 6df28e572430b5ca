"""First run: the profile, the skin question, and the acknowledgement that unblocks logging."""

from __future__ import annotations

from textual.widgets import Input, RadioSet
from tui_helpers import SIZE, app_for, async_test, press, settle

from homekit.tui.screens.dashboard import DashboardScreen
from homekit.tui.screens.first_run import FirstRunScreen
from homekit.tui.screens.log_session import LogSessionScreen
from homekit.tui.widgets.condition import ConditionQuestion


async def fill(pilot, name: str, target: str, interval: str) -> None:  # noqa: ANN001
    screen = pilot.app.screen
    for input_id, value in (("name", name), ("target", target), ("interval", interval)):
        screen.query_one(f"#{input_id}", Input).value = value


async def answer(pilot, yes: bool) -> None:  # noqa: ANN001
    await pilot.click("#condition-yes" if yes else "#condition-no")
    await pilot.pause()


@async_test
async def test_first_run_creates_the_profile(hk):
    app = app_for(hk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)
        assert not hk.profiles.has_profiles(), "nothing is stored before the user answers"
        await fill(pilot, "ana", "10", "14")
        await answer(pilot, yes=False)
        await press(pilot, "#start")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "Sessions 0 of 10" in str(app.screen.query_one("#progress-label").render())
        assert "eligible now" in str(app.screen.query_one("#next").render())
    p = hk.profile()
    assert (p.name, p.target_sessions, p.min_interval_days, p.has_skin_condition) == (
        "ana", 10, 14, False)


@async_test
async def test_first_run_refuses_an_interval_below_a_week_and_asks_the_question(hk):
    app = app_for(hk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await fill(pilot, "ana", "6", "5")
        await press(pilot, "#start")
        await pilot.pause()
        field = app.screen.query_one("#interval").parent
        assert field.error == ("an interval of 5 days is too short: sessions must be at least "
                               "7 days apart")
        app.screen.query_one("#interval", Input).value = "7"
        await press(pilot, "#start")
        await pilot.pause()
        assert "answer the eczema" in str(app.screen.query_one("#first-run-error").render())
        assert isinstance(app.screen, FirstRunScreen)
        app.screen.query_one("#condition-no").value = True  # answered: the line goes at once
        await settle(pilot)
        assert str(app.screen.query_one("#first-run-error").render()) == ""
    assert not hk.profiles.has_profiles()


@async_test
async def test_condition_yes_warns_and_blocks_logging_until_acknowledged(hk):
    app = app_for(hk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await answer(pilot, yes=True)
        warning = app.screen.query_one("#condition-warning")
        assert warning.display and "serious outbreaks" in str(warning.render())
        assert "consult a skin professional" in str(warning.render())
        await press(pilot, "#start")  # without the acknowledgement
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert hk.profiles.needs_acknowledgement()
        alert = app.screen.query_one("#alert")
        assert alert.display and "Logging is blocked" in str(alert.render())

        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LogSessionScreen)
        assert app.screen.step == "ask"
        await press(pilot, "#ask-continue")
        await pilot.pause()
        assert "blocked until you acknowledge" in str(app.screen.query_one("#ask-error").render())
        assert app.screen.step == "ask"
        await pilot.click("#condition-ack")
        await press(pilot, "#ask-continue")
        await pilot.pause()
        assert app.screen.step == "safety"
    assert not hk.profiles.needs_acknowledgement()
    assert hk.profile().condition_acknowledged_at == "2026-11-25T09:30:00"


@async_test
async def test_the_log_screen_asks_the_question_of_a_profile_made_elsewhere(hk):
    hk.profile()  # 'me', created by the CLI without the question
    app = app_for(hk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        question = app.screen.query_one(ConditionQuestion)
        assert question.answer is None
        app.screen.query_one("#condition", RadioSet).focus()
        await pilot.press("enter")  # presses "No"
        await press(pilot, "#ask-continue")
        await pilot.pause()
        assert app.screen.step == "safety"
    assert hk.profile().has_skin_condition is False
