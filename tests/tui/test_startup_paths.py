"""Issue 14, the app's own start-up and stalls: what the faster paths must still show.

The welcome screen is the app's first screen; the dashboard is filled as it mounts and read
in a worker when shown again; history reads newest-first pages by LIMIT as scrolled to and
everything only to sort or filter; the chart's lines are built in a worker; table cells are
plain one-segment text."""

from __future__ import annotations

import datetime as dt

import pytest
from rich.console import Console
from textual.widgets import DataTable, Input
from tui_helpers import SIZE, app_for, async_test, log, settle

from homekit.domain.models import SessionDraft
from homekit.services import Homekit
from homekit.tui.screens import history as history_module
from homekit.tui.screens.chart import ChartScreen
from homekit.tui.screens.dashboard import DashboardScreen
from homekit.tui.screens.first_run import FirstRunScreen
from homekit.tui.screens.history import HistoryScreen
from homekit.tui.widgets.chart_lines import ChartLines
from homekit.tui.widgets.plain import Cell, cell


@async_test
async def test_the_welcome_screen_is_the_first_screen_with_the_name_focused(hk):
    app = app_for(hk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen_stack == [app.screen]
        assert isinstance(app.screen, FirstRunScreen)
        assert app.focused is app.screen.query_one("#name", Input)


def many(hk: Homekit, n: int) -> None:
    start = dt.date(2026, 11, 25)
    with hk.ctx.store.write():
        for i in range(n):
            hk.ctx.store.insert_session(hk.profile().id, SessionDraft(
                start - dt.timedelta(days=7 * i), duration_min=1 + (19 + i) % 180),
                "2026-11-25T09:30:00")


@async_test
async def test_history_reads_a_page_then_everything_only_to_sort(ready):
    n = 2 * history_module.PAGE + 50
    many(ready, n)
    async with app_for(ready).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, HistoryScreen)
        assert len(screen.sessions) == history_module.PAGE and not screen.complete
        assert screen.total == n
        assert f"{n} sessions ({history_module.PAGE} shown" in str(
            screen.query_one("#history-summary").render())
        await pilot.press("s")  # by minutes: every session is read, then sorted
        await settle(pilot)
        assert screen.complete and len(screen.sessions) == n
        table = screen.query_one("#history", DataTable)
        assert str(table.get_row_at(0)[2]) == "1"
        assert [s.duration_min for s in screen.sessions] == sorted(
            s.duration_min for s in ready.sessions.history())


@async_test
async def test_history_pages_in_order_and_keeps_the_cursor_after_a_change(ready):
    n = 2 * history_module.PAGE + 50
    many(ready, n)
    async with app_for(ready).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        screen = pilot.app.screen
        await pilot.press("ctrl+end")
        await settle(pilot)
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert [s.id for s in screen.sessions] == [s.id for s in ready.sessions.history()]
        table = screen.query_one("#history", DataTable)
        row = table.cursor_row
        assert row > history_module.PAGE
        screen.load()  # as after an edit or a delete: the pages shown so far, read again
        await settle(pilot)
        assert len(screen.sessions) == n and table.cursor_row == row


@async_test
async def test_dashboard_shows_a_session_written_elsewhere_when_shown_again(ready, db_path):
    log(ready, "2026-11-01")
    async with app_for(ready).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Sessions 1 of 6" in str(pilot.app.screen.query_one("#progress-label").render())
        await pilot.press("h")
        await settle(pilot)
        other = Homekit.open(db_path, now=ready.clock)  # another process, say the CLI
        log(other, "2026-11-10")
        other.close()
        await pilot.press("escape")
        await settle(pilot)
        dashboard = pilot.app.screen
        assert isinstance(dashboard, DashboardScreen)
        assert "Sessions 2 of 6" in str(dashboard.query_one("#progress-label").render())
        table = dashboard.query_one("#recent", DataTable)
        assert [str(table.get_row_at(i)[1]) for i in range(2)] == [
            "2026-11-10 (Tue)", "2026-11-01 (Sun)"]


@async_test
async def test_chart_lines_show_the_text_chart(ready):
    log(ready, "2026-11-01", redness=2, faded=10)
    log(ready, "2026-11-10")
    async with app_for(ready).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ChartScreen)
        lines = screen.query_one("#chart-text", ChartLines)
        shown = "\n".join(strip.text.rstrip() for strip in lines.lines)
        assert shown == screen.text_chart.plain()
        for strip, row in zip(lines.lines, screen.text_chart.rows, strict=True):
            roles = [role or "" for _, role in row]  # one segment per run of a role
            runs = 1 + sum(a != b for a, b in zip(roles, roles[1:], strict=False))
            assert len(list(strip)) == (runs if row else 0)


def test_a_cell_is_shown_literally_in_one_segment():
    console = Console(width=40, color_system=None)
    note = cell("a [b]bold[/b] \x1b[31m")
    assert isinstance(note, Cell) and "[b]bold[/b]" in str(note)
    assert "\x1b" not in str(note)  # terminal control made visible
    segments = list(console.render(note, console.options))
    assert "".join(s.text for s in segments) == str(note)
    assert note.__rich_measure__(console, console.options).maximum == len(str(note))


@async_test
async def test_footer_keys_are_textuals_own_styled_once(ready):
    from textual.widgets._footer import FooterKey

    from homekit.tui.widgets.footer import Footer

    async with app_for(ready).run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = list(pilot.app.screen.query_one(Footer).query(FooterKey))
        shown = [k.description for k in keys]
        assert shown[:3] == ["Log", "Redness", "History"]
        for key in keys:  # as Textual's footer leaves them: only the palette's key is compact
            palette = key.has_class("-command-palette")
            assert key.compact is palette and key.has_class("-compact") is palette


def fortnightly(hk: Homekit, n: int) -> None:
    start = dt.date(2026, 11, 25)
    with hk.ctx.store.write():
        for i in range(n):
            hk.ctx.store.insert_session(hk.profile().id, SessionDraft(
                start - dt.timedelta(days=14 * i), duration_min=30), "2026-11-25T09:30:00")


@pytest.mark.parametrize("change", ["log", "delete", "log older"])
@async_test
async def test_history_pages_stay_whole_when_another_process_writes_between_them(
        ready, db_path, change):
    """A session logged or deleted elsewhere while the first page is shown must neither repeat a
    row (which the table refuses) nor hide one when the next page is read."""
    n = 2 * history_module.PAGE  # the older rows end on a page's edge
    fortnightly(ready, n)
    async with app_for(ready).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, HistoryScreen) and len(screen.sessions) == history_module.PAGE
        first_page = {s.id for s in screen.sessions}
        other = Homekit.open(db_path, now=ready.clock)  # another process, say the CLI
        try:
            if change == "log":  # between the two newest: every later row moves down one
                log(other, "2026-11-18")
            elif change == "delete":  # one on the page shown goes: later rows move up one
                other.sessions.delete_session(screen.sessions[10].id)
            else:  # older than every stored one: the count read at first is one short
                log(other, "1900-01-01")
        finally:
            other.close()
        for _ in range(3):
            await pilot.press("ctrl+end")
            await settle(pilot)
        assert pilot.app.screen is screen and pilot.app.return_code is None
        shown = [s.id for s in screen.sessions]
        assert len(shown) == len(set(shown))  # no row twice
        # every stored session older than the first page is shown
        older = [s.id for s in ready.sessions.history() if s.id not in first_page
                 and s.session_date < screen.sessions[history_module.PAGE - 1].session_date]
        assert [i for i in older if i not in shown] == []
