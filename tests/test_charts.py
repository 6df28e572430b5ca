"""The figures: their data (not just that a file exists), their look, their files."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import matplotlib.dates as mdates
import pytest

from homekit.charts import figure as charts
from homekit.charts import files as chartfiles
from homekit.charts.text import text_chart
from homekit.domain.errors import InvalidInput, StorageError
from homekit.domain.models import Profile
from homekit.domain.series import chart_series
from tests.chartdata import DEMO, NOW, demo_series

BASELINE = Path(__file__).parent / "baseline"


def save_figure(fig, path):
    """Write a figure as the services do: by extension, owner-only, atomically."""
    from homekit.files import write_output

    return write_output(path, chartfiles.render_bytes(fig, chartfiles.chart_format(path)),
                        replace=True)


def lines_by_gid(fig):
    return {line.get_gid(): line for ax in fig.axes for line in ax.get_lines() if line.get_gid()}


def days(xdata) -> list[dt.date]:
    return [mdates.num2date(x).date() if isinstance(x, float) else x.date() for x in xdata]


def test_step_line_points_are_the_cumulative_counts_by_date():
    s = demo_series()
    done = lines_by_gid(charts.figure(s, "progress"))["done"]
    assert done.get_drawstyle() == "steps-post"
    assert days(done.get_xdata()) == [d for d, _, _ in DEMO] + [NOW.date()]
    assert list(done.get_ydata()) == [1, 2, 3, 4, 4]


def test_target_line_sits_at_the_target_and_markers_on_session_dates():
    lines = lines_by_gid(charts.figure(demo_series(), "progress"))
    assert set(lines["target"].get_ydata()) == {6}
    assert days(lines["sessions"].get_xdata()) == [d for d, _, _ in DEMO]


def test_projection_ends_on_the_projected_completion_date():
    s = demo_series()
    fig = charts.figure(s, "progress")
    plan = lines_by_gid(fig)["plan"]
    assert days(plan.get_xdata())[0] == NOW.date()
    assert days(plan.get_xdata())[-1] == s.completion_date == dt.date(2026, 12, 2)
    assert list(plan.get_ydata())[-1] == 6
    labels = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "Target by 2 Dec 2026" in labels


def test_redness_series_equals_the_stored_severities_and_fade_times():
    fig = charts.figure(demo_series(), "redness")
    lines = lines_by_gid(fig)
    assert list(lines["severity"].get_ydata()) == [sev for _, sev, _ in DEMO]
    assert days(lines["lasting"].get_xdata()) == [dt.date(2026, 10, 21)]
    fade_ax = fig.axes[1]
    assert [round(bar.get_height()) for bar in fade_ax.patches] == [fade for _, _, fade in DEMO]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == [
        "0 none", "1 faint", "2 mild", "3 marked", "4 severe"]  # the scale's words everywhere
    assert fig.axes[0].get_ylabel() == "Worst redness (erythema 0-4)"


def test_nothing_logged_shows_target_and_projection_with_a_title_saying_so():
    s = chart_series(Profile(1, "me", 6, 7), [], NOW)
    fig = charts.figure(s, "progress")
    lines = lines_by_gid(fig)
    assert "done" not in lines and "sessions" not in lines
    assert set(lines["target"].get_ydata()) == {6}
    assert days(lines["plan"].get_xdata())[-1] == s.completion_date
    assert fig.axes[0].get_title(loc="left").startswith("Nothing logged yet")
    red = charts.figure(s, "redness")
    assert "no redness recorded yet" in red.axes[0].get_title(loc="left")


def test_all_has_both_charts_and_dark_has_a_dark_background():
    fig = charts.figure(demo_series(), "all", dark=True)
    assert {"done", "plan", "target", "severity"} <= set(lines_by_gid(fig))
    assert fig.get_facecolor()[:3] < (0.2, 0.2, 0.2)
    with pytest.raises(InvalidInput):
        charts.figure(demo_series(), "pie")


def test_text_chart_and_figure_are_fed_the_same_series():
    """Both draw from one ChartSeries: what the figure plots is what the text chart marks."""
    s = demo_series()
    fig_lines = lines_by_gid(charts.figure(s, "progress"))
    text = text_chart(s, "progress", 80, 20).plain()
    plot = "\n".join(text.splitlines()[:-1])  # without the legend
    assert plot.count("●") == len(fig_lines["sessions"].get_xdata()) == s.sessions_done
    assert "target by 2 Dec 2026" in text and "target: 6" in text
    red_plot = "\n".join(text_chart(s, "redness", 80, 10).plain().splitlines()[:-1])
    assert red_plot.count("▲") == len(lines_by_gid(charts.figure(s, "redness"))["lasting"].get_xdata())


@pytest.mark.parametrize("ext,magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_files_by_extension_are_owner_only(tmp_path, ext, magic):
    target = tmp_path / f"chart{ext}"
    target.write_bytes(b"old")
    os.chmod(target, 0o644)
    save_figure(charts.figure(demo_series(), "progress"), target)
    assert target.read_bytes().startswith(magic)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary left behind


def test_unknown_extension_is_refused():
    with pytest.raises(InvalidInput, match="unknown chart file type '.jpg'"):
        chartfiles.chart_format("chart.jpg")


def test_progress_chart_looks_like_the_baseline(tmp_path):
    """Pixel comparison with a committed image; DejaVu Sans and fixed rcParams keep it stable.

    After a deliberate change, look at the new image, then: HOMEKIT_UPDATE_BASELINE=1 pytest.
    """
    from matplotlib.testing.compare import compare_images

    baseline = BASELINE / "progress.png"
    actual = tmp_path / "progress.png"
    save_figure(charts.figure(demo_series(), "progress", dpi=80), actual)
    if os.environ.get("HOMEKIT_UPDATE_BASELINE"):
        baseline.write_bytes(actual.read_bytes())
    assert compare_images(str(baseline), str(actual), tol=6) is None


def test_too_big_a_png_is_refused_before_drawing_and_write_errors_are_one_line(tmp_path):
    with pytest.raises(InvalidInput, match="too large"):
        chartfiles.check_pixels(50, 50, 1200)
    chartfiles.check_pixels(8, 4.5, 1200)  # a print-quality default chart is fine
    with pytest.raises(StorageError, match="cannot write"):
        save_figure(charts.figure(demo_series(), "progress"), tmp_path / ("n" * 300 + ".png"))
    assert list(tmp_path.iterdir()) == []
