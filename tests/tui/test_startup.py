"""Start-up pays for neither matplotlib nor the chart screen (nor for what only writes need), and
`homekit tui` opens the app."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import asyncio, datetime as dt, sys
from homekit.services import Homekit
from homekit.storage import open_store
from homekit.tui.app import HomekitApp

async def main():
    hk = Homekit(open_store(sys.argv[1]), now=lambda: dt.datetime(2026, 11, 25, 9, 30))
    app = HomekitApp(hk)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        print(type(app.screen).__name__, app.screen.status.sessions_done)
    print(sorted(m for m in ("matplotlib", "homekit.tui.screens.chart", "homekit.charts", "PIL",
                             "homekit.tui.screens.photos",
                             # what only writes need: drafts, the events' hold, the journal
                             "homekit.domain.drafts", "homekit.services.events",
                             "homekit.storage.journal", "homekit.services.results",
                             "homekit.domain.validate")
                 if m in sys.modules))

asyncio.run(main())
"""


def test_dashboard_first_paint_imports_no_matplotlib_nor_pillow(ready, db_path):
    ready.ctx.store.close()
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(db_path)], capture_output=True,
                         text=True, timeout=60, check=True).stdout.splitlines()
    assert out == ["DashboardScreen 0", "[]"]
