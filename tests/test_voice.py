"""One voice: the messages agree with the facts and with each other, and read as sentences."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from homekit import words
from homekit.domain.errors import InvalidInput, RuleViolation
from homekit.domain.gates import Gate
from homekit.domain.models import SessionChanges, SessionDraft, Status
from tests.conftest import NOW, TODAY

WORDS = Path(words.__file__).parent


def _literals(tree: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def test_no_sentence_counts_with_parenthesised_plurals():
    """`1 session(s)`: every count is written with words.plural, never with (s)."""
    found = [(p.name, text) for p in sorted(WORDS.glob("*.py"))
             for text in _literals(ast.parse(p.read_text(encoding="utf-8"))) if "(s)" in text]
    assert found == []


def _status(*gates: Gate) -> Status:
    return Status("me", 6, 7, 0, None, None, 0, None, None, None, TODAY, gates=gates)


def test_a_blocked_line_says_what_to_do_once():
    for reason in ("unanswered", "unacknowledged"):
        text = words.status_text(_status(Gate("condition", reason)))
        line = next(x for x in text.splitlines() if x.startswith("Blocked"))
        assert line.count(":") == 2, line  # "Blocked: why. To lift it: what." and no third
        assert "homekit profile condition" in line


# -- severity 0 is "no redness", everywhere ----------------------------------------------


def test_severity_zero_is_no_redness_never_still_red(cli_at_now):
    cli = cli_at_now
    assert cli("log", "--redness", "3").returncode == 0  # still red, as first seen
    assert cli("redness", "1", "--severity", "0").returncode == 0  # gone now
    chart = cli("chart", "--kind", "redness", "--text").stdout
    heading = chart.splitlines()[0]
    assert "no redness" in heading and "still red" not in heading
    assert "0 none" in cli("status").stdout
    assert words.fade_words(0, None) == "no redness" == words.fade_short(0, 15)
    assert words.fade_words(2, None) == "still red" and words.fade_short(2, 15) == "15 min"


# -- the "lasted" mark means what the legend says ---------------------------------------


def _report_warnings(db_path) -> tuple[str, ...]:
    """The report's warnings section, as its words write it."""
    from homekit.domain.document import Bullets
    from homekit.services import Homekit
    from homekit.words.report import warnings_section

    hk = Homekit.open(db_path, now=lambda: NOW)
    try:
        (section,) = warnings_section(hk.report.report_facts())
    finally:
        hk.close()
    (bullets,) = [b for b in section.blocks if isinstance(b, Bullets)]
    return bullets.items


def _status_of(db_path) -> Status:
    from homekit.services import Homekit

    hk = Homekit.open(db_path, now=lambda: NOW)
    try:
        return hk.status.status()
    finally:
        hk.close()


def test_redness_seen_still_red_then_fading_within_the_hour_has_no_lasted_mark(cli_at_now,
                                                                               db_path):
    cli = cli_at_now
    day = (TODAY - dt.timedelta(days=2)).isoformat()
    assert cli("log", "--date", day, "--time", "20:00", "--redness", "2").returncode == 0
    assert cli("redness", "1", "--severity", "2", "--faded-after", "30").returncode == 0
    chart = cli("chart", "--kind", "redness", "--text").stdout.splitlines()
    assert "▲ lasted or still red" in chart[-1]
    plot = "\n".join(chart[1:6])
    assert "▲" not in plot and "✖" not in plot and "●" in plot
    assert _report_warnings(db_path) == ("None fired.",)  # and no warning in the report
    # seen lasting 90 minutes: the mark, and the report's warning, with how it ended
    assert cli("redness", "1", "--severity", "2", "--faded-after", "90").returncode == 0
    chart = cli("chart", "--kind", "redness", "--text").stdout.splitlines()
    assert "▲" in "\n".join(chart[1:6])
    (warning,) = _report_warnings(db_path)
    assert "Redness lasted 90 minutes" in warning and "Lifted: recorded gone (faded after 90 min)" \
        in warning


# -- the report's gates read the facts status reads ----------------------------------------


def test_the_report_lifts_what_status_lifts(cli_at_now, db_path):
    cli = cli_at_now
    day = (TODAY - dt.timedelta(days=3)).isoformat()
    assert cli("log", "--date", day, "--time", "20:00", "--redness", "4").returncode == 0
    # severe, nothing since: status blocks, and the report says so
    assert _status_of(db_path).gate("redness") is not None
    (warning,) = _report_warnings(db_path)
    assert "Not lifted: logging is blocked" in warning and "homekit status" in warning
    # recorded gone: status lifts it, and so does the report (it said "Not lifted yet")
    assert cli("redness", "1", "--severity", "0").returncode == 0
    assert _status_of(db_path).gate("redness") is None
    (warning,) = _report_warnings(db_path)
    assert "Lifted: recorded gone (no redness)" in warning and "Not lifted" not in warning


def test_a_professionals_clearance_lifts_it_in_the_report_too(cli_at_now, db_path):
    cli = cli_at_now
    first = (TODAY - dt.timedelta(days=10)).isoformat()
    assert cli("log", "--date", first, "--redness", "4").returncode == 0
    assert cli("log", "--date", TODAY.isoformat()).returncode == 3  # blocked
    assert cli("log", "--cleared-by-professional").returncode == 0
    (warning,) = _report_warnings(db_path)
    assert "(session #1): Severe redness" in warning
    assert f"Lifted: a skin professional's clearance, given at the session of {TODAY} (#2)." \
        in warning


