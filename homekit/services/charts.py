"""Chart data for both renderers, and chart files written owner-only."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from homekit.domain.series import ChartSeries
    from homekit.services.context import Context
    from homekit.services.treatments import Treatments


class Charts:
    """The chart series and chart files of the current profile."""

    def __init__(self, ctx: Context, treatments: Treatments) -> None:
        self.ctx = ctx
        self.treatments = treatments

    def chart_series(self, kind: str = "all", treatment: str | None = None) -> ChartSeries:
        """The one series the figure and the text chart both draw, for the current profile.

        `kind`: the chart it is for; a progress chart's series skips the redness (it holds
        none), so drawing it never reads the observations. `treatment`: only its sessions,
        its target and interval (None: every session, the redness marked by treatment).
        """
        from dataclasses import replace

        from homekit.domain.series import series_of
        from homekit.storage import redness as stored_redness
        from homekit.storage import treatments as stored_treatments

        profile = self.ctx.profile()
        name = None
        if treatment is not None:
            found = self.treatments.get(treatment, profile)
            name = found.name
            profile = replace(profile, target_sessions=found.target_sessions or 0,
                              min_interval_days=found.min_interval_days)
        store = self.ctx.store
        dates = store.chart_dates(profile.id, name)  # narrow: no notes, no sessions
        observed = (stored_redness.chart_redness(store, profile.id, name)
                    if kind != "progress" else [])
        marks = stored_treatments.treatment_days(store, profile.id) if observed and name is None else None
        return series_of(profile, dates, observed, self.ctx.now(), name or "", marks)

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
