"""Issue 22: `status` and the gates ask SQL for the dates they need (those within an interval
of today), never for every date of the log, and decide exactly as with every date."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from homekit.domain import gates
from homekit.domain.models import SessionDraft
from homekit.services import Homekit
from tests.conftest import NOW, TODAY


def _file_with(folder: Path, interval: int, offsets: list[int]) -> Homekit:
    hk = Homekit.open(folder / "h.db", now=lambda: NOW)
    hk.profiles.record_skin_condition(False, acknowledged=False)
    hk.profiles.update_profile(min_interval_days=interval)
    store, profile = hk.ctx.store, hk.profile()
    with store.write():
        for days in offsets:  # straight into the store: future dates too (a clock set back)
            store.insert_session(profile.id, SessionDraft(TODAY + dt.timedelta(days=days)),
                                 NOW.isoformat())
    return hk


@settings(max_examples=60, deadline=None)
@given(interval=st.integers(7, 40), first=st.integers(-400, 30),
       gaps=st.lists(st.integers(0, 60), max_size=8))
def test_the_gates_decide_as_they_would_with_every_date(interval, first, gaps):
    offsets, day = [], first
    for gap in gaps:  # each session at least an interval after the one before
        offsets.append(day)
        day += interval + gap
    with tempfile.TemporaryDirectory() as folder:
        hk = _file_with(Path(folder), interval, offsets)
        try:
            profile = hk.profile()
            every = hk.ctx.store.session_dates(profile.id)
            previous = hk.ctx.store.session_on_or_before(profile.id, TODAY)
            assert hk.safety.gates() == gates.gates(profile, every, previous, NOW)
            status = hk.status.status()
            assert status.gates == tuple(gates.gates(profile, every, previous, NOW))
        finally:
            hk.close()


def test_status_never_reads_every_session_date(tmp_path):
    hk = _file_with(tmp_path, 7, [-7 * k for k in range(1, 300)])
    asked: list[str] = []
    hk.ctx.store.conn.set_trace_callback(asked.append)
    try:
        status = hk.status.status()
        hk.safety.gates()
    finally:
        hk.ctx.store.conn.set_trace_callback(None)
        hk.close()
    assert status.sessions_done == 299 and status.days_until_eligible == 0
    reads = [sql for sql in asked if "session_date FROM sessions" in sql]
    assert reads and all("BETWEEN" in sql or "LIMIT" in sql or "max(" in sql for sql in reads), reads


@settings(max_examples=40, deadline=None)
@given(first=st.integers(-40, 10), gaps=st.lists(st.integers(7, 20), max_size=4),
       red=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4), st.integers(0, 30),
                              st.none() | st.integers(1, 2000)), max_size=4))
def test_status_reads_the_latest_session_once_and_says_what_each_read_alone_says(first, gaps,
                                                                                 red):
    # Sessions around today, some after it (a clock set back), redness on any of them: the
    # status, which reads the latest session once, holds what each use reads on its own.
    from homekit.domain import rules
    from homekit.storage import redness as stored_redness

    with tempfile.TemporaryDirectory() as folder:
        offsets = [first + sum(gaps[:k]) for k in range(len(gaps) + 1)]
        hk = _file_with(Path(folder), 7, offsets)
        try:
            store, profile = hk.ctx.store, hk.profile()
            ids = [s.id for s in store.sessions(profile.id)]
            with store.write():
                for which, severity, hours, faded in red:
                    session = store.get_session(ids[which % len(ids)])
                    seen = dt.datetime.combine(session.session_date, dt.time(10)) + (
                        dt.timedelta(hours=hours))
                    stored_redness.insert_redness(store, session.id, seen.isoformat(
                        timespec="minutes"), severity, faded, "")
            status = hk.status.status()
            every = store.session_dates(profile.id)
            previous = store.session_on_or_before(profile.id, TODAY)
            assert status.gates == tuple(gates.gates(profile, every, previous, NOW))
            latest = store.latest_session(profile.id)
            assert status.followups == tuple(gates.followups_due([latest] if latest else [], NOW))
            red_now = stored_redness.latest_redness(store, profile.id)
            since = red_now and gates.session_start(store.get_session(red_now.session_id))
            assert status.redness_alert == rules.redness_alert(red_now, NOW, since)
        finally:
            hk.close()
