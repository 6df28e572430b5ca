"""Chart data for both renderers, and chart files written owner-only."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from homekit.domain.series import ChartSeries
    from homekit.services.context import Context


class Charts:
    """The chart series and chart files of the current profile."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def chart_series(self, kind: str = "all") -> ChartSeries:
        """The one series the figure and the text chart both draw, for the current profile.

        `kind`: the chart it is for; a progress chart's series skips the redness (it holds
        none), so drawing it never reads the observations.
        """
        from homekit.domain.series import series_of
        from homekit.storage import redness as stored_redness

        profile = self.ctx.profile()
        dates = self.ctx.store.chart_dates(profile.id)  # narrow: no notes, no sessions
        observed = stored_redness.chart_redness(self.ctx.store, profile.id) if kind != "progress" else []
        return series_of(profile, dates, observed, self.ctx.now())

    def save_chart(
        self,
        path: Path | str,
        kind: str,
        *,
        series: ChartSeries | None = None,
        dark: bool = False,
        width: float | None = None,
        height: float | None = None,
        dpi: float = 150,
        replace: bool = True,
    ) -> Path:
        """Draw `kind` and write it to `path` (homekit.files: PNG, SVG or PDF by extension; PNG
        to `-` or a device); `replace=False` refuses an existing file. Returns the full path."""
        from homekit.charts.figure import figure
        from homekit.charts.files import chart_format, check_pixels, render_bytes
        from homekit.files import FILE, NEW, check_output, write_output

        kind_of_target = check_output(path, replace=replace)
        fmt = chart_format(path, default=None if kind_of_target in (NEW, FILE) else "png")
        fig = figure(series or self.chart_series(), kind, dark=dark, width=width, height=height,
                     dpi=dpi)
        if fmt == "png":
            width_in, height_in = fig.get_size_inches()
            check_pixels(width_in, height_in, dpi)
        return write_output(path, render_bytes(fig, fmt, dpi=dpi), replace=replace)
