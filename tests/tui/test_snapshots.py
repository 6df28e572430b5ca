"""SVG snapshots of every screen at 80x24 (a standard terminal) and 120x36 (fixed clock, steady
cursors). Update with --snapshot-update only after looking at each image (benchmarks/screens.py
renders PNGs with the SVG's font). The chart screen also has a golden text test at 80x24."""

from __future__ import annotations

import pytest
from textual.widgets import Input
from tui_helpers import app_for, log, press, settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


def four_sessions(hk) -> None:  # noqa: ANN001
    log(hk, "2026-10-28", start_time="19:30", duration_min=35, areas=("cheeks",),
        device_level=2, glasses_worn=True, stinging=1, redness=1, faded=10, notes="first try")
    log(hk, "2026-11-04", duration_min=40, areas=("cheeks", "chin"), device_level=3,
        glasses_worn=True, stinging=1, redness=2, faded=25)
    log(hk, "2026-11-11", duration_min=45, areas=("forehead", "cheeks"), device_level=3,
        glasses_worn=False, stinging=2)
    log(hk, "2026-11-18", duration_min=50, areas=("forehead", "cheeks", "nose"),
        device_level=4, glasses_worn=True, stinging=0, redness=0,
        notes="Left cheek warm for an hour; moisturiser after. Next time level 3 again.")


def keys(*pressed: str):  # noqa: ANN201
    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_first_run(hk, snap_compare, size):
    assert snap_compare(app_for(hk), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_empty_dashboard(ready, snap_compare, size):
    assert snap_compare(app_for(ready), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_dashboard_in_progress(ready, snap_compare, size):
    four_sessions(ready)
    assert snap_compare(app_for(ready), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_dashboard_blocked(ready, snap_compare, size):
    log(ready, "2026-11-15", duration_min=40, areas=("cheeks",), device_level=3,
        glasses_worn=True, redness=1, faded=5)
    log(ready, "2026-11-22", duration_min=45, areas=("cheeks", "nose"), device_level=3,
        glasses_worn=True, redness=3, faded=90)
    assert snap_compare(app_for(ready), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_blocked_dialog(ready, snap_compare, size):
    log(ready, "2026-11-22", duration_min=45, areas=("cheeks",), glasses_worn=True)
    assert snap_compare(app_for(ready), terminal_size=size, run_before=keys("l"))


@pytest.mark.parametrize("size", SIZES)
def test_safety_check(ready, snap_compare, size):
    four_sessions(ready)
    assert snap_compare(app_for(ready), terminal_size=size, run_before=keys("l"))


@pytest.mark.parametrize("size", SIZES)
def test_log_form_with_validation_errors(ready, snap_compare, size):
    async def run_before(pilot) -> None:  # noqa: ANN001
        await pilot.press("l")
        await settle(pilot)
        for check in pilot.app.screen.query(".safety-check"):
            check.value = True
        await press(pilot, "#safety-continue")
        await settle(pilot)
        screen = pilot.app.screen
        screen.query_one("#date", Input).value = "2026-11-31"
        screen.query_one("#duration", Input).value = "240"
        screen.query_one("#level", Input).value = "3"
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(app_for(ready), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_history(ready, snap_compare, size):
    four_sessions(ready)
    assert snap_compare(app_for(ready), terminal_size=size, run_before=keys("h"))


@pytest.mark.parametrize("size", SIZES)
def test_history_search(ready, snap_compare, size):
    four_sessions(ready)
    assert snap_compare(app_for(ready), terminal_size=size,
                        run_before=keys("h", "slash", *"cheek", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_session_detail(ready, snap_compare, size):
    four_sessions(ready)
    assert snap_compare(app_for(ready), terminal_size=size, run_before=keys("h", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_edit_form(ready, snap_compare, size):
    four_sessions(ready)
    assert snap_compare(app_for(ready), terminal_size=size, run_before=keys("h", "enter", "e"))


@pytest.mark.parametrize("size", SIZES)
def test_redness_dialog(ready, snap_compare, size):
    four_sessions(ready)
    assert snap_compare(app_for(ready), terminal_size=size, run_before=keys("r", "down", "down"))


@pytest.mark.parametrize("size", SIZES)
def test_delete_confirmation(ready, snap_compare, size):
    four_sessions(ready)
    assert snap_compare(app_for(ready), terminal_size=size, run_before=keys("h", "d"))


@pytest.mark.parametrize("size", SIZES)
def test_profile(ready, snap_compare, size):
    four_sessions(ready)
    assert snap_compare(app_for(ready), terminal_size=size, run_before=keys("p"))


@pytest.mark.parametrize("size", SIZES)
def test_help(ready, snap_compare, size):
    assert snap_compare(app_for(ready), terminal_size=size, run_before=keys("question_mark"))


async def _chart_drawn(pilot) -> None:  # noqa: ANN001
    await settle(pilot)
    await pilot.press("g")
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_chart_screen(ready, snap_compare, size, monkeypatch):
    monkeypatch.setenv("HOMEKIT_CHART_IMAGES", "off")  # the text chart, whatever the terminal
    four_sessions(ready)
    assert snap_compare(app_for(ready), terminal_size=size, run_before=_chart_drawn)


@pytest.mark.parametrize("size", SIZES)
def test_photos_screen(ready, snap_compare, size):
    four_sessions(ready)
    assert snap_compare(app_for(ready), terminal_size=size, run_before=keys("o"))
