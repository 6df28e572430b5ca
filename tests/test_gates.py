"""The gates in the domain (homekit.domain.gates, checklist, medical): property tests."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homekit.domain import checklist, gates, medical, rules
from homekit.domain.errors import InvalidInput
from homekit.domain.models import Profile, Redness, Session

NOW = dt.datetime(2026, 11, 25, 9, 30)
TODAY = NOW.date()

times = st.one_of(st.none(), st.builds(lambda h, m: f"{h:02d}:{m:02d}",
                                       st.integers(0, 23), st.integers(0, 59)))
minutes = st.integers(0, 60 * 24 * 10)


@st.composite
def observations(draw, session_id: int = 1, day: dt.date = TODAY - dt.timedelta(days=3),
                 max_severity: int = 4) -> tuple[Redness, ...]:
    n = draw(st.integers(1, 5))
    out = []
    for i in range(n):
        at = dt.datetime.combine(day, dt.time(0, 0)) + dt.timedelta(minutes=draw(minutes))
        sev = draw(st.integers(0, max_severity))
        fade = None if sev == 0 else draw(st.one_of(st.none(), st.integers(0, 3000)))
        out.append(Redness(i + 1, session_id, at.isoformat(timespec="minutes"), sev, fade))
    return tuple(out)


def session(reds: tuple[Redness, ...] = (), day: dt.date = TODAY - dt.timedelta(days=3),
            time: str | None = None, sid: int = 1) -> Session:
    return Session(day, start_time=time, redness=reds, id=sid, profile_id=1)


def later(reds: tuple[Redness, ...], severity: int, faded: int | None) -> tuple[Redness, ...]:
    """`reds` plus one observation after all of them."""
    last = max(dt.datetime.fromisoformat(r.observed_at) for r in reds)
    at = (last + dt.timedelta(minutes=1)).isoformat(timespec="minutes")
    return (*reds, Redness(len(reds) + 1, 1, at, severity, faded))


# -- interval --------------------------------------------------------------------------------


@given(st.lists(st.integers(-60, 0), max_size=8), st.integers(7, 30))
def test_interval_gate_is_the_weekly_rule(offsets, interval):
    dates = [TODAY + dt.timedelta(days=n) for n in offsets]
    gate = gates.interval_gate(dates, interval, TODAY)
    left = rules.days_until_eligible(dates, interval, TODAY)
    assert (gate is None) == (left == 0)
    if gate is not None:
        assert gate.days_left == left and gate.next_eligible == max(dates) + dt.timedelta(interval)


# -- condition -------------------------------------------------------------------------------


@given(st.sampled_from([None, False, True]), st.booleans())
def test_condition_gate_needs_an_answer_and_an_acknowledged_yes(answer, acked):
    p = Profile(1, "me", has_skin_condition=answer,
                condition_acknowledged_at="2026-11-01T10:00:00" if acked else None)
    gate = gates.condition_gate(p)
    if answer is None:
        assert gate is not None and gate.reason == "unanswered"
    elif answer and not acked:
        assert gate is not None and gate.reason == "unacknowledged"
    else:
        assert gate is None


# -- redness ---------------------------------------------------------------------------------


@given(observations())
def test_severe_redness_blocks_until_a_later_observation_says_it_faded(reds):
    s = session(reds)
    gate = gates.redness_gate(s, NOW)
    ordered = sorted(reds, key=lambda r: (r.observed_at, r.id))
    severe_at = [i for i, r in enumerate(ordered) if r.severity == 4]
    if severe_at and not any(gates.faded(r) for r in ordered[severe_at[-1] + 1:]):
        assert gate is not None and gate.reason == "severe" and gate.session_id == 1
    # Whatever came before, a later observation recording it faded lifts every redness gate.
    for lift in ((0, None), (2, 30)):
        assert gates.redness_gate(session(later(reds, *lift)), NOW) is None


@given(observations(max_severity=3), times, st.integers(0, 72 * 60))
def test_lasting_redness_counts_from_the_session_not_the_observation(reds, time, after_min):
    s = session(reds, day=TODAY - dt.timedelta(days=5), time=time)
    now = gates.session_start(s) + dt.timedelta(minutes=after_min)
    latest = max(reds, key=lambda r: (r.observed_at, r.id))
    gate = gates.redness_gate(s, now)
    blocked = gates.still_red(latest) and after_min >= 24 * 60
    assert (gate is not None) == blocked
    if gate is not None:
        assert gate.reason == "lasting" and gate.observation == latest
    # When the still-red observation was written does not matter: only the session's time.
    moved = tuple(Redness(r.id, 1, (dt.datetime.fromisoformat(r.observed_at)
                                    + dt.timedelta(days=3)).isoformat(timespec="minutes"),
                          r.severity, r.faded_after_min) for r in reds)
    assert (gates.redness_gate(session(moved, s.session_date, time), now) is None) == (not blocked)


@given(st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)), times)
def test_session_start_is_its_time_or_the_end_of_its_day(day, time):
    start = gates.session_start(session(day=day, time=time))
    if time is None:
        assert start == dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0))
    else:
        assert start.date() == day and start.strftime("%H:%M") == time


def test_no_redness_and_no_session_raise_no_gate():
    assert gates.redness_gate(None, NOW) is None
    assert gates.redness_gate(session(()), NOW) is None


@given(st.lists(st.integers(-40, 0), min_size=1, max_size=5, unique=True), st.integers(-40, 0))
def test_the_session_before_a_day_is_the_latest_on_or_before_it(offsets, candidate):
    sessions = [session(day=TODAY + dt.timedelta(days=n), sid=i)
                for i, n in enumerate(offsets, 1)]
    day = TODAY + dt.timedelta(days=candidate)
    before = gates.session_before(sessions, day)
    earlier = [s.session_date for s in sessions if s.session_date <= day]
    assert (before is None) == (not earlier)
    if before is not None:
        assert before.session_date == max(earlier)


# -- all gates together ----------------------------------------------------------------------


@given(st.sampled_from([None, False, True]), st.lists(st.integers(-30, 0), max_size=4),
       st.one_of(st.none(), observations()))
def test_gates_list_every_gate_in_order_and_empty_means_eligible(answer, offsets, reds):
    p = Profile(1, "me", has_skin_condition=answer)
    dates = [TODAY + dt.timedelta(days=n) for n in offsets]
    previous = session(reds or (), day=max(dates)) if dates else None
    found = gates.gates(p, dates, previous, NOW)
    names = [g.name for g in found]
    assert names == [n for n in gates.GATE_NAMES if n in names]
    expected = [gates.interval_gate(dates, 7, TODAY), gates.condition_gate(p),
                gates.redness_gate(previous, NOW)]
    assert found == [g for g in expected if g is not None]


# -- follow-ups ------------------------------------------------------------------------------


@given(times, st.integers(0, 10 * 24 * 60))
def test_a_session_without_observation_owes_one_about_an_hour_after(time, after_min):
    s = session(day=TODAY - dt.timedelta(days=2), time=time)
    base = gates.session_start(s) if time else dt.datetime.combine(s.session_date, dt.time())
    now = base + dt.timedelta(minutes=after_min)
    owed = gates.followups_due([s], now)
    due = base + (gates.FIRST_FOLLOWUP_AFTER if time else dt.timedelta())
    expected = due <= now and now - base <= gates.FOLLOWUP_WINDOW
    assert [f.kind for f in owed] == (["hour"] if expected else [])


def test_still_red_owes_a_next_day_observation_until_one_is_made():
    day = TODAY - dt.timedelta(days=1)
    red = Redness(1, 1, f"{day}T20:00", 2, None)
    owed = gates.followups_due([session((red,), day=day, time="19:00")], NOW)
    assert [(f.kind, f.session_id) for f in owed] == [("next_day", 1)]
    next_day = Redness(2, 1, f"{TODAY}T09:00", 1, None)
    assert gates.followups_due([session((red, next_day), day=day, time="19:00")], NOW) == []


@given(st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2090, 1, 1)), st.integers(-400, 400))
def test_shifting_observations_there_and_back_is_exact(at, days):
    text = at.isoformat(timespec="minutes")
    assert gates.shift_observed(gates.shift_observed(text, days), -days) == text


# -- checklist and medical answers ---------------------------------------------------------


@given(st.sets(st.sampled_from(checklist.CHECKLIST_IDS)))
def test_checklist_refuses_every_blocking_item_not_confirmed(confirmed):
    refused = checklist.refused(confirmed)
    assert [i.id for i in refused] == [i.id for i in checklist.CHECKLIST
                                       if i.blocking and i.id not in confirmed]
    text = ",".join(sorted(confirmed))
    assert set(checklist.parse_checked(text)) == confirmed
    assert checklist.from_text(checklist.to_text(checklist.parse_checked(text))) == \
        checklist.parse_checked(text)


def test_unknown_checklist_item_is_refused():
    with pytest.raises(InvalidInput):
        checklist.parse_checked("glasses,sunscreen")
    assert checklist.to_text(None) is None and checklist.from_text(None) is None


@given(st.integers(0, 400), st.booleans())
def test_recent_isotretinoin_warns_never_blocks(days_ago, thinners):
    finished = (TODAY - dt.timedelta(days=days_ago)).isoformat()
    p = Profile(1, "me", isotretinoin=finished, blood_thinners=thinners)
    codes = [w.code for w in medical.warnings(p, TODAY)]
    assert ("isotretinoin_recent" in codes) == (days_ago < medical.ISOTRETINOIN_WINDOW_DAYS)
    assert ("blood_thinners" in codes) == thinners
    # Warnings, never gates: the medical answers do not change what blocks logging.
    assert gates.gates(p, [], None, NOW) == gates.gates(Profile(1, "me"), [], None, NOW)


def test_isotretinoin_answer_is_never_or_a_past_date():
    assert medical.parse_isotretinoin("never", TODAY) == "never"
    assert medical.parse_isotretinoin("2026-01-02", TODAY) == "2026-01-02"
    for bad in ("2027-01-01", "soon"):
        with pytest.raises(InvalidInput):
            medical.parse_isotretinoin(bad, TODAY)


# -- the redness chart -------------------------------------------------------------------------


@given(observations())
def test_each_chart_point_is_the_worst_observation_with_its_own_fade_time(reds):
    from homekit.domain.series import chart_series

    (point,) = chart_series(Profile(1, "me"), [session(reds)], NOW).redness
    worst = session(reds).worst_redness
    assert worst is not None
    assert (point.severity, point.faded_after_min) == (worst.severity, worst.faded_after_min)


def test_marked_and_still_red_is_not_drawn_with_another_observations_fade_time():
    from homekit.domain.series import chart_series

    day = TODAY - dt.timedelta(days=1)
    reds = (Redness(1, 1, f"{day}T10:00", 1, 30), Redness(2, 1, f"{day}T12:00", 3, None))
    (point,) = chart_series(Profile(1, "me"), [session(reds, day=day)], NOW).redness
    assert (point.severity, point.faded_after_min) == (3, None)
