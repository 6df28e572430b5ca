"""The chart code as it was before issue 14 made it cheap on long logs, kept verbatim to
check that the new path draws exactly the same characters (tests/test_chart_exact.py).

Fed full `Session` objects (every observation as `Redness`), judging every observation and
placing every point one by one: the naive computation.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from homekit import words
from homekit.charts.text import (
    SPARK,
    Canvas,
    DateScale,
    Segment,
    TextChart,
    _crop,
    _date_axis,
    _date_candidates,
    _fit,
    _too_small,
)
from homekit.domain import rules
from homekit.domain.gates import started_at
from homekit.domain.models import REDNESS_LEVELS, Profile, Redness, Session
from homekit.domain.series import ChartSeries, padded


@dataclass(frozen=True)
class OldPoint:
    session_date: dt.date
    severity: int
    faded_after_min: int | None
    lasting: bool
    severe: bool
    #: The latest observation (observed_at, severity, faded_after_min): how it ended.
    latest: tuple[str, int, int | None] = ("", 0, None)

    @property
    def severity_word(self) -> str:
        return REDNESS_LEVELS[self.severity]


def chart_series(profile: Profile, sessions: Iterable[Session], now: dt.datetime) -> ChartSeries:
    """Turn a profile's sessions into the series of the progress and redness charts."""
    ordered = sorted(sessions, key=lambda s: (s.session_date, s.id))
    return series_of(profile, [s.session_date for s in ordered],
                     [(s.session_date, s.start_time, s.redness) for s in ordered if s.redness],
                     now)


def series_of(
    profile: Profile,
    dates: Sequence[dt.date],
    observed: Iterable[tuple[dt.date, str | None, Sequence[Redness]]],
    now: dt.datetime,
) -> ChartSeries:
    """The series from what the charts need only: every session date (oldest first) and, per
    session with redness (in date order), its observations."""
    today = now.date()
    dates = list(dates)
    target, interval = profile.target_sessions, profile.min_interval_days

    done_dates = list(dates)
    done_counts = list(range(1, len(dates) + 1))
    if dates and today > dates[-1]:
        done_dates.append(today)
        done_counts.append(len(dates))

    planned = rules.planned_dates(dates, interval, target, today)
    plan_dates: list[dt.date] = []
    plan_counts: list[int] = []
    if planned:
        plan_dates = [today, *planned]
        plan_counts = list(range(len(dates), len(dates) + len(planned) + 1))

    return ChartSeries(
        profile=profile.name,
        today=today,
        target=target,
        interval_days=interval,
        session_dates=tuple(dates),
        done_dates=tuple(done_dates),
        done_counts=tuple(done_counts),
        plan_dates=tuple(plan_dates),
        plan_counts=tuple(plan_counts),
        completion_date=rules.projected_completion_date(dates, interval, target, today),
        redness=tuple(p for p in (_redness_point(d, t, r, now) for d, t, r in observed)
                      if p is not None),
    )


def _redness_point(day: dt.date, start_time: str | None, redness: Sequence[Redness],
                   now: dt.datetime) -> OldPoint | None:
    """The worst of a session's observations, with that observation's own fade time.

    Flags follow the app's own redness alerts, judged from the session's time, on the
    observations that still tell how the redness went: all but a "still red" one that a later
    observation followed (what the legend's "lasted or still red" means).
    """
    if not redness:
        return None
    worst = max(redness, key=lambda r: (r.severity, r.observed_at))  # as Session.worst_redness
    since = started_at(day, start_time)
    in_order = sorted(redness, key=lambda r: r.observed_at)
    told = [r for r in in_order if r is in_order[-1] or r.faded_after_min is not None
            or r.severity >= 4]
    alerts = [rules.redness_alert(r, now, since) for r in told]
    return OldPoint(
        session_date=day,
        severity=worst.severity,
        faded_after_min=worst.faded_after_min,
        lasting=any(a is not None for a in alerts),
        severe=any(a is not None and a.serious for a in alerts),
        latest=(in_order[-1].observed_at, in_order[-1].severity, in_order[-1].faded_after_min),
    )


