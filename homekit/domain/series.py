"""The log turned into chart series: what every chart draws, image or text alike.

One pure function, `chart_series`, so the matplotlib figures and the text chart can never
disagree. No matplotlib, no I/O, no clock: the caller passes `now` in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from homekit.domain import rules
from homekit.domain.gates import started_at
from homekit.domain.models import REDNESS_LEVELS, Profile, Redness, Session
from homekit.domain.vocabulary import CHART_KINDS as CHART_KINDS

# The charts there are, CHART_KINDS (each alone, or both one above the other), are in the
# vocabulary, for `chart --help`.
#: Where a chart is saved when the user names no file (in the current folder).
DEFAULT_CHART_FILES: dict[str, str] = {
    "progress": "homekit-progress.png",
    "redness": "homekit-redness.png",
    "all": "homekit-charts.png",
}


#: One redness observation as the charts read it: (observed_at, severity, faded_after_min).
Observation = tuple[str, int, "int | None"]


@dataclass(frozen=True)
class RednessPoint:
    """How the skin reacted to one session: its worst redness and how long redness lasted.

    The flags are judged on first use, by the app's own redness alerts on every observation
    of the session: a text chart asks only for the points it shows (one per column), so a
    long log costs what its columns cost.
    """

    session_date: dt.date
    severity: int  # worst severity recorded for the session, 0-4
    #: The worst observation's own time to fade, in minutes; None: still red when observed.
    faded_after_min: int | None
    #: Every observation of the session, and when it took place (its date and start time).
    observations: tuple[Observation, ...] = field(repr=False)
    start_time: str | None = field(repr=False)
    #: When the flags are judged (the chart's now); not part of what the point is.
    now: dt.datetime = field(repr=False, compare=False)
    #: The session's treatment, when not microdermabrasion (the redness chart marks it).
    treatment: str = ""

    @property
    def severity_word(self) -> str:
        return REDNESS_LEVELS[self.severity]

    @property
    def latest(self) -> Observation:
        """The session's latest observation: how the redness stood when last seen."""
        return self.observations[-1]

    @cached_property
    def _alerts(self) -> tuple[bool, bool]:
        since = started_at(self.session_date, self.start_time)
        alerts = rules.session_alerts(
            [Redness(i, 0, at, severity, faded)
             for i, (at, severity, faded) in enumerate(self.observations)], self.now, since)
        return bool(alerts), any(a.serious for a in alerts)

    @property
    def lasting(self) -> bool:
        """What the legend says: the redness lasted (longer than the limit) or is still there,
        as the session's observations tell it now (rules.session_alerts)."""
        return self._alerts[0]

    @property
    def severe(self) -> bool:
        """The app said to pause and see a professional (severe, or lasting a day)."""
        return self._alerts[1]


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
    #: The one treatment the series is of ("": every session, the profile's own target).
    treatment: str = ""

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
                     [(s.session_date, s.start_time,
                       [(r.observed_at, r.severity, r.faded_after_min) for r in s.redness])
                      for s in ordered if s.redness],
                     now)


def series_of(
    profile: Profile,
    dates: Sequence[dt.date],
    observed: Iterable[tuple[dt.date, str | None, Sequence[Observation]]],
    now: dt.datetime,
    treatment: str = "",
    marks: Mapping[dt.date, str] | None = None,
) -> ChartSeries:
    """The series from what the charts need only: every session date (oldest first) and, per
    session with redness (in date order), its observations as (observed_at, severity,
    faded_after_min), oldest first."""
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
        redness=tuple(_redness_point(d, t, obs, now, (marks or {}).get(d, ""))
                      for d, t, obs in observed if obs),
        treatment=treatment,
    )


def _redness_point(day: dt.date, start_time: str | None, observations: Sequence[Observation],
                   now: dt.datetime, treatment: str = "") -> RednessPoint:
    """The worst of a session's observations (highest severity, then latest; the first of
    equals), with that observation's own fade time. Flags are judged when asked for."""
    if len(observations) == 1:
        _, severity, faded = observations[0]
    else:
        _, severity, faded = max(observations, key=lambda o: (o[1], o[0]))
    return RednessPoint(day, severity, faded, tuple(observations), start_time, now, treatment)


def padded(start: dt.date, end: dt.date, pad_days: int) -> tuple[dt.date, dt.date]:
    """`start - pad` to `end + pad`, kept within the calendar (a chart of year-1 dates works)."""
    before = min(pad_days, (start - dt.date.min).days)
    after = min(pad_days, (dt.date.max - end).days)
    return start - dt.timedelta(days=before), end + dt.timedelta(days=after)
