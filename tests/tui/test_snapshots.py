"""SVG snapshots of the key screens (fixed clock, steady cursors). Update with --snapshot-update
only after looking at the report."""

from __future__ import annotations

from textual.widgets import Input
from tui_helpers import SIZE, app_for, log, press, settle


def test_first_run(hk, snap_compare):
    assert snap_compare(app_for(hk), terminal_size=SIZE, run_before=settle)


def test_empty_dashboard(ready, snap_compare):
    assert snap_compare(app_for(ready), terminal_size=SIZE, run_before=settle)


def test_dashboard_in_progress(ready, snap_compare):
    log(ready, "2026-10-28", duration_min=35, areas=("cheeks",), device_level=2,
        glasses_worn=True, redness=1, faded=10)
    log(ready, "2026-11-04", duration_min=40, areas=("cheeks", "chin"), device_level=3,
        glasses_worn=True, redness=2, faded=25)
    log(ready, "2026-11-11", duration_min=45, areas=("forehead", "cheeks"), device_level=3,
        glasses_worn=True, redness=1, faded=15)
    log(ready, "2026-11-18", duration_min=50, areas=("forehead", "cheeks", "nose"),
        device_level=4, glasses_worn=True)
    assert snap_compare(app_for(ready), terminal_size=SIZE, run_before=settle)


def test_dashboard_blocked(ready, snap_compare):
    log(ready, "2026-11-15", duration_min=40, areas=("cheeks",), device_level=3,
        glasses_worn=True, redness=1, faded=5)
    log(ready, "2026-11-22", duration_min=45, areas=("cheeks", "nose"), device_level=3,
        glasses_worn=True, redness=3, faded=90)
    assert snap_compare(app_for(ready), terminal_size=SIZE, run_before=settle)


def test_log_form_with_validation_errors(ready, snap_compare):
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

    assert snap_compare(app_for(ready), terminal_size=SIZE, run_before=run_before)


def test_history(ready, snap_compare):
    log(ready, "2026-10-28", start_time="19:30", duration_min=35, areas=("cheeks",),
        device_level=2, glasses_worn=True, stinging=1, redness=1, faded=10, notes="first try")
    log(ready, "2026-11-04", duration_min=40, areas=("cheeks", "chin"), device_level=3,
        glasses_worn=True, stinging=1, redness=2, faded=25)
    log(ready, "2026-11-11", duration_min=45, areas=("forehead", "cheeks"), device_level=3,
        glasses_worn=False, stinging=2)
    log(ready, "2026-11-18", duration_min=50, areas=("forehead", "cheeks", "nose"),
        device_level=4, glasses_worn=True, stinging=0, redness=0)

    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)

    assert snap_compare(app_for(ready), terminal_size=SIZE, run_before=run_before)
