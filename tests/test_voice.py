"""One voice: the messages agree with the facts and with each other, and read as sentences."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

from homekit import words
from homekit.domain.gates import Gate
from homekit.domain.models import Status
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
    return Status("me", 6, 7, 0, None, None, 0, None, None, None, False, TODAY, gates=gates)


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
    from homekit.services import Homekit

    hk = Homekit.open(db_path, now=lambda: NOW)
    try:
        return words.report_text(hk.report_facts()).warnings
    finally:
        hk.close()


def _status_of(db_path) -> Status:
    from homekit.services import Homekit

    hk = Homekit.open(db_path, now=lambda: NOW)
    try:
        return hk.status()
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
