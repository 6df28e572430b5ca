"""The files the app writes (report, calendar, comparison, chart) follow the CLI's rule: in the
folder the app was started in, the full path shown, and an existing file replaced only after a
yes in a dialog. At 80x24, the size every screen must work at."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static
from tui_helpers import app_for, async_test, log, settle

from homekit.tui.screens.confirm import ConfirmScreen
from tests.images import png_bytes

SMALL = (80, 24)


@pytest.fixture
def started_in(tmp_path: Path) -> Path:
    """The folder the app is started in: not the data file's folder, not the tests' own."""
    folder = tmp_path / "started here"
    folder.mkdir()
    return folder


def messages(app) -> list[str]:  # noqa: ANN001
    return [str(n.message) for n in app._notifications]


async def answer(pilot, key: str) -> None:  # noqa: ANN001
    await pilot.press(key)
    await settle(pilot)


async def open_photos(pilot) -> None:  # noqa: ANN001
    await pilot.press("o")
    await settle(pilot)


async def open_chart(pilot) -> None:  # noqa: ANN001
    await pilot.press("g")
    await settle(pilot)


async def write_with(pilot, before, key: str) -> None:  # noqa: ANN001
    """From the dashboard: go where the key is (`before`), then press it."""
    await settle(pilot)
    if before is not None:
        await before(pilot)
    await answer(pilot, key)


def two_sessions_with_photos(hk) -> None:  # noqa: ANN001
    """Something for every file: sessions to plan from, two photos of one area to compare."""
    s1 = log(hk, "2026-10-28", areas=("cheeks",))
    s2 = log(hk, "2026-11-18", areas=("cheeks",))
    hk.photos.add_photo(png_bytes(seed=1), session_id=s1)
    hk.photos.add_photo(png_bytes(seed=2), session_id=s2)


#: key to press (after `before`), the file's name, and how the written file begins.
CASES = {
    "report": (None, "w", "homekit-report.pdf", b"%PDF-"),
    "calendar": (None, "c", "homekit-reminders-me.ics", b"BEGIN:VCALENDAR"),
    "comparison": (open_photos, "c", "homekit-compare.png", b"\x89PNG"),
    "chart": (open_chart, "s", "homekit-progress.png", b"\x89PNG"),
}


@pytest.mark.parametrize("case", CASES)
@async_test
async def test_written_where_the_app_started_with_the_full_path(ready, started_in, case):
    before, key, name, magic = CASES[case]
    two_sessions_with_photos(ready)
    app = app_for(ready, started_in)
    async with app.run_test(size=SMALL) as pilot:
        await write_with(pilot, before, key)
        target = started_in / name
        assert target.read_bytes().startswith(magic)
        assert not isinstance(app.screen, ConfirmScreen)  # a new file: no question
        assert any(str(target) in m for m in messages(app)), messages(app)
    assert not (ready.data_file.parent / name).exists()


@pytest.mark.parametrize("case", CASES)
@async_test
async def test_an_existing_file_is_replaced_only_after_a_yes(ready, started_in, case):
    before, key, name, magic = CASES[case]
    two_sessions_with_photos(ready)
    target = started_in / name
    target.write_bytes(b"the user's own file")
    app = app_for(ready, started_in)
    async with app.run_test(size=SMALL) as pilot:
        await write_with(pilot, before, key)
        assert isinstance(app.screen, ConfirmScreen)
        question = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "already exists. Replace it?" in question and name in question
        await answer(pilot, "n")
        assert target.read_bytes() == b"the user's own file"
        assert any("was kept as it was" in m for m in messages(app)), messages(app)
        await answer(pilot, key)
        assert isinstance(app.screen, ConfirmScreen)
        await answer(pilot, "y")
        assert target.read_bytes().startswith(magic)
        assert any(str(target) in m and "kept" not in m for m in messages(app)), messages(app)
