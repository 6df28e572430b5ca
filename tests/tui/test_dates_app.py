"""The app shows the earliest accepted date (and a year-50 row written by another tool)."""

from __future__ import annotations

import asyncio
import sqlite3

from tui_helpers import SIZE, app_for, log, settle

from homekit.charts.text import text_chart
from homekit.tui.screens.chart import ChartScreen
from homekit.tui.screens.history import HistoryScreen

EARLIEST = "1900-01-01"


def test_every_screen_of_the_app_shows_the_earliest_date(ready):
    log(ready, EARLIEST, redness=3)
    # That redness never faded: the next session needs a professional's clearance (issue 11).
    log(ready, "2026-11-20", cleared_by_professional=True)
    conn = sqlite3.connect(ready.data_file)
    conn.execute("INSERT INTO sessions (profile_id, session_date, created_at) "
                 "VALUES (1, '0050-01-01', '2026-01-01T00:00:00')")
    conn.commit()
    conn.close()

    async def scenario() -> None:
        app = app_for(ready)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("h")
            await settle(pilot)
            assert isinstance(app.screen, HistoryScreen)
            table = app.screen.query_one("DataTable")
            dates = {str(cell) for cell in table.get_column("date")}
            assert "1900-01-01 (Mon)" in dates
            await pilot.press("escape")
            for kind in range(3):
                await pilot.press("g" if kind == 0 else "k")
                await settle(pilot)
                assert isinstance(app.screen, ChartScreen)
            await pilot.press("escape")
            await settle(pilot)
        assert app.return_code in (None, 0)

    asyncio.run(scenario())
    assert text_chart(ready.charts.chart_series(), "all", 80, 28).plain()
