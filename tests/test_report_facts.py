"""The report's facts for a long log: which sessions are rows, the summaries, the warnings."""

from __future__ import annotations

import datetime as dt

from homekit.domain.models import Profile, Redness, Session, Status
from homekit.domain.report import (
    MONTHS_IN_FULL,
    RECENT_SESSIONS,
    ReportFacts,
    summarise,
    warnings_of,
)
from homekit.domain.series import chart_series

NOW = dt.datetime(2026, 11, 25, 9, 30)


def sessions(n: int, start: dt.date = dt.date(2020, 1, 6)) -> list[Session]:
    out = []
    for i in range(n):
        day = start + dt.timedelta(days=7 * i)
        red = (Redness(i, i + 1, f"{day}T20:00", 4 if i % 10 == 3 else 1, 10),) if i % 2 else ()
        out.append(Session(day, duration_min=30, areas=("cheeks",), device_level=1 + i % 3,
                           glasses_worn=i % 7 != 5, redness=red, number=i + 1, id=i + 1, profile_id=1))
    return out


def facts(all_sessions: list[Session], target: int = 6, full: bool = False) -> ReportFacts:
    profile = Profile(1, "me", target_sessions=target)
    return ReportFacts(
        profile=profile, status=_status(profile, len(all_sessions)), since=None,
        until=None, sessions=tuple(all_sessions),
        warnings=tuple(warnings_of(all_sessions, NOW)),
        series=chart_series(profile, all_sessions, NOW), full=full)


def _status(profile: Profile, done: int) -> Status:
    """A status with what the report's row choice reads (the rest left empty)."""
    from dataclasses import fields

    values: dict[str, object] = {f.name: None for f in fields(Status)}
    values.update(profile=profile, sessions_done=done, target_sessions=profile.target_sessions,
                  today=NOW.date())
    return Status(**values)


def test_the_last_twenty_or_the_current_course_are_rows():
    log = sessions(300)
    assert len(facts(log).shown_sessions) == RECENT_SESSIONS
    # a course of 50: 300 done, the current course is sessions 251-300
    assert [s.id for s in facts(log, target=50).shown_sessions] == list(range(251, 301))
    # 310 done: the course began at 301, the last 20 are more
    assert len(facts(sessions(310), target=50).shown_sessions) == RECENT_SESSIONS
    assert facts(log, full=True).shown_sessions == tuple(log)
    assert facts(sessions(12)).earlier_sessions == ()


def test_summaries_by_month_then_by_year():
    log = sessions(300)  # 2020-01 to 2025-10
    f = facts(log)
    earlier = f.earlier
    assert sum(s.sessions for s in earlier) == 280
    months = [s for s in earlier if not s.by_year]
    years = [s for s in earlier if s.by_year]
    assert len(months) == MONTHS_IN_FULL and years and all(y.start.month == 1 for y in years)
    assert [s.start for s in earlier] == sorted(s.start for s in earlier)
    assert max(s.worst_redness or 0 for s in earlier) == 4
    assert years[0].levels == (1, 2, 3) and years[0].areas == ("cheeks",)
    assert sum(s.warnings for s in earlier) == sum(
        1 for w in f.warnings if w.session.id <= 280)
    assert summarise([], []) == []


def test_warnings_end_as_the_gates_say_in_one_pass():
    from homekit.domain import gates

    log = sessions(40)
    log[14] = Session(log[14].session_date, cleared_by_professional=True, number=15, id=15, profile_id=1)
    found = warnings_of(log, NOW)
    for w in found:
        later = [s for s in log if (s.session_date, s.id) > (w.session.session_date, w.session.id)]
        if w.kind == "no_glasses":
            expected = next((s for s in later if s.glasses_worn), None)
            assert (w.lifted_by, w.lifted) == (expected, expected is not None)
            continue
        # severe redness (4) never recorded gone: the gate holds; the next session either
        # came on a professional's clearance or was logged all the same
        assert gates.redness_gate(w.session, NOW) is not None
        following = later[0] if later else None
        assert w.lifted_by == following
        assert w.lift == ("blocks" if following is None else
                          "cleared" if following.cleared_by_professional else "logged_after")
    assert any(w.lift == "cleared" for w in found)  # session 14's, cleared at session 15
    kinds = [(w.session.id, w.kind) for w in found]
    assert kinds == sorted(kinds, key=lambda k: (k[0], k[1] != "redness"))
    # grouped, the earlier ones count and say what is still not lifted
    f = facts(sessions(300))
    groups = f.earlier_warnings
    assert sum(g.count for g in groups) + len(f.shown_warnings) == len(f.warnings)
    shown = {s.id for s in f.shown_sessions}
    assert sum(g.not_lifted for g in groups) == sum(
        not w.lifted for w in f.warnings if w.session.id not in shown)


def test_a_lifetime_of_never_lifted_warnings_stays_one_line():
    log = [Session(dt.date(1950, 1, 2) + dt.timedelta(days=7 * i), glasses_worn=False, id=i + 1, profile_id=1)
           for i in range(3000)]
    f = facts(log)
    assert len(f.warnings) == 3000
    (group,) = f.earlier_warnings
    assert (group.count, group.not_lifted) == (2980, 2980)
