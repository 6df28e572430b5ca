"""Issue 14: the cheap chart path (narrow queries, runs of points per column, redness flags
judged on use) draws exactly what the naive computation drew (tests/chart_reference.py)."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3

import pytest

from homekit.charts.text import DateScale, text_chart
from homekit.domain.models import Profile, Redness, Session
from homekit.domain.series import chart_series
from homekit.services import Homekit
from tests import chart_reference as ref
from tests.conftest import NOW

D = dt.date
HEIGHTS = {"progress": 16, "redness": 11, "all": 28}
SIZES = ((30, 10), (41, 12), (80, None), (97, None), (120, None), (120, 40))


def _same(series_new, series_old) -> None:
    for kind in ("progress", "redness", "all"):
        for width, height in SIZES:
            h = height or HEIGHTS[kind]
            new = text_chart(series_new, kind, width, h).plain()
            old = ref.text_chart(series_old, kind, width, h).plain()
            assert new == old, (kind, width, h)


def _obs(rng: random.Random, sid: int, day: D, n: int) -> tuple[Redness, ...]:
    out = []
    for _ in range(n):
        at = f"{day + dt.timedelta(days=rng.choice((0, 0, 1)))}T{rng.randrange(8, 23):02d}:00"
        fade = rng.choice((None, 5, 30, 60, 61, 200, 1439, 1440, 3000))
        out.append(Redness(None, sid, at, rng.randrange(5), fade))
    return tuple(sorted(out, key=lambda r: r.observed_at))


TODAY = NOW.date()


def _log(seed: int, n: int, *, spread: int = 9, today: D = TODAY) -> list[Session]:
    """`n` sessions ending near `today` (some the same day, some after it), random redness."""
    rng = random.Random(seed)
    sessions, day = [], today + dt.timedelta(days=rng.choice((-3, 0, 2)))
    for i in range(n):
        start = rng.choice((None, "07:15", "21:40"))
        red = _obs(rng, i, day, rng.choice((0, 0, 1, 1, 2, 3)))
        sessions.append(Session(day, start, redness=red, id=i + 1, profile_id=1))
        day -= dt.timedelta(days=rng.randrange(spread))
    return sessions


CASES = {
    "nothing": ([], 6, 7),
    "one session": ([Session(D(2026, 11, 20), id=1, profile_id=1)], 6, 7),
    "one still red, just now": ([Session(D(2026, 11, 25), "09:00", redness=(
        Redness(1, 1, "2026-11-25T09:10", 2, None),), id=1, profile_id=1)], 6, 7),
    "one still red, days ago": ([Session(D(2026, 11, 20), None, redness=(
        Redness(1, 1, "2026-11-20T21:00", 1, None), Redness(2, 1, "2026-11-20T22:00", 1, 20),
    ), id=1, profile_id=1)], 6, 7),
    "ties of worst redness": ([Session(D(2026, 11, 2), "10:00", redness=(
        Redness(1, 1, "2026-11-02T10:30", 3, 20), Redness(2, 1, "2026-11-02T10:30", 3, 90),
        Redness(3, 1, "2026-11-02T11:00", 0, None)), id=1, profile_id=1)], 6, 7),
    "no target": (_log(1, 12), 0, 7),
    "target far ahead": (_log(2, 8), 3000, 2),
    "target reached": (_log(3, 40), 10, 7),
    "dense, same days": (_log(4, 600, spread=2), 100, 1),
    "long log": (_log(5, 3000), 100, 7),
    "clock moved back": (_log(6, 20, today=NOW.date() + dt.timedelta(days=30)), 30, 7),
    "year one": ([Session(D(1, 1, 3), id=1, profile_id=1), Session(D(1, 1, 20), id=2, profile_id=1)], 5, 7),
}


@pytest.mark.parametrize("name", list(CASES))
def test_text_charts_are_the_naive_charts(name):
    sessions, target, interval = CASES[name]
    profile = Profile(1, "me", target, interval)
    new, old = chart_series(profile, sessions, NOW), ref.chart_series(profile, sessions, NOW)
    assert [(p.session_date, p.severity, p.faded_after_min, p.lasting, p.severe)
            for p in new.redness] == [
        (p.session_date, p.severity, p.faded_after_min, p.lasting, p.severe) for p in old.redness]
    _same(new, old)


def test_date_runs_are_the_positions_day_by_day():
    rng = random.Random(7)
    for _ in range(200):
        start = D(2020, 1, 1) + dt.timedelta(days=rng.randrange(3000))
        end = start + dt.timedelta(days=rng.randrange(0, 40_000))
        scale = DateScale(start, end, rng.choice((1, 2, 3, 50, 151, 240)))
        days = sorted(start + dt.timedelta(days=rng.randrange((end - start).days + 1))
                      for _ in range(rng.randrange(0, 400)))
        if rng.random() < 0.1:
            rng.shuffle(days)  # out of order: still right, day by day
        expected: list[tuple[int, int, int]] = []
        for i, day in enumerate(days):
            x = scale(day)
            if expected and expected[-1][0] == x:
                expected[-1] = (x, expected[-1][1], i)
            else:
                expected.append((x, i, i))
        assert scale.runs(days) == expected


def _fill(db, profiles: int, seed: int) -> None:
    """Sessions a week apart in several profiles, by direct SQL, with 0-4 observations each."""
    rng = random.Random(seed)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    ids = [conn.execute("SELECT id FROM profiles WHERE name = 'me'").fetchone()[0]]
    for k in range(1, profiles):
        ids.append(conn.execute(
            "INSERT INTO profiles (name, target_sessions, min_interval_days, has_skin_condition, "
            "created_at) VALUES (?, 20, 7, 0, '2026-01-01T00:00')", (f"p{k}",)).lastrowid)
    for pid in ids:
        for i in range(rng.randrange(0, 60)):
            day = NOW.date() - dt.timedelta(days=7 * (i + 1))
            sid = conn.execute(
                "INSERT INTO sessions (profile_id, session_date, start_time, notes, created_at) "
                "VALUES (?, ?, ?, 'n', '2026-01-01T00:00')",
                (pid, day.isoformat(), rng.choice((None, "09:30")))).lastrowid
            observations = list(_obs(rng, sid, day, rng.choice((0, 1, 2, 3, 4))))
            rng.shuffle(observations)  # stored in any order; equal times by id
            for r in observations:
                conn.execute("INSERT INTO redness (session_id, observed_at, severity, "
                             "faded_after_min, notes) VALUES (?, ?, ?, ?, 'x')",
                             (sid, r.observed_at, r.severity, r.faded_after_min))
    conn.execute("COMMIT")
    conn.close()


def test_the_services_series_draws_what_the_whole_log_drew(hk, db_path):
    _fill(db_path, 3, seed=11)
    for name in ("me", "p1", "p2"):
        app = Homekit.open(db_path, name, now=lambda: NOW)
        try:
            history = app.sessions.history(newest_first=False)
            old = ref.chart_series(app.profile(), history, NOW)
            full = app.charts.chart_series()
            # Every observation, in the order the log holds them (observed_at, then id).
            assert [(p.session_date, p.start_time, p.observations) for p in full.redness] == [
                (s.session_date, s.start_time,
                 tuple((r.observed_at, r.severity, r.faded_after_min) for r in s.redness))
                for s in history if s.redness]
            assert full == app.charts.chart_series("redness") == app.charts.chart_series("all")
            _same(full, old)
            progress = app.charts.chart_series("progress")
            assert progress.redness == () and progress.session_dates == full.session_dates
            assert text_chart(progress, "progress", 80, 16).plain() == \
                ref.text_chart(old, "progress", 80, 16).plain()
        finally:
            app.close()