def progress_text(series: ChartSeries, width: int = 80, height: int = 14) -> TextChart:
    """Sessions done as solid steps, the plan dashed, the target dotted, sessions as ●."""
    small = _too_small(width, height, 30, 7)
    if small:
        return small
    top = max(series.target, series.sessions_done) + 1
    left = len(str(top)) + 2
    cols, rows = width - left, height - 4
    canvas = Canvas(cols, rows)
    first, last = series.first_date, series.last_date
    xs = DateScale(*padded(first, last, max(1, (last - first).days // 30)), canvas.width)

    def y(value: int) -> int:
        return round((1 - value / top) * (canvas.height - 1))

    canvas.hline(0, canvas.width - 1, y(series.target), "target", on=1, off=1)
    done_points: list[tuple[int, int]] = []
    for dates, counts, role, on, off in (
        (series.plan_dates, series.plan_counts, "plan", 3, 2),
        (series.done_dates, series.done_counts, "done", 1, 0),
    ):
        points = [(xs(d), y(c)) for d, c in zip(dates, counts, strict=True)]
        _steps(canvas, points, role, on, off)
        done_points = points
    # Sessions are the first points of the done line (today may follow); one mark per cell.
    for x, yy in dict.fromkeys(done_points[: len(series.session_dates)]):
        canvas.mark(x, yy, "●", "session")

    chart = TextChart()
    chart.add((_fit(words.progress_heading(series), width), "title"))
    labelled: dict[int, int] = {}
    step = label_step(top, rows, y)
    for v in range(0, top + 1, step):
        labelled.setdefault(y(v) // 4, v)
    for row in range(rows):
        value = labelled.get(row)
        label = f"{value:>{left - 2}} ┤" if value is not None else " " * (left - 1) + "│"
        chart.add((label, "axis"), *canvas.row_segments(row))
    key_days = [series.today] + ([series.completion_date] if series.completion_date else [])
    axis, labels = _date_axis(xs, cols, 2, _date_candidates(first, last, key_days), left)
    chart.add(*axis)
    chart.add(*labels)
    chart.add(("─", "done"), (" done  ", None), ("● ", "session"), ("session  ", None),
              ("- -", "plan"), (f" plan: every {series.interval_days} days  ", None),
              ("···", "target"), (f" target: {series.target}", None))
    return chart


def _steps(canvas: Canvas, points: list[tuple[int, int]], role: str, on: int, off: int) -> None:
    """A step line through `points` (x, y in dots; y monotone): across at the old level, then
    up. Points that share a column become one vertical stroke, so a long log (thousands of
    sessions in a few hundred columns) costs what its columns cost, with the same dots."""
    runs: list[tuple[int, int, int, int]] = []  # (x, y first, y last, points) per column
    for x, yy in points:
        if runs and runs[-1][0] == x:
            runs[-1] = (x, runs[-1][1], yy, runs[-1][3] + 1)
        else:
            runs.append((x, yy, yy, 1))
    for i, (x, y_in, y_out, n) in enumerate(runs):
        if i:
            px, _, p_out, _ = runs[i - 1]
            canvas.hline(px, x, p_out, role, on, off)
            canvas.vline(x, p_out, y_in, role)
        if n > 1:
            canvas.vline(x, y_in, y_out, role)


def label_step(top: int, rows: int, y: Callable[[int], int]) -> int:
    """The smallest step between y-axis labels (0, step, 2 step, ... up to `top`) that puts
    each on its own row (`y` maps a value to a dot row, four dots a text row).

    It cannot be below ceil((top + 1) / rows) (more labels than rows), so the search starts
    there: a few tries instead of one per value (thousands for a long log).
    """
    step = max(1, -(-(top + 1) // max(1, rows)))
    while len({y(v) // 4 for v in range(0, top + 1, step)}) < len(range(0, top + 1, step)):
        step += 1
    return step


def redness_text(series: ChartSeries, width: int = 80, height: int = 10) -> TextChart:
    """Worst redness per session on the scale's words, a row of fade times, flags ▲ ✖."""
    small = _too_small(width, height, 30, 10)
    if small:
        return small
    # The scale's labels as every door shows them: `4 severe` (homekit.words.scales).
    labels = [f"{i} {w}" for i, w in enumerate(REDNESS_LEVELS)]
    left = max(len(w) for w in labels) + 2
    cols = width - left
    points = series.redness
    first = min([p.session_date for p in points], default=series.today)
    xs = DateScale(padded(first, series.today, 3)[0], series.today, cols)
    columns: dict[int, tuple[int, str, str]] = {}
    fades: dict[int, int] = {}
    for p in points:
        col = xs(p.session_date)
        char, role = ("✖", "severe") if p.severe else ("▲", "lasting") if p.lasting else ("●", "done")
        if col not in columns or p.severity >= columns[col][0]:
            columns[col] = (p.severity, char, role)
        if p.faded_after_min is not None:
            fades[col] = max(fades.get(col, 0), p.faded_after_min)

    chart = TextChart()
    chart.add((_fit(words.redness_heading(series), width), "title"))
    for level in range(len(REDNESS_LEVELS) - 1, -1, -1):
        cells: list[Segment] = []
        for col in range(cols):
            if col in columns and columns[col][0] == level:
                cells.append(columns[col][1:])
            elif col in columns and columns[col][0] > level:
                cells.append(("│", "done"))
            else:
                cells.append((" ", None))
        chart.add((f"{labels[level]:>{left - 2}} ┤", "axis"), *cells)
    full = max([series.lasting_minutes, *fades.values()])
    spark = "".join(
        SPARK[max(1, math.ceil(fades[c] / full * 8))] if c in fades else " " for c in range(cols)
    )
    chart.add((f"{'fade':>{left - 2}} ┤", "axis"), (spark, "fade"))
    axis, labels = _date_axis(xs, cols, 1, _date_candidates(first, series.today, []), left)
    chart.add(*axis)
    chart.add(*labels)
    chart.add(("● ", "done"), ("worst redness  ", None), ("▲ ", "lasting"),
              ("lasted or still red  ", None), ("✖ ", "severe"), ("see a professional  ", None),
              ("█", "fade"), (f" {full} min to fade", None))
    return chart


def text_chart(series: ChartSeries, kind: str = "progress", width: int = 80,
               height: int = 14) -> TextChart:
    """The chart of `kind` in `width` x `height` characters; `all` stacks both."""
    if kind == "progress":
        chart = progress_text(series, width, height)
    elif kind == "redness":
        chart = redness_text(series, width, height)
    else:
        redness_height = max(10, height // 2 - 1)
        chart = progress_text(series, width, height - redness_height - 1)
        chart.add(("", None))
        chart.rows.extend(redness_text(series, width, redness_height).rows)
    chart.rows = [_crop(row, width) for row in chart.rows]
    return chart


