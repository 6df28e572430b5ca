"""Progress and redness figures: chart series in, matplotlib Figure out.

Builds `matplotlib.figure.Figure` objects directly (never pyplot: no global state, no GUI
window) and imports matplotlib only inside its functions, so `homekit status` and the app's
start-up never pay for it; `homekit.charts.files` writes them. Colours are Okabe-Ito (safe for
colour-blind readers) and every series also differs in line style or marker shape, so nothing
depends on colour alone.
"""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, cast

from homekit import words
from homekit.charts.glyphs import drawable, put, title
from homekit.charts.palette import DARK, LIGHT, Palette
from homekit.domain.errors import InvalidInput
from homekit.domain.models import REDNESS_LEVELS
from homekit.domain.series import CHART_KINDS, ChartSeries, padded
from homekit.words.scales import REDNESS_AXIS, redness_label

if TYPE_CHECKING:
    from matplotlib.figure import Figure, SubFigure

#: Past this many sessions, markers shrink and fade bars become thin lines (speed, legibility).
MANY = 120

#: Fixed settings so a chart looks the same on every machine (and image tests can compare):
#: DejaVu Sans ships with matplotlib; SVG text as paths and no dates in the file metadata.
#: No text is ever parsed as math: user text is drawn as written (homekit.charts.glyphs).
STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "text.parse_math": False,
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "path",
    "svg.hashsalt": "homekit",
    "path.simplify": True,
}


def style() -> AbstractContextManager[Any]:
    """The fixed rcParams, for building and for saving (tick labels are made at draw time)."""
    import matplotlib

    return matplotlib.rc_context(cast(Any, STYLE))


def figure(
    series: ChartSeries,
    kind: str = "progress",
    *,
    dark: bool = False,
    width: float | None = None,
    height: float | None = None,
    dpi: float = 100,
) -> Figure:
    """The chart of `kind` (progress, redness, or all: both, one above the other)."""
    from matplotlib.figure import Figure

    if kind not in CHART_KINDS:
        raise InvalidInput(f"unknown chart kind {kind!r}", code="unknown_chart_kind", kind=kind)
    palette = DARK if dark else LIGHT
    default_width, default_height = default_size(kind)
    with style():
        fig = Figure(
            figsize=(width or default_width, height or default_height),
            dpi=dpi,
            layout="constrained",
            facecolor=palette.background,
        )
        if kind == "progress":
            draw_progress(fig, series, palette)
        elif kind == "redness":
            draw_redness(fig, series, palette)
        else:
            top, bottom = cast(Any, fig.subfigures(2, 1, height_ratios=[1, 1.1]))
            draw_progress(top, series, palette)
            draw_redness(bottom, series, palette)
    return fig


def default_size(kind: str) -> tuple[float, float]:
    """Width and height in inches when the user gives none: 8 x 4.5, or 8 x 9 for both charts."""
    return (8.0, 9.0 if kind == "all" else 4.5)


def _dates(days: tuple[dt.date, ...] | list[dt.date]) -> Any:
    """Dates as matplotlib's day numbers (midnight of each day)."""
    import matplotlib.dates as mdates

    return mdates.date2num([dt.datetime.combine(d, dt.time()) for d in days])


def _style_axes(ax: Any, palette: Palette) -> None:
    import matplotlib.dates as mdates

    ax.set_facecolor(palette.background)
    ax.tick_params(colors=palette.text, labelcolor=palette.text)
    for spine in ax.spines.values():
        spine.set_color(palette.text)
    ax.xaxis.label.set_color(palette.text)
    ax.yaxis.label.set_color(palette.text)
    ax.grid(True, color=palette.grid, linewidth=0.6)
    ax.set_axisbelow(True)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    # Offsets in words ("Dec 2026"), not ISO fragments ("2026-Dec").
    offsets = ["", "%Y", "%b %Y", "%d %b %Y", "%d %b %Y", "%d %b %Y %H:%M"]
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, offset_formats=offsets))


def _marker(count: int) -> float:
    return 6 if count <= MANY else 3


def _legend(ax: Any, palette: Palette, **kw: Any) -> None:
    legend = ax.legend(frameon=False, **kw)
    for text in legend.get_texts():
        text.set_color(palette.text)


