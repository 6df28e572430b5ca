"""The log turned into chart series: what every chart draws, image or text alike.

One pure function, `chart_series`, so the matplotlib figures and the text chart can never
disagree. No matplotlib, no I/O, no clock: the caller passes `now` in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from homekit.domain import rules
from homekit.domain.gates import started_at
from homekit.domain.models import REDNESS_LEVELS, Profile, Redness, Session

#: The charts there are: each alone, or both one above the other.
CHART_KINDS: tuple[str, ...] = ("progress", "redness", "all")
#: Where a chart is saved when the user names no file (in the current folder).
DEFAULT_CHART_FILES: dict[str, str] = {
    "progress": "homekit-progress.png",
    "redness": "homekit-redness.png",
    "all": "homekit-charts.png",
}


@dataclass(frozen=True)
class RednessPoint:
    """How the skin reacted to one session: its worst redness and how long redness lasted."""

    session_date: dt.date
    severity: int  # worst severity recorded for the session, 0-4
    #: The worst observation's own time to fade, in minutes; None: still red when observed.
    faded_after_min: int | None
    #: The app warned about it (redness that lasted, or is still there).
    lasting: bool
    #: The app said to pause and see a professional (severe, or lasting a day).
    severe: bool

    @property
    def severity_word(self) -> str:
        return REDNESS_LEVELS[self.severity]


@dataclass(frozen=True)
class ChartSeries:
    """Everything a progress or redness chart shows, as plain dates and numbers."""

    profile: str
    today: dt.date
    target: int
    interval_days: int
    #: Dates of the logged sessions, oldest first (the markers).
    session_dates: tuple[dt.date, ...]
    #: Sessions done by each date: one point per session, then today (the step line).
    done_dates: tuple[dt.date, ...]
    done_counts: tuple[int, ...]
    #: From today to the target, one step per planned session (the dashed line).
    plan_dates: tuple[dt.date, ...]
    plan_counts: tuple[int, ...]
    #: Date of the target-th session, done or projected; None without a target.
    completion_date: dt.date | None
    redness: tuple[RednessPoint, ...]
    #: Redness that takes longer than this to fade is lasting (the line the charts draw).
    lasting_minutes: int = rules.LASTING_REDNESS_MIN

    @property
    def sessions_done(self) -> int:
        return len(self.session_dates)

    @property
    def sessions_to_go(self) -> int:
        return max(0, self.target - self.sessions_done)

    @property
    def target_reached(self) -> bool:
        return self.sessions_done >= self.target

    @property
    def first_date(self) -> dt.date:
        return min(self.session_dates, default=self.today)

    @property
    def last_date(self) -> dt.date:
        """The right end of the time axis: today or the projected completion, if later."""
        return max(self.today, self.completion_date or self.today, *self.plan_dates)


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
                   now: dt.datetime) -> RednessPoint | None:
    """The worst of a session's observations, with that observation's own fade time.

    Flags follow the app's own redness alerts, judged from the session's time.
    """
    if not redness:
        return None
    worst = max(redness, key=lambda r: (r.severity, r.observed_at))  # as Session.worst_redness
    since = started_at(day, start_time)
    alerts = [rules.redness_alert(r, now, since) for r in redness]
    return RednessPoint(
        session_date=day,
        severity=worst.severity,
        faded_after_min=worst.faded_after_min,
        lasting=any(a is not None for a in alerts),
        severe=any(a is not None and a.serious for a in alerts),
    )


def padded(start: dt.date, end: dt.date, pad_days: int) -> tuple[dt.date, dt.date]:
    """`start - pad` to `end + pad`, kept within the calendar (a chart of year-1 dates works)."""
    before = min(pad_days, (start - dt.date.min).days)
    after = min(pad_days, (dt.date.max - end).days)
    return start - dt.timedelta(days=before), end + dt.timedelta(days=after)
