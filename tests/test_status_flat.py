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