# -- a refused date names where a session can go -------------------------------------------


def _refusal(call) -> RuleViolation:
    with pytest.raises(RuleViolation) as refused:
        call()
    return refused.value


def test_a_refused_earlier_date_names_the_nearest_dates_that_can_be_logged(hk):
    """The issue's case: an earlier date too close to today's session named the next eligible
    date (in the future), which does not answer where the forgotten session can go."""
    hk.sessions.log_session(SessionDraft(TODAY))
    refusal = _refusal(lambda: hk.sessions.log_session(SessionDraft(TODAY - dt.timedelta(days=3))))
    text = words.error(refusal)
    assert "The latest earlier date you can log: 2026-11-18;" in text
    assert "the earliest later one: 2026-12-02 (in 7 days)." in text
    assert "Next eligible" not in text
    # today itself, refused: when the next one may be
    today = words.error(_refusal(lambda: hk.sessions.log_session(SessionDraft(TODAY))))
    assert today.endswith("Next eligible date: 2026-12-02 (in 7 days).")


def test_the_nearest_free_dates_jump_over_a_chain_of_sessions(hk):
    days = [dt.date(2026, 9, 1) + dt.timedelta(days=d) for d in (0, 8, 16, 24, 40)]
    for day in days:
        hk.sessions.log_session(SessionDraft(day))
    refusal = _refusal(lambda: hk.sessions.log_session(SessionDraft(dt.date(2026, 9, 20))))
    openings = refusal.facts["openings"]
    assert openings.earlier == dt.date(2026, 8, 25)  # before the whole chain
    assert openings.later == dt.date(2026, 10, 2)  # the gap between the 4th and the 5th
    text = words.error(refusal)
    assert "latest earlier date you can log: 2026-08-25; the earliest later one: 2026-10-02." \
        in text


def test_nearest_free_dates_are_those_a_day_by_day_search_finds(hk):
    import random

    rng = random.Random(23)
    day, dates = dt.date(2026, 1, 5), []
    while day < TODAY - dt.timedelta(days=30):
        dates.append(day)
        hk.sessions.log_session(SessionDraft(day))
        day += dt.timedelta(days=rng.choice((7, 8, 9, 12, 20)))

    def free(d: dt.date) -> bool:
        return all(abs((d - x).days) >= 7 for x in dates)

    for _ in range(40):
        attempted = rng.choice(dates) + dt.timedelta(days=rng.randint(-6, 6))
        if free(attempted):
            continue
        openings = _refusal(lambda a=attempted: hk.sessions.check_date(hk.profile(), a)).facts["openings"]
        earlier = next(attempted - dt.timedelta(days=k) for k in range(1, 400)
                       if free(attempted - dt.timedelta(days=k)))
        later = next(attempted + dt.timedelta(days=k) for k in range(1, 400)
                     if free(attempted + dt.timedelta(days=k)))
        assert (openings.earlier, openings.later) == (earlier, later), attempted


def test_an_edit_names_the_window_it_must_fit(hk):
    ids = [hk.sessions.log_session(SessionDraft(TODAY - dt.timedelta(days=d))).session.id
           for d in (40, 20, 0)]
    middle = ids[1]  # 2026-11-05, between 2026-10-16 and today
    refusal = _refusal(lambda: hk.sessions.edit_session(
        middle, SessionChanges(session_date=TODAY - dt.timedelta(days=3))))
    text = words.error(refusal)
    assert "eligible now" not in text and "Next eligible" not in text
    assert text.endswith("Between the sessions on 2026-10-16 and 2026-11-25 it fits on a date "
                         "from 2026-10-23 to 2026-11-18.")
    newest = _refusal(lambda: hk.sessions.edit_session(
        ids[2], SessionChanges(session_date=TODAY - dt.timedelta(days=22))))
    assert words.error(newest).endswith(
        "After the session on 2026-11-05 it fits on a date from 2026-11-12 to today.")
    oldest = _refusal(lambda: hk.sessions.edit_session(
        ids[0], SessionChanges(session_date=TODAY - dt.timedelta(days=18))))
    assert words.error(oldest).endswith(
        "Before the session on 2026-11-05 it fits on 2026-10-29 or any earlier date.")


# -- a session today cannot start later than now ---------------------------------------------


def test_a_start_time_later_than_now_is_refused_for_today(hk, cli_at_now):
    with pytest.raises(InvalidInput) as refused:
        hk.sessions.log_session(SessionDraft(TODAY, start_time="09:31"))  # NOW is 09:30
    assert refused.value.field == "time"
    assert words.error(refused.value) == (
        "a session today cannot start at 09:31: it is 09:30 now (log it once it has started, "
        "or give the date it took place)")
    assert hk.sessions.history() == []
    hk.sessions.log_session(SessionDraft(TODAY - dt.timedelta(days=8), start_time="23:00"))  # a past day
    done = hk.sessions.log_session(SessionDraft(TODAY, start_time="09:30")).session
    with pytest.raises(InvalidInput):
        hk.sessions.edit_session(done.id, SessionChanges(start_time="10:00"))
    out = cli_at_now("log", "--date", (TODAY - dt.timedelta(days=20)).isoformat(),
                     "--time", "23:00")
    assert out.returncode == 0
    out = cli_at_now("log", "--time", "21:15")
    assert out.returncode == 2 and "cannot start at 21:15: it is 09:30 now" in out.stderr
