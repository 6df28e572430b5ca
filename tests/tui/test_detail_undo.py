"""Session detail (Enter on a row), undo with u / ctrl+z, history filter, profile delete."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input
from tui_helpers import SIZE, app_for, async_test, log, press, settle

from homekit.tui.screens.confirm import ConfirmScreen
from homekit.tui.screens.dashboard import DashboardScreen
from homekit.tui.screens.edit_session import EditSessionScreen
from homekit.tui.screens.history import HistoryScreen
from homekit.tui.screens.profile import ProfileScreen
from homekit.tui.screens.redness import RednessScreen
from homekit.tui.screens.session_detail import SessionDetailScreen

LONG_NOTE = "Left cheek warm for an hour.\nSecond line: tried level 3 [b]not bold[/b] " + "x" * 150


def text_of(screen, selector: str) -> str:  # noqa: ANN001
    return str(screen.query_one(selector).render())


@async_test
async def test_enter_on_history_opens_every_field_and_the_whole_note(ready):
    sid = log(ready, "2026-11-10", start_time="19:30", duration_min=40, areas=("cheeks", "nose"),
              device_level=3, glasses_worn=True, stinging=1, notes=LONG_NOTE, redness=2, faded=15)
    ready.redness.add_redness(sid, 1, 40, "evening")
    async with app_for(ready).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        detail = pilot.app.screen
        assert isinstance(detail, SessionDetailScreen) and detail.session.id == sid
        fields = text_of(detail, "#detail-fields")
        for part in ("2026-11-10 (Tue)", "19:30", "40 min", "cheeks, nose", "Device level: 3",
                     "1 slight", "2 mild, faded after 15 min"):
            assert part in " ".join(fields.split()), part
        assert detail.query_one("#detail-notes").render().plain == LONG_NOTE  # markup shown as text
        assert detail.query_one("#detail-redness").row_count == 2
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HistoryScreen)


@async_test
async def test_enter_on_a_dashboard_row_opens_the_session(ready):
    log(ready, "2026-11-01")
    second = log(ready, "2026-11-10")
    async with app_for(ready).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the newest row, focused from the start
        await settle(pilot)
        assert isinstance(pilot.app.screen, SessionDetailScreen)
        assert pilot.app.screen.session.id == second


@async_test
async def test_edit_add_and_delete_redness_and_delete_from_the_detail_view(ready):
    sid = log(ready, "2026-11-10", duration_min=30, redness=1, faded=5)
    async with app_for(ready).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        detail = pilot.app.screen
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(pilot.app.screen, EditSessionScreen)
        pilot.app.screen.query_one("#duration", Input).value = "55"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is detail and "55 min" in text_of(detail, "#detail-fields")

        await pilot.press("r")
        await settle(pilot)
        assert isinstance(pilot.app.screen, RednessScreen)
        await pilot.press("ctrl+s")  # severity 0 none
        await settle(pilot)
        assert detail.query_one("#detail-redness").row_count == 2

        await pilot.press("x")  # the first observation
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert [r.severity for r in ready.sessions.session(sid).redness] == [0]

        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HistoryScreen)
        assert pilot.app.screen.query_one("#history").row_count == 0
        assert ready.sessions.session_count() == 0

        await pilot.press("u")  # the delete, then the redness, then the edit
        await settle(pilot)
        assert pilot.app.screen.query_one("#history").row_count == 1
        assert any("Undone: deleted the session of" in n.message for n in pilot.app._notifications)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert [r.severity for r in ready.sessions.session(sid).redness] == [1, 0]
        await pilot.press("u")  # the edit; adding redness is no undo step (delete it with x)
        await settle(pilot)
    assert ready.sessions.session(sid).duration_min == 30 and len(ready.sessions.session(sid).redness) == 2


@async_test
async def test_undo_on_the_dashboard_and_nothing_to_undo(ready):
    sid = log(ready, "2026-11-10")
    ready.sessions.delete_session(sid)
    async with app_for(ready).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Sessions 0 of 6" in text_of(pilot.app.screen, "#progress-label")
        await pilot.press("u")
        await settle(pilot)
        assert "Sessions 1 of 6" in text_of(pilot.app.screen, "#progress-label")
        await pilot.press("u")
        await settle(pilot)
        assert list(pilot.app._notifications)[-1].message == "nothing to undo"


@async_test
async def test_history_filter_and_count(ready):
    log(ready, "2026-10-01", notes="warm CHEEK")
    log(ready, "2026-10-10", areas=("cheeks",))
    log(ready, "2026-10-20", notes="fine")
    async with app_for(ready).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        screen = pilot.app.screen
        summary = text_of(screen, "#history-summary")
        assert summary.startswith("3 sessions ·") and "scroll" not in summary
        await pilot.press("slash")
        assert screen.focused is screen.query_one("#search")
        await pilot.press(*"cheek")
        await settle(pilot)
        assert screen.query_one("#history").row_count == 2
        assert text_of(screen, "#history-summary").startswith("2 sessions matching 'cheek'")
        screen.query_one("#since", Input).value = "2026-10-05"
        await settle(pilot)
        assert screen.query_one("#history").row_count == 1
        screen.query_one("#until", Input).value = "2026-13-01"
        await settle(pilot)
        assert "YYYY-MM-DD" in text_of(screen, "#history-summary")
        screen.query_one("#until", Input).value = "2026-10-09"
        await settle(pilot)
        assert "0 sessions matching 'cheek' from 2026-10-05 until 2026-10-09" in text_of(
            screen, "#history-summary")


@async_test
async def test_profile_saves_with_one_button_sets_reminder_time_and_deletes(ready):
    ready.profiles.create_profile("bo")
    log(ready, "2026-11-10")
    async with app_for(ready).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ProfileScreen) and not screen.query("#save-condition")
        screen.query_one("#reminder-time", Input).value = "7:15"
        screen.query_one("#target", Input).value = "8"
        await press(pilot, "#save-profile")
        await settle(pilot)
        assert ready.plan.reminder_time() == "07:15" and ready.profile().target_sessions == 8
        await press(pilot, "#delete-profile")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert "'me' and its 1 session" in pilot.app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DashboardScreen)
        assert pilot.app.sub_title == "profile: bo"
        note = list(pilot.app._notifications)[-1].message
        assert "Deleted profile 'me'" in note and "Backup first:" in note and "undo" in note
        await pilot.press("u")
        await settle(pilot)
        assert pilot.app.sub_title == "profile: me"
    assert [p.name for p in ready.profiles.profiles()] == ["me", "bo"]
    assert ready.sessions.session_count() == 1
    assert ready.sessions.session(ready.sessions.history()[0].id).session_date == dt.date(2026, 11, 10)


@async_test
async def test_blocked_dialog_logs_an_earlier_date_under_the_rule(ready):
    log(ready, "2026-11-20")
    async with app_for(ready).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = pilot.app.screen
        assert screen.step == "blocked"
        bindings = {b.binding.action for b in screen.active_bindings.values()}
        assert "save" not in {a for a in bindings if screen.check_action(a, ())}
        await press(pilot, "#backfill")
        await settle(pilot)
        assert screen.step == "form" and screen.query_one("#date", Input).value == ""
        assert pilot.app.focused is screen.query_one("#date")
        screen.query_one("#date", Input).value = "2026-11-16"  # 4 days before: refused
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.query_one("#date").parent.error.startswith("refused:")
        screen.query_one("#date", Input).value = "2026-11-12"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, RednessScreen)  # "how red now?" (issue 11)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DashboardScreen)
    assert [s.session_date.isoformat() for s in ready.sessions.history()] == ["2026-11-20", "2026-11-12"]


@async_test
async def test_checkbox_and_radio_state_reads_without_colour(ready):
    from homekit.tui.widgets.marks import DOT, RING, TICK

    async with app_for(ready).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        box = pilot.app.screen.query_one("#check-glasses")
        assert TICK not in str(box.render())
        box.value = True
        assert TICK in str(box.render())
        await pilot.press("escape")
        await settle(pilot)
        log(ready, "2026-11-20")
        await pilot.press("r")
        await settle(pilot)
        none, faint = (pilot.app.screen.query_one(f"#severity-{i}") for i in (0, 1))
        assert DOT in str(none.render()) and RING in str(faint.render())


@async_test
async def test_undo_on_the_first_run_screen_brings_the_deleted_profile_back(ready):
    from homekit.tui.screens.first_run import FirstRunScreen

    log(ready, "2026-11-10")
    ready.profiles.delete_profile("me")
    async with app_for(ready).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, FirstRunScreen)
        await pilot.press("ctrl+z")  # u would be typed into the name box
        await settle(pilot)
        assert isinstance(pilot.app.screen, DashboardScreen)
        assert "Sessions 1 of 6" in text_of(pilot.app.screen, "#progress-label")


@async_test
async def test_undo_on_the_profile_screen_shows_the_profile_as_it_was(ready):
    async with app_for(ready).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = pilot.app.screen
        screen.query_one("#name", Input).value = "ana"
        await press(pilot, "#save-profile")
        await settle(pilot)
        assert ready.profile_name() == "ana"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert screen.query_one("#name", Input).value == "me"
        assert ready.profile_name() == "me"


@async_test
async def test_the_detail_shows_the_checklist_the_professional_clearance_and_photo_count(ready):
    from homekit.domain.checklist import CHECKLIST_IDS
    from tests.images import png_bytes

    sid = log(ready, "2026-11-10", checklist=CHECKLIST_IDS)
    other = log(ready, "2026-11-18")
    ready.photos.add_photo(png_bytes(), session_id=sid, area="cheeks")
    ready.photos.add_photo(png_bytes(seed=1), session_id=sid, area="cheeks")
    async with app_for(ready).run_test(size=SIZE) as pilot:
        await settle(pilot)
        for session_id, expected in ((sid, ("every item confirmed", "2 (key o")),
                                     (other, ("not asked", "Photos:"))):
            pilot.app.push_screen(SessionDetailScreen(ready, ready.sessions.session(session_id)))
            await settle(pilot)
            fields = " ".join(text_of(pilot.app.screen, "#detail-fields").split())
            assert all(part in fields for part in expected), fields
            await pilot.press("escape")
            await settle(pilot)
        assert "Photos: none" in fields
