"""The log turned into chart series: what every chart draws, image or text alike.

One pure function, `chart_series`, so the matplotlib figures and the text chart can never
disagree. No matplotlib, no I/O, no clock: the caller passes `now` in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from homekit.domain import rules
from homekit.domain.gates import session_start
from homekit.domain.models import REDNESS_LEVELS, Profile, Session


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
    today = now.date()
    ordered = sorted(sessions, key=lambda s: (s.session_date, s.id))
    dates = [s.session_date for s in ordered]
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
        redness=tuple(p for p in (_redness_point(s, now) for s in ordered) if p is not None),
    )


def _redness_point(session: Session, now: dt.datetime) -> RednessPoint | None:
    """The worst of a session's observations, with that observation's own fade time.

    Flags follow the app's own redness alerts, judged from the session's time.
    """
    worst = session.worst_redness
    if worst is None:
        return None
    since = session_start(session)
    alerts = [rules.redness_alert(r, now, since) for r in session.redness]
    return RednessPoint(
        session_date=session.session_date,
        severity=worst.severity,
        faded_after_min=worst.faded_after_min,
        lasting=any(a is not None for a in alerts),
        severe=any(a is not None and a.serious for a in alerts),
    )
