"""The weekly rule as pure functions, checked against brute force with hypothesis."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from homekit.domain import rules
from homekit.domain.models import Redness

TODAY = dt.date(2026, 11, 25)
days = st.integers(min_value=-400, max_value=0).map(lambda n: TODAY + dt.timedelta(days=n))
intervals = st.integers(min_value=7, max_value=35)


def apply_attempts(attempts: list[dt.date], interval: int) -> tuple[list[dt.date], list[dt.date]]:
    stored: list[dt.date] = []
    refused: list[dt.date] = []
    for day in attempts:
        conflict = rules.find_conflict(day, stored, interval)
        if conflict is None:
            stored.append(day)
        else:
            # Every refusal names a real, stored, too-close session.
            assert conflict.conflicting in stored
            assert abs((day - conflict.conflicting).days) < interval
            refused.append(day)
    return stored, refused


@given(st.lists(days, max_size=40), intervals)
def test_stored_dates_are_pairwise_an_interval_apart(attempts, interval):
    stored, refused = apply_attempts(attempts, interval)
    for a, b in itertools.combinations(stored, 2):
        assert abs((a - b).days) >= interval
    # Refused dates really conflicted with what was stored at the end, too.
    for day in refused:
        assert any(abs((day - s).days) < interval for s in stored)


def brute_next_eligible(stored: list[dt.date], interval: int) -> dt.date | None:
    if not stored:
        return None
    day = max(stored) + dt.timedelta(days=1)
    while any(abs((day - s).days) < interval for s in stored):
        day += dt.timedelta(days=1)
    return day


def brute_projection(stored: list[dt.date], interval: int, target: int, today: dt.date):
    taken = sorted(stored)
    if len(taken) >= target:
        return taken[target - 1]
    day = today
    while len(taken) < target:
        if all(abs((day - s).days) >= interval for s in taken):
            taken.append(day)
        day += dt.timedelta(days=1)
    return taken[-1]


@given(st.lists(days, max_size=15), intervals, st.integers(min_value=1, max_value=12))
@settings(max_examples=200)
def test_next_eligible_and_projection_match_brute_force(attempts, interval, target):
    stored, _ = apply_attempts(attempts, interval)
    assert rules.next_eligible_date(stored, interval) == brute_next_eligible(stored, interval)
    expected_days = 0
    nxt = brute_next_eligible(stored, interval)
    if nxt is not None and nxt > TODAY:
        expected_days = (nxt - TODAY).days
    assert rules.days_until_eligible(stored, interval, TODAY) == expected_days
    assert rules.projected_completion_date(stored, interval, target, TODAY) == brute_projection(
        stored, interval, target, TODAY
    )
    plan = rules.planned_dates(stored, interval, target, TODAY)
    assert len(plan) == max(0, target - len(stored))
    if plan:
        assert plan[-1] == rules.projected_completion_date(stored, interval, target, TODAY)
        _, refused = apply_attempts(stored + plan, interval)
        assert refused == []


def test_backdated_date_between_two_sessions_needs_room_on_both_sides():
    stored = [dt.date(2026, 11, 1), dt.date(2026, 11, 15)]
    assert rules.find_conflict(dt.date(2026, 11, 8), stored, 7) is None
    conflict = rules.find_conflict(dt.date(2026, 11, 9), stored, 7)
    assert conflict is not None and conflict.conflicting == dt.date(2026, 11, 15)
    assert conflict.gap_days == 6
    assert rules.find_conflict(dt.date(2026, 11, 8), stored, 8) is not None


def test_next_eligible_may_lie_in_the_past_and_then_days_left_is_zero():
    stored = [dt.date(2026, 10, 1)]
    assert rules.next_eligible_date(stored, 7) == dt.date(2026, 10, 8)
    assert rules.days_until_eligible(stored, 7, TODAY) == 0
    assert rules.projected_completion_date(stored, 7, 3, TODAY) == TODAY + dt.timedelta(days=7)


def test_no_sessions_projection_starts_today():
    assert rules.next_eligible_date([], 7) is None
    assert rules.days_until_eligible([], 7, TODAY) == 0
    assert rules.projected_completion_date([], 14, 6, TODAY) == TODAY + dt.timedelta(days=70)


@pytest.mark.parametrize("interval, ok", [(6, False), (0, False), (-7, False), (7, True),
                                          (28, True), (365, True), (366, False)])
def test_interval_never_below_a_week(interval, ok):
    assert (rules.interval_problem(interval) is None) is ok


def test_future_dates_are_refused():
    assert rules.date_problem(TODAY, TODAY) is None
    problem = rules.date_problem(TODAY + dt.timedelta(days=1), TODAY)
    assert problem is not None and problem.code == "future_date" and problem.field == "date"
    assert problem.facts == {"date": TODAY + dt.timedelta(days=1), "today": TODAY}


NOW = dt.datetime(2026, 11, 25, 12, 0)


@pytest.mark.parametrize(
    "severity, faded, seen, serious",
    [
        (0, None, "2026-11-25T11:00", None),  # no redness: nothing to say
        (1, 5, "2026-11-25T11:00", None),  # faint and faded in minutes: normal
        (2, 90, "2026-11-25T09:00", False),  # lasted 90 min: caution
        (2, None, "2026-11-25T11:00", False),  # still red, recently: caution
        (2, None, "2026-11-24T11:00", True),  # still red a day later: consult
        (3, 2000, "2026-11-20T11:00", True),  # lasted more than a day
        (4, 5, "2026-11-25T11:00", True),  # severe, even if brief
    ],
)
def test_redness_alerts(severity, faded, seen, serious):
    alert = rules.redness_alert(Redness(1, 1, seen, severity, faded), NOW)
    if serious is None:
        assert alert is None
    else:
        assert alert is not None and alert.serious is serious
