"""Use cases on a real SQLite file: the rule holds through the whole stack."""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from homekit.domain.errors import InvalidInput, RuleViolation
from homekit.domain.models import SessionChanges, SessionDraft
from homekit.services import Homekit
from homekit.storage import open_store
from tests.conftest import NOW, TODAY
from tests.test_rules import brute_next_eligible, brute_projection

attempt = st.one_of(
    st.tuples(st.just("log"), st.integers(min_value=-300, max_value=2)),
    st.tuples(st.just("interval"), st.integers(min_value=3, max_value=30)),
    st.tuples(st.just("edit"), st.integers(min_value=-300, max_value=0)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(attempt, max_size=25), st.integers(min_value=1, max_value=10))
@example([("log", 0), ("log", -105), ("edit", -112), ("interval", 8), ("edit", -105)], 1)
def test_any_sequence_of_logs_edits_and_intervals_keeps_the_rule(steps, target):
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "h.db")
        hk = Homekit(store, now=lambda: NOW)
        hk.profiles.record_skin_condition(False, False)  # required before the first session
        hk.profiles.update_profile(target_sessions=target)
        interval = 7
        for kind, n in steps:
            if kind == "interval":
                try:
                    hk.profiles.update_profile(min_interval_days=n)
                    interval = n
                except InvalidInput:
                    assert n < 7
                continue
            day = TODAY + dt.timedelta(days=n)
            others = [s.session_date for s in hk.sessions.history()]
            if kind == "edit":
                if not others:
                    continue
                victim = hk.sessions.history()[0]
                others = [s.session_date for s in hk.sessions.history()[1:]]
            try:
                if kind == "log":
                    hk.sessions.log_session(SessionDraft(session_date=day))
                else:
                    hk.sessions.edit_session(victim.id, SessionChanges(session_date=day))
            except RuleViolation as exc:
                assert exc.conflicting in others
                assert abs((day - exc.conflicting).days) < interval
            except InvalidInput:
                assert day > TODAY
            else:
                assert day <= TODAY
                if kind == "edit" and day == victim.session_date:
                    # The date is not moved, so it is not judged again: a gap kept from
                    # before the interval was raised stays (the 7-day floor still holds).
                    assert all(abs((day - d).days) >= 7 for d in others)
                else:
                    assert all(abs((day - d).days) >= interval for d in others)
        stored = [s.session_date for s in hk.sessions.history()]
        for a, b in itertools.combinations(stored, 2):
            assert abs((a - b).days) >= 7
        status = hk.status.status()
        assert status.sessions_done == len(stored)
        if len(set(stored)) == len(stored) and all(
            abs((a - b).days) >= interval for a, b in itertools.combinations(stored, 2)
        ):
            assert status.next_eligible_date == brute_next_eligible(stored, interval)
            assert status.projected_completion_date == brute_projection(
                stored, interval, target, TODAY
            )
        store.close()


def test_log_with_redness_is_one_transaction(hk):
    result = hk.sessions.log_session(SessionDraft(session_date=TODAY, duration_min=40),
                            redness_severity=1, faded_after_min=5)
    assert result.session.redness[0].severity == 1
    assert result.next_eligible_date == TODAY + dt.timedelta(days=7)
    assert result.redness_alert is None


def test_status_of_a_fresh_profile(hk):
    st_ = hk.status.status()
    assert (st_.profile, st_.sessions_done, st_.days_until_eligible) == ("me", 0, 0)
    assert st_.projected_completion_date == TODAY + dt.timedelta(days=35)
    assert st_.eligible_now


def test_renaming_the_default_profile_follows_it(hk):
    hk.profiles.create_profile("ana", make_default=True)
    hk.profiles.update_profile(new_name="ana-b")
    assert Homekit(hk.ctx.store, now=lambda: NOW).profile().name == "ana-b"


def test_clock_moved_back_is_explained_and_nothing_is_lost(store):
    later = Homekit(store, now=lambda: NOW)
    later.profiles.record_skin_condition(False, False)  # required before the first session
    later.sessions.log_session(SessionDraft(session_date=TODAY))
    earlier = Homekit(store, now=lambda: NOW - dt.timedelta(days=3))
    st_ = earlier.status.status()
    assert st_.sessions_done == 1
    assert st_.days_until_eligible == 10
    assert st_.clock_warning and st_.clock_warning.code == "clock_behind"
    assert st_.clock_warning.facts == {"latest": TODAY, "today": TODAY - dt.timedelta(days=3)}
    assert later.status.status().clock_warning is None


def test_logging_with_a_clock_behind_the_log_says_so(store):
    Homekit(store, now=lambda: NOW).profiles.record_skin_condition(False, False)
    Homekit(store, now=lambda: NOW).sessions.log_session(SessionDraft(session_date=TODAY))
    behind = Homekit(store, now=lambda: NOW - dt.timedelta(days=20))
    result = behind.sessions.log_session(SessionDraft(session_date=behind.today()))
    assert result.clock_warning and result.clock_warning.facts["latest"] == TODAY
    assert Homekit(store, now=lambda: NOW).status.status().sessions_done == 2


def test_history_after_a_session_is_the_next_page_in_either_order(hk):
    for day in ("2026-09-01", "2026-09-08", "2026-09-15", "2026-09-22"):
        hk.sessions.log_session(SessionDraft(dt.date.fromisoformat(day)))
    newest = hk.sessions.history(newest_first=True)
    assert hk.sessions.history(newest_first=True, limit=2, after=newest[0]) == newest[1:3]
    assert hk.sessions.history(newest_first=True, after=newest[-1]) == []
    oldest = hk.sessions.history(newest_first=False)
    assert hk.sessions.history(newest_first=False, limit=2, after=oldest[1]) == oldest[2:4]
    hk.sessions.delete_session(newest[1].id)  # the session a page ended on may go: the next still comes
    assert hk.sessions.history(newest_first=True, after=newest[1]) == newest[2:]
