"""User text is text: markup-like names, notes and values go through every screen literally."""

from __future__ import annotations

import asyncio
import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from textual.coordinate import Coordinate
from textual.widgets import Input
from tui_helpers import SIZE, app_for, log, press, settle

from homekit.domain import validate
from homekit.domain.errors import InvalidInput
from homekit.services import Homekit
from homekit.tui.screens.chart import ChartScreen
from homekit.tui.screens.dashboard import DashboardScreen
from homekit.tui.screens.edit_session import EditSessionScreen
from homekit.tui.screens.first_run import FirstRunScreen
from homekit.tui.screens.history import HistoryScreen
from homekit.tui.screens.profile import ProfileScreen
from homekit.tui.screens.redness import RednessScreen
from tests.conftest import NOW

NASTY = ["[@click=app.quit]", "a [/b] b", "[/]", "[b]bold", "[red]x[/red]", "$x$", "\\[x]",
         "[link=file:///etc/passwd]x"]
markup_like = st.one_of(
    st.sampled_from(NASTY),
    st.text(alphabet="[]/@=$\\ab :().#", min_size=1, max_size=20),
).filter(lambda t: t.strip() != "")


def name_for(text: str) -> str:
    """`text` as a profile name, if the validator accepts it; else a name still full of markup."""
    try:
        return validate.profile_name(text[:40])
    except InvalidInput:
        return "[/]"


async def back_to(pilot, screen_type: type) -> None:  # noqa: ANN001
    for _ in range(5):
        if isinstance(pilot.app.screen, screen_type):
            return
        await pilot.press("escape")
        await settle(pilot)
    assert isinstance(pilot.app.screen, screen_type)


def notes_column(table) -> int:  # noqa: ANN001
    """Where the history table shows the notes (the column order is the screen's choice)."""
    return table.get_column_index("notes")


def rendered(widget) -> str:  # noqa: ANN001
    return str(widget.render())


async def walk_every_screen(folder: Path, text: str) -> None:
    name = name_for(text)
    hk = Homekit.open(folder / "homekit.db", now=lambda: NOW)
    try:
        # First run: the typed name goes into the form; a bad target gives an error line.
        app = app_for(hk)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, FirstRunScreen)
            app.screen.query_one("#name", Input).value = name
            app.screen.query_one("#target", Input).value = text
            await press(pilot, "#start")
            await settle(pilot)
            assert isinstance(app.screen, FirstRunScreen)
        hk.profiles.create_profile(name, make_default=True)
        hk.profiles.create_profile(name + " 2")
        hk.profiles.record_skin_condition(False, False)
        first = log(hk, "2026-11-01", notes=text)
        log(hk, "2026-11-15", notes=f"{text}\n{text}", redness=2)
        hk.redness.add_redness(first, 1, None, text)

        app = app_for(hk)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
            assert app.sub_title == f"profile: {name}"
            app.notify(text, title=text)  # notifications are plain too
            await settle(pilot)

            await pilot.press("h")
            await settle(pilot)
            history = app.screen
            assert isinstance(history, HistoryScreen)
            table = history.query_one("#history-table") if history.query("#history-table") \
                else history.query_one("DataTable")
            notes = {str(cell) for cell in table.get_column("notes")}
            assert text.splitlines()[0][:24] in notes
            await pilot.press("e")
            await settle(pilot)
            assert isinstance(app.screen, EditSessionScreen)
            app.screen.query_one("#time", Input).value = text  # refused: the value in the error
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, EditSessionScreen)
            await back_to(pilot, HistoryScreen)
            await pilot.press("r")
            await settle(pilot)
            assert isinstance(app.screen, RednessScreen)
            app.screen.query_one("#redness-notes", Input).value = text
            await pilot.press("ctrl+s")
            await settle(pilot)
            await back_to(pilot, DashboardScreen)

            await pilot.press("l")  # the log form: the bad value comes back in the error
            await settle(pilot)
            app.pop_screen()
            await settle(pilot)

            await pilot.press("p")
            await settle(pilot)
            assert isinstance(app.screen, ProfileScreen)
            assert rendered(app.screen.query_one("#profile-title")) == f"Profile {name}"
            app.screen.query_one("#new-name", Input).value = name  # exists: refused with name
            await press(pilot, "#add")
            await settle(pilot)
            await back_to(pilot, DashboardScreen)

            await pilot.press("g")
            await settle(pilot)
            assert isinstance(app.screen, ChartScreen)
            assert name in rendered(app.screen.query_one("#chart-heading"))
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
        assert app.return_code in (None, 0)  # no crash, and no markup action ran
    finally:
        hk.close()


