"""The log turned into chart series: one function feeds every chart."""

from __future__ import annotations

import datetime as dt

from homekit.domain import rules
from homekit.domain.models import Profile, Redness, Session, SessionDraft
from homekit.domain.series import chart_series
from tests.chartdata import DEMO, NOW, demo_series, log_demo

D = dt.date
PROFILE = Profile(1, "me", 6, 7)


def test_nothing_logged_gives_the_plan_alone():
    s = chart_series(PROFILE, [], NOW)
    assert s.session_dates == () and s.done_dates == () and s.redness == ()
    assert s.plan_dates[0] == NOW.date()
    assert s.plan_counts == (0, 1, 2, 3, 4, 5, 6)
    assert s.plan_dates[-1] == s.completion_date == D(2026, 12, 30)
    assert s.sessions_to_go == 6


def test_steps_count_sessions_by_date_and_carry_on_to_today():
    s = demo_series()
    days = [d for d, _, _ in DEMO]
    assert s.session_dates == tuple(days)
    assert s.done_dates == (*days, NOW.date())
    assert s.done_counts == (1, 2, 3, 4, 4)


def test_plan_runs_from_today_to_the_projected_completion_date():
    s = demo_series()
    days = [d for d, _, _ in DEMO]
    expected = rules.projected_completion_date(days, 7, 6, NOW.date())
    assert s.completion_date == expected == D(2026, 12, 2)
    assert s.plan_dates[0] == NOW.date() and s.plan_dates[-1] == expected
    assert s.plan_counts[0] == 4 and s.plan_counts[-1] == 6
    assert list(s.plan_dates[1:]) == rules.planned_dates(days, 7, 6, NOW.date())


def test_target_reached_has_no_plan_and_ends_on_the_target_th_session():
    sessions = [Session(D(2026, 1, 1) + dt.timedelta(weeks=i), id=i, profile_id=1) for i in range(7)]
    s = chart_series(PROFILE, sessions, NOW)
    assert s.target_reached and s.plan_dates == ()
    assert s.completion_date == D(2026, 1, 1) + dt.timedelta(weeks=5)


def test_redness_is_the_worst_severity_per_session_with_its_fade_time():
    s = demo_series()
    assert [(p.session_date, p.severity, p.faded_after_min) for p in s.redness] == DEMO
    assert [p.lasting for p in s.redness] == [False, True, False, False]
    assert not any(p.severe for p in s.redness)


def test_redness_flags_follow_the_apps_alerts():
    def session(i: int, *obs: tuple[int, int | None, str]) -> Session:
        red = tuple(Redness(None, i, at, sev, fade) for sev, fade, at in obs)
        return Session(D(2026, 11, 1) + dt.timedelta(days=7 * i), redness=red, id=i, profile_id=1)

    s = chart_series(PROFILE, [
        # still red at 19:00, then seen fading at 20:00: the later observation tells how it
        # went, so no "lasted or still red" mark (it faded within the hour)
        session(0, (1, 10, "2026-11-01T20:00"), (3, None, "2026-11-01T19:00")),
        session(1, (4, 20, "2026-11-08T20:00")),  # severe
        session(2, (2, 1500, "2026-11-15T20:00")),  # lasted more than a day
        session(3, (0, None, "2026-11-22T20:00")),  # none
    ], NOW)
    worst = [(p.severity, p.faded_after_min, p.lasting, p.severe) for p in s.redness]
    # Each point is the worst observation with its own fade time (issue 11): session 0's
    # worst (3, still red) is no longer paired with the other observation's 10 minutes.
    assert worst == [(3, None, False, False), (4, 20, True, True), (2, 1500, True, True),
                     (0, None, False, False)]
    # still red as the latest word on it: the mark stays (a day on: serious)
    still = chart_series(PROFILE, [session(0, (1, 10, "2026-11-01T19:00"),
                                           (3, None, "2026-11-01T20:00"))], NOW)
    assert (still.redness[0].lasting, still.redness[0].severe) == (True, True)


def test_series_from_the_store_equals_stored_severities(hk):
    log_demo(hk)
    hk.redness.add_redness(None, 4, 30)  # a second, worse observation of the latest session
    s = chart_series(hk.profile(), hk.sessions.history(newest_first=False), hk.now())
    stored = [max(r.severity for r in x.redness) for x in hk.sessions.history(newest_first=False)]
    assert [p.severity for p in s.redness] == stored == [2, 3, 2, 4]
    assert s.redness[-1].severe


def test_sessions_without_redness_are_left_out_of_the_redness_series(hk):
    hk.sessions.log_session(SessionDraft(D(2026, 11, 1)))
    s = chart_series(hk.profile(), hk.sessions.history(newest_first=False), hk.now())
    assert s.sessions_done == 1 and s.redness == ()