def draw_progress(container: Figure | SubFigure, series: ChartSeries, palette: Palette) -> Any:
    """Sessions done as steps, the target, and the plan from today to the target."""
    from matplotlib.ticker import MaxNLocator

    ax = container.add_subplot()
    _style_axes(ax, palette)
    if series.done_dates:
        ax.plot(_dates(series.done_dates), series.done_counts, drawstyle="steps-post",
                color=palette.done, linewidth=2.2, label="Sessions done", gid="done")
        ax.plot(_dates(series.session_dates), range(1, series.sessions_done + 1),
                linestyle="none", marker="o", markersize=_marker(series.sessions_done),
                color=palette.done,
                markeredgecolor=palette.background if series.sessions_done <= MANY else palette.done,
                label="A session", gid="sessions")
    if series.plan_dates:
        ax.plot(_dates(series.plan_dates), series.plan_counts, drawstyle="steps-post",
                linestyle=(0, (5, 3)), color=palette.plan, linewidth=2,
                label=f"Plan: one session every {series.interval_days} days", gid="plan")
    ax.axhline(series.target, color=palette.target, linestyle=(0, (1, 2)), linewidth=2,
               label=f"Target: {series.target} sessions", gid="target")
    today = _dates([series.today])[0]
    ax.axvline(today, color=palette.grid, linewidth=1, zorder=0)
    put(ax, today, 0.02, " Today", transform=ax.get_xaxis_transform(), color=palette.text,
        fontsize=8, ha="left", va="bottom")
    if series.completion_date is not None:
        when = "Reached" if series.target_reached else "Target by"
        ax.annotate(
            drawable(f"{when} {series.completion_date.day} {series.completion_date:%b %Y}"),
            parse_math=False,
            xy=(_dates([series.completion_date])[0], series.target),
            xytext=(0, 10), textcoords="offset points", ha="right", va="bottom",
            color=palette.text, fontsize=9,
            arrowprops={"arrowstyle": "-", "color": palette.text, "linewidth": 0.8},
            gid="completion",
        )
    start, end = series.first_date, series.last_date
    ax.set_xlim(_dates(list(padded(start, end, max(2, (end - start).days // 20)))))
    ax.set_ylim(0, max(series.target, series.sessions_done) + 1)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("Sessions done")
    title(ax, words.progress_title(series), loc="left", color=palette.text)
    legend = container.legend(loc="outside lower center", ncols=4, frameon=False, fontsize=8)
    for text in legend.get_texts():
        text.set_color(palette.text)
    return ax


def draw_redness(container: Figure | SubFigure, series: ChartSeries, palette: Palette) -> Any:
    """Worst redness per session (words of the scale) above the minutes it took to fade."""
    sev_ax, fade_ax = container.subplots(2, 1, sharex=True, height_ratios=[1.3, 1])
    for ax in (sev_ax, fade_ax):
        _style_axes(ax, palette)
    points = series.redness
    days = _dates([p.session_date for p in points])
    sev_ax.plot(days, [p.severity for p in points], color=palette.done, linewidth=1,
                marker="o", markersize=_marker(len(points)), label="Worst redness", gid="severity")
    for p in points:  # the treatment of each session that was not microdermabrasion
        if p.treatment:
            sev_ax.annotate(drawable(p.treatment), parse_math=False,
                            xy=(_dates([p.session_date])[0], p.severity), xytext=(0, 7),
                            textcoords="offset points", ha="center", va="bottom", fontsize=7,
                            color=palette.text, gid="treatment")
    for flag, color, marker, label in (
        ("lasting", palette.lasting, "^", "Lasted or still red (a warning sign)"),
        ("severe", palette.severe, "X", "Pause and see a professional"),
    ):
        chosen = [p for p in points if getattr(p, flag) and (flag == "severe" or not p.severe)]
        if chosen:
            sev_ax.plot(_dates([p.session_date for p in chosen]), [p.severity for p in chosen],
                        linestyle="none", marker=marker, markersize=_marker(len(points)) + 5,
                        color=color,
                        markeredgecolor=palette.text, label=label, gid=flag)
    sev_ax.set_ylim(-0.4, len(REDNESS_LEVELS) - 0.6)
    sev_ax.set_yticks(range(len(REDNESS_LEVELS)),
                      [redness_label(i) for i in range(len(REDNESS_LEVELS))])
    sev_ax.set_ylabel(REDNESS_AXIS)
    heading = "How your skin reacted" if points else "How your skin reacted: no redness recorded yet"
    title(sev_ax, heading, loc="left", color=palette.text)
    if points:
        _legend(sev_ax, palette, loc="upper left", fontsize=8)

    faded = [(d, p.faded_after_min) for d, p in zip(days, points, strict=True)
             if p.faded_after_min is not None]
    bar_width = max(1.0, series.interval_days * 0.4)
    if len(faded) <= MANY:
        fade_ax.bar([d for d, _ in faded], [m for _, m in faded], width=bar_width,
                    color=palette.fade, edgecolor=palette.text, linewidth=0.5,
                    label="Minutes until it faded", gid="fade")
    else:  # hundreds of bars: one line collection draws many times faster than patches
        fade_ax.vlines([d for d, _ in faded], 0, [m for _, m in faded], color=palette.fade,
                       linewidth=1, label="Minutes until it faded", gid="fade")
    fade_ax.axhline(series.lasting_minutes, color=palette.lasting, linestyle="--", linewidth=1.2,
                    label=words.lasting_limit(series.lasting_minutes), gid="lasting-limit")
    fade_ax.set_ylim(0, max([90, *(m * 1.15 for _, m in faded)]))
    fade_ax.set_ylabel("Minutes to fade")
    _legend(fade_ax, palette, loc="upper right", fontsize=8)

    start, end = series.first_date, max([series.today, *(p.session_date for p in points)])
    fade_ax.set_xlim(_dates(list(padded(start, end, max(3, (end - start).days // 20)))))
    return sev_ax, fade_ax