@settings(max_examples=1, suppress_health_check=[HealthCheck.too_slow])
@given(text=markup_like)
@example(text="[@click=app.quit]")
@example(text="a [/b] b")
def test_markup_like_text_is_shown_literally_on_every_screen(text):
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(walk_every_screen(Path(folder), text))


def test_a_note_with_markup_is_shown_as_typed(ready):
    async def scenario() -> None:
        log(ready, "2026-11-01", notes="[@click=app.quit] a [/b] b")
        app = app_for(ready)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("h")
            await settle(pilot)
            table = app.screen.query_one("DataTable")
            assert str(table.get_cell_at(Coordinate(0, notes_column(table)))) == (
                "[@click=app.quit] a [/b] b"[:24])
        assert app.return_code in (None, 0)

    asyncio.run(scenario())
    assert ready.sessions.history()[0].session_date == dt.date(2026, 11, 1)


def test_a_profile_named_close_tag_opens_every_screen_that_names_it(hk):
    async def scenario() -> None:
        hk.profiles.create_profile("[/]", make_default=True)
        hk.profiles.create_profile("[b]other")
        hk.profiles.record_skin_condition(False, False)
        log(hk, "2026-11-01", notes="[/]")
        app = app_for(hk)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert app.sub_title == "profile: [/]"
            await pilot.press("p")
            await settle(pilot)
            assert rendered(app.screen.query_one("#profile-title")) == "Profile [/]"
            await back_to(pilot, DashboardScreen)
            await pilot.press("g")
            await settle(pilot)
            assert rendered(app.screen.query_one("#chart-heading")).startswith("[/]: ")
        assert app.return_code in (None, 0)

    asyncio.run(scenario())


def test_terminal_control_in_a_foreign_note_is_shown_escaped(ready):
    """Written by another tool (homekit refuses ESC in notes): the app shows it, inert."""
    import sqlite3

    log(ready, "2026-11-01", notes="x")
    conn = sqlite3.connect(ready.data_file)
    conn.execute("UPDATE sessions SET notes = ?", ("red \x1b[31mALERT \u202eevil",))
    conn.commit()
    conn.close()

    async def scenario() -> None:
        app = app_for(ready)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("h")
            await settle(pilot)
            table = app.screen.query_one("DataTable")
            cell = str(table.get_cell_at(Coordinate(0, notes_column(table))))
            assert "\x1b" not in cell and "\u202e" not in cell and cell.startswith("red \\x1b")

    asyncio.run(scenario())


def test_terminal_control_in_a_foreign_profile_name_is_escaped_in_titles_and_notifications(ready):
    """A profile renamed by another tool: the header and every notification show it inert."""
    import sqlite3

    log(ready, "2026-11-01")
    conn = sqlite3.connect(ready.data_file)
    conn.execute("UPDATE profiles SET name = ?", ("ana \x1b[31mX\u202e",))
    conn.execute("UPDATE settings SET value = ? WHERE key = 'default_profile'", ("ana \x1b[31mX\u202e",))
    conn.commit()
    conn.close()
    hk = Homekit.open(ready.data_file, now=lambda: NOW)

    async def scenario() -> None:
        app = app_for(hk)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert app.sub_title == "profile: ana \\x1b[31mX\\u202e"
            app.notify(f"Now using profile {hk.profile_name()}.", title=hk.profile_name())
            await settle(pilot)
            note = [n for n in app._notifications if n.message.startswith("Now using")][-1]
            for text in (note.message, note.title):
                assert "\x1b" not in text and "\u202e" not in text and "\\x1b" in text

    try:
        asyncio.run(scenario())
    finally:
        hk.close()
