"""Costs flat with the log (issue 14): the narrow reads give exactly what the full reads gave."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from homekit.charts.text import label_step
from homekit.domain import rules
from homekit.domain.errors import RuleViolation
from homekit.domain.models import Profile, Redness, Session, SessionDraft
from homekit.domain.series import chart_series
from homekit.transfer import formats
from tests.conftest import NOW, TODAY


def _log(hk, days_ago: int, **kw) -> int:
    return hk.sessions.log_session(SessionDraft(TODAY - dt.timedelta(days=days_ago)), **kw).session.id


def test_status_from_sql_matches_the_rules_over_every_date(hk):
    hk.profiles.update_profile(target_sessions=3)
    for n in range(5):
        st = hk.status.status()
        dates = [s.session_date for s in hk.sessions.history()]
        assert st.sessions_done == len(dates)
        assert st.last_session_date == max(dates, default=None)
        assert st.next_eligible_date == rules.next_eligible_date(dates, 7)
        assert st.days_until_eligible == rules.days_until_eligible(dates, 7, TODAY)
        assert st.projected_completion_date == rules.projected_completion_date(dates, 7, 3, TODAY)
        _log(hk, 70 - 14 * n)


def test_completion_from_a_summary_is_the_rule():
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=9 * i) for i in range(6)]
    for n in range(len(days) + 1):
        for target in (0, 1, 3, 6, 9):
            got = rules.completion_from(n, days[n - 1] if n else None,
                                        days[target - 1] if 0 < target <= n else None,
                                        7, target, TODAY)
            assert got == rules.projected_completion_date(days[:n], 7, target, TODAY)


def test_the_rule_on_log_and_edit_looks_only_near_the_date(hk):
    first = _log(hk, 30)
    _log(hk, 10)
    with pytest.raises(RuleViolation) as refused:
        _log(hk, 12)
    facts = refused.value
    assert facts.conflicting == TODAY - dt.timedelta(days=10)
    assert facts.next_eligible == TODAY - dt.timedelta(days=3)
    # Editing a session may keep its own date's neighbourhood (itself excluded).
    from homekit.domain.models import SessionChanges

    moved = hk.sessions.edit_session(first, SessionChanges(session_date=TODAY - dt.timedelta(days=31)))
    assert moved.session_date == TODAY - dt.timedelta(days=31)


def test_chart_series_from_the_narrow_query_is_the_full_one(hk):
    _log(hk, 40, redness_severity=2, faded_after_min=30)
    _log(hk, 30)
    c = _log(hk, 20, redness_severity=1)
    hk.redness.add_redness(c, 3, None)
    hk.redness.add_redness(c, 0, 15)
    _log(hk, 10, redness_severity=4, faded_after_min=2000)
    full = chart_series(hk.profile(), hk.sessions.history(newest_first=False), NOW)
    assert hk.charts.chart_series() == full


def test_label_step_is_the_smallest_that_fits():
    for rows in (1, 3, 6, 10, 24):
        height = rows * 4
        for top in range(1, 300):
            def y(value: int, top: int = top, height: int = height) -> int:
                return round((1 - value / top) * (height - 1))

            step = 1
            while len({y(v) // 4 for v in range(0, top + 1, step)}) < len(range(0, top + 1, step)):
                step += 1
            assert label_step(top, rows, y) == step, (top, rows)


def _sessions(n: int):
    red = Redness(1, 1, "2026-01-01T10:00", 2, None, 'n"\u2028\x01')
    for i in range(n):
        yield Session(dt.date(1950, 1, 1) + dt.timedelta(days=7 * i), "09:00", 30,
                      ("cheeks",), 3, True, 1, f"é {i}\n\"x\"", id=i, profile_id=1,
                      created_at="2026-01-01T00:00:00", redness=(red,) if i % 2 else ())


def test_streamed_json_is_byte_identical_to_one_dump():
    me = Profile(1, "me", 10, 7, "2026-01-01T00:00", None, None)
    other = Profile(2, 'o"ther', 5, 14, "2026-01-02T00:00", True, "2026-01-02T00:00")
    for data in ([], [(me, [])], [(me, list(_sessions(3))), (other, []), (other, list(_sessions(1)))]):
        doc = {"format": formats.FORMAT_NAME, "version": formats.FORMAT_VERSION,
               "profiles": [formats.profile_json(p, s) for p, s in data]}
        assert formats.to_json(data) == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def test_export_chunks_come_before_the_whole_log_is_read():
    me = Profile(1, "me", 10, 7, "2026-01-01T00:00", None, None)
    consumed = []

    def counted():
        for s in _sessions(5000):
            consumed.append(s)
            yield s

    for chunks in (formats.json_chunks([(me, counted())]), formats.csv_chunks([(me, counted())])):
        consumed.clear()
        for _ in range(3):
            next(chunks)
        assert len(consumed) <= 1500  # a few hundred rows a chunk, never the whole log


def test_iter_sessions_pages_through_in_order(hk, store):
    for days in (60, 50, 40, 30, 20, 10):
        # Redness that has not faded blocks the next session (issue 11): only the last stays red.
        _log(hk, days, redness_severity=1, faded_after_min=None if days == 10 else 20)
    pid = hk.profile().id
    assert list(store.iter_sessions(pid, batch=4)) == store.sessions(pid)
    assert list(store.iter_sessions(pid, batch=6)) == store.sessions(pid)


def test_export_is_one_snapshot(hk, db_path):
    from homekit.services import Homekit

    _log(hk, 30)
    chunks = hk.transfer.export_chunks("csv")
    first = next(chunks)
    other = Homekit.open(db_path, now=lambda: NOW)
    try:
        other.sessions.log_session(SessionDraft(TODAY))  # WAL: a reader's snapshot does not move
    finally:
        other.close()
    text = first + "".join(chunks)
    assert text.count("\n") == 3  # header, the profile's row and the one session of the snapshot
    assert hk.sessions.session_count() == 2


def test_a_new_file_is_migrated_without_numpy(tmp_path):
    from tests.test_layers import modules_after

    loaded = modules_after(
        f"from homekit.services import Homekit\nHomekit.open({str(tmp_path / 'new.db')!r}).close()")
    assert "sqlite_utils" in loaded and "numpy" not in loaded and "pandas" not in loaded


def test_step_lines_merged_by_column_draw_the_same_dots():
    import random

    from homekit.charts.text import Canvas, _steps

    rng = random.Random(14)
    for _ in range(300):
        n = rng.randint(0, 40)
        xs = sorted(rng.randint(0, 30) for _ in range(n))
        ys = sorted((rng.randint(0, 39) for _ in range(n)), reverse=True)
        points = list(zip(xs, ys, strict=True))
        on, off = rng.choice([(1, 0), (3, 2)])
        naive, merged = Canvas(16, 10), Canvas(16, 10)
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            naive.hline(x0, x1, y0, "done", on, off)
            naive.vline(x1, y0, y1, "done")
        runs: list[tuple[int, int, int, int]] = []  # (x, y first, y last, points) per column
        for x, y in points:
            if runs and runs[-1][0] == x:
                runs[-1] = (x, runs[-1][1], y, runs[-1][3] + 1)
            else:
                runs.append((x, y, y, 1))
        _steps(merged, runs, "done", on, off)
        assert (merged.dots, merged.roles) == (naive.dots, naive.roles), points
