"""Fixed chart data for the chart tests: the same log as plain objects or in a real store."""

from __future__ import annotations

import datetime as dt

from homekit.domain.models import Profile, Redness, Session, SessionDraft
from homekit.domain.series import ChartSeries, chart_series

NOW = dt.datetime(2026, 11, 25, 9, 30)

#: (date, worst severity, minutes to fade) of four sessions, a week or more apart.
DEMO = [
    (dt.date(2026, 10, 14), 2, 45),
    (dt.date(2026, 10, 21), 3, 90),  # lasting: faded after more than an hour
    (dt.date(2026, 10, 31), 2, 30),
    (dt.date(2026, 11, 7), 1, 15),
]


def demo_series(now: dt.datetime = NOW) -> ChartSeries:
    """The DEMO log for a profile aiming at 6 sessions, one every 7 days, without a database."""
    sessions = [
        Session(day, redness=(Redness(i, i, f"{day}T20:00", severity, fade),), id=i, profile_id=1)
        for i, (day, severity, fade) in enumerate(DEMO, start=1)
    ]
    return chart_series(Profile(1, "me", 6, 7), sessions, now)


def log_demo(hk) -> None:
    """Store the DEMO log through the services (the weekly rule applies); answers the skin
    question first when it is not (required before the first session)."""
    if hk.profile().has_skin_condition is None:
        hk.profiles.record_skin_condition(False, False)
    for day, severity, fade in DEMO:
        hk.sessions.log_session(SessionDraft(day, duration_min=40), redness_severity=severity,
                       faded_after_min=fade)
