"""The chart screen on its own, in a tiny app: draws, saves, follows the data and the size."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from pathlib import Path

import matplotlib.image
import pytest
from PIL import Image
from textual.app import App
from textual.screen import Screen

from homekit.domain.models import SessionDraft
from homekit.tui.screens import chart as chart_module
from homekit.tui.screens.chart import ChartScreen, image_protocol
from tests.chartdata import log_demo

GOLDEN = Path(__file__).parent.parent / "baseline" / "chart-screen-80x24.txt"


class ChartApp(App[None]):
    def __init__(self, hk, save_dir: Path) -> None:
        super().__init__()
        self.hk, self.save_dir = hk, save_dir
        self.messages: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(Screen())  # something to go back to
        self.push_screen(ChartScreen(self.hk, save_dir=self.save_dir))

    def notify(self, message, **kw):  # type: ignore[override]
        self.messages.append(str(message))
        return super().notify(message, **kw)


async def settle(app: App, pilot) -> None:
    """Let the drawing workers finish and their results reach the screen."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def demo_hk(hk):
    log_demo(hk)
    return hk


def test_text_chart_matches_the_golden_text(demo_hk, tmp_path):
    """Snapshot of what an 80x24 terminal shows. After a deliberate change, look at the new
    text, then update it with HOMEKIT_UPDATE_BASELINE=1."""
    async def scenario() -> None:
        app = ChartApp(demo_hk, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, ChartScreen)
            text = screen.text_chart.plain() + "\n"
        if os.environ.get("HOMEKIT_UPDATE_BASELINE"):
            GOLDEN.write_text(text, encoding="utf-8")
        assert text == GOLDEN.read_text(encoding="utf-8")

    asyncio.run(scenario())


def test_save_writes_a_valid_png_and_says_where(demo_hk, tmp_path):
    async def scenario() -> None:
        app = ChartApp(demo_hk, tmp_path)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(app, pilot)
            await pilot.press("s")
            await settle(app, pilot)
        path = tmp_path / "homekit-progress.png"
        assert any(str(path.resolve()) in m for m in app.messages), app.messages
        assert path.read_bytes().startswith(b"\x89PNG")
        with Image.open(path) as img:
            img.verify()
        assert matplotlib.image.imread(path).shape[2] in (3, 4)
        assert oct(path.stat().st_mode & 0o777) == oct(0o600)

    asyncio.run(scenario())


def test_text_chart_and_saved_figure_get_the_same_series(demo_hk, tmp_path, monkeypatch):
    async def scenario() -> None:
        seen: dict[str, object] = {}
        real_text = chart_module.text_chart

        def spy_text(series, *a, **kw):
            seen["text"] = series
            return real_text(series, *a, **kw)

        import homekit.charts.figure as figure_module

        real_figure = figure_module.figure

        def spy_figure(series, *a, **kw):
            seen["figure"] = series
            return real_figure(series, *a, **kw)

        monkeypatch.setattr(chart_module, "text_chart", spy_text)
        monkeypatch.setattr(figure_module, "figure", spy_figure)
        app = ChartApp(demo_hk, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("s")
            await settle(app, pilot)
        assert seen["text"] is seen["figure"]
        assert seen["text"].sessions_done == 4  # type: ignore[attr-defined]

    asyncio.run(scenario())


def test_redraws_on_resize_kind_and_new_data_and_escape_goes_back(demo_hk, tmp_path):
    async def scenario() -> None:
        app = ChartApp(demo_hk, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, ChartScreen)
            narrow = screen.text_chart.plain()
            await pilot.resize_terminal(110, 30)
            await settle(app, pilot)
            wide = screen.text_chart.plain()
            assert max(map(len, wide.splitlines())) > max(map(len, narrow.splitlines()))

            await pilot.press("k")
            await settle(app, pilot)
            assert "How your skin reacted" in screen.text_chart.plain()
            await pilot.press("k", "k")  # all, then back to progress
            await settle(app, pilot)

            demo_hk.sessions.log_session(SessionDraft(dt.date(2026, 11, 20)))
            app.push_screen(Screen())  # e.g. the log form; back again means new data
            await pilot.pause()
            app.pop_screen()
            await settle(app, pilot)
            assert "5 of 6 sessions done" in screen.text_chart.plain()

            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, ChartScreen)

    asyncio.run(scenario())


def test_images_only_where_the_terminal_shows_them():
    assert image_protocol({"TERM": "xterm-kitty"}) == "tgp"
    assert image_protocol({"TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"}) is None
    assert image_protocol({"TERM": "foot"}) == "sixel"
    assert image_protocol({"TERM": "xterm-256color"}) is None
    assert image_protocol({"TERM": "xterm-kitty", "HOMEKIT_CHART_IMAGES": "off"}) is None
