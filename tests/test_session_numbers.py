"""One number per session: its place by date within its profile (1 = the earliest), the same
in the services, the CLI (text and `history --json`), the app, the report and the calendar;
the id stays what commands take, and is labelled as such."""

from __future__ import annotations

import datetime as dt
import io
import json

from pypdf import PdfReader

from homekit.domain.models import SessionDraft, SessionFilter
from homekit.services import Homekit
from tests.conftest import NOW, TODAY


def _log(hk: Homekit, day: dt.date, **kw) -> int:
    return hk.sessions.log_session(SessionDraft(day, **kw)).session.id


def test_numbers_follow_the_dates_not_the_order_of_entry(hk):
    late = _log(hk, TODAY)
    early = _log(hk, TODAY - dt.timedelta(days=15))
    middle = _log(hk, TODAY - dt.timedelta(days=7))
    assert [(s.id, s.number) for s in hk.sessions.history(newest_first=False)] == [
        (early, 1), (middle, 2), (late, 3)]
    assert hk.sessions.session(late).number == 3 and hk.sessions.session(early).number == 1
    hk.sessions.delete_session(early)
    assert hk.sessions.session(late).number == 2  # a place among the sessions there are


def test_pages_filters_and_profiles_each_get_the_place_in_the_whole_profile(hk):
    start = TODAY - dt.timedelta(days=7 * 29)
    ids = [_log(hk, start + dt.timedelta(days=7 * i), notes="odd" if i % 2 else "even")
           for i in range(30)]
    newest = hk.sessions.history(newest_first=True, limit=4)
    assert [s.number for s in newest] == [30, 29, 28, 27]
    page = hk.sessions.history(newest_first=True, limit=4, after=newest[-1])
    assert [s.number for s in page] == [26, 25, 24, 23]
    odd = hk.sessions.history(newest_first=False, where=SessionFilter(search="odd"))
    assert [s.number for s in odd] == list(range(2, 31, 2))
    since = hk.sessions.history(newest_first=False, where=SessionFilter(since=start + dt.timedelta(days=70)))
    assert since[0].number == 11
    assert [s.number for s in hk.sessions.history(newest_first=False)] == list(range(1, 31))
    # read in batches from the first (export, the report): a running count
    batches = hk.ctx.store.iter_sessions(hk.profile().id, batch=7)
    assert [s.number for s in batches] == list(range(1, 31))
    # another profile counts its own sessions from 1
    hk.profiles.create_profile("ana")
    ana = Homekit(hk.ctx.store, "ana", now=lambda: NOW)
    ana.profiles.record_skin_condition(False, acknowledged=False)
    first = _log(ana, TODAY - dt.timedelta(days=3))
    assert ana.sessions.session(first).number == 1 and hk.sessions.session(ids[0]).number == 1
    # redness and photos carry the number of their session
    red, _ = hk.redness.add_redness(ids[4], 2, 10)
    assert red.session_number == 5 and hk.redness.redness(int(red.id or 0)).session_number == 5
    assert hk.sessions.session(ids[4]).redness[0].session_number == 5


def test_the_numbers_are_counted_on_the_index(hk):
    """A long log stays quick: the count and the window read the (profile_id, session_date)
    index, never the table (the benchmark measures it; this checks the plan)."""
    _log(hk, TODAY)
    store = hk.ctx.store
    plans = [" ".join(str(r[3]) for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql, args))
             for sql, args in (
        ("SELECT count(*) FROM sessions WHERE profile_id = ? AND (session_date, id) < (?, ?)",
         (1, "2026-01-01", 1)),
        ("SELECT id, row_number() OVER (ORDER BY session_date, id) FROM sessions "
         "WHERE profile_id = ? AND (session_date, id) >= (?, ?) AND (session_date, id) <= (?, ?)",
         (1, "2026-01-01", 1, "2026-12-01", 9)),
    )]
    for plan in plans:
        assert "COVERING INDEX sessions_profile_date" in plan and "TEMP B-TREE" not in plan


def test_log_today_then_an_earlier_date_one_number_everywhere(cli_at_now, tmp_path, monkeypatch):
    """The issue's case: the app called today's session #1 and the report session 2."""
    cli = cli_at_now
    assert cli("log", "--duration", "40").returncode == 0  # today, id 1
    earlier = (TODAY - dt.timedelta(days=15)).isoformat()
    assert cli("log", "--date", earlier, "--duration", "30").returncode == 0  # id 2
    out = cli("history").stdout.splitlines()
    assert out[0].startswith(f"#2 {TODAY.isoformat()} (Wed)  id 1  ")
    assert out[1].startswith(f"#1 {earlier} ")
    assert "  id 2  " in out[1]
    listed = json.loads(cli("history", "--json").stdout)
    assert [(s["id"], s["number"]) for s in listed] == [(1, 2), (2, 1)]
    assert list(listed[0])[:2] == ["id", "number"]  # the number beside the id
    assert cli("redness", "1", "--severity", "1", "--faded-after", "5").stdout.startswith(
        "Recorded redness for session #2: ")
    assert "(session #2)" in cli("status").stdout  # its latest redness
    deleted = cli("delete", "2", "--yes").stdout
    assert deleted.startswith(f"Deleted session #1 of {earlier} (id 2). ")
    assert cli("undo").returncode == 0

    monkeypatch.chdir(tmp_path)
    assert cli("report", "-o", "r.pdf").returncode == 0
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(
        (tmp_path / "r.pdf").read_bytes())).pages)
    rows = [" ".join(line.split()[:2]) for line in text.splitlines()]
    assert f"1 {earlier}" in rows and f"2 {TODAY.isoformat()}" in rows

    assert cli("remind", "-o", "r.ics").returncode == 0
    ics = (tmp_path / "r.ics").read_text()
    assert "Microdermabrasion session 3 of 6" in ics  # the next after #2


def test_the_app_words_say_the_same_number(cli_at_now, db_path):
    from homekit import words
    from homekit.tui.screens.session_detail import field_rows
    from homekit.tui.widgets.session_cells import RECENT_COLUMNS, session_cells

    cli_at_now("log")
    cli_at_now("log", "--date", (TODAY - dt.timedelta(days=15)).isoformat())
    hk = Homekit.open(db_path, now=lambda: NOW)
    try:
        today = hk.sessions.session(1)
        assert words.session_title(today) == "Session #2 of 2026-11-25 (Wed)"
        assert str(session_cells(today, RECENT_COLUMNS)[0]) == "2"
        assert ("Id", "1 (what commands take: homekit edit 1, homekit redness 1)") \
            in field_rows(today)
    finally:
        hk.close()
